import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LiveEvents } from '../../libs/events/src/index.js';
import { DEMO_PASSWORD, eventually, startTestHub, type TestHub } from '../support/hub.js';
import { launchBrowser, screenshot, seriousViolations } from './browser.js';

/**
 * The live portal in Chromium: the housing caseworker has her referral inbox open when probation
 * sends her organisation a referral; it appears without a reload and a polite live region says so.
 * A caseworker of another organisation, her inbox open too, hears nothing of it (and does hear of
 * her own). A task her manager assigns her appears in "My day" and on the Tasks screen the same way.
 * Deactivated by her admin, her open tab receives nothing more and does not reconnect; signing out
 * closes the connection. The pages run under the portal's own Content-Security-Policy (no bypass),
 * so the WebSocket is allowed by it. axe on each changed screen, with its announcement showing.
 */
const DEMO = '@demo.rehab-hub.example';
const T = 180_000;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Gql<D> {
  data?: D | null;
  errors?: unknown[];
}

describe('live updates in the portal (graphql-ws)', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let probation: string;
  let orgs: Record<string, string>;
  let hollieId: string;
  let ruthId: string;
  const contexts: BrowserContext[] = [];
  /** The housing caseworker (Hollie) and the mental health charity's caseworker (Mo). */
  let hollie: Page;
  let mo: Page;

  const ok = <D>(r: Gql<D>): D => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  /** Subscriptions the hub is serving now (each open screen's list is one). */
  const served = () => hub.app.get(LiveEvents).listeners;
  const until = (n: number, what: string) => eventually(async () => served() === n || null, 15_000, what);
  const region = (page: Page) => page.locator('[role="status"][aria-live="polite"].live-news');

  async function newPerson(givenName: string, familyName: string): Promise<string> {
    const made = ok(
      await hub.gql<{ createPerson: { person: { id: string } } }>(
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input: { givenName, familyName, dateOfBirth: '1987-03-09', region: 'north_west', confirmNew: true } },
        probation,
      ),
    );
    return made.createPerson.person.id;
  }

  async function refer(personId: string, to: string, serviceCode: string): Promise<void> {
    ok(
      await hub.gql(
        'mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }',
        { input: { personId, toOrganisationId: orgs[to], serviceCode, reason: 'Needs support after release', sharedCategories: [] } },
        probation,
      ),
    );
  }

  async function assign(title: string): Promise<void> {
    ok(
      await hub.gql(
        'mutation($input: AssignTaskInput!) { assignTask(input: $input) { id } }',
        {
          input: {
            personId: ruthId,
            assigneeUserId: hollieId,
            title,
            description: 'Please see to it today.',
            dueOn: new Date().toISOString().slice(0, 10),
          },
        },
        await hub.tokenFor('housing.manager'),
      ),
    );
  }

  async function signIn(who: string): Promise<Page> {
    // No bypassCSP: the portal's own policy must let it open its WebSocket.
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill(`${who}${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My caseload' }).waitFor();
    // Set once: still there after an update shows that the page was not reloaded.
    await page.evaluate('window.__samePage = true');
    return page;
  }

  const notReloaded = async (page: Page) => expect(await page.evaluate('window.__samePage === true')).toBe(true);
  const go = (page: Page, link: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();

  /** axe under the page's CSP: axe is evaluated through the browser's devtools channel, not added as a script tag. */
  async function axe(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    await page.evaluate(axeSource);
    expect(await seriousViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    probation = await hub.tokenFor('probation.officer');
    const o = ok(await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, probation));
    orgs = Object.fromEntries(o.organisations.map((x) => [x.name, x.id]));
    hollieId = ok(await hub.gql<{ viewer: { id: string } }>('{ viewer { id } }', {}, await hub.tokenFor('housing.worker'))).viewer.id;
    // Ruth: worked with by the housing trust, with her consent to share accommodation information with it.
    ruthId = await newPerson('Ruth', 'Calloway');
    ok(
      await hub.gql(
        'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }',
        { input: { personId: ruthId, organisationId: orgs['Safe Harbour Housing Trust'], role: 'PROVIDER' } },
        probation,
      ),
    );
    ok(
      await hub.gql(
        'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
        {
          input: {
            personId: ruthId,
            organisationId: orgs['Safe Harbour Housing Trust'],
            purpose: 'ACCOMMODATION',
            method: 'VERBAL',
            personPresent: true,
          },
        },
        probation,
      ),
    );
  }, T);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await hub?.close();
  });

  it(
    'a referral sent to her organisation appears in her open inbox and is announced; the other organisation hears nothing of it',
    async () => {
      const before = served();
      hollie = await signIn('housing.worker');
      await go(hollie, 'Referrals');
      await hollie.getByText('There are no open referrals in your inbox that match.').waitFor();
      await until(before + 1, 'her inbox listens');
      mo = await signIn('mind.worker');
      await go(mo, 'Referrals');
      await mo.getByText('There are no open referrals in your inbox that match.').waitFor();
      await until(before + 2, 'his inbox listens');
      expect(await region(hollie).textContent()).toBe('');

      await refer(await newPerson('Sam', 'Ortega'), 'Safe Harbour Housing Trust', 'accommodation_support');

      await hollie.getByRole('heading', { level: 2, name: 'Sam Ortega' }).waitFor();
      await region(hollie).getByText('A new referral has arrived.').waitFor();
      await hollie.getByRole('button', { name: 'Open (1)' }).waitFor();
      await notReloaded(hollie);
      await axe(hollie, 'live-inbox');

      // He saw nothing; then a referral to his own organisation reaches him (his connection works).
      expect(await region(mo).textContent()).toBe('');
      expect(await mo.getByRole('heading', { level: 2 }).count()).toBe(0);
      await refer(await newPerson('Lena', 'Frost'), 'Clearview Mental Health', 'mental_health_support');
      await mo.getByRole('heading', { level: 2, name: 'Lena Frost' }).waitFor();
      await region(mo).getByText('A new referral has arrived.').waitFor();
      await notReloaded(mo);
      expect(await hollie.getByRole('heading', { level: 2, name: 'Lena Frost' }).count()).toBe(0);
      expect(await hollie.getByRole('heading', { level: 2 }).count()).toBe(1);
    },
    T,
  );

  it(
    'a task her manager assigns her appears in "My day" and on the Tasks screen without a reload; the other organisation hears nothing',
    async () => {
      const before = served();
      // Each "My day" listens to referrals and tasks: one inbox subscription each is replaced by two.
      await go(hollie, 'My day');
      await go(mo, 'My day');
      await hollie.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
      await mo.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
      await hollie.getByText('No task is assigned to you or due today.').waitFor();
      await until(before + 2, 'both "My day" pages listen');
      expect(await region(hollie).textContent()).toBe('');

      await assign('Ring the landlord about the deposit');

      const tasks = hollie.getByRole('region', { name: /Tasks due/ });
      await tasks.getByText('Ring the landlord about the deposit').waitFor();
      await region(hollie).getByText('A task has been assigned to you.').waitFor();
      await hollie.getByRole('heading', { name: 'Tasks due (1)' }).waitFor();
      await notReloaded(hollie);
      await axe(hollie, 'live-day');
      expect(await region(mo).textContent()).toBe('');
      expect(await mo.getByText('Ring the landlord').count()).toBe(0);

      await go(hollie, 'Tasks');
      await hollie.getByRole('heading', { level: 2, name: 'Ring the landlord about the deposit' }).waitFor();
      expect(await region(hollie).textContent()).toBe('');
      await until(before + 1, 'her tasks list listens (and "My day" no longer does)');
      await assign('Book the tenancy sign-up');
      await hollie.getByRole('heading', { level: 2, name: 'Book the tenancy sign-up' }).waitFor();
      await region(hollie).getByText('A task has been assigned to you.').waitFor();
      await notReloaded(hollie);
      await axe(hollie, 'live-tasks');
      expect(await mo.getByText('Book the tenancy').count()).toBe(0);
    },
    T,
  );

  it(
    'deactivated, her open inbox receives nothing more and does not reconnect; signing out closes the connection',
    async () => {
      await go(hollie, 'Referrals');
      await hollie.getByRole('heading', { level: 2, name: 'Sam Ortega' }).waitFor();
      await go(mo, 'Referrals');
      await mo.getByRole('heading', { level: 2, name: 'Lena Frost' }).waitFor();
      // Hollie's inbox and Mo's.
      await until(2, 'both inboxes listen');
      ok(
        await hub.gql(
          'mutation($input: UpdateUserInput!) { updateUser(input: $input) { id } }',
          { input: { id: hollieId, active: false } },
          await hub.tokenFor('housing.admin'),
        ),
      );
      // The hub checks her token again before the next event: refused, it closes her connection.
      await refer(await newPerson('Omar', 'Reyes'), 'Safe Harbour Housing Trust', 'finance_and_id');
      await until(1, 'her connection is closed at the next event');
      await new Promise((r) => setTimeout(r, 3000));
      expect(served()).toBe(1);
      expect(await hollie.getByRole('heading', { level: 2, name: 'Omar Reyes' }).count()).toBe(0);
      await notReloaded(hollie);

      await mo.getByRole('button', { name: 'Sign out' }).click();
      await mo.getByRole('heading', { name: 'Sign in' }).waitFor();
      await until(0, 'his connection is closed on signing out');
    },
    T,
  );
});
