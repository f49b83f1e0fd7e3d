import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on loopback, in-process, for tests of the staff
 * sign-in. Its login page takes any username and a "second factor" checkbox (amr `mfa`, acr
 * `urn:test:mfa`); `tamper` re-signs the ID token of the next token responses with the provider's own
 * key after changing its claims, to show that the hub's checks (not a broken signature) refuse it.
 */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Changes the claims of every ID token the token endpoint answers with while set. */
  tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null;
  /** The claims of the last ID token the token endpoint answered with (before any tampering). */
  lastIdToken?: Record<string, unknown>;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  let raw = '';
  for await (const chunk of req) raw += String(chunk);
  return new URLSearchParams(raw);
}

export async function startTestProvider(redirectUri: string, clientId = 'hub-portal'): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-provider', alg: 'RS256', use: 'sig' };
  const clientSecret = 'test-provider-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
      openid: ['sub', 'acr', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        email: `${id}@partner.example`,
        email_verified: true,
        name: `${id[0].toUpperCase()}${id.slice(1)} Partner`,
      }),
    }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // Consent is not what these tests are about: the hub's client is granted what it asks.
    loadExistingGrant: async (ctx: Parameters<Parameters<Provider['use']>[0]>[0]) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const handle: TestProvider = { issuer, clientId, clientSecret, tamper: null, close: async () => undefined };
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && body?.id_token) handle.lastIdToken = decodeJwt(body.id_token);
    if (ctx.path === '/token' && ctx.status === 200 && handle.tamper && body?.id_token) {
      const claims = handle.tamper(decodeJwt(body.id_token));
      body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-provider' }).sign(privateKey);
    }
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const m = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (!m) {
      callback(req, res);
      return;
    }
    void (async () => {
      try {
        await provider.interactionDetails(req, res);
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
            page(
              'Partner sign-in',
              `<form method="post" action="/interaction/${m[1]}">
                 <label for="login">Username</label> <input id="login" name="login" autocomplete="off">
                 <input type="checkbox" id="mfa" name="mfa" value="1"> <label for="mfa">I used my security key</label>
                 <button type="submit">Continue</button>
               </form>`,
            ),
          );
          return;
        }
        const fields = await form(req);
        const mfa = fields.get('mfa') === '1';
        await provider.interactionFinished(
          req,
          res,
          {
            login: {
              accountId: fields.get('login') || 'nobody',
              amr: mfa ? ['pwd', 'hwk', 'mfa'] : ['pwd'],
              acr: mfa ? 'urn:test:mfa' : 'urn:test:pwd',
            },
          },
          { mergeWithLastSubmission: false },
        );
      } catch (err) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(String((err as Error).message));
      }
    })();
  });
  handle.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return handle;
}
