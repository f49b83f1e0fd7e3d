import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EventHandlerRegistry } from '@hub/events';
import { SLA_SWEEP_TASK } from '@hub/referrals';
import { DEMO_PASSWORD, nodes, type Page as Connection, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser, screenshot, seriousViolations } from './browser.js';

const DEMO = '@demo.rehab-hub.example';
const T = 120_000;

describe('the caseworker portal in a real browser', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let carlId: string;

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO_PEOPLE: 'true' });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const found = await hub.gql<{ people: { edges: { node: { id: string } }[] } }>(
      '{ people(search: "Carl Bennett", first: 1) { edges { node { id } } } }',
      {},
      await hub.tokenFor('probation.officer'),
    );
    carlId = found.data!.people.edges[0].node.id;
  }, T);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    // bypassCSP lets the test inject axe-core into pages served with the portal's CSP.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function signIn(page: Page, who: string) {
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill(`${who}${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My caseload' }).waitFor();
  }

  it(
    'runs under its own content security policy (no inline script or style needed)',
    async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        const missing: string[] = [];
        page.on('response', (r) => {
          if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
        });
        await page.goto(`${url}/`);
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        expect(await page.evaluate('getComputedStyle(document.querySelector(".header")).backgroundColor')).toBe('rgb(11, 12, 12)');
        expect(violations).toEqual([]);
        // The page names its icon, which is served (no 404 for /favicon.ico on every page).
        const icon = (await page.locator('link[rel="icon"]').getAttribute('href'))!;
        const served = await page.request.get(`${url}${icon}`);
        expect(served.status()).toBe(200);
        expect(served.headers()['content-type']).toBe('image/svg+xml');
        expect(missing).toEqual([]);
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    'a user whose password was reset chooses a new one at sign-in (a weak one refused), then is signed in',
    async () => {
      const admin = await hub.tokenFor('hub.admin');
      const mindOrg = await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, admin);
      const org = mindOrg.data!.organisations.find((o) => o.name === 'Clearview Mental Health')!.id;
      const members = await hub.gql<{ users: { edges: { node: { id: string; email: string } }[] } }>(
        'query($org: ID) { users(organisationId: $org, first: 100) { edges { node { id email } } } }',
        { org },
        admin,
      );
      const id = members.data!.users.edges.find((e) => e.node.email === `mind.worker${DEMO}`)!.node.id;
      const reset = await hub.gql(
        'mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { id } }',
        { input: { userId: id, temporaryPassword: 'Temporary-Gravel-Owl-5530' } },
        admin,
      );
      expect(reset.errors).toBeUndefined();
      const { context, page } = await newPage();
      try {
        await page.goto(`${url}/`);
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        await page.getByLabel('Email address').fill(`mind.worker${DEMO}`);
        await page.getByLabel('Password').fill('Temporary-Gravel-Owl-5530');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
        await page.getByLabel('New password', { exact: true }).fill('password1234');
        await page.getByLabel('New password again').fill('password1234');
        await page.getByRole('button', { name: 'Change password and sign in' }).click();
        await page.locator('#f-newPassword-error').waitFor();
        expect(await page.locator('#f-newPassword-error').textContent()).toContain('too easy to guess');
        await page.getByLabel('New password', { exact: true }).fill('Lantern-Pebble-Rises-9047');
        await page.getByLabel('New password again').fill('Lantern-Pebble-Rises-9047');
        await page.getByRole('button', { name: 'Change password and sign in' }).click();
        await page.getByRole('heading', { name: 'My caseload' }).waitFor();
      } finally {
        await context.close();
      }
    },
    T,
  );

  describe('a charity caseworker (Safe Harbour Housing Trust)', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ({ context, page } = await newPage());
    });
    afterAll(() => context?.close());

    it(
      'is sent to sign in, sees errors next to the fields and in a summary, and signs in with the keyboard only',
      async () => {
        await page.goto(`${url}/`);
        await page.waitForURL(/\/sign-in$/);
        await checkScreen(page, 'sign-in');

        await page.getByRole('button', { name: 'Sign in' }).click();
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await summary.waitFor();
        expect(await summary.textContent()).toContain('Enter your email address');
        expect(await page.locator('#f-email-error').textContent()).toContain('Enter your email address');
        expect(await page.locator('#f-password-error').textContent()).toContain('Enter your password');
        await checkScreen(page, 'sign-in-errors');
        // The summary's links take the keyboard to the field.
        await summary.getByRole('link', { name: 'Enter your email address' }).press('Enter');
        expect(await page.evaluate('document.activeElement?.id')).toBe('f-email');

        // Keyboard only: reload, Tab to the email field, type, Tab, type, Enter.
        await page.goto(`${url}/sign-in`);
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        await page.keyboard.press('Tab');
        expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to main content');
        await page.keyboard.press('Enter');
        expect(await page.evaluate('document.activeElement?.id')).toBe('main');
        for (let i = 0; i < 10 && (await page.evaluate('document.activeElement?.id')) !== 'f-email'; i++) await page.keyboard.press('Tab');
        expect(await page.evaluate('document.activeElement?.id')).toBe('f-email');
        await page.keyboard.type(`housing.worker${DEMO}`);
        await page.keyboard.press('Tab');
        await page.keyboard.type('not the password');
        await page.keyboard.press('Enter');
        await page.getByText('The email or password is not right').waitFor();
        expect(await page.getByLabel('Email address').inputValue()).toBe(`housing.worker${DEMO}`);
        await page.getByLabel('Password').fill('');
        await page.getByLabel('Password').focus();
        await page.keyboard.type(DEMO_PASSWORD);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'My caseload' }).waitFor();
      },
      T,
    );

    it(
      'sees the caseload with stage and last contact, and switches from the people allocated to her to her organisation’s',
      async () => {
        const lists = page.getByRole('navigation', { name: 'Caseload' });
        expect(await lists.locator('[aria-current="page"]').textContent()).toBe('Allocated to me');
        await lists.getByRole('link', { name: 'My organisation' }).click();
        await page.waitForURL(/\?list=organisation$/);
        expect(await lists.locator('[aria-current="page"]').textContent()).toBe('My organisation');
        const rows = page.locator('table tbody tr');
        await rows.first().waitFor();
        expect(await rows.count()).toBeGreaterThan(3);
        expect(await page.locator('thead').textContent()).toMatch(/Stage.*Last contact.*Case owner/);
        expect(await page.locator('main').textContent()).toContain('Carl Bennett');
        await checkScreen(page, 'caseload');
      },
      T,
    );

    it(
      'searches for Carl Bennett by name, and by date of birth',
      async () => {
        await page.getByRole('link', { name: 'Search people' }).click();
        await page.getByRole('heading', { name: 'Search people' }).waitFor();
        await page.getByLabel('Date of birth').fill('31/02/1990');
        await page.getByRole('button', { name: 'Search' }).click();
        expect(await page.locator('#f-dob-error').textContent()).toContain('Enter a real date of birth');
        // Typed day first, the date is read as people write it.
        await page.getByLabel('Date of birth').fill('23/01/1990');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL(/dob=1990-01-23/);
        await page.getByRole('link', { name: 'Carl Bennett' }).waitFor();
        await page.getByLabel('Date of birth').fill('');
        await page.getByLabel('Name or identifier').fill('Carl Bennett');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL(/q=Carl/);
        await page.getByRole('link', { name: 'Carl Bennett' }).waitFor();
        await checkScreen(page, 'search');
        await page.getByRole('link', { name: 'Carl Bennett' }).click();
        await page.getByRole('heading', { level: 1, name: 'Carl Bennett' }).waitFor();
        expect(page.url()).toBe(`${url}/people/${carlId}`);
      },
      T,
    );

    it(
      "sees that Carl's offence details are not shared with her (not shown as empty), in one line with a why? link",
      async () => {
        const line = page.locator('.not-shared');
        expect(await line.textContent()).toMatch(/^Not shared with you: .*offending.* information\./);
        expect(await page.locator('section[data-category="OFFENDING"]').count()).toBe(0);
        const text = (await page.locator('main').textContent())!;
        expect(text).not.toContain('Burglary');
        expect(text).toContain('Accommodation support');
        await checkScreen(page, 'person');

        await line.getByRole('link', { name: /Why\?/ }).click();
        await page.getByRole('heading', { level: 1, name: /Why offending information is withheld/ }).waitFor();
        await page.locator('main').getByText('statutory agreement').first().waitFor();
        // The hub's own decision for Carl (explainAccess), not the portal's reading of the published rules.
        const why = (await page.locator('main').textContent())!;
        expect(why).toContain(
          'No consent in force and no information sharing agreement in force covers offending data for your organisation',
        );
        expect(why).not.toContain('published access rules');
        await checkScreen(page, 'why');
        await page.getByRole('link', { name: 'Back to Carl Bennett' }).click();
        await page.getByRole('heading', { level: 1, name: 'Carl Bennett' }).waitFor();
      },
      T,
    );

    it(
      'logs a CV session',
      async () => {
        await page.getByRole('link', { name: 'Log an intervention' }).click();
        await page.getByRole('heading', { name: 'Log an intervention' }).waitFor();
        await page.getByRole('button', { name: 'Log intervention' }).click();
        expect(await page.locator('#f-typeCode-error').textContent()).toContain('Select what you did');
        // Said once in the summary, as next to the field (not "What did you do?: Select what you did").
        expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Select what you did']);
        await checkScreen(page, 'log-intervention-errors');
        await page.getByLabel('What did you do?').selectOption('cv_cover_letter');
        await page.getByLabel('Notes').fill('Updated CV with the warehouse experience');
        // Completed work cannot be dated ahead (it would become the last contact in every partner's caseload): the API refuses, next to the date.
        const today = await page.getByLabel('Date', { exact: true }).inputValue();
        await page.getByLabel('Date', { exact: true }).fill(`${Number(today.slice(0, 4)) + 1}-06-01`);
        await page.getByRole('button', { name: 'Log intervention' }).click();
        await page.locator('#f-occurredAt-error').waitFor();
        expect(await page.locator('#f-occurredAt-error').textContent()).toContain('cannot be dated after today');
        expect(await page.locator('.error-summary').textContent()).toContain(
          'Date: Started, completed or missed work cannot be dated after today',
        );
        await page.getByLabel('Date', { exact: true }).fill(today);
        await page.getByRole('button', { name: 'Log intervention' }).click();
        await page.getByText('CV and cover letter logged').waitFor();
        await page.getByRole('heading', { level: 1, name: 'Carl Bennett' }).waitFor();
        expect(await page.locator('.timeline').textContent()).toContain('Updated CV with the warehouse experience');
      },
      T,
    );

    it(
      "logs a job start: the form asks the job's employer, sector, hours and start date, and shows the API's validation next to the field",
      async () => {
        await page.getByRole('link', { name: 'Log an intervention' }).click();
        await page.getByLabel('What did you do?').selectOption('job_start');
        await page.getByLabel('Employer').fill('Roadline Traffic Services');
        await page.getByLabel('Sector').fill('Traffic management');
        await page.getByLabel('Hours per week').fill('90');
        await page.getByLabel('Start date').fill('2026-11-02');
        await checkScreen(page, 'log-job-start');
        await page.getByRole('button', { name: 'Log intervention' }).click();
        // 90 hours passes the form's own check; the API refuses it (BAD_USER_INPUT, field job.hoursPerWeek).
        await page.locator('#f-job-hoursPerWeek-error').waitFor();
        expect(await page.locator('#f-job-hoursPerWeek-error').textContent()).toMatch(/80/);
        expect(await page.locator('.error-summary').textContent()).toContain('Hours per week');
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByLabel('Hours per week').fill('40');
        await page.getByRole('button', { name: 'Log intervention' }).click();
        await page.getByText('Job start logged').waitFor();
        expect(await page.locator('.timeline').textContent()).toContain('Roadline Traffic Services, Traffic management, 40 hours a week');
      },
      T,
    );

    it(
      'records consent with the person present, then withdraws it',
      async () => {
        await page.getByRole('link', { name: 'Record consent' }).click();
        await page.getByRole('heading', { name: 'Record consent' }).waitFor();
        await page.getByLabel(/^Education, training and employment/).check();
        await page.getByLabel('Signed form').check();
        await page.getByRole('button', { name: 'Record consent' }).click();
        expect(await page.locator('#f-personPresent-error').textContent()).toContain('with the person present');
        await checkScreen(page, 'consent');
        await page.getByLabel('The person is here with me and agrees').check();
        // A consent that could never take effect (employers are never shown accommodation data) is refused, saying why, next to the recipient.
        await page.getByLabel(/^Accommodation/).check();
        await page.getByLabel('Every organisation of a kind').check();
        await page.getByLabel('Kind of organisation').selectOption('EMPLOYER');
        await page.getByRole('button', { name: 'Record consent' }).click();
        await page.locator('#f-organisationKind-error').waitFor();
        expect(await page.locator('#f-organisationKind-error').textContent()).toContain(
          'Would open nothing: an organisation of kind employer is never shown accommodation data',
        );
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByLabel(/^Education, training and employment/).check();
        await page.getByLabel(/^My organisation/).check();
        await page.getByRole('button', { name: 'Record consent' }).click();
        await page.getByText('Consent recorded').waitFor();
        const consents = page.locator('section[aria-labelledby="consents"]');
        expect(await consents.textContent()).toContain('Safe Harbour Housing Trust');
        // The list says what the consent opens (as the "Why?" page would).
        const row = consents.locator('tbody tr', { hasText: 'Safe Harbour Housing Trust' }).first();
        expect(await row.locator('td[data-label="What it opens"]').textContent()).toBe('Education, training and employment, Employment');
        await consents.getByRole('link', { name: /Withdraw consent for education/ }).click();
        await page.getByRole('heading', { name: /Withdraw consent/ }).waitFor();
        await page.getByRole('button', { name: 'Withdraw consent' }).click();
        expect(await page.locator('#f-reason-error').textContent()).toContain('Enter why');
        await page.getByLabel('Reason').fill('Asked to stop sharing');
        await page.getByRole('button', { name: 'Withdraw consent' }).click();
        await page.getByText('Consent withdrawn').waitFor();
        expect(await consents.textContent()).toContain('Withdrawn');
      },
      T,
    );

    it(
      'an expired token returns to sign in, keeping what was typed',
      async () => {
        await page.getByRole('link', { name: 'Log an intervention' }).click();
        await page.getByLabel('What did you do?').selectOption('interview_practice');
        await page.getByLabel('Notes').fill('Mock interview for the depot job');
        await page.evaluate('sessionStorage.setItem("hub.token", "expired.token.value")');
        await page.getByRole('button', { name: 'Log intervention' }).click();
        await page.waitForURL(/\/sign-in\?expired=1/);
        await page.getByText('Your session has ended').waitFor();
        expect(await page.getByLabel('Email address').inputValue()).toBe(`housing.worker${DEMO}`);
        await page.getByLabel('Password').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${url}/people/${carlId}/log`);
        expect(await page.getByLabel('Notes').inputValue()).toBe('Mock interview for the depot job');
        expect(await page.getByLabel('What did you do?').inputValue()).toBe('interview_practice');
        await page.getByRole('button', { name: 'Log intervention' }).click();
        await page.getByText('Interview practice logged').waitFor();
      },
      T,
    );

    it(
      'is readable on a phone',
      async () => {
        await page.setViewportSize({ width: 375, height: 812 });
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Carl Bennett' }).waitFor();
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
        await screenshot(page, 'person-phone');
        await page.goto(`${url}/?list=organisation`);
        await page.locator('table tbody tr').first().waitFor();
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
        await screenshot(page, 'caseload-phone');
        await page.setViewportSize({ width: 1100, height: 900 });
      },
      T,
    );

    it(
      'offers the referral and task screens the API has, and signing out clears the token',
      async () => {
        const nav = page.getByRole('navigation', { name: 'Main' });
        await nav.getByRole('link', { name: 'My caseload' }).waitFor();
        expect(await nav.getByRole('link', { name: 'Referrals' }).count()).toBe(1);
        expect(await nav.getByRole('link', { name: 'Tasks' }).count()).toBe(1);

        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByText('You have signed out').waitFor();
        expect(await page.evaluate('Object.keys(sessionStorage).filter((k) => k.startsWith("hub."))')).toEqual([]);
        await page.goto(`${url}/people/${carlId}`);
        await page.waitForURL(/\/sign-in$/);
      },
      T,
    );
  });

  describe('an employer user (Northway Construction)', () => {
    it(
      'cannot reach a person it does not work with by typing the address: not found',
      async () => {
        const { context, page } = await newPage();
        try {
          await signIn(page, 'employer');
          await page.goto(`${url}/people/${carlId}`);
          await page.getByRole('heading', { level: 1, name: 'Person not found' }).waitFor();
          const text = (await page.locator('main').textContent())!;
          expect(text).not.toContain('Carl');
          expect(text).not.toContain('Bennett');
          await checkScreen(page, 'person-not-found');
          await page.goto(`${url}/people/${carlId}/log`);
          await page.getByRole('heading', { level: 1, name: 'Person not found' }).waitFor();
        } finally {
          await context.close();
        }
      },
      T,
    );
  });

  describe('a long list', () => {
    it(
      'pages (probation sees 34 people, 20 a page), and a slow request shows progress',
      async () => {
        const { context, page } = await newPage();
        try {
          await signIn(page, 'probation.officer');
          await page.getByRole('navigation', { name: 'Caseload' }).getByRole('link', { name: 'My organisation' }).click();
          const rows = page.locator('table tbody tr');
          await rows.nth(19).waitFor();
          expect(await rows.count()).toBe(20);
          await page.route('**/graphql', async (route) => {
            await new Promise((r) => setTimeout(r, 1200));
            await route.continue();
          });
          await page.getByRole('button', { name: 'Next page' }).click();
          await page.getByText('Loading…').first().waitFor();
          await page.unrouteAll({ behavior: 'wait' });
          await page.getByText('(page 2)').waitFor();
          await rows.nth(13).waitFor(); // the page label can show before the rows have rendered
          expect(await rows.count()).toBe(14);
          expect(await page.getByRole('button', { name: 'Next page' }).count()).toBe(0);
          await page.getByRole('button', { name: 'Previous page' }).click();
          await page.getByText('(page 1)').waitFor();
          await rows.nth(19).waitFor();
          expect(await rows.count()).toBe(20);
          await page
            .getByRole('link', { name: 'Outcomes' })
            .count()
            .then((n) => expect(n).toBe(0));
        } finally {
          await context.close();
        }
      },
      T,
    );

    it(
      "pages a manager's tasks, 50 at a time, newest first (the API's list is a connection)",
      async () => {
        const [{ id: forge }] = await hub.db.query(`SELECT id FROM organisation WHERE name = 'Forge Skills Training'`);
        await hub.db.query(
          `INSERT INTO task (organisation_id, for_role, kind, title, detail, created_at)
         SELECT $1, 'manager', 'referral_overdue', 'Paging task ' || g, 'One of many', now() - g * interval '1 minute' FROM generate_series(1, 55) g`,
          [forge],
        );
        const { context, page } = await newPage();
        try {
          await signIn(page, 'training.manager');
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
          const cards = page.locator('li.card');
          await cards.nth(49).waitFor();
          expect(await cards.count()).toBe(50);
          expect(await cards.first().locator('h2').textContent()).toBe('Paging task 1');
          await page.getByRole('button', { name: 'Next page' }).click();
          await page.getByRole('button', { name: 'Previous page' }).waitFor();
          await cards.first().filter({ hasText: 'Paging task 51' }).waitFor();
          expect(await cards.locator('h2').allTextContents()).toEqual([
            'Paging task 51',
            'Paging task 52',
            'Paging task 53',
            'Paging task 54',
            'Paging task 55',
          ]);
          expect(await page.getByRole('button', { name: 'Next page' }).count()).toBe(0);
          await page.getByRole('button', { name: 'Previous page' }).click();
          await cards.nth(49).waitFor();
          expect(await cards.first().locator('h2').textContent()).toBe('Paging task 1');
        } finally {
          await context.close();
        }
      },
      T,
    );
  });

  describe('referrals between partners', () => {
    it(
      'a caseworker accepts a referral from the inbox and then works with the person',
      async () => {
        // Probation refers Sofia Marsh (not yet known to the housing charity) for accommodation support.
        const probation = await hub.tokenFor('probation.officer');
        const found = await hub.gql<{ people: { edges: { node: { id: string } }[] } }>(
          '{ people(search: "Sofia Marsh") { edges { node { id } } } }',
          {},
          probation,
        );
        const personId = found.data!.people.edges[0].node.id;
        const orgs = await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, probation);
        const housing = orgs.data!.organisations.find((o) => o.name === 'Safe Harbour Housing Trust')!.id;
        const sent = await hub.gql<{ sendReferral: { id: string; state: string } }>(
          'mutation($input: SendReferralInput!) { sendReferral(input: $input) { id state } }',
          {
            input: {
              personId,
              toOrganisationId: housing,
              serviceCode: 'accommodation_support',
              reason: 'Tenancy ends next month',
              sharedCategories: [],
            },
          },
          probation,
        );
        expect(sent.errors).toBeUndefined();
        const token = await hub.tokenFor('housing.worker');
        const { context, page } = await newPage();
        try {
          await signIn(page, 'housing.worker');
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click();
          await page.getByRole('heading', { name: 'Referral inbox' }).waitFor();
          await checkScreen(page, 'referral-inbox');
          await page.getByRole('button', { name: /Accept referral of Sofia Marsh/ }).click();
          await page.getByText(/Referral of .* accepted/).waitFor();
          const after = await hub.gql<{ referral: { state: string } }>(
            'query($id: ID!) { referral(id: $id) { state } }',
            { id: sent.data!.sendReferral.id },
            token,
          );
          expect(after.data!.referral.state).toBe('ACCEPTED');
          const person = await hub.gql<{ person: { givenName: string } }>(
            'query($id: ID!) { person(id: $id) { givenName } }',
            { id: personId },
            token,
          );
          expect(person.data!.person.givenName).toBe('Sofia');
        } finally {
          await context.close();
        }
      },
      T,
    );

    const referralsOf = async (who: string, personId: string) =>
      nodes(
        (
          await hub.gql<{ sentReferrals: Connection<{ id: string; state: string; serviceCode: string; personId: string }> }>(
            '{ sentReferrals(first: 500) { edges { node { id state serviceCode personId } } } }',
            {},
            await hub.tokenFor(who),
          )
        ).data!.sentReferrals,
      ).filter((r) => r.personId === personId);

    it(
      'a caseworker refers a person from their record: the form checks itself, the referral shows as sent',
      async () => {
        const { context, page } = await newPage();
        try {
          await signIn(page, 'housing.worker');
          await page.goto(`${url}/people/${carlId}`);
          await page.getByRole('heading', { level: 1, name: 'Carl Bennett' }).waitFor();
          await page.getByRole('link', { name: 'Make a referral' }).click();
          await page.getByRole('heading', { level: 1, name: 'Make a referral' }).waitFor();
          await page.getByLabel('What service do they need?').waitFor();
          await checkScreen(page, 'refer');
          await page.getByRole('button', { name: 'Send referral' }).click();
          expect(await page.locator('#f-serviceCode-error').textContent()).toContain('Select the service');
          expect(await page.locator('#f-reason-error').textContent()).toContain('Enter why');
          await page.getByLabel('What service do they need?').selectOption({ label: 'Vocational training' });
          await page.getByRole('button', { name: 'Send referral' }).click();
          expect(await page.locator('#f-toOrganisationId-error').textContent()).toContain('Select the organisation');
          // Only partners offering the service are offered (never the caseworker's own organisation).
          const offered = await page.getByLabel('Which organisation?').locator('option').allTextContents();
          expect(offered).toEqual(['Choose an organisation', 'Forge Skills Training']);
          await page.getByLabel('Which organisation?').selectOption({ label: 'Forge Skills Training' });
          await page.getByLabel('Why are you referring them?').fill('Wants a CSCS card before release; has a labouring offer');
          // Nothing lets a training provider see Carl's accommodation: the preview (the hub's access policy) does not offer it.
          const preview = page.getByRole('region', { name: 'What Forge Skills Training will be able to see' });
          await preview.waitFor();
          expect(await preview.textContent()).not.toContain('Accommodation');
          expect(await page.getByLabel('Accommodation').count()).toBe(0);
          expect(await referralsOf('housing.worker', carlId)).toEqual([]);
          // Sent under the partnership's referral protocol (an agreement, not consent): nothing to confirm with Carl.
          expect(await preview.textContent()).toContain('sent under an information sharing agreement');
          expect(await page.getByLabel('Carl Bennett agreed to this referral').count()).toBe(0);
          await page.getByRole('button', { name: 'Send referral' }).click();
          await page.getByText('Referral sent to Forge Skills Training').waitFor();
          await page.getByRole('heading', { level: 1, name: 'Sent referrals' }).waitFor();
          const card = page.locator('li.card', { hasText: 'Forge Skills Training' }).filter({ hasText: 'Vocational training' });
          await card.waitFor();
          expect(await card.textContent()).toContain('Sent');
          expect(await referralsOf('housing.worker', carlId)).toEqual([
            expect.objectContaining({ state: 'SENT', serviceCode: 'vocational_training' }),
          ]);
        } finally {
          await context.close();
        }
      },
      T,
    );

    it(
      'the receiving caseworker declines one with a reason, then accepts, starts and completes the other',
      async () => {
        const housing = await hub.tokenFor('housing.worker');
        const orgs = (await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, housing)).data!
          .organisations;
        const forge = orgs.find((o) => o.name === 'Forge Skills Training')!.id;
        const second = await hub.gql(
          'mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }',
          {
            input: {
              personId: carlId,
              toOrganisationId: forge,
              serviceCode: 'functional_skills',
              reason: 'Maths before the course',
              sharedCategories: [],
            },
          },
          housing,
        );
        expect(second.errors).toBeUndefined();
        const { context, page } = await newPage();
        try {
          await signIn(page, 'trainer');
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click();
          await page.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
          const decline = page.getByRole('button', { name: 'Decline… the referral of Carl Bennett for functional skills' });
          // The decline form can be put away unsent (Cancel), by keyboard, and opened again.
          await decline.click();
          expect(await decline.getAttribute('aria-expanded')).toBe('true');
          await page.getByRole('button', { name: 'Cancel' }).press('Enter');
          await page.getByLabel('Reason for declining').waitFor({ state: 'detached' });
          expect(await decline.getAttribute('aria-expanded')).toBe('false');
          await decline.click();
          await page.getByRole('button', { name: 'Decline referral' }).click();
          expect(await page.locator('#f-reason-error').textContent()).toContain('Enter why');
          // The summary says it once, in the words next to the field (not "Reason for declining: Enter why …").
          expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Enter why you are declining the referral']);
          await page.getByLabel('Reason for declining').fill('Functional skills are part of the course');
          await page.getByRole('button', { name: 'Decline referral' }).click();
          await page.getByText('Referral declined').waitFor();

          await page.getByRole('button', { name: 'Accept referral of Carl Bennett for vocational training' }).click();
          await page.getByText('Referral of Carl Bennett accepted').waitFor();
          await page.getByRole('heading', { level: 1, name: 'Carl Bennett' }).waitFor();
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click();
          // Accepted: the card gives the start's due time (the start SLA), no longer the answer's.
          const card = page.locator('li.card', { hasText: 'vocational training' });
          await card.getByText('Start due').waitFor();
          expect(await card.getByText('Answer due').count()).toBe(0);
          await page.getByRole('button', { name: 'Start work on the referral of Carl Bennett for vocational training' }).click();
          await page.getByText('Work started on the referral of Carl Bennett').waitFor();
          // In progress: nothing is due any more (the card is drawn again once the inbox has reloaded).
          await card.getByText(/Start due|Answer due/).waitFor({ state: 'detached' });
          await checkScreen(page, 'referral-inbox-in-progress');
          await page.getByRole('button', { name: 'Complete… the referral of Carl Bennett for vocational training' }).click();
          await page.getByLabel('Achieved what was asked').check();
          await page.getByRole('button', { name: 'Complete referral' }).click();
          await page.getByText('Referral of Carl Bennett completed: achieved what was asked').waitFor();
          // A completed referral is no longer open: it leaves the open list for the history.
          await page.getByText('There are no open referrals in your inbox that match.').waitFor();
          await page.getByRole('button', { name: /^History: finished/ }).click();
          await page.locator('li.card', { hasText: 'vocational training' }).getByText('Achieved what was asked').waitFor();
          const states = Object.fromEntries((await referralsOf('housing.worker', carlId)).map((r) => [r.serviceCode, r.state]));
          expect(states).toEqual({ vocational_training: 'COMPLETED', functional_skills: 'DECLINED' });
        } finally {
          await context.close();
        }
      },
      T,
    );

    it(
      'the sender withdraws a referral with a reason',
      async () => {
        const housing = await hub.tokenFor('housing.worker');
        const orgs = (await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, housing)).data!
          .organisations;
        const sent = await hub.gql(
          'mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }',
          {
            input: {
              personId: carlId,
              toOrganisationId: orgs.find((o) => o.name === 'Clearview Mental Health')!.id,
              serviceCode: 'mental_health_support',
              reason: 'Low mood since recall',
              sharedCategories: [],
            },
          },
          housing,
        );
        expect(sent.errors).toBeUndefined();
        const { context, page } = await newPage();
        try {
          await signIn(page, 'housing.worker');
          await page.goto(`${url}/referrals/sent`);
          await page.getByRole('heading', { level: 1, name: 'Sent referrals' }).waitFor();
          // Completed and declined referrals cannot be withdrawn: only the open one offers it.
          await page.getByRole('button', { name: 'Withdraw… the referral of Carl Bennett for mental health support' }).click();
          expect(await page.getByRole('button', { name: /^Withdraw…/ }).count()).toBe(1);
          await page.getByRole('button', { name: 'Withdraw referral' }).click();
          expect(await page.locator('#f-reason-error').textContent()).toContain('Enter why you are withdrawing');
          await page.getByLabel('Reason for withdrawing').fill('Now supported by the GP practice');
          await page.getByRole('button', { name: 'Withdraw referral' }).click();
          await page.getByText('Referral withdrawn').waitFor();
          // Finished referrals (withdrawn, declined, completed) are in the history.
          await page.getByRole('button', { name: /^History: finished/ }).click();
          await page.locator('li.card', { hasText: 'Mental health support' }).getByText('Withdrawn').waitFor();
          // The sender reads the receiver's answer: why Forge Skills Training declined, beside its own reason for referring.
          const declined = page.locator('li.card', { hasText: 'Functional skills' });
          expect((await declined.locator('.summary-list__row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual(
            expect.arrayContaining([
              'Status Declined',
              'Reason for the referral Maths before the course',
              'Reason for declining Functional skills are part of the course',
            ]),
          );
          await checkScreen(page, 'sent-referrals-declined');
          expect((await referralsOf('housing.worker', carlId)).find((r) => r.serviceCode === 'mental_health_support')?.state).toBe(
            'WITHDRAWN',
          );
          // Carl's record lists the referrals Safe Harbour sent or received about him, with where each stands.
          await page.goto(`${url}/people/${carlId}`);
          const section = page.locator('section[aria-labelledby="referrals"]');
          await section.locator('tbody tr').first().waitFor();
          const rows = (await section.locator('tbody tr').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
          expect(rows).toEqual(
            expect.arrayContaining([
              expect.stringMatching(/Mental health support.*Safe Harbour Housing Trust.*Clearview Mental Health.*Withdrawn/),
              expect.stringMatching(
                /Functional skills.*Forge Skills Training.*Declined.*Reason for declining: Functional skills are part of the course/,
              ),
              expect.stringMatching(/Vocational training.*Forge Skills Training.*Completed/),
            ]),
          );
          await checkScreen(page, 'person-referrals');
        } finally {
          await context.close();
        }
      },
      T,
    );

    it(
      'a manager sees the tasks the hub raised (an overdue referral) with why, and marks one done',
      async () => {
        const probation = await hub.tokenFor('probation.officer');
        const found = await hub.gql<{ people: { edges: { node: { id: string } }[] } }>(
          '{ people(search: "Carl Bennett", first: 1) { edges { node { id } } } }',
          {},
          probation,
        );
        const orgs = (await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, probation))
          .data!.organisations;
        const sent = await hub.gql<{ sendReferral: { id: string } }>(
          'mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }',
          {
            input: {
              personId: found.data!.people.edges[0].node.id,
              toOrganisationId: orgs.find((o) => o.name === 'Safe Harbour Housing Trust')!.id,
              serviceCode: 'finance_and_id',
              reason: 'Needs ID to open a bank account',
              sharedCategories: [],
            },
          },
          probation,
        );
        expect(sent.errors).toBeUndefined();
        // Past its due time: the hub's own SLA sweep (the worker's scheduled task) escalates it with a task for each side's managers.
        await hub.db.query(`UPDATE referral SET due_at = now() - interval '1 hour' WHERE id = $1`, [sent.data!.sendReferral.id]);
        await hub.app.get(EventHandlerRegistry).taskList().get(SLA_SWEEP_TASK)!({});
        const { context, page } = await newPage();
        try {
          await signIn(page, 'housing.manager');
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
          await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
          const task = page.locator('li.card', { hasText: 'Overdue referral received for finance and ID' });
          await task.waitFor();
          expect(await task.textContent()).toContain('Not answered by');
          // The person the task is about, by name (Task.person, as the access policy lets the manager see them).
          await task.getByRole('link', { name: 'Carl Bennett' }).waitFor();
          await checkScreen(page, 'tasks');
          await task.getByRole('button', { name: /^Mark as done/ }).click();
          await page.getByText('Done: Overdue referral received for finance and ID').waitFor();
          await page.locator('li.card', { hasText: 'Overdue referral received for finance and ID' }).waitFor({ state: 'detached' });
          const done = await hub.gql<{ tasks: Connection<{ title: string; status: string }> }>(
            '{ tasks(status: DONE, first: 500) { edges { node { title status } } } }',
            {},
            await hub.tokenFor('housing.manager'),
          );
          expect(nodes(done.data!.tasks).map((t) => t.title)).toContain('Overdue referral received for finance and ID');
        } finally {
          await context.close();
        }
      },
      T,
    );
  });

  describe('changing the record from the person page', () => {
    const today = new Date().toISOString().slice(0, 10);
    let probation: string;
    let housing: string;
    let orgIds: Record<string, string>;

    beforeAll(async () => {
      probation = await hub.tokenFor('probation.officer');
      housing = await hub.tokenFor('housing.worker');
      const orgs = (await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, probation)).data!
        .organisations;
      orgIds = Object.fromEntries(orgs.map((o) => [o.name, o.id]));
    });

    /** A new person led by probation, with the given partners involved (new people keep the other scenarios' counts). */
    async function newPerson(givenName: string, familyName: string, partners: string[]): Promise<string> {
      const created = await hub.gql<{ createPerson: { person: { id: string } } }>(
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input: { givenName, familyName, dateOfBirth: '1991-03-14', region: 'north_west', confirmNew: true } },
        probation,
      );
      expect(created.errors).toBeUndefined();
      const id = created.data!.createPerson.person.id;
      for (const partner of partners) {
        const added = await hub.gql(
          'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }',
          { input: { personId: id, organisationId: orgIds[partner], role: 'PROVIDER' } },
          probation,
        );
        expect(added.errors).toBeUndefined();
      }
      return id;
    }

    const log = async (token: string, input: Record<string, unknown>) => {
      const logged = await hub.gql<{ logIntervention: { id: string } }>(
        'mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }',
        { input: { occurredAt: `${today}T10:00:00Z`, ...input } },
        token,
      );
      expect(logged.errors).toBeUndefined();
      return logged.data!.logIntervention.id;
    };

    describe('a housing caseworker with Dana Whitlock, who started a job', () => {
      let context: BrowserContext;
      let page: Page;
      let danaId: string;
      let jobId: string;
      beforeAll(async () => {
        danaId = await newPerson('Dana', 'Whitlock', ['Safe Harbour Housing Trust']);
        // Probation's own work, which Safe Harbour reads under Dana's consent but may not change.
        const consent = await hub.gql(
          'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
          {
            input: {
              personId: danaId,
              purpose: 'ETE',
              organisationId: orgIds['Safe Harbour Housing Trust'],
              method: 'SIGNED_FORM',
              personPresent: true,
            },
          },
          probation,
        );
        expect(consent.errors).toBeUndefined();
        await log(probation, { personId: danaId, typeCode: 'motivation_confidence', status: 'COMPLETED', notes: 'Probation induction' });
        // A job offer Safe Harbour logged as planned: not yet a job, so no 13-week window.
        jobId = await log(housing, {
          personId: danaId,
          typeCode: 'job_start',
          status: 'PLANNED',
          job: { employer: 'Harbourside Cafe', sector: 'Hospitality', hoursPerWeek: 24, startDate: today },
        });
        ({ context, page } = await newPage());
        await signIn(page, 'housing.worker');
        await page.goto(`${url}/people/${danaId}`);
        await page.getByRole('heading', { level: 1, name: 'Dana Whitlock' }).waitFor();
      });
      afterAll(() => context?.close());

      const sustainmentsOf = async () =>
        (
          await hub.gql<{ person: { sustainments: { id: string; status: string }[] } }>(
            'query($id: ID!) { person(id: $id) { sustainments { id status } } }',
            { id: danaId },
            housing,
          )
        ).data!.person.sustainments;

      it(
        'changes the status of its own intervention (the job began: its 13-week window opens); probation’s offers no such control',
        async () => {
          const job = page.locator('.timeline__item', { hasText: 'Harbourside Cafe' });
          const theirs = page.locator('.timeline__item', { hasText: 'Probation induction' });
          await theirs.waitFor();
          expect(await theirs.getByRole('button', { name: /Change status/ }).count()).toBe(0);
          expect(await page.locator('section[aria-labelledby="sustainment"]').count()).toBe(0);
          await job.getByRole('button', { name: /^Change status of Job start/ }).click();
          const form = page.locator('form', { has: page.getByRole('heading', { name: /Change the status of Job start/ }) });
          await form.waitFor();
          expect(await form.getByText('Only Started or Completed count as a job').count()).toBe(1);
          expect(await form.getByLabel('Planned').isChecked()).toBe(true);
          await checkScreen(page, 'person-status-change');
          await form.getByLabel('Started').check();
          await form.getByRole('button', { name: 'Save status' }).click();
          await page.getByText('Status changed to started').waitFor();
          await job.locator('.timeline__meta', { hasText: 'Started' }).waitFor();
          // The API opened the job's window; the page shows it with its action (it started today: only that it ended, for now).
          await page.getByRole('button', { name: /^Record that the job ended/ }).waitFor();
          const after = await hub.gql<{
            person: { interventions: { edges: { node: { id: string; status: string; version: number } }[] } };
          }>('query($id: ID!) { person(id: $id) { interventions { edges { node { id status version } } } } }', { id: danaId }, housing);
          expect(after.data!.person.interventions.edges.map((e) => e.node).find((n) => n.id === jobId)).toEqual(
            expect.objectContaining({ status: 'STARTED', version: 2 }),
          );
          expect(await sustainmentsOf()).toEqual([expect.objectContaining({ status: 'OPEN' })]);
        },
        T,
      );

      it(
        'is told when someone else changed the intervention meanwhile, and reloads',
        async () => {
          const job = page.locator('.timeline__item', { hasText: 'Harbourside Cafe' });
          await job.getByRole('button', { name: /^Change status of Job start/ }).click();
          // A colleague marks it completed while the form is open (version 2 -> 3).
          const colleague = await hub.gql(
            'mutation($input: UpdateInterventionInput!) { updateIntervention(input: $input) { version } }',
            { input: { id: jobId, version: 2, status: 'COMPLETED' } },
            housing,
          );
          expect(colleague.errors).toBeUndefined();
          await page.getByLabel('Did not attend').check();
          await page.getByRole('button', { name: 'Save status' }).click();
          const summary = page.locator('.error-summary');
          await summary.waitFor();
          expect(await summary.textContent()).toContain('Someone else changed this intervention after you opened the page. Reload');
          await page.getByRole('button', { name: 'Reload' }).click();
          // Reloaded: the colleague's status shows, and the form starts again from it.
          await job.locator('.timeline__meta', { hasText: 'Completed' }).waitFor();
          expect(await page.getByLabel('Completed').isChecked()).toBe(true);
          expect(await page.locator('.error-summary').count()).toBe(0);
          await page.getByRole('button', { name: 'Cancel' }).click();
        },
        T,
      );

      it(
        'before the 13 weeks are up, records only that the job ended, with why (the API refuses "sustained" early); once they are up, that it was sustained',
        async () => {
          const section = page.locator('section[aria-labelledby="sustainment"]');
          expect(await section.textContent()).toContain('Open');
          // Whose job it is, from the job start on the page.
          const cafe = section.locator('li', { hasText: 'Harbourside Cafe' });
          expect(await cafe.textContent()).toMatch(/^Job at Harbourside Cafe started /);
          // The job started today: "sustained 13 weeks" is not yet a fact, and the API says so (coded, naming the field).
          const [window] = await sustainmentsOf();
          const early = await hub.gql(
            'mutation($input: RecordSustainmentInput!) { recordSustainment(input: $input) { status } }',
            { input: { sustainmentId: window.id, sustained: true } },
            housing,
          );
          expect(early.errors?.[0]).toMatchObject({
            extensions: { code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'sustained' })] },
          });
          expect(await cafe.getByRole('button', { name: /Record the 13-week outcome/ }).count()).toBe(0);
          await cafe.getByRole('button', { name: /^Record that the job ended/ }).click();
          expect(await cafe.getByLabel('Yes, the job was sustained').count()).toBe(0);
          await cafe.getByRole('button', { name: 'Record that the job ended', exact: true }).click();
          expect(await page.locator('#f-note-error').textContent()).toContain('Enter why the job ended');
          await checkScreen(page, 'person-sustainment-early');
          await cafe.getByLabel('Why did the job end?').fill('Seasonal contract ended after the summer');
          await cafe.getByRole('button', { name: 'Record that the job ended', exact: true }).click();
          await page.getByText('Outcome recorded: the job was not sustained').waitFor();
          await page.getByRole('status').getByRole('button', { name: 'Dismiss this message' }).click();
          await cafe.locator('.tag', { hasText: /^Not sustained$/ }).waitFor();
          expect(await sustainmentsOf()).toEqual([expect.objectContaining({ status: 'NOT_SUSTAINED' })]);

          // A job that began 14 weeks ago: its 13 weeks are up, so the form asks whether it was sustained.
          const began = new Date(Date.now() - 98 * 86_400_000).toISOString().slice(0, 10);
          await log(housing, {
            personId: danaId,
            typeCode: 'job_start',
            status: 'STARTED',
            job: { employer: 'Quayside Bakery', sector: 'Food production', hoursPerWeek: 30, startDate: began },
          });
          await page.reload();
          const bakery = section.locator('li', { hasText: 'Quayside Bakery' });
          await bakery.getByRole('button', { name: /^Record the 13-week outcome/ }).click();
          await bakery.getByRole('button', { name: 'Record outcome' }).click();
          expect(await page.locator('#f-sustained-error').textContent()).toContain('Select yes if the person was still in the job');
          await checkScreen(page, 'person-sustainment');
          await bakery.getByLabel('Yes, the job was sustained').check();
          await bakery.getByLabel('Note').fill('Called the bakery manager');
          await bakery.getByRole('button', { name: 'Record outcome' }).click();
          await page.getByText('Outcome recorded: the job was sustained').waitFor();
          // The confirmation stays until dismissed.
          await page.getByRole('status').getByRole('button', { name: 'Dismiss this message' }).click();
          await page.getByText('Outcome recorded: the job was sustained').waitFor({ state: 'detached' });
          await bakery.locator('.tag', { hasText: /^Sustained$/ }).waitFor();
          expect(await section.getByRole('button', { name: /Record the 13-week outcome|Record that the job ended/ }).count()).toBe(0);
          expect((await sustainmentsOf()).map((x) => x.status).sort()).toEqual(['NOT_SUSTAINED', 'SUSTAINED']);
        },
        T,
      );

      it(
        'cannot say a job whose 13-week outcome is recorded never began: the API refuses (INVALID_STATE), shown next to the status',
        async () => {
          const job = page.locator('.timeline__item', { hasText: 'Harbourside Cafe' });
          await job.getByRole('button', { name: /^Change status of Job start/ }).click();
          await page.getByLabel('Cancelled').check();
          await page.getByRole('button', { name: 'Save status' }).click();
          await page.locator('#f-status-error').waitFor();
          expect(await page.locator('#f-status-error').textContent()).toContain('The 13-week outcome of this job is recorded');
          expect(await page.locator('.error-summary').textContent()).toContain('Status');
          expect(await job.locator('.timeline__meta').textContent()).toContain('Completed');
          expect(await seriousViolations(page)).toEqual([]);
        },
        T,
      );
    });

    it(
      'a housing caseworker ends its own work with a person, with a reason, and sees a confirmation instead of an error',
      async () => {
        const rowanId = await newPerson('Rowan', 'Pettifer', ['Safe Harbour Housing Trust', 'Forge Skills Training']);
        const { context, page } = await newPage();
        try {
          await signIn(page, 'housing.worker');
          await page.goto(`${url}/people/${rowanId}`);
          await page.getByRole('heading', { level: 1, name: 'Rowan Pettifer' }).waitFor();
          const section = page.locator('section[aria-labelledby="involvements"]');
          await section.getByRole('heading', { name: 'Organisations working with this person' }).waitFor();
          const rows = (await section.locator('tbody tr').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
          expect(rows).toEqual([
            expect.stringMatching(/North West Probation Region.*Lead.*Open/),
            expect.stringMatching(/Safe Harbour Housing Trust \(your organisation\).*Provider.*Open.*End our work with this person/),
            expect.stringMatching(/Forge Skills Training.*Provider.*Open/),
          ]);
          // Not the lead: only its own work can be ended.
          expect(await section.getByRole('button', { name: /^End / }).count()).toBe(1);
          await section.getByRole('button', { name: 'End our work with this person' }).click();
          await section.getByRole('heading', { name: 'End our work with Rowan Pettifer' }).waitFor();
          await section.getByLabel('Why is the work ending?').fill('ok');
          await section.getByRole('button', { name: 'End our work', exact: true }).click();
          expect(await page.locator('#f-reason-error').textContent()).toContain('at least 3 characters');
          await checkScreen(page, 'person-end-involvement');
          await section.getByLabel('Why is the work ending?').fill('Settled in a council tenancy; support completed');
          await section.getByRole('button', { name: 'End our work', exact: true }).click();
          await page.getByRole('heading', { level: 1, name: 'Your work with Rowan Pettifer has ended' }).waitFor();
          expect(await page.locator('main').textContent()).not.toContain('Person not found');
          await page.getByText('Your organisation’s work with Rowan Pettifer has ended').waitFor();
          await checkScreen(page, 'person-work-ended');
          await page.getByRole('link', { name: 'Back to my caseload' }).click();
          await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();

          const involvements = await hub.gql<{ person: { involvements: { organisationId: string; endedAt: string | null }[] } }>(
            'query($id: ID!) { person(id: $id) { involvements { organisationId endedAt } } }',
            { id: rowanId },
            probation,
          );
          expect(
            involvements.data!.person.involvements.find((i) => i.organisationId === orgIds['Safe Harbour Housing Trust'])?.endedAt,
          ).toEqual(expect.any(String));
          const gone = await hub.gql('query($id: ID!) { person(id: $id) { id } }', { id: rowanId }, housing);
          expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
        } finally {
          await context.close();
        }
      },
      T,
    );

    it(
      "the lead ends another organisation's work: it is listed after the open ones, marked as ended",
      async () => {
        const ameliaId = await newPerson('Amelia', 'Brackley', ['Forge Skills Training', 'Clearview Mental Health']);
        const { context, page } = await newPage();
        try {
          await signIn(page, 'probation.officer');
          await page.goto(`${url}/people/${ameliaId}`);
          await page.getByRole('heading', { level: 1, name: 'Amelia Brackley' }).waitFor();
          const section = page.locator('section[aria-labelledby="involvements"]');
          await section.getByRole('button', { name: 'End Forge Skills Training’s work with this person' }).click();
          await section.getByLabel('Why is the work ending?').fill('Course place withdrawn');
          await section.getByRole('button', { name: 'End their work' }).click();
          await page.getByText('Forge Skills Training’s work with Amelia Brackley has ended').waitFor();
          await section
            .locator('tbody tr')
            .last()
            .getByText(/^Ended \d/)
            .waitFor();
          const rows = (await section.locator('tbody tr').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
          expect(rows[rows.length - 1]).toMatch(/^Forge Skills Training.*Ended \d+ \w+ \d{4}$/);
          expect(rows[1]).toMatch(/Clearview Mental Health.*Open/);
          const trainer = await hub.gql('query($id: ID!) { person(id: $id) { id } }', { id: ameliaId }, await hub.tokenFor('trainer'));
          expect(trainer.errors?.[0].extensions?.code).toBe('NOT_FOUND');
        } finally {
          await context.close();
        }
      },
      T,
    );
  });
});
