import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser } from './browser.js';

const DEMO = '@demo.rehab-hub.example';
const T = 120_000;

/**
 * The referral journey in Chromium: the probation officer's referral form asks for the person's
 * agreement, previews what the receiver will see and warns when the receiver already works with the
 * person; the housing caseworker sees who sent it, accepts (one "Organisations working with this
 * person" row however many referrals), completes with an outcome; both lists count, filter and keep
 * the finished ones in their history. Keyboard where a form is filled; axe on each new screen.
 */
describe('the referral journey in a real browser', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let personId: string;
  let housing: string;
  const names: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const probation = await hub.tokenFor('probation.officer');
    const orgs = await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, probation);
    housing = orgs.data!.organisations.find((o) => o.name === 'Safe Harbour Housing Trust')!.id;
    const made = await hub.gql<{ createPerson: { person: { id: string } } }>(
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
      {
        input: {
          givenName: 'Dana',
          familyName: 'Okafor',
          dateOfBirth: '1988-04-12',
          region: 'north_west',
          identifiers: [],
          confirmNew: true,
        },
      },
      probation,
    );
    personId = made.data!.createPerson.person.id;
    for (const purpose of ['REFERRAL', 'ACCOMMODATION']) {
      const granted = await hub.gql(
        'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
        { input: { personId, purpose, organisationId: housing, method: 'SIGNED_FORM', personPresent: true } },
        probation,
      );
      expect(granted.errors).toBeUndefined();
    }
    const users = (await hub.db.query(`SELECT email, name FROM user_account WHERE email IN ($1, $2)`, [
      `probation.officer${DEMO}`,
      `housing.worker${DEMO}`,
    ])) as { email: string; name: string }[];
    for (const u of users) names[u.email.split('@')[0]] = u.name;
  }, T);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function as(who: string, run: (page: Page) => Promise<void>) {
    const context: BrowserContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${url}/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Email address').fill(`${who}${DEMO}`);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'My caseload' }).waitFor();
      await run(page);
    } finally {
      await context.close();
    }
  }

  /** The referral form filled by keyboard up to the preview. */
  async function startReferral(page: Page) {
    await page.goto(`${url}/people/${personId}/refer`);
    await page.getByRole('heading', { level: 1, name: 'Make a referral' }).waitFor();
    await page.getByLabel('What service do they need?').focus();
    await page.getByLabel('What service do they need?').selectOption({ label: 'Accommodation support' });
    await page.getByLabel('Which organisation?').focus();
    await page.getByLabel('Which organisation?').selectOption({ label: 'Safe Harbour Housing Trust' });
    await page.getByRole('region', { name: 'What Safe Harbour Housing Trust will be able to see' }).waitFor();
  }

  const housingRows = async (page: Page) => {
    await page.goto(`${url}/people/${personId}`);
    const section = page.locator('section[aria-labelledby="involvements"]');
    await section.locator('tbody tr').first().waitFor();
    return (await section.locator('tbody tr').allTextContents()).filter((t) => t.includes('Safe Harbour Housing Trust'));
  };

  it(
    'sending asks for the person’s agreement and previews what the receiver will see; no warning the first time',
    async () => {
      await as('probation.officer', async (page) => {
        await startReferral(page);
        const preview = page.getByRole('region', { name: 'What Safe Harbour Housing Trust will be able to see' });
        expect(await preview.locator('li').allTextContents()).toEqual(['Identity: name, date of birth and identifiers', 'Accommodation']);
        expect(await preview.textContent()).toContain('sent on Dana Okafor’s consent');
        expect(await page.locator('.warning-text').count()).toBe(0);
        // What may be shared: the policy's answer (the consent to share accommodation with the trust), nothing else.
        expect(await page.getByRole('group', { name: 'What else will you share with them?' }).getByRole('checkbox').count()).toBe(1);
        await page.getByLabel('Accommodation', { exact: true }).check();
        await page.getByLabel('Why are you referring them?').fill('Leaves approved premises in three weeks with nowhere to go');
        await page.getByRole('button', { name: 'Send referral' }).press('Enter');
        await page.locator('#f-personAgreed-error').waitFor();
        expect(await page.locator('.error-summary li').allTextContents()).toEqual([
          'Confirm that the person agreed to be referred, or ask them first',
        ]);
        await checkScreen(page, 'refer-preview');
        const agreed = page.getByLabel('Dana Okafor agreed to this referral');
        await agreed.focus();
        await page.keyboard.press('Space');
        expect(await agreed.isChecked()).toBe(true);
        await page.getByRole('button', { name: 'Send referral' }).press('Enter');
        await page.getByText('Referral sent to Safe Harbour Housing Trust').waitFor();
        await page.getByRole('heading', { level: 1, name: 'Sent referrals' }).waitFor();
      });
      // The confirmation is kept with the send step.
      const steps = (await hub.db.query(
        `SELECT t.reason FROM referral_transition t JOIN referral r ON r.id = t.referral_id WHERE r.person_id = $1 AND t.action = 'send'`,
        [personId],
      )) as { reason: string }[];
      expect(steps).toEqual([{ reason: 'The sender confirmed that the person agreed to this referral' }]);
    },
    T,
  );

  it(
    'the receiver sees who sent it, accepts it, and the person has one row for the trust',
    async () => {
      await as('housing.worker', async (page) => {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click();
        await page.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
        await page.getByRole('button', { name: /^Open \(\d+\)$/ }).waitFor();
        const card = page.locator('li.card', { hasText: 'Dana Okafor' });
        await card.waitFor();
        const rows = (await card.locator('.summary-list__row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
        expect(rows).toEqual(
          expect.arrayContaining([
            'Service Accommodation support',
            'Status Waiting for an answer',
            `Sent by ${names['probation.officer']}, North West Probation Region (probation.officer${DEMO})`,
          ]),
        );
        await checkScreen(page, 'referral-inbox-contact');
        await page.getByRole('button', { name: 'Accept referral of Dana Okafor for accommodation support' }).click();
        await page.getByRole('heading', { level: 1, name: 'Dana Okafor' }).waitFor();
        expect(await housingRows(page)).toHaveLength(1);
      });
    },
    T,
  );

  it(
    'sending again warns that the receiver already works with the person; accepting it adds no second row',
    async () => {
      await as('probation.officer', async (page) => {
        await startReferral(page);
        const warnings = (await page.locator('.warning-text').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
        expect(warnings).toEqual([
          expect.stringMatching(
            /^Safe Harbour Housing Trust already works with Dana Okafor \(as provider since .+\)\. Check with them before you refer\.$/,
          ),
          'Your organisation already has an open referral of Dana Okafor to Safe Harbour Housing Trust.',
        ]);
        await checkScreen(page, 'refer-warning');
        await page.getByLabel('Why are you referring them?').fill('Also needs help with a deposit');
        await page.getByLabel('Dana Okafor agreed to this referral').check();
        await page.getByRole('button', { name: 'Send referral' }).click();
        await page.getByText('Referral sent to Safe Harbour Housing Trust').waitFor();
      });
      await as('housing.worker', async (page) => {
        await page.goto(`${url}/referrals`);
        const accept = page.getByRole('button', { name: 'Accept referral of Dana Okafor for accommodation support' });
        await accept.waitFor();
        await accept.click();
        await page.getByRole('heading', { level: 1, name: 'Dana Okafor' }).waitFor();
        expect(await housingRows(page)).toHaveLength(1);
      });
      const rows = (await hub.db.query(`SELECT count(*)::int AS n FROM involvement WHERE person_id = $1 AND organisation_id = $2`, [
        personId,
        housing,
      ])) as { n: number }[];
      expect(rows[0].n).toBe(1);
    },
    T,
  );

  it(
    'completing asks what came of it; the referral stays in the history, counted, filtered, with the outcome and the contacts',
    async () => {
      await as('housing.worker', async (page) => {
        await page.goto(`${url}/referrals`);
        await page.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
        const open = page.getByRole('button', { name: /^Open \(\d+\)$/ });
        await page
          .getByRole('button', { name: /^Start work on the referral of Dana Okafor/ })
          .first()
          .click();
        await page.getByText('Work started on the referral of Dana Okafor').waitFor();
        const complete = page.getByRole('button', { name: /^Complete… the referral of Dana Okafor/ }).first();
        await complete.click();
        expect(await complete.getAttribute('aria-expanded')).toBe('true');
        await page.getByRole('button', { name: 'Complete referral' }).press('Enter');
        expect(await page.locator('#f-outcome-error').textContent()).toContain('Select what came of the referral');
        await checkScreen(page, 'referral-complete');
        // By keyboard: the first choice focused, arrows to "Partly achieved", a note, then Enter on the button.
        await page.getByLabel('Achieved what was asked').focus();
        await page.keyboard.press('ArrowDown');
        expect(await page.getByLabel('Partly achieved').isChecked()).toBe(true);
        await page.getByLabel('Note on the outcome (optional)').fill('Tenancy signed; deposit still owed');
        const before = Number(/\d+/.exec((await open.textContent())!)![0]);
        await page.getByRole('button', { name: 'Complete referral' }).press('Enter');
        await page.getByText('Referral of Dana Okafor completed: partly achieved').waitFor();
        await page.getByRole('button', { name: `Open (${before - 1})` }).waitFor();

        // The history: finished referrals, with their outcome; filters by status and service, with counts.
        await page.getByRole('button', { name: /^History: finished \(\d+\)$/ }).click();
        const done = page.locator('li.card', { hasText: 'Partly achieved: Tenancy signed; deposit still owed' });
        await done.waitFor();
        expect(await page.getByLabel('Status').locator('option').allTextContents()).toEqual([
          'All finished',
          expect.stringMatching(/^Completed \(\d+\)$/),
          'Declined (0)',
          'Withdrawn (0)',
        ]);
        await page.getByLabel('Service').selectOption({ label: 'Mental health support' });
        await page.getByText('No finished referrals match.').waitFor();
        await page.getByLabel('Service').selectOption({ label: 'Accommodation support' });
        await done.waitFor();
        await page.getByLabel('Status').selectOption({ label: 'Completed (1)' });
        await done.waitFor();
        await checkScreen(page, 'referral-history');
      });
      await as('probation.officer', async (page) => {
        await page.goto(`${url}/referrals/sent`);
        await page.getByRole('heading', { level: 1, name: 'Sent referrals' }).waitFor();
        await page.getByRole('button', { name: /^History: finished \(\d+\)$/ }).click();
        const card = page.locator('li.card', { hasText: 'Partly achieved' });
        await card.waitFor();
        const rows = (await card.locator('.summary-list__row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
        expect(rows).toEqual(
          expect.arrayContaining([
            'Status Completed',
            `Accepted by ${names['housing.worker']}, Safe Harbour Housing Trust (housing.worker${DEMO})`,
            'Outcome Partly achieved: Tenancy signed; deposit still owed',
          ]),
        );
      });
    },
    T,
  );

  it(
    'an automatic referral says the hub sent it and why, in plain words, even one stored before the plain words',
    async () => {
      const probation = await hub.tokenFor('probation.officer');
      const sent = await hub.gql<{ sendReferral: { id: string } }>(
        'mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }',
        {
          input: { personId, toOrganisationId: housing, serviceCode: 'accommodation_support', reason: 'placeholder', sharedCategories: [] },
        },
        probation,
      );
      expect(sent.errors).toBeUndefined();
      const [rule] = (await hub.db.query(`SELECT rule_id FROM referral_rule LIMIT 1`)) as { rule_id: string }[];
      await hub.db.query(
        `UPDATE referral SET rule_id = $2, rule_version = 1, reason = 'Accommodation -> housing (v1) (after intervention.logged)' WHERE id = $1`,
        [sent.data!.sendReferral.id, rule.rule_id],
      );
      await as('housing.worker', async (page) => {
        await page.goto(`${url}/referrals`);
        const card = page.locator('li.card', { hasText: 'Sent automatically by the hub' });
        await card.waitFor();
        const rows = (await card.locator('.summary-list__row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
        expect(rows).toEqual(
          expect.arrayContaining([
            'Sent by The hub, automatically (no person sent it)',
            'Reason for the referral Sent automatically by the hub on behalf of North West Probation Region (not by a person) because work with the person was logged: North West Probation Region asked the hub to refer people in this situation for accommodation support.',
          ]),
        );
        expect(await card.textContent()).not.toMatch(/intervention\.logged|\(v1\)|->|accommodation_support/);
      });
    },
    T,
  );
});
