import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { type Actor, Scope } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { ApiClientsService, UsersService } from '@hub/organisations';
import { ExternalIssuersService } from './external-issuers.service.js';
import { SigningKeysService } from './signing-keys.service.js';

/** Only asymmetric algorithms: `none` and shared-secret HMAC tokens are always refused. */
export const ACCEPTED_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256'] as const;

interface Claims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  scope?: string;
}

function audiences(aud: Claims['aud']): string[] {
  return aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
}

/**
 * Verifies bearer tokens with passport-jwt: the hub's own (its signing key) and those of configured
 * identity providers (their JWKS), then loads the actor fresh from the database on every request,
 * so a deactivated user or revoked client is refused at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly users: UsersService,
    private readonly clients: ApiClientsService,
    keys: SigningKeysService,
    external: ExternalIssuersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: [...ACCEPTED_ALGORITHMS],
      ignoreExpiration: false,
      issuer: [config.jwtIssuer, ...config.externalIssuers.map((i) => i.issuer)],
      audience: [config.jwtAudience, ...config.externalIssuers.map((i) => i.audience)],
      jsonWebTokenOptions: { clockTolerance: 5 },
      secretOrKeyProvider: (_req: unknown, rawJwt: string, done: (err: unknown, key?: string | Buffer) => void) => {
        let kid: string | undefined;
        let iss: unknown;
        try {
          kid = decodeProtectedHeader(rawJwt).kid;
          iss = decodeJwt(rawJwt).iss;
        } catch {
          return done(new Error('malformed token'));
        }
        if (iss === config.jwtIssuer) {
          keys.publicKeyFor(kid).then(
            (key) => (key ? done(null, key as unknown as Buffer) : done(new Error('unknown key'))),
            (err) => done(err),
          );
          return;
        }
        const provider = external.find(iss);
        if (!provider) return done(new Error('unknown issuer'));
        external.keyFor(provider, kid).then(
          (key) => (key ? done(null, key as unknown as Buffer) : done(new Error('unknown key'))),
          (err) => done(err),
        );
      },
    });
  }

  /** Returns the actor, or false (401). The purpose and request id are filled in by the guard. */
  async validate(claims: Claims): Promise<Actor | false> {
    const sub = claims.sub ?? '';
    if (claims.iss === this.config.jwtIssuer) {
      if (!audiences(claims.aud).includes(this.config.jwtAudience)) return false;
      if (sub.startsWith('user:')) {
        const found = await this.users.findActive(sub.slice(5));
        if (!found) return false;
        return this.userActor(found.user, found.organisation);
      }
      if (sub.startsWith('client:')) {
        const found = await this.clients.findActive(sub.slice(7));
        if (!found) return false;
        const granted = new Set((claims.scope ?? '').split(' ').filter(Boolean));
        return {
          kind: 'client',
          id: found.client.id,
          displayName: found.client.name,
          organisationId: found.organisation.id,
          organisationKind: found.organisation.kind,
          organisationRegions: found.organisation.regions,
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
    return found ? this.userActor(found.user, found.organisation) : false;
  }

  private userActor(
    user: { id: string; name: string; email: string; roles: Actor['roles'] },
    organisation: { id: string; kind: Actor['organisationKind']; regions: string[] },
  ): Actor {
    return {
      kind: 'user',
      id: user.id,
      displayName: user.name,
      email: user.email,
      organisationId: organisation.id,
      organisationKind: organisation.kind,
      organisationRegions: organisation.regions,
      roles: user.roles,
      scopes: Object.values(Scope),
      purpose: 'casework',
      requestId: '',
    };
  }
}
