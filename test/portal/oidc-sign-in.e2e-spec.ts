import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { decodeJwt } from 'jose';
import { startTestHub, type TestHub } from '../support/hub.js';
import { startTestProvider, type TestProvider } from '../support/oidc-provider.js';
import { launchBrowser, screenshot, seriousViolations } from './browser.js';

const DEMO = '@demo.rehab-hub.example';
const T = 120_000;
const HOUSING = 'Safe Harbour Housing Trust';
const MIND = 'Clearview Mental Health';
const TRAINING = 'Forge Skills Training';

const SET_PROVIDER = `mutation($input: SetIdentityProviderInput!) {
  setIdentityProvider(input: $input) { organisationId issuer clientId identityClaim mfaRequired provisionUsers passwordSignIn }
}`;
const LINK = 'mutation($input: LinkUserIdentityInput!) { linkUserIdentity(input: $input) { id identities { issuer subject } } }';

describe('staff sign-in through their organisation’s own OpenID Connect provider (a real provider, a real browser)', () => {
  let hub: TestHub;
  let provider: TestProvider;
  let browser: Browser;
  let url: string;
  const orgs: Record<string, string> = {};
  const users: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    provider = await startTestProvider(`${url}/auth/oidc/callback`);
    browser = await launchBrowser();
    const admin = await hub.tokenFor('hub.admin');
    const all = await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, admin);
    for (const o of all.data!.organisations) orgs[o.name] = o.id;
    for (const [org, who] of [
      [HOUSING, 'housing.worker'],
      [MIND, 'mind.worker'],
    ]) {
      const members = await hub.gql<{ users: { edges: { node: { id: string; email: string } }[] } }>(
        'query($org: ID) { users(organisationId: $org, first: 100) { edges { node { id email } } } }',
        { org: orgs[org] },
        admin,
      );
      users[who] = members.data!.users.edges.find((e) => e.node.email === `${who}${DEMO}`)!.node.id;
    }
    const base = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret };
    // Safe Harbour's own admin sets its provider and links its caseworker to the provider's "alice".
    const housingAdmin = await hub.tokenFor('housing.admin');
    const set = await hub.gql(SET_PROVIDER, { input: base }, housingAdmin);
    expect(set.errors).toBeUndefined();
    const linked = await hub.gql(LINK, { input: { userId: users['housing.worker'], subject: 'alice' } }, housingAdmin);
    expect(linked.errors).toBeUndefined();
    // Clearview asks for a second factor; Forge creates users at their first sign-in.
    expect(
      (await hub.gql(SET_PROVIDER, { input: { ...base, organisationId: orgs[MIND], mfaRequired: true } }, admin)).errors,
    ).toBeUndefined();
    expect((await hub.gql(LINK, { input: { userId: users['mind.worker'], subject: 'mia' } }, admin)).errors).toBeUndefined();
    const forge = await hub.gql(SET_PROVIDER, { input: { ...base, organisationId: orgs[TRAINING], provisionUsers: true } }, admin);
    expect(forge.errors).toBeUndefined();
  }, T);

  afterAll(async () => {
    await browser?.close();
    await provider?.close();
    await hub?.close();
  });

  afterEach(() => {
    if (provider) provider.tamper = null;
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  /** From the portal's sign-in page through the provider's login page; resolves once back on the portal. */
  async function throughProvider(page: Page, organisation: string, login: string, mfa = false): Promise<string[]> {
    const callbacks: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${url}/auth/oidc/callback`)) callbacks.push(r.url());
    });
    await page.goto(`${url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in with your organisation’s account' }).waitFor();
    await page.getByLabel('Your organisation', { exact: true }).selectOption({ label: organisation });
    await page.getByRole('button', { name: 'Continue to your organisation’s sign-in' }).click();
    await page.getByRole('heading', { name: 'Partner sign-in' }).waitFor();
    expect(page.url().startsWith(provider.issuer)).toBe(true);
    await page.getByLabel('Username').fill(login);
    if (mfa) await page.getByLabel('I used my security key').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${url}/`) && !u.pathname.startsWith('/auth/'));
    return callbacks;
  }

  async function refusedWith(page: Page, code: string, message: RegExp): Promise<void> {
    await page.waitForURL(/\/sign-in\?error=/);
    expect(new URL(page.url()).searchParams.get('error')).toBe(code);
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(message);
    expect(await page.evaluate('sessionStorage.getItem("hub.token")')).toBeNull();
  }

  it(
    'signs a linked caseworker in through the provider, with the hub’s own token; the code cannot be replayed',
    async () => {
      const { context, page } = await newPage();
      try {
        const callbacks = await throughProvider(page, HOUSING, 'alice');
        await page.getByRole('heading', { name: 'My caseload' }).waitFor();
        await screenshot(page, 'oidc-signed-in');
        const token = (await page.evaluate('sessionStorage.getItem("hub.token")')) as string;
        const claims = decodeJwt(token);
        expect(claims.sub).toBe(`user:${users['housing.worker']}`);
        expect(claims.iss).not.toBe(provider.issuer);
        const viewer = await hub.gql<{ viewer: { email: string } }>('{ viewer { email } }', {}, token);
        expect(viewer.data?.viewer.email).toBe(`housing.worker${DEMO}`);
        // The callback this browser was sent to, again: the sign-in it answered is used up.
        expect(callbacks).toHaveLength(1);
        expect(new URL(callbacks[0]).searchParams.get('code')).toBeTruthy();
        await page.evaluate('sessionStorage.clear()');
        await page.goto(callbacks[0]);
        await refusedWith(page, 'OIDC_NO_SIGN_IN', /took too long or was already used/);
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    'refuses an identity linked to no user of an organisation that does not create users, and says why',
    async () => {
      const { context, page } = await newPage();
      try {
        await throughProvider(page, HOUSING, 'stranger');
        await refusedWith(page, 'OIDC_NOT_LINKED', /not linked to a user/);
        await screenshot(page, 'oidc-not-linked');
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    'refuses a sign-in without a second factor where the organisation asks for one, and accepts one with it',
    async () => {
      const { context, page } = await newPage();
      try {
        await throughProvider(page, MIND, 'mia');
        await refusedWith(page, 'OIDC_MFA_REQUIRED', /second factor/);
      } finally {
        await context.close();
      }
      // A new browser (the provider would otherwise keep the first sign-in's session).
      const again = await newPage();
      try {
        await throughProvider(again.page, MIND, 'mia', true);
        await again.page.waitForURL((u) => !u.pathname.startsWith('/sign-in') || u.search.includes('error'));
        expect(provider.lastIdToken).toMatchObject({ amr: ['pwd', 'hwk', 'mfa'], acr: 'urn:test:mfa' });
        expect(again.page.url()).not.toContain('error=');
        await again.page.getByRole('heading', { name: 'My caseload' }).waitFor();
        const token = (await again.page.evaluate('sessionStorage.getItem("hub.token")')) as string;
        expect(decodeJwt(token).sub).toBe(`user:${users['mind.worker']}`);
      } finally {
        await again.context.close();
      }
    },
    T,
  );

  it(
    'creates a user with no roles at the first sign-in where the organisation allows it (and only in that organisation)',
    async () => {
      const { context, page } = await newPage();
      try {
        await throughProvider(page, TRAINING, 'newbie');
        await page.getByRole('heading', { name: 'My caseload' }).waitFor();
        const token = (await page.evaluate('sessionStorage.getItem("hub.token")')) as string;
        const viewer = await hub.gql<{ viewer: { email: string; roles: string[]; organisationId: string } }>(
          '{ viewer { email roles organisationId } }',
          {},
          token,
        );
        expect(viewer.data?.viewer).toEqual({ email: 'newbie@partner.example', roles: [], organisationId: orgs[TRAINING] });
      } finally {
        await context.close();
      }
      // The same identity through Safe Harbour's provider is not Safe Harbour's user.
      const other = await newPage();
      try {
        await throughProvider(other.page, HOUSING, 'newbie');
        await refusedWith(other.page, 'OIDC_NOT_LINKED', /not linked/);
      } finally {
        await other.context.close();
      }
    },
    T,
  );

  it.each([
    ['a wrong issuer', 'OIDC_WRONG_ISSUER', (c: Record<string, unknown>) => ({ ...c, iss: 'http://127.0.0.1:1/elsewhere' })],
    ['a wrong audience', 'OIDC_WRONG_AUDIENCE', (c: Record<string, unknown>) => ({ ...c, aud: 'another-client' })],
    [
      'an expired token',
      'OIDC_TOKEN_EXPIRED',
      (c: Record<string, unknown>) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }),
    ],
  ])(
    'refuses an ID token with %s (re-signed by the provider’s own key)',
    async (_what, code, tamper) => {
      provider.tamper = tamper;
      const { context, page } = await newPage();
      try {
        await throughProvider(page, HOUSING, 'alice');
        await refusedWith(page, code, /./);
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    'lets the organisation’s admin link a user to the provider in the portal (the user then signs in through it) and unlink them',
    async () => {
      const { context, page } = await newPage();
      page.on('dialog', (d) => void d.accept());
      const card = page.locator('li.card', { hasText: `housing.manager${DEMO}` });
      try {
        await page.goto(`${url}/sign-in`);
        await page.getByLabel('Email address').fill(`housing.admin${DEMO}`);
        await page.getByLabel('Password').fill('Test-Demo-Password-1');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        await page.goto(`${url}/admin/users`);
        await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
        expect(await card.textContent()).toContain(`Not linked to an account at ${provider.issuer}`);
        await card.getByRole('button', { name: /^Link/ }).click();
        await card.getByRole('button', { name: 'Link account' }).click();
        await card.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
        await card.getByLabel(/^Account id of/).fill('harry');
        await card.getByRole('button', { name: 'Link account' }).click();
        await card.getByText(`Signs in through ${provider.issuer} as harry`).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, 'users-identity-linked');
      } finally {
        await context.close();
      }
      const managerId = async () =>
        (
          await hub.gql<{ users: { edges: { node: { id: string; email: string } }[] } }>(
            '{ users(first: 100) { edges { node { id email } } } }',
            {},
            await hub.tokenFor('housing.admin'),
          )
        ).data!.users.edges.find((e) => e.node.email === `housing.manager${DEMO}`)!.node.id;
      const linked = await newPage();
      try {
        await throughProvider(linked.page, HOUSING, 'harry');
        await linked.page.getByRole('navigation', { name: 'Main' }).waitFor();
        const token = (await linked.page.evaluate('sessionStorage.getItem("hub.token")')) as string;
        expect(decodeJwt(token).sub).toBe(`user:${await managerId()}`);
      } finally {
        await linked.context.close();
      }
      const again = await newPage();
      again.page.on('dialog', (d) => void d.accept());
      try {
        await again.page.goto(`${url}/sign-in`);
        await again.page.getByLabel('Email address').fill(`housing.admin${DEMO}`);
        await again.page.getByLabel('Password').fill('Test-Demo-Password-1');
        await again.page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await again.page.getByRole('navigation', { name: 'Main' }).waitFor();
        await again.page.goto(`${url}/admin/users`);
        const row = again.page.locator('li.card', { hasText: `housing.manager${DEMO}` });
        await row.getByRole('button', { name: /^Unlink/ }).click();
        await row.getByText(`Not linked to an account at ${provider.issuer}`).waitFor();
      } finally {
        await again.context.close();
      }
      const refused = await newPage();
      try {
        await throughProvider(refused.page, HOUSING, 'harry');
        await refusedWith(refused.page, 'OIDC_NOT_LINKED', /not linked/);
      } finally {
        await refused.context.close();
      }
    },
    T,
  );

  describe('at the hub’s routes', () => {
    async function start(organisation: string): Promise<{ cookie: string; authorize: URL }> {
      const res = await hub.http().get(`/auth/oidc/start?organisation=${organisation}`).redirects(0);
      expect(res.status).toBe(302);
      const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(setCookie[0]).toMatch(/^hub_oidc=[A-Za-z0-9_-]{43}; Path=\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600/);
      const authorize = new URL(res.headers.location);
      expect(authorize.origin).toBe(provider.issuer);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('redirect_uri')).toMatch(/\/auth\/oidc\/callback$/);
      expect(authorize.searchParams.get('nonce')).toBeTruthy();
      return { cookie: setCookie[0].split(';')[0], authorize };
    }

    it('refuses an answer whose state is not the one this browser’s sign-in sent, and the sign-in is then used up', async () => {
      const { cookie, authorize } = await start(orgs[HOUSING]);
      const wrong = await hub.http().get('/auth/oidc/callback?code=abc&state=not-the-state').set('cookie', cookie).redirects(0);
      expect(wrong.status).toBe(303);
      expect(wrong.headers.location).toBe('/sign-in?error=OIDC_STATE_MISMATCH');
      const state = authorize.searchParams.get('state')!;
      const again = await hub.http().get(`/auth/oidc/callback?code=abc&state=${state}`).set('cookie', cookie).redirects(0);
      expect(again.headers.location).toBe('/sign-in?error=OIDC_NO_SIGN_IN');
    });

    it('refuses an answer brought by another browser (no cookie, or another one)', async () => {
      const { authorize } = await start(orgs[HOUSING]);
      const state = authorize.searchParams.get('state')!;
      const none = await hub.http().get(`/auth/oidc/callback?code=abc&state=${state}`).redirects(0);
      expect(none.headers.location).toBe('/sign-in?error=OIDC_NO_SIGN_IN');
      const other = await start(orgs[HOUSING]);
      const crossed = await hub.http().get(`/auth/oidc/callback?code=abc&state=${state}`).set('cookie', other.cookie).redirects(0);
      expect(crossed.headers.location).toBe('/sign-in?error=OIDC_STATE_MISMATCH');
    });

    it('answers a token only for a completed sign-in of this browser; bad input is refused with codes', async () => {
      const none = await hub.http().post('/auth/oidc/token').send({});
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ error: 'UNAUTHENTICATED' });
      expect(JSON.stringify(none.body)).not.toMatch(/at .*\.js/);
      const bad = await hub.http().get('/auth/oidc/start?organisation=../../evil');
      expect(bad.status).toBe(400);
      const unknown = await hub.http().get('/auth/oidc/start?organisation=00000000-0000-4000-8000-000000000000');
      expect(unknown.status).toBe(404);
      const long = await hub
        .http()
        .get(`/auth/oidc/callback?code=${'a'.repeat(3000)}&state=x`)
        .redirects(0);
      expect(long.headers.location).toBe('/sign-in?error=OIDC_INVALID_TOKEN');
    });

    it('lists the organisations with a provider, and never a client secret', async () => {
      const res = await hub.http().get('/auth/oidc/providers');
      expect(res.status).toBe(200);
      expect((res.body as { organisations: { name: string }[] }).organisations.map((o) => o.name)).toEqual(
        [MIND, HOUSING, TRAINING].sort(),
      );
      expect(JSON.stringify(res.body)).not.toContain(provider.clientSecret);
      const read = await hub.gql('{ identityProvider { issuer clientId } }', {}, await hub.tokenFor('housing.admin'));
      expect(JSON.stringify(read)).not.toContain(provider.clientSecret);
      const stored = (await hub.db.query('SELECT client_secret FROM organisation_identity_provider')) as { client_secret: string }[];
      for (const row of stored) expect(row.client_secret).not.toContain(provider.clientSecret);
    });

    it('limits the sign-ins waiting from one address', async () => {
      await hub.db.query('DELETE FROM oidc_sign_in');
      for (let i = 0; i < 20; i++) await start(orgs[HOUSING]);
      const over = await hub.http().get(`/auth/oidc/start?organisation=${orgs[HOUSING]}`).redirects(0);
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ error: 'RATE_LIMITED' });
      await hub.db.query('DELETE FROM oidc_sign_in');
    });
  });

  describe('linking and password sign-in, by the organisation’s admin', () => {
    it('never links a user of another organisation (NOT_FOUND, as for no user)', async () => {
      const res = await hub.gql(LINK, { input: { userId: users['mind.worker'], subject: 'x' } }, await hub.tokenFor('housing.admin'));
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses to link an identity another user holds', async () => {
      const res = await hub.gql(LINK, { input: { userId: users['housing.worker'], subject: 'newbie' } }, await hub.tokenFor('hub.admin'));
      expect(res.errors?.[0].extensions?.code).toBe('ALREADY_EXISTS');
    });

    it('turns password sign-in off for its organisation: a right password is then refused with a code', async () => {
      const admin = await hub.tokenFor('housing.admin');
      const before = await hub
        .http()
        .post('/auth/login')
        .send({ email: `housing.worker${DEMO}`, password: 'Test-Demo-Password-1' });
      expect(before.status).toBe(200);
      const off = await hub.gql(
        SET_PROVIDER,
        { input: { issuer: provider.issuer, clientId: provider.clientId, passwordSignIn: false } },
        admin,
      );
      expect(off.errors).toBeUndefined();
      const after = await hub
        .http()
        .post('/auth/login')
        .send({ email: `housing.worker${DEMO}`, password: 'Test-Demo-Password-1' });
      expect(after.status).toBe(403);
      expect(after.body).toMatchObject({ error: 'FORBIDDEN', reason: 'PASSWORD_SIGN_IN_OFF' });
      const elsewhere = await hub
        .http()
        .post('/auth/login')
        .send({ email: `mind.worker${DEMO}`, password: 'Test-Demo-Password-1' });
      expect(elsewhere.status).toBe(200);
    });
  });
});
