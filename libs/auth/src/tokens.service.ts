import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { SigningKeysService } from './signing-keys.service.js';
import { firstAcceptedIat, HUB_TOKEN_TYPE } from './token-rules.js';

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

  /**
   * `invalidatedAt`: the instants before which the subject's tokens are refused (its own, its
   * organisation's). `iat` is to the millisecond (see firstAcceptedIat), never before the first one
   * accepted; `exp` is in whole seconds, so the lifetime is at most the configured one.
   */
  async issue(
    subject: `user:${string}` | `client:${string}`,
    organisationId: string,
    scope?: string[],
    invalidatedAt: (Date | null | undefined)[] = [],
  ): Promise<IssuedToken> {
    const { privateKey, kid, alg } = await this.keys.key();
    const ttl = this.config.accessTokenTtlSeconds;
    const claims: Record<string, unknown> = { org: organisationId };
    if (scope) claims.scope = scope.join(' ');
    const iat = Math.max(Date.now() / 1000, ...invalidatedAt.map(firstAcceptedIat));
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg, kid, typ: HUB_TOKEN_TYPE })
      .setIssuer(this.config.jwtIssuer)
      .setAudience(this.config.jwtAudience)
      .setSubject(subject)
      .setIssuedAt(iat)
      .setJti(randomUUID())
      .setExpirationTime(Math.floor(iat + ttl))
      .sign(privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, ...(scope ? { scope: scope.join(' ') } : {}) };
  }
}
