import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser } from './browser.js';

/**
 * The record in the portal: a housing caseworker records a walk-in (the hub offers the record she may
 * see that has the same name and date of birth, and says another is held elsewhere, before she makes a
 * new one); a probation officer changes the progression stage with a reason (by keyboard alone), reads
 * the record's history, and corrects the date and details of a session she logged, which then shows as
 * corrected with what it said before. The housing caseworker reads the same history with the stage
 * withheld. Each new page passes axe (no serious or critical violation).
 */
const DEMO = '@demo.rehab-hub.example';
const T = 180_000;

interface Gql<D> {
  data?: D | null;
  errors?: unknown[];
}

describe('the record in the portal: someone new, the stage, the history and corrections', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let probation: string;
  let housingOrg: string;
  /** Dara Quinn, 4 March 1991, worked with by the housing trust; a second Dara Quinn is probation's only. */
  let daraSeen: string;
  /** Led by probation, worked with by the housing trust (no consent: her stage is withheld from it). */
  let leoId: string;
  let sessionId: string;
  const contexts: BrowserContext[] = [];

  const ok = <D>(r: Gql<D>): D => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const dayFirst = (iso: string) => iso.split('-').reverse().join('/');

  async function created(givenName: string, familyName: string, dateOfBirth: string, involveHousing: boolean): Promise<string> {
    const id = ok(
      await hub.gql<{ createPerson: { person: { id: string } } }>(
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input: { givenName, familyName, dateOfBirth, region: 'north_west', confirmNew: true } },
        probation,
      ),
    ).createPerson.person.id;
    if (involveHousing)
      ok(
        await hub.gql(
          'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }',
          { input: { personId: id, organisationId: housingOrg, role: 'PROVIDER' } },
          probation,
        ),
      );
    return id;
  }

  async function signedIn(who: string): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill(`${who}${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My caseload' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    probation = await hub.tokenFor('probation.officer');
    housingOrg = ok(
      await hub.gql<{ viewer: { organisation: { id: string } } }>(
        '{ viewer { organisation { id } } }',
        {},
        await hub.tokenFor('housing.worker'),
      ),
    ).viewer.organisation.id;
    daraSeen = await created('Dara', 'Quinn', '1991-03-04', true);
    await created('Dara', 'Quinn', '1991-03-04', false);
    leoId = await created('Leo', 'Marsh', '1988-09-12', true);
    sessionId = ok(
      await hub.gql<{ logIntervention: { id: string } }>(
        'mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }',
        {
          input: {
            personId: leoId,
            typeCode: 'cv_cover_letter',
            status: 'COMPLETED',
            occurredAt: `${day(-2)}T10:00:00Z`,
            notes: 'CV started',
          },
        },
        probation,
      ),
    ).logIntervention.id;
  }, T);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await hub?.close();
  });

  it(
    'a walk-in: "no match" offers to record someone new; the hub offers the Dara Quinn she may see and says another is held elsewhere; "the same person" goes to her record, "none of these" makes a new one',
    async () => {
      const page = await signedIn('housing.worker');
      await page.getByRole('link', { name: 'Record someone new' }).waitFor();
      await page.goto(`${url}/search?q=Zanele%20Okafor`);
      await page.getByText('No people match your search.').waitFor();
      await page.getByRole('link', { name: 'record someone new' }).click();
      await page.getByRole('heading', { level: 1, name: 'Record someone new' }).waitFor();
      await checkScreen(page, 'record-someone-new');

      await page.getByRole('button', { name: 'Continue' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Enter their first name');
      expect(await page.locator('#f-dateOfBirth-error').textContent()).toContain('Enter their date of birth');
      await checkScreen(page, 'record-someone-new-errors');

      // By keyboard alone: from the summary to the first name, then through the form.
      await summary.getByRole('link', { name: /first name/ }).press('Enter');
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-givenName');
      await page.keyboard.type('Dara');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Quinn');
      await page.keyboard.press('Tab');
      await page.keyboard.type('04/03/1991');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: 'Is this the same person?' }).waitFor();
      await page.getByText('One of them is held by organisations that do not work with you').waitFor();
      const same = page.getByRole('radio', { name: /Yes, Dara Quinn, born 4 March 1991/ });
      expect(await same.count()).toBe(1);
      await checkScreen(page, 'record-someone-new-same-person');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Select the person, or that none of them is').first().waitFor();
      await same.check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Dara Quinn' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/people/${daraSeen}`);
      const count = async () =>
        (
          (await hub.db.query(`SELECT count(*)::int AS n FROM person WHERE given_name = 'Dara' AND family_name = 'Quinn'`)) as {
            n: number;
          }[]
        )[0].n;
      const before = await count();

      await page.goBack();
      await page.goto(`${url}/people/new`);
      await page.getByLabel('First name').fill('Dara');
      await page.getByLabel('Last name').fill('Quinn');
      await page.getByLabel('Date of birth').fill('1991-03-04');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('radio', { name: 'No, none of these: create a new record' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('status').filter({ hasText: 'Dara Quinn’s record was created. You are their case owner.' }).waitFor();
      const newId = new URL(page.url()).pathname.split('/')[2];
      expect(newId).not.toBe(daraSeen);
      expect(await count()).toBe(before + 1);
    },
    T,
  );

  it(
    'a probation officer changes the stage with a reason by keyboard alone, then reads it in the record’s history; the housing caseworker reads the same history with the stage withheld',
    async () => {
      const page = await signedIn('probation.officer');
      await page.goto(`${url}/people/${leoId}`);
      await page.getByRole('heading', { level: 1, name: 'Leo Marsh' }).waitFor();
      await page.getByRole('link', { name: /Change the stage/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Change the progression stage' }).waitFor();
      await checkScreen(page, 'change-stage');

      await page.getByRole('button', { name: 'Change stage' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Select the stage they are at');
      expect(await summary.textContent()).toContain('Enter why the stage has changed');
      await summary.getByRole('link', { name: /Select the stage/ }).press('Enter');
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-stage');
      // The first stage is focused; three arrows down choose the fourth, "Ready and searching".
      await page.keyboard.press('Space');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('radio', { name: 'Ready and searching' }).isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-reason');
      await page.keyboard.type('Applying for warehouse jobs each week');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: 'Leo Marsh' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Progression stage changed to ready and searching' }).waitFor();
      await page.getByRole('region', { name: 'Progression' }).getByText('Ready and searching').waitFor();

      await page.getByRole('link', { name: 'History of the record' }).click();
      await page.getByRole('heading', { level: 1, name: 'History of the record' }).waitFor();
      const stageChange = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Progression stage changed' }) });
      await stageChange.waitFor();
      const text = await stageChange.textContent();
      expect(text).toContain('by you');
      expect(text).toContain('Why: Applying for warehouse jobs each week');
      expect(text).toContain('Progression stage: “Ready and searching”');
      await page.getByRole('heading', { name: 'Record created' }).waitFor();
      await checkScreen(page, 'record-history');

      const housing = await signedIn('housing.worker');
      await housing.goto(`${url}/people/${leoId}/history`);
      await housing.getByRole('heading', { level: 1, name: 'History of the record' }).waitFor();
      const seen = housing.getByRole('listitem').filter({ has: housing.getByRole('heading', { name: 'Progression stage changed' }) });
      await seen.waitFor();
      expect(await seen.textContent()).toContain('someone at');
      expect(await seen.textContent()).not.toContain('Ready and searching');
      await seen.getByText('Withheld').first().waitFor();
      await seen.getByRole('link', { name: /Why\?/ }).first().waitFor();
      await checkScreen(housing, 'record-history-withheld');
    },
    T,
  );

  it(
    'the officer corrects the date and details of a session she logged, with why; it shows as corrected, with what it said before',
    async () => {
      const page = await signedIn('probation.officer');
      await page.goto(`${url}/people/${leoId}`);
      await page.getByRole('heading', { level: 1, name: 'Leo Marsh' }).waitFor();
      await page.getByRole('link', { name: /Correct this entry/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Correct this entry' }).waitFor();
      await page.getByText('It has not been corrected.').waitFor();
      expect(await page.getByLabel('Date').inputValue()).toBe(dayFirst(day(-2)));
      await checkScreen(page, 'correct-intervention');

      await page.getByRole('button', { name: 'Save correction' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Change the date or the details, or cancel');
      expect(await summary.textContent()).toContain('Enter why you are correcting it');

      await page.getByLabel('Date').fill(dayFirst(day(5)));
      await page.getByLabel('Why are you correcting it?').fill('Wrong day entered');
      await page.getByRole('button', { name: 'Save correction' }).click();
      await page.getByText('Work that happened cannot be dated after today').first().waitFor();

      await page.getByLabel('Date').fill(dayFirst(day(-3)));
      await page.getByLabel('Details').fill('CV started, cover letter drafted');
      await page.getByRole('button', { name: 'Save correction' }).click();
      await page.getByRole('heading', { level: 1, name: 'Leo Marsh' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'corrected: what it said before is kept in its history' }).waitFor();
      const item = page.getByRole('listitem').filter({ hasText: 'CV started, cover letter drafted' });
      await item.getByText('Corrected', { exact: true }).waitFor();

      await item.getByRole('link', { name: /What it said before/ }).click();
      await page.getByRole('heading', { level: 1, name: /^History of / }).waitFor();
      const earlier = await page.getByRole('listitem').filter({ hasText: 'Why: Wrong day entered' }).textContent();
      expect(earlier).toContain('Details before: CV started');
      expect(earlier).toMatch(/Corrected .* by /);
      await checkScreen(page, 'intervention-history');

      const [row] = (await hub.db.query(
        `SELECT occurred_at::date::text AS d, reason FROM intervention_revision WHERE intervention_id = $1`,
        [sessionId],
      )) as { d: string; reason: string }[];
      expect(row).toEqual({ d: day(-2), reason: 'Wrong day entered' });
    },
    T,
  );
});
