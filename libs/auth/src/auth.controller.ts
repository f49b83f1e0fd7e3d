import { Body, Controller, Get, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, HubError, Public, SCOPES, type Scope } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { ApiClientsService, UsersService } from '@hub/organisations';
import { hubBaseUrl } from './base-url.js';
import { LoginRequest } from './login.request.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { SigningKeysService } from './signing-keys.service.js';
import { type IssuedToken, TokensService } from './tokens.service.js';

type TokenForm = Partial<Record<'grant_type' | 'client_id' | 'client_secret' | 'scope', unknown>>;

function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header(status === 401 ? 'www-authenticate' : 'x-oauth', status === 401 ? 'Basic realm="rehab-hub"' : 'error')
    .send({ error, error_description: description });
}

/** `application/x-www-form-urlencoded` decoding of one value (RFC 6749 section 2.3.1); undefined when malformed. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

@Controller()
export class AuthController {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly users: UsersService,
    private readonly clients: ApiClientsService,
    private readonly tokens: TokensService,
    private readonly keys: SigningKeysService,
    private readonly throttle: SignInThrottle,
  ) {}

  /**
   * Email and password sign-in for people; returns a short-lived bearer token. Throttled per client
   * address and per account (SignInThrottle). A user whose password an admin reset gets 403
   * PASSWORD_CHANGE_REQUIRED with a token that allows only changePassword (and viewer).
   */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async login(
    @Body() body: LoginRequest,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedToken | Record<string, unknown>> {
    const keys = this.throttle.keys('user', body.email, req.ip);
    const wait = await this.throttle.retryAfter(keys);
    if (wait > 0) {
      throw new HubError(ErrorCode.RateLimited, `Too many failed sign-in attempts; try again in ${wait} s`, { retryAfterSeconds: wait });
    }
    const found = await this.users.verifyPassword(body.email, body.password);
    if (!found) {
      await this.throttle.fail(keys);
      throw new HubError(ErrorCode.Unauthenticated, 'The email or password is not right');
    }
    await this.throttle.succeed(keys);
    if (!found.organisation.passwordSignIn) {
      throw new HubError(
        ErrorCode.Forbidden,
        'Your organisation signs in through its own identity provider: choose it on the sign-in page',
        {
          reason: 'PASSWORD_SIGN_IN_OFF',
        },
      );
    }
    const issued = await this.tokens.issue(`user:${found.user.id}`, found.organisation.id, undefined, [
      found.user.tokensValidAfter,
      found.organisation.tokensValidAfter,
    ]);
    if (found.user.passwordChangeRequired) {
      reply.status(403);
      return {
        error: ErrorCode.PasswordChangeRequired,
        message: 'Your password was reset: choose a new one with the changePassword mutation, using this token',
        ...issued,
      };
    }
    return issued;
  }

  /** OAuth 2.0 client-credentials grant (RFC 6749 section 4.4) for API clients. */
  @Public()
  @Post('oauth/token')
  async token(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = (req.body ?? {}) as TokenForm;
    let clientId = typeof form.client_id === 'string' ? form.client_id : undefined;
    let clientSecret = typeof form.client_secret === 'string' ? form.client_secret : undefined;
    const authorization = req.headers.authorization;
    if (authorization !== undefined && !/^Basic\s/i.test(authorization)) {
      return void oauthError(reply, 401, 'invalid_client', 'client authentication is HTTP Basic or client_secret in the form');
    }
    const basic = authorization?.match(/^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i);
    if (authorization !== undefined) {
      const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
      const colon = decoded.indexOf(':');
      if (colon <= 0)
        return void oauthError(reply, 401, 'invalid_client', 'the Basic credentials are not client_id:client_secret in base64');
      const id = formDecode(decoded.slice(0, colon));
      const secret = formDecode(decoded.slice(colon + 1));
      if (id === undefined || secret === undefined) {
        return void oauthError(
          reply,
          400,
          'invalid_request',
          'the client_id and client_secret in the Basic credentials must be form-encoded (RFC 6749 section 2.3.1)',
        );
      }
      if (clientSecret !== undefined || (clientId !== undefined && clientId !== id)) {
        return void oauthError(
          reply,
          400,
          'invalid_request',
          'use one client authentication method: HTTP Basic or client_secret in the form, not both',
        );
      }
      clientId = id;
      clientSecret = secret;
    }
    if (form.grant_type !== 'client_credentials') {
      return void oauthError(
        reply,
        400,
        form.grant_type ? 'unsupported_grant_type' : 'invalid_request',
        'grant_type must be client_credentials',
      );
    }
    if (!clientId || !clientSecret) return void oauthError(reply, 401, 'invalid_client', 'client authentication failed');
    // Client secrets are guessed no faster than passwords: the same throttle, per address and per client.
    const keys = this.throttle.keys('client', clientId, req.ip);
    const wait = await this.throttle.retryAfter(keys);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return void oauthError(reply, 429, ErrorCode.RateLimited, `too many failed client authentications; try again in ${wait} s`);
    }
    const found = await this.clients.verifyCredentials(clientId, clientSecret);
    if (!found) {
      await this.throttle.fail(keys);
      return void oauthError(reply, 401, 'invalid_client', 'client authentication failed');
    }
    await this.throttle.succeed(keys);
    let scopes: Scope[] = found.client.scopes;
    if (typeof form.scope === 'string' && form.scope.trim()) {
      const asked = form.scope.trim().split(/\s+/);
      const unknown = asked.filter((s) => !SCOPES.includes(s as Scope) || !found.client.scopes.includes(s as Scope));
      if (unknown.length) return void oauthError(reply, 400, 'invalid_scope', `not granted to this client: ${unknown.join(' ')}`);
      scopes = asked as Scope[];
    }
    const issued = await this.tokens.issue(`client:${found.client.id}`, found.organisation.id, scopes, [
      found.client.tokensValidAfter,
      found.organisation.tokensValidAfter,
    ]);
    reply.status(200).header('cache-control', 'no-store').send(issued);
  }

  /** Public keys for verifying the hub's tokens. */
  @Public()
  @Get('.well-known/jwks.json')
  jwks() {
    return this.keys.jwks();
  }

  /**
   * Authorization server metadata (RFC 8414), so that a standard OAuth client finds the token endpoint,
   * the keys and what is supported from the hub's URL alone. The issuer is PUBLIC_URL; without it
   * (outside production), the URL the request was made to.
   */
  @Public()
  @Get('.well-known/oauth-authorization-server')
  @Header('cache-control', 'no-store')
  metadata(@Req() req: FastifyRequest) {
    const issuer = this.issuerUrl(req);
    return {
      issuer,
      token_endpoint: `${issuer}/oauth/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: SCOPES,
      response_types_supported: [],
    };
  }

  private issuerUrl(req: FastifyRequest): string {
    return hubBaseUrl(this.config, req, 'Authorization server metadata (set PUBLIC_URL)');
  }
}
