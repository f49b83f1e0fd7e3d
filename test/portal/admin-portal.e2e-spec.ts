import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, eventually, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser } from './browser.js';

const DEMO = '@demo.rehab-hub.example';
const T = 120_000;

/** The portal for the people who run the partnership: a data protection officer and a hub admin. */
describe('the portal for data protection officers and hub admins', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let housing: string;

  async function ok<T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await hub.gql<T>(query, variables, await hub.tokenFor(who));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }
  let seq = 0;
  async function person(): Promise<string> {
    seq++;
    const input = {
      givenName: `Admin${seq}`,
      familyName: 'Portal',
      dateOfBirth: '1988-03-03',
      region: 'north_west',
      identifiers: [],
      confirmNew: true,
    };
    return (
      await ok<{ createPerson: { person: { id: string } } }>(
        'probation.officer',
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input },
      )
    ).createPerson.person.id;
  }
  const log = (personId: string) =>
    ok('probation.officer', 'mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }', {
      input: { personId, typeCode: 'finance_id_documents', status: 'STARTED', occurredAt: new Date().toISOString() },
    });

  async function signIn(who: string): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByLabel('Email address').fill(`${who}${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    housing = (await hub.db.query(`SELECT id FROM organisation WHERE name = 'Safe Harbour Housing Trust'`))[0].id;
  }, T);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it(
    'a data protection officer reviews a break-glass grant with what was read under it, and finds who read a record through the access search',
    async () => {
      const id = await person();
      await ok('probation.officer', 'query($id: ID!) { person(id: $id) { id givenName } }', { id });
      // Housing breaks the glass on a person probation leads, and reads the record.
      await ok('housing.manager', 'mutation($input: OpenBreakGlassInput!) { openBreakGlass(input: $input) { id } }', {
        input: { personId: id, reason: 'Safeguarding call from the tenant’s neighbour at night', minutes: 30 },
      });
      await ok('housing.manager', 'query($id: ID!) { person(id: $id) { id givenName } }', { id });
      const officer = (await hub.db.query(`SELECT id FROM user_account WHERE email = $1`, [`probation.officer${DEMO}`]))[0].id;

      const page = await signIn('probation.dpo');
      try {
        await page.getByRole('link', { name: 'Break-glass review' }).click();
        await page.getByRole('heading', { name: 'Break-glass review' }).waitFor();
        const card = page.locator('.card', { hasText: 'Safeguarding call from the tenant’s neighbour' });
        await card.getByRole('list', { name: 'Read under this grant' }).getByText('Person.givenName').waitFor();
        await checkScreen(page, 'break-glass-review');
        await card.getByRole('button', { name: 'Record review' }).click();
        await card.locator('.error-summary').getByText('Enter your review').waitFor();
        await card.getByLabel('Your review').fill('Justified: the neighbour reported a risk to the tenant');
        await card.getByRole('button', { name: 'Record review' }).click();
        await page.getByText('Review recorded').waitFor();
        await page.getByText('There is nothing to review.').waitFor();

        await page.getByRole('link', { name: 'Access search' }).click();
        await page.getByRole('heading', { name: 'Access search' }).waitFor();
        await page.getByLabel('Person (optional)').fill(id);
        await page.getByRole('button', { name: 'Search' }).click();
        await page
          .getByRole('cell', { name: `user:${officer}` })
          .first()
          .waitFor();
        await checkScreen(page, 'access-search');
        // On a phone: nothing wider than the screen, and no serious accessibility problem either.
        await page.setViewportSize({ width: 375, height: 800 });
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
        await checkScreen(page, 'access-search-phone');
        await page.setViewportSize({ width: 1100, height: 900 });

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
        expect(download.suggestedFilename()).toBe('access-search.csv');
        const csv = await readFile((await download.path())!, 'utf8');
        expect(csv.split('\r\n')[0]).toMatch(/^id,occurredAt,actor,/);
        expect(csv).toContain(`user:${officer}`);
      } finally {
        await page.context().close();
      }
    },
    T,
  );

  it(
    'a hub admin writes a rule, dry-runs it, turns it on, and it refers a person',
    async () => {
      const id = await person();
      await ok('probation.officer', 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        input: { personId: id, purpose: 'ACCOMMODATION', organisationId: housing, method: 'SIGNED_FORM', personPresent: true },
      });
      await log(id);

      const page = await signIn('hub.admin');
      try {
        await page.getByRole('link', { name: 'Referral rules' }).click();
        await page.getByRole('heading', { name: 'Referral rules' }).waitFor();
        await page.getByRole('button', { name: 'Save rule' }).click();
        await page.locator('.error-summary').getByText('Enter a name of at least 3 characters').waitFor();
        await page.getByLabel('Name', { exact: true }).fill('ID documents -> housing');
        await page.getByLabel('Conditions').fill('{"all":[{"fact":"event.typeCode","operator":"equal","value":"finance_id_documents"}]}');
        await page.getByLabel('Service').selectOption('accommodation_support');
        await page.getByLabel('Consent the receiver needs (optional)').selectOption('ACCOMMODATION');
        await page.getByRole('button', { name: 'Dry run' }).click();
        const row = page.getByRole('row', { name: new RegExp(id.slice(0, 8)) });
        await row.getByRole('cell', { name: 'Would refer' }).waitFor();
        await row.getByRole('cell', { name: 'Safe Harbour Housing Trust' }).waitFor();
        await checkScreen(page, 'referral-rules-dry-run');
        expect((await hub.db.query(`SELECT 1 FROM referral WHERE person_id = $1`, [id])).length).toBe(0);

        await page.getByLabel('Turn the rule on when saved').check();
        await page.getByRole('button', { name: 'Save rule' }).click();
        await page.getByText('Rule ID documents -> housing saved and on').waitFor();
        await page
          .getByRole('row', { name: /ID documents -> housing/ })
          .getByRole('cell', { name: 'On', exact: true })
          .waitFor();
        // Turned off (confirmed) and on again: three versions, each with what changed.
        page.on('dialog', (d) => void d.accept());
        await page.getByRole('button', { name: 'Turn off ID documents -> housing' }).click();
        await page.getByText('ID documents -> housing is off').waitFor();
        await page.getByRole('button', { name: 'Turn on ID documents -> housing' }).click();
        await page.getByText('ID documents -> housing is on').waitFor();
        await page.getByLabel('Rule', { exact: true }).selectOption({ label: 'ID documents -> housing' });
        await page.getByRole('list', { name: 'Changes in version 3' }).getByText('On: no → yes').waitFor();
        await page.getByRole('list', { name: 'Changes in version 2' }).getByText('On: yes → no').waitFor();
        await checkScreen(page, 'referral-rule-versions');
      } finally {
        await page.context().close();
      }
      await log(id);
      const referred = await eventually(
        async () =>
          (await hub.db.query(`SELECT to_organisation_id FROM referral WHERE person_id = $1`, [id]))[0] as
            { to_organisation_id: string } | undefined,
        15_000,
        'the automatic referral',
      );
      expect(referred.to_organisation_id).toBe(housing);
    },
    T,
  );

  it(
    'an org admin adds a user who can then sign in, deactivates and reactivates them, and adds an API client whose secret works at /oauth/token',
    async () => {
      const email = `new.caseworker.${Date.now()}${DEMO}`;
      const password = 'Quiet-Harbour-Lantern-42';
      const page = await signIn('housing.admin');
      page.on('dialog', (d) => void d.accept());
      try {
        await page.getByRole('link', { name: 'Users' }).click();
        await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
        await page.getByRole('button', { name: 'Add user' }).click();
        await page.locator('.error-summary').getByText('Choose at least one role').waitFor();
        await page.getByLabel('Full name').fill('Nia Newcomer');
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel('First password (optional)').fill(password);
        await page.getByLabel('Caseworker').check();
        await page.getByRole('button', { name: 'Add user' }).click();
        await page.getByText('Nia Newcomer can now sign in').waitFor();
        const card = page.locator('.card', { hasText: email });
        await card.waitFor();
        await checkScreen(page, 'users');
        // The new user signs in through the portal.
        const newcomer = await browser.newContext({ bypassCSP: true });
        try {
          const p = await newcomer.newPage();
          await p.goto(`${url}/`);
          await p.getByLabel('Email address').fill(email);
          await p.getByLabel('Password').fill(password);
          await p.getByRole('button', { name: 'Sign in' }).click();
          await p.getByText('Nia Newcomer, Safe Harbour Housing Trust').waitFor();
        } finally {
          await newcomer.close();
        }

        const login = () => hub.http().post('/auth/login').send({ email, password });
        expect((await login()).status).toBe(200);
        await card.getByRole('button', { name: 'Deactivate Nia Newcomer' }).click();
        await page.getByText('Nia Newcomer deactivated').waitFor();
        expect((await login()).status).not.toBe(200);
        await page.locator('.card', { hasText: email }).getByRole('button', { name: 'Reactivate Nia Newcomer' }).click();
        await page.getByText('Nia Newcomer reactivated').waitFor();
        expect((await login()).status).toBe(200);
        // A password reset: the old password stops working; the temporary one only allows choosing a new one.
        await page.locator('.card', { hasText: email }).getByRole('button', { name: 'Reset password of Nia Newcomer' }).click();
        await page.getByLabel('Temporary password for Nia Newcomer').fill('Amber-Kettle-Orchard-77');
        await page.getByRole('button', { name: 'Reset the password' }).click();
        await page.getByText('Nia Newcomer must choose a new password at their next sign-in').waitFor();
        expect((await login()).status).not.toBe(200);

        await page.getByRole('link', { name: 'API clients' }).click();
        await page.getByRole('heading', { name: 'API clients', exact: true }).waitFor();
        await page.getByLabel('Name', { exact: true }).fill('Tenancy system');
        await page.getByLabel('Read people (as the rules allow your organisation)').check();
        await page.getByRole('button', { name: 'Add API client' }).click();
        await page.getByRole('heading', { name: 'The secret of Tenancy system' }).waitFor();
        await checkScreen(page, 'api-clients');
        const clientId = await page.getByTestId('client-id').innerText();
        const secret = await page.getByTestId('client-secret').innerText();
        const token = (s: string) =>
          hub.http().post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: clientId, client_secret: s });
        expect((await token(secret)).status).toBe(200);

        await page.locator('.card', { hasText: 'Tenancy system' }).getByRole('button', { name: 'Revoke Tenancy system' }).click();
        await page.getByText('Tenancy system revoked').waitFor();
        expect((await token(secret)).status).not.toBe(200);
      } finally {
        await page.context().close();
      }
    },
    T,
  );

  it(
    'a data protection officer downloads a subject access export and erases a person after the confirmation',
    async () => {
      const id = await person();
      const page = await signIn('probation.dpo');
      try {
        await page.goto(`${url}/people/${id}`);
        await page.getByRole('link', { name: 'Subject access and erasure' }).click();
        await page.getByRole('heading', { name: /Subject access and erasure: Admin\d+ Portal/ }).waitFor();
        await page
          .getByRole('list', { name: 'Access log, newest first' })
          .getByText(/user:.* read/)
          .first()
          .waitFor();
        await page.getByRole('button', { name: 'Prepare the subject access export' }).click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download the document' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(`subject-access-${id}.md`);
        expect(await readFile((await download.path())!, 'utf8')).toContain('Portal');
        await checkScreen(page, 'subject-access');

        // A legal hold stops the erasure until it is released (confirmed).
        await page.getByLabel('Why the record must be kept').fill('Pending proceedings at the crown court');
        await page.getByRole('button', { name: 'Place a legal hold' }).click();
        await page
          .getByRole('list', { name: 'Legal holds in force' })
          .getByText(/Pending proceedings at the crown court/)
          .waitFor();
        await page.getByLabel('Why the record is erased').fill('The person asked in writing on 1 December; identity checked in person');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('button', { name: 'Yes, erase the record' }).click();
        await page.locator('.error-summary').getByText(/hold/i).first().waitFor();
        expect((await hub.db.query('SELECT 1 FROM person_erasure WHERE person_id = $1', [id])).length).toBe(0);
        page.on('dialog', (d) => void d.accept());
        await page.getByRole('button', { name: /Release the hold/ }).click();
        await page.getByText('No legal hold is in force.').waitFor();
        await page.getByLabel('Why the record is erased').fill('');

        await page.getByRole('button', { name: 'Continue' }).click();
        await page.locator('.error-summary').getByText('Say why the record is erased').waitFor();
        await page.getByLabel('Why the record is erased').fill('The person asked in writing on 1 December; identity checked in person');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByText(/Erase Admin\d+ Portal’s record\?/).waitFor();
        await checkScreen(page, 'erase-confirm');
        // Cancel goes back with nothing erased; then for real.
        await page.getByRole('button', { name: 'Cancel' }).click();
        expect((await hub.db.query('SELECT 1 FROM person_erasure WHERE person_id = $1', [id])).length).toBe(0);
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('button', { name: 'Yes, erase the record' }).click();
        await page.getByText(/Admin\d+ Portal’s record was erased/).waitFor();
        expect((await hub.db.query('SELECT 1 FROM person_erasure WHERE person_id = $1', [id])).length).toBe(1);
      } finally {
        await page.context().close();
      }
    },
    T,
  );

  it(
    'a data protection officer reviews unusual access: its own staff reading records not allocated to them, with the events',
    async () => {
      const id = await person();
      for (const who of ['probation.manager', 'probation.dpo']) await ok(who, 'query($id: ID!) { person(id: $id) { id } }', { id });
      const manager = (await hub.db.query(`SELECT id FROM user_account WHERE email = $1`, [`probation.manager${DEMO}`]))[0].id;
      const page = await signIn('probation.dpo');
      try {
        await page.getByRole('link', { name: 'Unusual access' }).click();
        await page.getByRole('heading', { name: 'Unusual access' }).waitFor();
        await page.getByLabel('Records', { exact: true }).fill('0');
        await page.getByRole('button', { name: 'Review' }).click();
        await page.locator('.error-summary').getByText('Enter a whole number from 1 to 1000').waitFor();
        await page.getByLabel('Records', { exact: true }).fill('1');
        await page.getByRole('button', { name: 'Review' }).click();
        const section = page.getByRole('region', { name: 'Records read that were not allocated to them' });
        await section
          .getByRole('list', { name: `Events behind user:${manager}` })
          .getByRole('link', { name: id.slice(0, 8) })
          .waitFor();
        await checkScreen(page, 'unusual-access');
      } finally {
        await page.context().close();
      }
    },
    T,
  );

  it(
    'a data protection officer records a sharing agreement, sees what it opens, and ends it after confirming',
    async () => {
      const page = await signIn('probation.dpo');
      page.on('dialog', (d) => void d.accept());
      try {
        await page.getByRole('link', { name: 'Sharing agreements' }).click();
        await page.getByRole('heading', { name: 'Sharing agreements', exact: true }).waitFor();
        await page.getByRole('button', { name: 'Record the agreement' }).click();
        await page.locator('.error-summary').getByText('Choose at least two organisations').waitFor();
        await page.getByLabel('Name', { exact: true }).fill('Probation and housing: tenancy support');
        await page.getByLabel('North West Probation Region').check();
        await page.getByLabel('Safe Harbour Housing Trust').check();
        await page.getByRole('group', { name: 'What it opens' }).getByLabel('accommodation').check();
        await page.getByRole('group', { name: 'What for' }).getByLabel('accommodation').check();
        await page.getByRole('button', { name: 'Record the agreement' }).click();
        await page.getByText('Probation and housing: tenancy support recorded').waitFor();
        const card = page.locator('.card', { hasText: 'Probation and housing: tenancy support' });
        await card.getByText(/Opens accommodation to North West Probation Region, Safe Harbour Housing Trust, for accommodation/).waitFor();
        await checkScreen(page, 'sharing-agreements');
        await card.getByLabel('Why Probation and housing: tenancy support ends').fill('Replaced by the county-wide agreement');
        await card.getByRole('button', { name: 'End Probation and housing: tenancy support' }).click();
        await page.getByText('Probation and housing: tenancy support ended').waitFor();
        await page.locator('.card', { hasText: 'Ended: Replaced by the county-wide agreement' }).waitFor();
      } finally {
        await page.context().close();
      }
    },
    T,
  );

  it(
    'an org admin adds a webhook endpoint, sees its deliveries, replays one, and pauses and resumes it',
    async () => {
      const received: string[] = [];
      const receiver = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          received.push(String(req.headers['x-hub-event-id'] ?? req.url));
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      const page = await signIn('housing.admin');
      page.on('dialog', (d) => void d.accept());
      try {
        await page.getByRole('link', { name: 'Webhooks' }).click();
        await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();
        await page.getByLabel('Address').fill(target);
        await page.getByRole('button', { name: 'Add endpoint' }).click();
        await page.getByTestId('webhook-secret').waitFor();
        // Something housing may see happens: probation involves housing with a person.
        const id = await person();
        await ok('probation.officer', 'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }', {
          input: { personId: id, organisationId: housing, role: 'PROVIDER' },
        });
        await eventually(async () => received.length > 0, 15_000, 'a delivery');
        const card = page.locator('.card', { hasText: target });
        await card.getByRole('button', { name: `Show deliveries to ${target}` }).click();
        await card
          .getByText(/: delivered/)
          .first()
          .waitFor();
        await checkScreen(page, 'webhooks');
        const before = received.length;
        await card
          .getByRole('button', { name: /^Replay/ })
          .first()
          .click();
        await page.getByText('Delivery sent again').waitFor();
        await eventually(async () => received.length > before, 15_000, 'the replay');
        await card.getByRole('button', { name: `Pause ${target}` }).click();
        await page.getByText(`${target} paused`).waitFor();
        await page
          .locator('.card', { hasText: `${target} (paused)` })
          .getByRole('button', { name: `Resume ${target}` })
          .click();
        await page.getByText(`${target} resumed`).waitFor();
      } finally {
        await page.context().close();
        receiver.close();
      }
    },
    T,
  );
});
