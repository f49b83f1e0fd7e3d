import { Injectable } from '@nestjs/common';
import passport from 'passport';
import type { Actor } from '@hub/common';
import { JwtStrategy } from './jwt.strategy.js';

/**
 * Checks a bearer token exactly as an HTTP request's (the same passport-jwt strategy: signature,
 * issuer, audience, expiry, then the user or client loaded fresh and active), for connections that
 * carry it elsewhere than in a header: a WebSocket's connection parameters.
 */
@Injectable()
export class BearerAuthenticator {
  /** Injected so that the strategy is registered with passport before the first check. */
  constructor(readonly strategy: JwtStrategy) {}

  /** The actor of `Bearer <token>`, or null when it is missing, malformed, expired or refused. */
  authenticate(authorization: unknown): Promise<Actor | null> {
    if (typeof authorization !== 'string' || !/^Bearer\s+[A-Za-z0-9._~+/=-]+$/i.test(authorization.trim())) return Promise.resolve(null);
    const req = { headers: { authorization: authorization.trim() } };
    return new Promise((resolve, reject) => {
      const authenticate = passport.authenticate('jwt', { session: false }, (err: unknown, user: Actor | false) =>
        err ? reject(err) : resolve(user || null),
      ) as (req: unknown, res: unknown, next: (err: unknown) => void) => void;
      authenticate(req, {}, (err: unknown) => (err ? reject(err) : resolve(null)));
    });
  }
}
