import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { KeyObject } from 'node:crypto';
import { type Actor, Scope } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { ApiClientsService, userActor, UsersService } from '@hub/organisations';
import { ExternalIssuersService } from './external-issuers.service.js';
import { SigningKeysService } from './signing-keys.service.js';
import { HUB_TOKEN_TYPE, issuedBeforeInvalidation, tokenTimeProblem } from './token-rules.js';
import { VerifiedTokens } from './verified-tokens.js';

/** Only asymmetric algorithms: `none` and shared-secret HMAC tokens are always refused. */
export const ACCEPTED_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256'] as const;

interface Claims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  scope?: string;
  exp?: number;
  iat?: number;
  nbf?: number;
}

function audiences(aud: Claims['aud']): string[] {
  return aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
}

/** The key a token claims to be signed with: the hub's own (by kid) or a configured provider's (its JWKS). */
function keyLookup(config: HubConfig, keys: SigningKeysService, external: ExternalIssuersService) {
  return async (kid: string | undefined, iss: unknown): Promise<KeyObject | undefined> => {
    if (iss === config.jwtIssuer) return keys.publicKeyFor(kid);
    const provider = external.find(iss);
    return provider ? external.keyFor(provider, kid) : undefined;
  };
}

/** Set on the request by the key provider, read once the token is verified: what it was verified with. */
const VERIFIED_WITH = Symbol('verifiedWith');
interface WithKey {
  [VERIFIED_WITH]?: { key: KeyObject; kid: string | undefined; iss: unknown; typ: string | undefined };
}

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Verifies bearer tokens with passport-jwt: the hub's own (its signing key) and those of configured
 * identity providers (their JWKS), then loads the actor fresh from the database on every request,
 * so a deactivated user or revoked client is refused at once. A token verified once is not verified
 * again while it lives and its key is still the issuer's (VerifiedTokens); its actor still is.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly verified: VerifiedTokens<Claims>;
  private readonly keyFor: ReturnType<typeof keyLookup>;
  /** The `typ` header of the token being validated (set by authenticate() for a recalled token). */
  private static readonly RECALLED_TYP = Symbol('recalledTyp');

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly users: UsersService,
    private readonly clients: ApiClientsService,
    keys: SigningKeysService,
    external: ExternalIssuersService,
  ) {
    const keyFor = keyLookup(config, keys, external);
    super({
      jwtFromRequest: bearerToken,
      algorithms: [...ACCEPTED_ALGORITHMS],
      ignoreExpiration: false,
      issuer: [config.jwtIssuer, ...config.externalIssuers.map((i) => i.issuer)],
      audience: [config.jwtAudience, ...config.externalIssuers.map((i) => i.audience)],
      jsonWebTokenOptions: { clockTolerance: config.auth.clockSkewSeconds },
      passReqToCallback: true,
      secretOrKeyProvider: (req: WithKey, rawJwt: string, done: (err: unknown, key?: string | Buffer) => void) => {
        let kid: string | undefined;
        let iss: unknown;
        let typ: string | undefined;
        try {
          const header = decodeProtectedHeader(rawJwt);
          kid = header.kid;
          typ = header.typ;
          iss = decodeJwt(rawJwt).iss;
        } catch {
          done(new Error('malformed token'));
          return;
        }
        keyFor(kid, iss).then(
          (key) => {
            if (!key) {
              done(new Error('unknown issuer or key'));
              return;
            }
            req[VERIFIED_WITH] = { key, kid, iss, typ };
            done(null, key as unknown as Buffer);
          },
          (err) => done(err),
        );
      },
    });
    this.keyFor = keyFor;
    this.verified = new VerifiedTokens<Claims>(5000, config.auth.clockSkewSeconds);
  }

  /**
   * A token verified before, still live and whose key is still the issuer's, goes straight to
   * validate(); any other goes through passport-jwt's verification.
   */
  override authenticate(req: Parameters<Strategy['authenticate']>[0], options?: object): void {
    const token = bearerToken(req);
    const known = token ? this.verified.recall(token) : undefined;
    if (!token || !known) {
      super.authenticate(req, options);
      return;
    }
    this.keyFor(known.kid, known.iss)
      .then(async (key) => {
        if (key !== known.key) {
          this.verified.forget(token);
          super.authenticate(req, options);
          return;
        }
        (req as unknown as Record<symbol, unknown>)[JwtStrategy.RECALLED_TYP] = known.typ;
        const actor = await this.validate(req as WithKey, known.claims);
        if (actor) this.success(actor);
        else this.fail(401);
      })
      .catch((err) => this.error(err as Error));
  }

  /** Returns the actor, or false (401). The purpose and request id are filled in by the guard. */
  async validate(req: WithKey, claims: Claims): Promise<Actor | false> {
    const verifiedWith = req[VERIFIED_WITH];
    let typ: string | undefined;
    if (verifiedWith) {
      // Reached from passport-jwt: the token has just been verified with this key.
      delete req[VERIFIED_WITH];
      typ = verifiedWith.typ;
      const token = bearerToken(req as Parameters<typeof bearerToken>[0]);
      if (token) this.verified.remember(token, { claims, ...verifiedWith });
    } else {
      typ = (req as Record<symbol, unknown>)[JwtStrategy.RECALLED_TYP] as string | undefined;
      delete (req as Record<symbol, unknown>)[JwtStrategy.RECALLED_TYP];
    }
    const sub = claims.sub ?? '';
    const own = claims.iss === this.config.jwtIssuer;
    const rules = this.config.auth;
    // Every token: an expiry, an issue time not in the future, a lifetime within the configured maximum.
    const problem = tokenTimeProblem(claims, {
      now: Math.floor(Date.now() / 1000),
      skewSeconds: rules.clockSkewSeconds,
      maxLifetimeSeconds: own ? rules.hubTokenMaxLifetimeSeconds : rules.externalTokenMaxLifetimeSeconds,
    });
    if (problem) return false;
    const iat = claims.iat!;
    if (own) {
      // The hub's tokens are access tokens of RFC 9068: a JWT of another type (an ID token, a signed document) is not one.
      if (typeof typ !== 'string' || typ.toLowerCase() !== HUB_TOKEN_TYPE) return false;
      if (!audiences(claims.aud).includes(this.config.jwtAudience)) return false;
      if (sub.startsWith('user:')) {
        const found = await this.users.findActive(sub.slice(5));
        if (!found) return false;
        if (issuedBeforeInvalidation(iat, found.user.tokensValidAfter, found.organisation.tokensValidAfter)) return false;
        return userActor(found.user, found.organisation, found.teamIds);
      }
      if (sub.startsWith('client:')) {
        const found = await this.clients.findActive(sub.slice(7));
        if (!found) return false;
        if (issuedBeforeInvalidation(iat, found.client.tokensValidAfter, found.organisation.tokensValidAfter)) return false;
        const granted = new Set((claims.scope ?? '').split(' ').filter(Boolean));
        return {
          kind: 'client',
          id: found.client.id,
          displayName: found.client.name,
          organisationId: found.organisation.id,
          organisationKind: found.organisation.kind,
          organisationRegions: found.organisation.regions,
          supportAreas: found.organisation.supportAreas,
          roles: [],
          scopes: found.client.scopes.filter((s: Scope) => granted.has(s)),
          purpose: 'casework',
          requestId: '',
        };
      }
      return false;
    }
    const provider = this.config.externalIssuers.find((i) => i.issuer === claims.iss);
    if (!provider || !audiences(claims.aud).includes(provider.audience) || !sub) return false;
    const found = await this.users.findByIdentity(provider.issuer, sub);
    if (!found || issuedBeforeInvalidation(iat, found.user.tokensValidAfter, found.organisation.tokensValidAfter)) return false;
    return userActor(found.user, found.organisation, found.teamIds);
  }
}
