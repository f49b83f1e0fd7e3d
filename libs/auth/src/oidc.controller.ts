import { BadRequestException, Controller, Get, Header, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, HubError, NotFoundError, Public } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { hubBaseUrl } from './base-url.js';
import { OidcRefusal, OidcSignInError, OidcSignInService, PENDING_PER_ADDRESS, SIGN_IN_TTL_SECONDS } from './oidc-sign-in.service.js';
import { type IssuedToken, TokensService } from './tokens.service.js';

/** The cookie that binds a sign-in to the browser that began it (HttpOnly, SameSite=Lax, only under /auth/oidc). */
export const OIDC_COOKIE = 'hub_oidc';
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The callback's query parameters and their longest accepted values; anything else is ignored. */
const CALLBACK_PARAMS: Record<string, number> = {
  code: 2048,
  state: 512,
  iss: 500,
  session_state: 500,
  error: 200,
  error_description: 500,
  error_uri: 500,
};
/** Longest URL accepted at the callback. */
const CALLBACK_MAX_URL = 6000;

function browserKey(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === OIDC_COOKIE && value && COOKIE_VALUE.test(value)) return value;
  }
  return undefined;
}

/**
 * Staff sign-in through their organisation's identity provider (OidcSignInService): the portal sends
 * the browser to `start`, the provider sends it back to `callback` (the one redirect URI, fixed by
 * PUBLIC_URL), which sends it on to the portal's sign-in page; the portal then takes the hub's token at
 * `token`, as it would from /auth/login. Nothing here redirects anywhere else.
 */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly signIns: OidcSignInService,
    private readonly tokens: TokensService,
  ) {}

  /** The organisations whose staff may sign in through their provider, for the sign-in page's choice. */
  @Public()
  @Get('providers')
  @Header('cache-control', 'no-store')
  async providers(): Promise<{ organisations: { organisationId: string; name: string }[] }> {
    return { organisations: await this.signIns.choices() };
  }

  @Public()
  @Get('start')
  async start(@Query('organisation') organisation: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (typeof organisation !== 'string' || !UUID.test(organisation)) {
      throw new HubError(ErrorCode.BadUserInput, 'organisation must be the id of an organisation', {
        fields: [{ field: 'organisation', messages: ['must be a UUID'] }],
      });
    }
    const base = hubBaseUrl(this.config, req);
    let begun: Awaited<ReturnType<OidcSignInService['start']>>;
    try {
      begun = await this.signIns.start(organisation, `${base}/auth/oidc/callback`, req.ip);
    } catch (err) {
      if ((err as Error).message === 'RATE_LIMITED') {
        throw new HubError(
          ErrorCode.RateLimited,
          `More than ${PENDING_PER_ADDRESS} sign-ins are waiting from your address; try again later`,
          {
            retryAfterSeconds: 60,
          },
        );
      }
      if (err instanceof OidcSignInError) return this.toPortal(reply, base, { error: err.reason });
      throw err;
    }
    if (!begun) throw new NotFoundError('Identity provider');
    return reply
      .status(302)
      .header('cache-control', 'no-store')
      .header('set-cookie', this.cookie(base, begun.browserKey, SIGN_IN_TTL_SECONDS))
      .header('location', begun.url)
      .send();
  }

  /** The redirect URI: checks the provider's answer, then sends the browser to the portal's sign-in page. */
  @Public()
  @Get('callback')
  async callback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const base = hubBaseUrl(this.config, req);
    if (req.url.length > CALLBACK_MAX_URL) return this.toPortal(reply, base, { error: OidcRefusal.InvalidToken }, true);
    const query = req.query as Record<string, unknown>;
    const answer = new URL(`${base}/auth/oidc/callback`);
    for (const [name, max] of Object.entries(CALLBACK_PARAMS)) {
      const value = query[name];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.length > max) return this.toPortal(reply, base, { error: OidcRefusal.InvalidToken }, true);
      answer.searchParams.set(name, value);
    }
    try {
      await this.signIns.complete(browserKey(req), answer);
    } catch (err) {
      if (!(err instanceof OidcSignInError)) throw err;
      return this.toPortal(reply, base, { error: err.reason }, true);
    }
    return this.toPortal(reply, base, { oidc: 'signed-in' });
  }

  /** The hub's token for the sign-in this browser completed, as /auth/login answers; once. */
  @Public()
  @Post('token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async token(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<IssuedToken> {
    if (req.headers['content-length'] && Number(req.headers['content-length']) > 1024) throw new BadRequestException();
    const found = await this.signIns.takeCompleted(browserKey(req));
    reply.header('set-cookie', this.cookie(hubBaseUrl(this.config, req), '', 0));
    if (!found)
      throw new HubError(ErrorCode.Unauthenticated, 'No completed sign-in of this browser: sign in again', {
        reason: OidcRefusal.NoSignIn,
      });
    return this.tokens.issue(`user:${found.user.id}`, found.organisation.id, undefined, [
      found.user.tokensValidAfter,
      found.organisation.tokensValidAfter,
    ]);
  }

  private cookie(base: string, value: string, maxAge: number): string {
    const secure = base.startsWith('https://') ? '; Secure' : '';
    return `${OIDC_COOKIE}=${value}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
  }

  /** To the portal's sign-in page on the hub's own origin, with a coded outcome; `clear`: forget the cookie. */
  private toPortal(reply: FastifyReply, base: string, query: Record<string, string>, clear = false): FastifyReply {
    if (clear) reply.header('set-cookie', this.cookie(base, '', 0));
    return reply
      .status(303)
      .header('cache-control', 'no-store')
      .header('location', `/sign-in?${new URLSearchParams(query).toString()}`)
      .send();
  }
}
