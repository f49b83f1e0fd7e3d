import { request } from 'node:http';
import { DEMO_PASSWORD, gql, startHubAsUser, type StartedHub } from './support/started-hub.js';

const DOMAIN = 'demo.rehab-hub.example';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A POST from a chosen loopback address (the hub tells clients apart by their address). */
function post(hub: StartedHub, path: string, body: string, headers: Record<string, string>, localAddress = '127.0.0.1'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${hub.url}${path}`,
      { method: 'POST', localAddress, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let parsed: Record<string, unknown>;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = { text };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const login = (hub: StartedHub, who: string, password: string, from?: string) =>
  post(
    hub,
    '/auth/login',
    JSON.stringify({ email: who.includes('@') ? who : `${who}@${DOMAIN}`, password }),
    { 'content-type': 'application/json' },
    from,
  );

async function tokenOf(hub: StartedHub, who: string, password = DEMO_PASSWORD, from = '127.0.0.2'): Promise<string> {
  const res = await login(hub, who, password, from);
  if (res.status !== 200) throw new Error(`sign-in of ${who} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return String(res.body.access_token);
}

const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';
const CHANGE = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }';
const RESET = 'mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { passwordChangeRequired } }';

/**
 * Sign-in as an attacker meets it: many accounts from one client are throttled with growing delays
 * and Retry-After, the real user from another address still signs in, the throttle survives a restart
 * (it lives in PostgreSQL), client secrets are throttled alike; weak passwords are refused with a coded
 * error; a password can be changed, and reset by an admin with a forced change; a malformed HTTP Basic
 * header is a client error, never a 500.
 */
describe('sign-in (the hub started as a user starts it)', () => {
  let hub: StartedHub;
  // A first delay of two minutes, so that the delays are still running after a restart.
  const env = { SIGN_IN_BASE_DELAY: '120' };

  beforeAll(async () => {
    hub = await startHubAsUser({ env, keepData: true });
  }, 180_000);
  afterAll(() => hub?.stop());

  it('refuses weak passwords with a coded error (common, published demo password, made of the user’s own name)', async () => {
    const admin = await tokenOf(hub, 'housing.admin');
    for (const password of ['password1234', 'Rehab-Demo-2026!', 'Sam.Weakling2026!', 'short']) {
      const res = await gql(
        hub,
        CREATE_USER,
        { input: { email: 'sam.weakling@example.org', name: 'Sam Weakling', roles: ['CASEWORKER'], password } },
        admin,
      );
      expect({ password, code: res.errors?.[0]?.extensions?.code, reason: res.errors?.[0]?.extensions?.reason }).toEqual({
        password,
        code: 'BAD_USER_INPUT',
        reason: 'WEAK_PASSWORD',
      });
      expect(res.data ?? null).toBeNull();
    }
    const ok = await gql(
      hub,
      CREATE_USER,
      { input: { email: 'sam.weakling@example.org', name: 'Sam Weakling', roles: ['CASEWORKER'], password: 'Violet-Canal-Drifts-4417' } },
      admin,
    );
    expect(ok.errors).toBeUndefined();
  });

  it('changes a password with the current one (a weak or wrong one refused, coded), and an admin’s reset forces a change at the next sign-in', async () => {
    const admin = await tokenOf(hub, 'housing.admin');
    const created = await gql<{ createUser: { id: string } }>(
      hub,
      CREATE_USER,
      { input: { email: 'rita.reset@example.org', name: 'Rita Reset', roles: ['CASEWORKER'], password: 'Amber-Falcon-Wades-2291' } },
      admin,
    );
    const id = created.data!.createUser.id;
    const first = await tokenOf(hub, 'rita.reset@example.org', 'Amber-Falcon-Wades-2291');

    const wrong = await gql(hub, CHANGE, { input: { currentPassword: 'not-it-at-all', newPassword: 'Quiet-Harbour-Lamps-8812' } }, first);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WRONG_PASSWORD' });
    const weak = await gql(hub, CHANGE, { input: { currentPassword: 'Amber-Falcon-Wades-2291', newPassword: 'password1234' } }, first);
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEAK_PASSWORD' });
    const changed = await gql(
      hub,
      CHANGE,
      { input: { currentPassword: 'Amber-Falcon-Wades-2291', newPassword: 'Quiet-Harbour-Lamps-8812' } },
      first,
    );
    expect(changed.data).toEqual({ changePassword: true });
    expect((await gql(hub, '{ viewer { name } }', {}, first)).status).toBe(401);
    expect((await login(hub, 'rita.reset@example.org', 'Amber-Falcon-Wades-2291', '127.0.0.2')).status).toBe(401);
    const second = await tokenOf(hub, 'rita.reset@example.org', 'Quiet-Harbour-Lamps-8812');

    // The admin resets it: a weak temporary password is refused; the user's tokens stop working.
    const weakReset = await gql(hub, RESET, { input: { userId: id, temporaryPassword: 'password1234' } }, admin);
    expect(weakReset.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEAK_PASSWORD' });
    expect((await gql(hub, RESET, { input: { userId: id, temporaryPassword: 'Temporary-Gravel-Owl-5530' } }, admin)).data).toEqual({
      resetUserPassword: { passwordChangeRequired: true },
    });
    expect((await gql(hub, '{ viewer { name } }', {}, second)).status).toBe(401);

    // Signing in with the temporary password: a coded answer, and a token that allows only the change.
    const temporary = await login(hub, 'rita.reset@example.org', 'Temporary-Gravel-Owl-5530', '127.0.0.2');
    expect(temporary.status).toBe(403);
    expect(temporary.body.error).toBe('PASSWORD_CHANGE_REQUIRED');
    const limited = String(temporary.body.access_token);
    expect((await gql(hub, '{ viewer { passwordChangeRequired } }', {}, limited)).data).toEqual({
      viewer: { passwordChangeRequired: true },
    });
    const elsewhere = await gql(hub, '{ users(first: 1) { edges { node { id } } } }', {}, limited);
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(elsewhere.data ?? null).toBeNull();
    expect(
      (
        await gql(
          hub,
          CHANGE,
          { input: { currentPassword: 'Temporary-Gravel-Owl-5530', newPassword: 'Copper-Meadow-Sings-6604' } },
          limited,
        )
      ).data,
    ).toEqual({ changePassword: true });
    const after = await tokenOf(hub, 'rita.reset@example.org', 'Copper-Meadow-Sings-6604');
    expect((await gql(hub, '{ viewer { passwordChangeRequired } }', {}, after)).data).toEqual({
      viewer: { passwordChangeRequired: false },
    });
  });

  it('answers a malformed HTTP Basic header at /oauth/token with 400 or 401, never 500', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const basic = (raw: string) => ({ ...form, authorization: `Basic ${Buffer.from(raw).toString('base64')}` });
    const cases: [string, Record<string, string>, number][] = [
      ['bad % escape', basic('hc_abc%zz:secret%'), 400],
      ['not base64', { ...form, authorization: 'Basic !!!not-base64!!!' }, 401],
      ['no colon', basic('hc_abc'), 401],
      ['Basic and client_secret both', basic('hc_abc:one'), 400],
    ];
    for (const [what, headers, status] of cases) {
      const body = what.includes('both') ? 'grant_type=client_credentials&client_secret=two' : 'grant_type=client_credentials';
      const res = await post(hub, '/oauth/token', body, headers, '127.0.0.4');
      expect({ what, status: res.status, coded: typeof res.body.error }).toEqual({ what, status, coded: 'string' });
    }
  });

  let attackerAnswers: Answer[] = [];

  it('throttles one client trying many accounts (429, Retry-After, coded) while the real user signs in from another address', async () => {
    const accounts = ['probation.officer', 'housing.worker', 'trainer', 'mind.worker', 'employer', 'jobcentre.coach', 'prison.officer'];
    attackerAnswers = [];
    for (let i = 0; i < 40; i++) attackerAnswers.push(await login(hub, accounts[i % accounts.length], `guess-${i}-password`, '127.0.0.1'));
    const refused = attackerAnswers.filter((a) => a.status === 401).length;
    const throttled = attackerAnswers.filter((a) => a.status === 429);
    expect(refused).toBeLessThanOrEqual(21);
    expect(throttled.length).toBeGreaterThanOrEqual(19);
    for (const a of throttled) {
      expect(a.body.error).toBe('RATE_LIMITED');
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Even the right password is not checked from the throttled client...
    expect((await login(hub, 'probation.officer', DEMO_PASSWORD, '127.0.0.1')).status).toBe(429);
    // ...while the real user, elsewhere, signs in.
    expect((await login(hub, 'probation.officer', DEMO_PASSWORD, '127.0.0.2')).status).toBe(200);
  });

  it('throttles client-credential guessing at /oauth/token alike', async () => {
    const answers: Answer[] = [];
    const basic = `Basic ${Buffer.from('hc_someclient:wrong-secret').toString('base64')}`;
    for (let i = 0; i < 8; i++) {
      answers.push(
        await post(
          hub,
          '/oauth/token',
          'grant_type=client_credentials',
          { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
          '127.0.0.3',
        ),
      );
    }
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    const last = answers[answers.length - 1];
    expect(last.status).toBe(429);
    expect(last.body.error).toBe('RATE_LIMITED');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('keeps the throttle across a restart of the hub, and is alive and ready afterwards', async () => {
    const dataDir = hub.dataDir;
    await hub.stop();
    hub = await startHubAsUser({ env, dataDir });
    const res = await login(hub, 'housing.worker', DEMO_PASSWORD, '127.0.0.1');
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(hub, 'housing.worker', DEMO_PASSWORD, '127.0.0.2')).status).toBe(200);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 180_000);
});
