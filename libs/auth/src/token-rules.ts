/** The media type of the hub's own access tokens (RFC 9068 section 2.1): the `typ` header they carry. */
export const HUB_TOKEN_TYPE = 'at+jwt';

export interface TimeClaims {
  exp?: unknown;
  iat?: unknown;
  nbf?: unknown;
}

export interface TokenRules {
  /** Now, in seconds since the epoch. */
  now: number;
  /** Clock difference allowed, in seconds. */
  skewSeconds: number;
  /** Longest lifetime (exp - iat) accepted, in seconds. */
  maxLifetimeSeconds: number;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Why a verified token must still be refused for its times, or null when they are acceptable: every
 * token must say when it was issued (`iat`) and when it ends (`exp`), must not claim to be issued in
 * the future (beyond the clock skew), and must not live longer than the configured maximum. The
 * signature, issuer, audience and `exp` itself in the past are checked before this (passport-jwt).
 */
export function tokenTimeProblem(claims: TimeClaims, rules: TokenRules): string | null {
  if (!isTime(claims.exp)) return 'the token has no expiry (exp)';
  if (!isTime(claims.iat)) return 'the token does not say when it was issued (iat)';
  if (claims.iat > rules.now + rules.skewSeconds) return 'the token was issued in the future (iat)';
  if (claims.exp <= claims.iat) return 'the token expires before it was issued';
  if (claims.exp - claims.iat > rules.maxLifetimeSeconds) return 'the token lives longer than the hub accepts';
  if (claims.exp > rules.now + rules.maxLifetimeSeconds + rules.skewSeconds) return 'the token lives longer than the hub accepts';
  if (claims.nbf !== undefined && !isTime(claims.nbf)) return 'the token has a malformed nbf';
  return null;
}

/**
 * Tokens issued before this instant (a deactivation, a password change or reset, a client's
 * revocation) are refused. Returns the first `iat` still accepted, in seconds to the millisecond
 * (RFC 7519 NumericDate may be fractional): strictly after the instant. Whole seconds would not do: a
 * token issued in the same second as a later invalidation would either survive it or have to carry
 * the next second, and then survive an invalidation made within that second. The hub issues its
 * tokens with an `iat` to the millisecond, no earlier than this (see TokensService); a partner's token
 * (whole seconds) issued in the second of an invalidation is refused, and the partner issues another.
 */
export function firstAcceptedIat(validAfter: Date | null | undefined): number {
  if (!validAfter) return 0;
  return (validAfter.getTime() + 1) / 1000;
}

/** True when a token issued at `iat` predates any of the given instants. */
export function issuedBeforeInvalidation(iat: number, ...instants: (Date | null | undefined)[]): boolean {
  return instants.some((instant) => iat < firstAcceptedIat(instant));
}
