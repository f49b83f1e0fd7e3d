import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import * as oauth from 'openid-client';
import WebSocket from 'ws';
import { gql, signIn, startHubAsUser, type StartedHub } from './support/started-hub.js';

const VIEWER = '{ viewer { kind name } }';
const NEW_PASSWORD = 'Marble-Otter-Glides-7351';

function claimsOf(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
  return { header, payload };
}

/** Opens a graphql-transport-ws connection with the token: 'ack', or the close code the hub answered. */
function wsConnect(hub: StartedHub, token: string): Promise<'ack' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('no answer over WebSocket')), 10_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') {
        clearTimeout(timer);
        socket.close();
        resolve('ack');
      }
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', () => undefined);
  });
}

/**
 * Bearer tokens the hub must refuse though their signature is good or their issuer known: no expiry,
 * a ten-year lifetime, issued in the future, not of the hub's type, unsigned, signed with a key the
 * hub does not know, issued before a deactivation or a password change; each answers 401 with a
 * Bearer challenge, over HTTP and over WebSocket. And the RFC 8414 discovery document, used as a
 * standard OAuth client uses it.
 */
describe('tokens (the hub started as a user starts it)', () => {
  let hub: StartedHub;
  let hubKey: KeyObject;
  let officer: string;
  let officerToken: string;

  beforeAll(async () => {
    // The hub signs with a key given to it, so that the test can mint tokens with the hub's own key.
    hubKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    hub = await startHubAsUser({ env: { JWT_PRIVATE_KEY: hubKey.export({ format: 'pem', type: 'pkcs8' }).toString() } });
    officerToken = await signIn(hub, 'probation.officer');
    officer = String(claimsOf(officerToken).payload.sub);
  }, 180_000);
  afterAll(() => hub?.stop());

  const now = () => Math.floor(Date.now() / 1000);
  function mint(claims: Record<string, unknown>, header: Record<string, unknown> = {}, key: KeyObject = hubKey): Promise<string> {
    const real = claimsOf(officerToken);
    return new SignJWT({ iss: real.payload.iss as string, aud: real.payload.aud as string, sub: officer, org: real.payload.org, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: real.header.kid as string, typ: 'at+jwt', ...header })
      .sign(key);
  }

  async function expectRefused(token: string, what: string) {
    const res = await gql(hub, VIEWER, {}, token);
    expect({ what, status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({ what, status: 401, code: 'UNAUTHENTICATED' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="rehab-hub", error="invalid_token"/);
  }

  it('accepts a well-formed token minted with its key (so the refusals below are about what they vary)', async () => {
    const res = await gql(hub, VIEWER, {}, await mint({ iat: now(), exp: now() + 600 }));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ viewer: { kind: 'USER', name: 'Priya Officer' } });
  });

  it('refuses no exp, a ten-year exp, a future iat, no iat, a wrong or missing typ, alg none and an unknown key, with a Bearer challenge', async () => {
    const unsigned = (payload: Record<string, unknown>) =>
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    const variants: [string, string][] = [
      ['no exp', await mint({ iat: now() })],
      ['ten-year exp', await mint({ iat: now(), exp: now() + 10 * 365 * 86400 })],
      ['iat an hour ahead', await mint({ iat: now() + 3600, exp: now() + 3900 })],
      ['no iat', await mint({ exp: now() + 600 })],
      ['typ JWT', await mint({ iat: now(), exp: now() + 600 }, { typ: 'JWT' })],
      ['no typ', await mint({ iat: now(), exp: now() + 600 }, { typ: undefined })],
      ['alg none', unsigned({ ...claimsOf(officerToken).payload })],
      ['unknown key', await mint({ iat: now(), exp: now() + 600 }, {}, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)],
    ];
    for (const [what, token] of variants) await expectRefused(token, what);
    const none = await gql(hub, VIEWER);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="rehab-hub"');
  });

  it('refuses the same tokens over WebSocket (one bearer check for both)', async () => {
    expect(await wsConnect(hub, await mint({ iat: now(), exp: now() + 600 }))).toBe('ack');
    expect(await wsConnect(hub, await mint({ iat: now() }))).toBe(4401);
    expect(await wsConnect(hub, await mint({ iat: now(), exp: now() + 10 * 365 * 86400 }))).toBe(4401);
    expect(await wsConnect(hub, await mint({ iat: now(), exp: now() + 600 }, { typ: 'JWT' }))).toBe(4401);
  });

  it('a token from before a deactivation stays dead once the user is active again', async () => {
    const admin = await signIn(hub, 'probation.admin');
    const before = await signIn(hub, 'probation.manager');
    const id = String(claimsOf(before).payload.sub).slice(5);
    expect((await gql(hub, VIEWER, {}, before)).status).toBe(200);
    const set = (active: boolean) =>
      gql(
        hub,
        'mutation($id: ID!, $active: Boolean) { updateUser(input: { id: $id, active: $active }) { active } }',
        { id, active },
        admin,
      );
    expect((await set(false)).data).toEqual({ updateUser: { active: false } });
    await expectRefused(before, 'while deactivated');
    expect((await set(true)).data).toEqual({ updateUser: { active: true } });
    await expectRefused(before, 'issued before the deactivation, after the reactivation');
    // A new sign-in works at once, even within the same second.
    expect((await gql(hub, VIEWER, {}, await signIn(hub, 'probation.manager'))).status).toBe(200);
  });

  it('a token from before a password change is refused; one after it works', async () => {
    const before = await signIn(hub, 'probation.dpo');
    const changed = await gql(
      hub,
      'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }',
      { input: { currentPassword: 'Security-Test-Demo-Pass-2026', newPassword: NEW_PASSWORD } },
      before,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data).toEqual({ changePassword: true });
    await expectRefused(before, 'issued before the password change');
    expect((await gql(hub, VIEWER, {}, await signIn(hub, 'probation.dpo', NEW_PASSWORD))).status).toBe(200);
  });

  it('publishes RFC 8414 metadata that a standard OAuth client (openid-client) uses as it is: discovery, client credentials, the token on /graphql; rotation and revocation kill its tokens', async () => {
    const res = await fetch(`${hub.url}/.well-known/oauth-authorization-server`);
    expect(res.status).toBe(200);
    const metadata = (await res.json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      issuer: hub.url,
      token_endpoint: `${hub.url}/oauth/token`,
      jwks_uri: `${hub.url}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
      scopes_supported: expect.arrayContaining(['people:read']),
    });

    const admin = await signIn(hub, 'probation.admin');
    const created = await gql<{ createApiClient: { client: { clientId: string }; clientSecret: string } }>(
      hub,
      'mutation { createApiClient(input: { name: "Standard client", scopes: [PEOPLE_READ] }) { client { clientId } clientSecret } }',
      {},
      admin,
    );
    const { client, clientSecret } = created.data!.createApiClient;
    const config = await oauth.discovery(new URL(hub.url), client.clientId, undefined, oauth.ClientSecretBasic(clientSecret), {
      algorithm: 'oauth2',
      execute: [oauth.allowInsecureRequests],
    });
    const grant = await oauth.clientCredentialsGrant(config, { scope: 'people:read' });
    expect(grant.token_type.toLowerCase()).toBe('bearer');
    const viewer = await gql(hub, '{ viewer { kind scopes } }', {}, grant.access_token);
    expect(viewer.data).toEqual({ viewer: { kind: 'CLIENT', scopes: ['PEOPLE_READ'] } });

    // A rotated secret: the old secret and the tokens issued with it stop working; the new one works.
    const id = (
      await gql<{ apiClients: { id: string; clientId: string }[] }>(hub, '{ apiClients { id clientId } }', {}, admin)
    ).data!.apiClients.find((c) => c.clientId === client.clientId)!.id;
    const rotated = await gql<{ rotateApiClientSecret: { clientSecret: string } }>(
      hub,
      'mutation($id: ID!) { rotateApiClientSecret(id: $id) { clientSecret } }',
      { id },
      admin,
    );
    await expectRefused(grant.access_token, 'client token after secret rotation');
    await expect(oauth.clientCredentialsGrant(config)).rejects.toThrow();
    const renewed = await oauth.discovery(
      new URL(hub.url),
      client.clientId,
      undefined,
      oauth.ClientSecretPost(rotated.data!.rotateApiClientSecret.clientSecret),
      {
        algorithm: 'oauth2',
        execute: [oauth.allowInsecureRequests],
      },
    );
    const second = await oauth.clientCredentialsGrant(renewed);
    expect((await gql(hub, VIEWER, {}, second.access_token)).status).toBe(200);

    // Revoked: the client's tokens from before stay dead.
    const revoked = await gql(hub, 'mutation($id: ID!) { revokeApiClient(id: $id) { active } }', { id }, admin);
    expect(revoked.data).toEqual({ revokeApiClient: { active: false } });
    await expectRefused(second.access_token, 'client token after revocation');
  });

  it('is alive and ready afterwards', async () => {
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });
});
