import type { KeyObject } from 'node:crypto';

/** What a token was verified with, and the claims it carried. */
export interface VerifiedToken<C> {
  claims: C;
  /** The key the signature was checked against: the token is trusted again only while that key is still the issuer's. */
  key: KeyObject;
  kid: string | undefined;
  iss: unknown;
  /** The `typ` header of the token. */
  typ?: string;
  /** `exp`, in seconds since the epoch. */
  exp: number;
}

/**
 * Bearer tokens whose signature, issuer, audience and lifetime have been verified, kept until they
 * expire (with the same clock tolerance as the verification), so that a client sending the same
 * token on every request has its signature checked once per process rather than on each request.
 * Only the verification is remembered: the user or client behind a token is still loaded fresh on
 * every request. Bounded: past `max` tokens, the oldest is forgotten first.
 */
export class VerifiedTokens<C extends { exp?: unknown }> {
  private readonly entries = new Map<string, VerifiedToken<C>>();

  constructor(
    private readonly max = 5000,
    private readonly toleranceSeconds = 5,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Remembers a token just verified. Tokens without an expiry are never remembered. */
  remember(token: string, entry: Omit<VerifiedToken<C>, 'exp'>): void {
    const exp = entry.claims.exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp) || !this.live(exp)) return;
    this.entries.delete(token);
    while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { ...entry, exp });
  }

  /** The verification of this exact token, while it has not expired. */
  recall(token: string): VerifiedToken<C> | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.live(entry.exp)) return entry;
    this.entries.delete(token);
    return undefined;
  }

  forget(token: string): void {
    this.entries.delete(token);
  }

  /** As the verification itself decides: expired once now >= exp + tolerance. */
  private live(exp: number): boolean {
    return Math.floor(this.now() / 1000) < exp + this.toleranceSeconds;
  }
}
