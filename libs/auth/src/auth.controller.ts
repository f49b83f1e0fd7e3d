import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, HubError, Public, SCOPES, type Scope } from '@hub/common';
import { ApiClientsService, UsersService } from '@hub/organisations';
import { LoginRequest } from './login.request.js';
import { LoginThrottle } from './login-throttle.js';
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

@Controller()
export class AuthController {
  private readonly throttle = new LoginThrottle();

  constructor(
    private readonly users: UsersService,
    private readonly clients: ApiClientsService,
    private readonly tokens: TokensService,
    private readonly keys: SigningKeysService,
  ) {}

  /** Email and password sign-in for people; returns a short-lived bearer token. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async login(@Body() body: LoginRequest): Promise<IssuedToken> {
    const key = body.email.trim().toLowerCase();
    if (this.throttle.blocked(key)) {
      throw new HubError(ErrorCode.RateLimited, 'Too many failed sign-in attempts; try again in 15 minutes');
    }
    const found = await this.users.verifyPassword(body.email, body.password);
    if (!found) {
      this.throttle.fail(key);
      throw new HubError(ErrorCode.Unauthenticated, 'The email or password is not right');
    }
    this.throttle.succeed(key);
    return this.tokens.issue(`user:${found.user.id}`, found.organisation.id);
  }

  /** OAuth 2.0 client-credentials grant (RFC 6749 section 4.4) for API clients. */
  @Public()
  @Post('oauth/token')
  async token(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = (req.body ?? {}) as TokenForm;
    let clientId = typeof form.client_id === 'string' ? form.client_id : undefined;
    let clientSecret = typeof form.client_secret === 'string' ? form.client_secret : undefined;
    const basic = req.headers.authorization?.match(/^Basic\s+(.+)$/i);
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        clientId = decodeURIComponent(decoded.slice(0, colon));
        clientSecret = decodeURIComponent(decoded.slice(colon + 1));
      }
    }
    if (form.grant_type !== 'client_credentials') {
      return void oauthError(reply, 400, form.grant_type ? 'unsupported_grant_type' : 'invalid_request', 'grant_type must be client_credentials');
    }
    if (!clientId || !clientSecret) return void oauthError(reply, 401, 'invalid_client', 'client authentication failed');
    const found = await this.clients.verifyCredentials(clientId, clientSecret);
    if (!found) return void oauthError(reply, 401, 'invalid_client', 'client authentication failed');
    let scopes: Scope[] = found.client.scopes;
    if (typeof form.scope === 'string' && form.scope.trim()) {
      const asked = form.scope.trim().split(/\s+/);
      const unknown = asked.filter((s) => !SCOPES.includes(s as Scope) || !found.client.scopes.includes(s as Scope));
      if (unknown.length) return void oauthError(reply, 400, 'invalid_scope', `not granted to this client: ${unknown.join(' ')}`);
      scopes = asked as Scope[];
    }
    const issued = await this.tokens.issue(`client:${found.client.id}`, found.organisation.id, scopes);
    reply.status(200).header('cache-control', 'no-store').send(issued);
  }

  /** Public keys for verifying the hub's tokens. */
  @Public()
  @Get('.well-known/jwks.json')
  jwks() {
    return this.keys.jwks();
  }
}
