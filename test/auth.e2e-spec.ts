import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { webcrypto } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { UsersService } from '../libs/organisations/src/users.service.js';
import { DEMO_PASSWORD, startTestHub, type TestHub } from './support/hub.js';

const VIEWER = '{ viewer { kind name roles organisation { name kind } } }';
const EXTERNAL_ISSUER = 'https://id.partner.example';
const EXTERNAL_AUDIENCE = 'rehab-hub';

describe('authentication', () => {
  let hub: TestHub;
  let idp: Server;
  let idpKey: webcrypto.CryptoKey;
  let foreignKey: webcrypto.CryptoKey;

  beforeAll(async () => {
    // A stand-in identity provider publishing its keys at a JWKS URL.
    const pair = await generateKeyPair('RS256', { extractable: true });
    idpKey = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    idp = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
    const jwksUri = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/jwks`;
    foreignKey = (await generateKeyPair('ES256')).privateKey;
    hub = await startTestHub({
      OIDC_ISSUERS: JSON.stringify([{ issuer: EXTERNAL_ISSUER, jwksUri, audience: EXTERNAL_AUDIENCE }]),
      // Long enough that the delay after the lock-out test's failures is still running when it is checked.
      SIGN_IN_BASE_DELAY: '60',
    });
    const users = hub.app.get(UsersService);
    const worker = await users.findByEmail('mind.worker@demo.rehab-hub.example');
    await users.linkIdentity(null, worker!.id, EXTERNAL_ISSUER, 'idp-subject-42');
  });

  afterAll(async () => {
    await hub.close();
    idp.close();
  });

  async function viewerWith(token: string) {
    return hub.gql(VIEWER, {}, token);
  }

  describe('POST /auth/login', () => {
    it('returns a short-lived token whose viewer names the organisation', async () => {
      const res = await hub.http().post('/auth/login').send({ email: 'Housing.Worker@demo.rehab-hub.example', password: DEMO_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      const viewer = await viewerWith(res.body.access_token);
      expect(viewer.errors).toBeUndefined();
      expect(viewer.data).toEqual({
        viewer: {
          kind: 'USER',
          name: 'Hollie Caseworker',
          roles: ['CASEWORKER'],
          organisation: { name: 'Safe Harbour Housing Trust', kind: 'CHARITY' },
        },
      });
    });

    it('refuses a wrong password and an unknown account alike', async () => {
      const wrong = await hub.http().post('/auth/login').send({ email: 'trainer@demo.rehab-hub.example', password: 'not-the-password' });
      const unknown = await hub.http().post('/auth/login').send({ email: 'nobody@demo.rehab-hub.example', password: 'not-the-password' });
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: 'UNAUTHENTICATED', message: 'The email or password is not right' });
      }
    });

    it('says which fields are invalid', async () => {
      const res = await hub.http().post('/auth/login').send({ email: 'not-an-email' });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('BAD_USER_INPUT');
      expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password']);
    });

    it('delays sign-in to an account from a client after repeated failures, saying how long', async () => {
      const email = 'jobcentre.coach@demo.rehab-hub.example';
      for (let i = 0; i < 6; i++)
        expect(
          (
            await hub
              .http()
              .post('/auth/login')
              .send({ email, password: `wrong-${i}` })
          ).status,
        ).toBe(401);
      const res = await hub.http().post('/auth/login').send({ email, password: DEMO_PASSWORD });
      expect(res.status).toBe(429);
      expect(res.body.error).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
      expect(res.body.retryAfterSeconds).toBe(Number(res.headers['retry-after']));
    });
  });

  describe('bearer tokens', () => {
    it('without a token, viewer is UNAUTHENTICATED', async () => {
      const res = await hub.gql(VIEWER);
      expect(res.status).toBe(401);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    });

    async function hubClaims() {
      const token = await hub.tokenFor('trainer');
      const [header, payload] = token
        .split('.')
        .slice(0, 2)
        .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
      return { token, header, payload };
    }

    it('a tampered signature is refused', async () => {
      const { token } = await hubClaims();
      const [h, p, s] = token.split('.');
      const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
      expect((await viewerWith(`${h}.${p}.${flipped}`)).status).toBe(401);
    });

    it('a token signed by another key is refused', async () => {
      const { header, payload } = await hubClaims();
      const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: header.kid }).sign(foreignKey);
      expect((await viewerWith(forged)).status).toBe(401);
    });

    it('alg none is refused', async () => {
      const { payload } = await hubClaims();
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
      expect((await viewerWith(unsigned)).status).toBe(401);
    });

    it('an expired token is refused', async () => {
      const { payload } = await hubClaims();
      const expired = await new SignJWT({ ...payload, exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 1000 })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .sign(idpKey);
      expect((await viewerWith(expired)).status).toBe(401);
    });

    it('a token accepted before is refused once it expires (verified tokens are remembered only while they live)', async () => {
      const now = Math.floor(Date.now() / 1000);
      // Expired 3 s ago: still inside the 5 s clock tolerance for about 2 s more.
      const nearlyGone = await new SignJWT({
        sub: 'idp-subject-42',
        iss: EXTERNAL_ISSUER,
        aud: EXTERNAL_AUDIENCE,
        iat: now - 600,
        exp: now - 3,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .sign(idpKey);
      expect((await viewerWith(nearlyGone)).status).toBe(200);
      expect((await viewerWith(nearlyGone)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 3500));
      expect((await viewerWith(nearlyGone)).status).toBe(401);
    });

    it('wrong issuer or wrong audience is refused', async () => {
      const now = Math.floor(Date.now() / 1000);
      const base = { sub: 'idp-subject-42', iat: now, exp: now + 300 };
      const wrongIssuer = await new SignJWT({ ...base, iss: 'https://evil.example', aud: EXTERNAL_AUDIENCE })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .sign(idpKey);
      const wrongAudience = await new SignJWT({ ...base, iss: EXTERNAL_ISSUER, aud: 'someone-else' })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .sign(idpKey);
      // The hub's own audience is not the provider's: a provider token cannot borrow it.
      const hubAudience = await new SignJWT({ ...base, iss: EXTERNAL_ISSUER, aud: 'rehab-hub-api' })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .sign(idpKey);
      for (const token of [wrongIssuer, wrongAudience, hubAudience]) expect((await viewerWith(token)).status).toBe(401);
    });

    it('a token from a configured identity provider maps to the linked user', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ sub: 'idp-subject-42', iss: EXTERNAL_ISSUER, aud: EXTERNAL_AUDIENCE, iat: now, exp: now + 300 })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .sign(idpKey);
      const res = await viewerWith(token);
      expect(res.errors).toBeUndefined();
      expect(res.data).toMatchObject({ viewer: { name: 'Mo Support', organisation: { name: 'Clearview Mental Health' } } });
      const unlinked = await new SignJWT({ sub: 'someone-unknown', iss: EXTERNAL_ISSUER, aud: EXTERNAL_AUDIENCE, iat: now, exp: now + 300 })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .sign(idpKey);
      expect((await viewerWith(unlinked)).status).toBe(401);
    });

    it('publishes its public keys', async () => {
      const res = await hub.http().get('/.well-known/jwks.json');
      expect(res.status).toBe(200);
      expect(res.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(res.body.keys[0].d).toBeUndefined();
    });

    it('rejects an unknown purpose of use with a coded error', async () => {
      const res = await hub.gql(VIEWER, {}, await hub.tokenFor('trainer'), { 'x-purpose': 'curiosity' });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('POST /oauth/token (client credentials)', () => {
    let clientId: string;
    let clientSecret: string;

    beforeAll(async () => {
      const admin = await hub.tokenFor('probation.admin');
      const res = await hub.gql<{ createApiClient: { client: { clientId: string }; clientSecret: string } }>(
        `mutation { createApiClient(input: { name: "Case system sync", scopes: [PEOPLE_READ, SYNC] }) { client { clientId scopes } clientSecret } }`,
        {},
        admin,
      );
      expect(res.errors).toBeUndefined();
      clientId = res.data!.createApiClient.client.clientId;
      clientSecret = res.data!.createApiClient.clientSecret;
    });

    it('issues a token for the client, form-encoded or with HTTP Basic', async () => {
      const form = await hub
        .http()
        .post('/oauth/token')
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
      expect(form.status).toBe(200);
      expect(form.body).toMatchObject({ token_type: 'Bearer', scope: 'people:read sync' });
      const basic = await hub
        .http()
        .post('/oauth/token')
        .auth(clientId, clientSecret)
        .type('form')
        .send({ grant_type: 'client_credentials', scope: 'sync' });
      expect(basic.status).toBe(200);
      const viewer = await hub.gql<{ viewer: { kind: string; scopes: string[]; organisation: { name: string } } }>(
        '{ viewer { kind scopes organisation { name } } }',
        {},
        basic.body.access_token,
      );
      expect(viewer.data?.viewer).toEqual({ kind: 'CLIENT', scopes: ['SYNC'], organisation: { name: 'North West Probation Region' } });
    });

    it('refuses a wrong secret, an unknown grant and an ungranted scope per RFC 6749', async () => {
      const wrong = await hub
        .http()
        .post('/oauth/token')
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'nope' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe('invalid_client');
      const grant = await hub
        .http()
        .post('/oauth/token')
        .type('form')
        .send({ grant_type: 'password', client_id: clientId, client_secret: clientSecret });
      expect(grant.status).toBe(400);
      expect(grant.body.error).toBe('unsupported_grant_type');
      const scope = await hub
        .http()
        .post('/oauth/token')
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'reports:read' });
      expect(scope.status).toBe(400);
      expect(scope.body.error).toBe('invalid_scope');
    });

    it('stores only a hash of the secret', async () => {
      const rows: { secret_hash: string }[] = await hub.db.query('SELECT secret_hash FROM api_client WHERE client_id = $1', [clientId]);
      expect(rows[0].secret_hash).toMatch(/^\$argon2id\$/);
      expect(rows[0].secret_hash).not.toContain(clientSecret);
    });

    it('a revoked client is refused at its next request', async () => {
      const form = await hub
        .http()
        .post('/oauth/token')
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
      const token = form.body.access_token as string;
      expect((await viewerWith(token)).status).toBe(200);
      const admin = await hub.tokenFor('probation.admin');
      const list = await hub.gql<{ apiClients: { id: string; clientId: string }[] }>('{ apiClients { id clientId } }', {}, admin);
      const id = list.data!.apiClients.find((c) => c.clientId === clientId)!.id;
      const revoked = await hub.gql(`mutation($id: ID!) { revokeApiClient(id: $id) { active } }`, { id }, admin);
      expect(revoked.data).toEqual({ revokeApiClient: { active: false } });
      expect((await viewerWith(token)).status).toBe(401);
    });
  });
});
