import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { SigningKeysService } from './signing-keys.service.js';

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope?: string;
}

/** Issues the hub's own short-lived access tokens. */
@Injectable()
export class TokensService {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly keys: SigningKeysService,
  ) {}

  async issue(subject: `user:${string}` | `client:${string}`, organisationId: string, scope?: string[]): Promise<IssuedToken> {
    const { privateKey, kid, alg } = await this.keys.key();
    const ttl = this.config.accessTokenTtlSeconds;
    const claims: Record<string, unknown> = { org: organisationId };
    if (scope) claims.scope = scope.join(' ');
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg, kid, typ: 'at+jwt' })
      .setIssuer(this.config.jwtIssuer)
      .setAudience(this.config.jwtAudience)
      .setSubject(subject)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${ttl}s`)
      .sign(privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, ...(scope ? { scope: scope.join(' ') } : {}) };
  }
}
