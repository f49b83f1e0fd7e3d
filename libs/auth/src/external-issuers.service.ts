import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JWK } from 'jose';
import { HUB_CONFIG, type ExternalIssuerConfig, type HubConfig } from '@hub/config';

interface CachedKeys {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

const CACHE_MS = 10 * 60_000;
const MIN_REFETCH_MS = 30_000;

/** Keys of the configured external identity providers, fetched from their JWKS URLs and cached. */
@Injectable()
export class ExternalIssuersService {
  private readonly logger = new Logger('ExternalIssuers');
  private readonly cache = new Map<string, CachedKeys>();
  private readonly inflight = new Map<string, Promise<CachedKeys>>();

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  find(issuer: unknown): ExternalIssuerConfig | undefined {
    return this.config.externalIssuers.find((i) => i.issuer === issuer);
  }

  async keyFor(issuer: ExternalIssuerConfig, kid: string | undefined): Promise<KeyObject | undefined> {
    let cached = this.cache.get(issuer.issuer);
    const stale = !cached || Date.now() - cached.fetchedAt > CACHE_MS;
    const unknownKid = cached && kid !== undefined && !cached.keys.has(kid) && Date.now() - cached.fetchedAt > MIN_REFETCH_MS;
    if (stale || unknownKid) cached = await this.fetch(issuer).catch(() => cached);
    if (!cached) return undefined;
    if (kid !== undefined) return cached.keys.get(kid);
    return cached.keys.size === 1 ? [...cached.keys.values()][0] : undefined;
  }

  private fetch(issuer: ExternalIssuerConfig): Promise<CachedKeys> {
    let pending = this.inflight.get(issuer.issuer);
    if (!pending) {
      pending = (async () => {
        try {
          const res = await fetch(issuer.jwksUri, { signal: AbortSignal.timeout(5000) });
          if (!res.ok) throw new Error(`JWKS ${res.status}`);
          const body = (await res.json()) as { keys?: JWK[] };
          const keys = new Map<string, KeyObject>();
          for (const jwk of body.keys ?? []) {
            if (jwk.use && jwk.use !== 'sig') continue;
            try {
              keys.set(jwk.kid ?? '', createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }));
            } catch {
              /* skip keys we cannot use */
            }
          }
          const entry = { keys, fetchedAt: Date.now() };
          this.cache.set(issuer.issuer, entry);
          return entry;
        } catch (err) {
          this.logger.warn(`could not fetch keys of ${issuer.issuer}: ${(err as Error).message}`);
          throw err;
        } finally {
          this.inflight.delete(issuer.issuer);
        }
      })();
      this.inflight.set(issuer.issuer, pending);
    }
    return pending;
  }
}
