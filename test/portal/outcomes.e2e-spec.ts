import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser } from './browser.js';

const DEMO = '@demo.rehab-hub.example';
const T = 120_000;

// A small deterministic generator (the same outcomes every run).
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

type Funnel = { eteFunnel: { suppressionThreshold: number; steps: { step: string; people: number | null; suppressed: boolean; breakdown: { key: string; count: number | null; suppressed: boolean }[] }[] } };
type Reoffending = { reoffendingAnalysis: { cohortSize: number | null; actualRate: number | null; predictedRate: number | null; differencePoints: number | null; fewerReoffenders: number | null; suppressed: boolean } };

describe('the outcomes page in a real browser', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  const input = { from: '2024-01-01', to: '2025-01-01' };

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO_PEOPLE: 'true' });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    // A year of the training provider's work (2024), with OGRS scores and reconvictions, written as a
    // case system would load it; the funnel summary follows by itself.
    const [{ id: forge }]: { id: string }[] = await hub.db.query(`SELECT id FROM organisation WHERE name = 'Forge Skills Training'`);
    const next = rng(8);
    for (let i = 0; i < 90; i++) {
      const [{ id }]: { id: string }[] = await hub.db.query(
        `INSERT INTO person (given_name, family_name, normalised_name, date_of_birth, region, created_by_organisation_id, version) VALUES ('Out', 'Come', 'out come', '1990-01-01', $1, $2, 1) RETURNING id`,
        [i % 3 ? 'north_west' : 'greater_manchester', forge],
      );
      const month = String(1 + (i % 12)).padStart(2, '0');
      const attended = next() < 0.85;
      const type = i % 2 ? 'training_cscs' : 'training_forklift';
      const qualification = attended && next() < 0.7 ? (type === 'training_cscs' ? 'CSCS Labourer card' : 'Counterbalance fork-lift licence') : null;
      await hub.db.query(
        `INSERT INTO intervention (person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, outcome, version) VALUES ($1, $2, 'test', $3, 'ete', $4, $5, $6, 1)`,
        [id, forge, type, qualification ? 'completed' : attended ? 'started' : 'did_not_attend', `2024-${month}-05T10:00:00Z`, qualification ? { kind: 'qualification', qualification } : null],
      );
      if (attended && next() < 0.5) {
        // Rail is rare: a small sector, suppressed with a second one.
        const sector = i % 41 === 1 ? 'Rail' : next() < 0.5 ? 'Construction' : 'Warehousing';
        const start = `2024-${month}-20`;
        const [{ id: job }]: { id: string }[] = await hub.db.query(
          `INSERT INTO intervention (person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, outcome, version) VALUES ($1, $2, 'test', 'job_start', 'employment', 'completed', $3, $4, 1) RETURNING id`,
          [id, forge, `${start}T10:00:00Z`, { kind: 'job', employer: 'Northway Construction Ltd', sector, hoursPerWeek: 30, startDate: start }],
        );
        await hub.db.query(`INSERT INTO job_sustainment (person_id, intervention_id, organisation_id, start_date, due_on, status) VALUES ($1, $2, $3, $4, $4::date + 91, $5)`, [id, job, forge, start, next() < 0.6 ? 'sustained' : 'not_sustained']);
      }
      if (next() < 0.9) await hub.db.query(`INSERT INTO ogrs_assessment (person_id, score, assessed_on, source, organisation_id, recorded_by) VALUES ($1, $2, '2023-12-01', 'test', $3, 'test')`, [id, 20 + Math.round(next() * 5000) / 100, forge]);
      if (next() < 0.3) await hub.db.query(`INSERT INTO reconviction (person_id, convicted_on, source, organisation_id, recorded_by) VALUES ($1, $2::date + 150, 'test', $3, 'test')`, [id, `2024-${month}-25`, forge]);
    }
    // And some of probation's (2024), so every organisation's funnel is more than the training provider's.
    const [{ id: probation }]: { id: string }[] = await hub.db.query(`SELECT id FROM organisation WHERE name = 'North West Probation Region'`);
    for (let i = 0; i < 12; i++) {
      const [{ id }]: { id: string }[] = await hub.db.query(
        `INSERT INTO person (given_name, family_name, normalised_name, date_of_birth, region, created_by_organisation_id, version) VALUES ('Pro', 'Bation', 'pro bation', '1991-01-01', 'north_west', $1, 1) RETURNING id`,
        [probation],
      );
      await hub.db.query(
        `INSERT INTO intervention (person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, version) VALUES ($1, $2, 'test', 'job_search', 'ete', 'completed', $3, 1)`,
        [id, probation, `2024-03-${String(1 + i).padStart(2, '0')}T10:00:00Z`],
      );
    }
  }, T);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  /** Signs in; `home` is the heading of the page a user of that role lands on. */
  async function signedIn(who: string, home = 'My caseload'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByLabel('Email address').fill(`${who}${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: home }).waitFor();
    return { context, page };
  }

  async function showOutcomes(page: Page, cohort: string) {
    await page.getByRole('link', { name: 'Outcomes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Outcomes' }).waitFor();
    await page.getByLabel('From').fill(input.from);
    await page.getByLabel('To (not included)').fill(input.to);
    await page.getByRole('radio', { name: cohort }).check();
    await page.getByRole('button', { name: 'Show outcomes' }).click();
    await page.waitForURL(/from=2024-01-01/);
    await page.locator('#funnel-table').waitFor();
  }

  const cell = (page: Page, table: string, rowKey: string) => page.locator(`${table} tr`).filter({ has: page.locator('th', { hasText: rowKey }) }).locator('td').first();

  it('a manager sees the funnel as a chart and a table with the numbers the API gives, suppressed cells as suppressed, and the reoffending analysis', async () => {
    const { context, page } = await signedIn('training.manager');
    try {
      await showOutcomes(page, 'Those who found work');
      const token = await hub.tokenFor('training.manager');
      const api = await hub.gql<Funnel>(`query($input: ReportFilterInput!) { eteFunnel(input: $input) { suppressionThreshold steps { step people suppressed breakdown { key count suppressed } } } }`, { input }, token);
      expect(api.errors).toBeUndefined();
      const steps = api.data!.eteFunnel.steps;
      expect(steps[0].people).toBeGreaterThan(50);
      // Every step's number in the table, and its bar's label in the chart, are the API's.
      for (const s of steps) {
        const shown = await page.locator(`#funnel-table tr[data-step="${s.step}"] td[data-label="People"]`).getAttribute('data-value');
        expect(shown).toBe(s.suppressed ? 'suppressed' : String(s.people));
        const bar = await page.locator(`svg g[data-step="${s.step}"]`).textContent();
        expect(bar).toContain(s.suppressed ? 'suppressed' : s.people!.toLocaleString('en-GB'));
      }
      // The rare sector is suppressed, and a second one with it; shown as suppressed, not as 0.
      const sectors = steps.find((s) => s.step === 'found_work')!.breakdown;
      expect(sectors.find((c) => c.key === 'Rail')).toEqual({ key: 'Rail', count: null, suppressed: true });
      expect(sectors.filter((c) => c.suppressed).length).toBe(2);
      for (const c of sectors) expect(await cell(page, '#sectors-table', c.key).textContent()).toBe(c.suppressed ? 'Suppressed' : c.count!.toLocaleString('en-GB'));
      const quals = steps.find((s) => s.step === 'completed_course')!.breakdown;
      for (const c of quals) expect(await cell(page, '#qualifications-table', c.key).textContent()).toBe(c.suppressed ? 'Suppressed' : c.count!.toLocaleString('en-GB'));

      const r = (await hub.gql<Reoffending>(`query($input: ReoffendingInput!) { reoffendingAnalysis(input: $input) { cohortSize actualRate predictedRate differencePoints fewerReoffenders suppressed } }`, { input: { ...input, cohort: 'FOUND_WORK' } }, token)).data!.reoffendingAnalysis;
      expect(r.suppressed).toBe(false);
      const row = async (id: string) => (await page.locator(`#reoffending [data-row="${id}"] dd`).textContent())!;
      expect(await row('size')).toBe(r.cohortSize!.toLocaleString('en-GB'));
      expect(await row('actual')).toBe(`${r.actualRate!.toFixed(1)}%`);
      expect(await row('predicted')).toBe(`${r.predictedRate!.toFixed(1)}%`);
      expect(await row('difference')).toBe(`${r.differencePoints!.toFixed(1)} percentage points`);
      expect(await row('fewer')).toBe(r.fewerReoffenders!.toLocaleString('en-GB'));
      const headline = await page.locator('#reoffending-headline').textContent();
      expect(headline).toContain(`${r.actualRate!.toFixed(1)}% were reconvicted within a year, against ${r.predictedRate!.toFixed(1)}% predicted`);
      expect(headline).toMatch(r.fewerReoffenders! >= 0 ? /fewer|as many/ : /more/);

      await checkScreen(page, 'outcomes');

      // The CSV has the same numbers.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the funnel as CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('ete-funnel.csv');
      const csv = await readFile((await download.path())!, 'utf8');
      for (const s of steps) expect(csv.split('\r\n').find((l) => l.startsWith(`${s.step},`))!.split(',').at(-3)).toBe(s.suppressed ? '' : String(s.people));
    } finally {
      await context.close();
    }
  }, T);

  it('a hub admin chooses an organisation and gets the same numbers; a caseworker has no outcomes page', async () => {
    const { context, page } = await signedIn('hub.admin');
    try {
      await page.getByRole('link', { name: 'Outcomes' }).click();
      await page.getByLabel('Organisation').selectOption({ label: 'Forge Skills Training' });
      await showOutcomes(page, 'Everyone who took up ETE support');
      await page.getByText('Forge Skills Training', { exact: true }).first().waitFor();
      const manager = await hub.gql<Funnel>(`query($input: ReportFilterInput!) { eteFunnel(input: $input) { steps { step people suppressed } } }`, { input }, await hub.tokenFor('training.manager'));
      for (const s of manager.data!.eteFunnel.steps) {
        expect(await page.locator(`#funnel-table tr[data-step="${s.step}"] td[data-label="People"]`).getAttribute('data-value')).toBe(s.suppressed ? 'suppressed' : String(s.people));
      }
      // Bad period: the error is next to the field.
      await page.getByLabel('To (not included)').fill('2023-01-01');
      await page.getByRole('button', { name: 'Show outcomes' }).click();
      await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
      expect(await page.locator('#f-to-error').textContent()).toContain('must be after its start');
    } finally {
      await context.close();
    }
    const caseworker = await signedIn('trainer');
    try {
      expect(await caseworker.page.getByRole('link', { name: 'Outcomes' }).count()).toBe(0);
    } finally {
      await caseworker.context.close();
    }
  }, T);
  it('a commissioner lands on outcomes, sees every organisation\'s funnel or one organisation\'s, and no people screens; a person page is not found', async () => {
    const { context, page } = await signedIn('commissioner', 'Outcomes');
    try {
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Outcomes']);
      await page.getByText('All organisations', { exact: true }).first().waitFor();
      await showOutcomes(page, 'Those who found work');
      const query = `query($input: ReportFilterInput!) { eteFunnel(input: $input) { scope steps { step people suppressed } } }`;
      const all = await hub.gql<Funnel & { eteFunnel: { scope: string } }>(query, { input }, await hub.tokenFor('hub.admin'));
      expect(all.data!.eteFunnel.scope).toBe('all organisations');
      const shown = async () => {
        const values: Record<string, string | null> = {};
        for (const s of all.data!.eteFunnel.steps) values[s.step] = await page.locator(`#funnel-table tr[data-step="${s.step}"] td[data-label="People"]`).getAttribute('data-value');
        return values;
      };
      const want = (steps: { step: string; people: number | null; suppressed: boolean }[]) => Object.fromEntries(steps.map((s) => [s.step, s.suppressed ? 'suppressed' : String(s.people)]));
      expect(await shown()).toEqual(want(all.data!.eteFunnel.steps));
      // The demo partners' work is in the total too: more people than the training provider's alone.
      const forge = await hub.gql<Funnel>(query, { input }, await hub.tokenFor('training.manager'));
      expect(all.data!.eteFunnel.steps[0].people).toBeGreaterThan(forge.data!.eteFunnel.steps[0].people!);

      // The organisation picker, as for hub admins.
      await page.getByLabel('Organisation').selectOption({ label: 'Forge Skills Training' });
      await page.getByRole('button', { name: 'Show outcomes' }).click();
      await page.waitForURL(/organisationId=/);
      await page.getByText('Forge Skills Training', { exact: true }).first().waitFor();
      await page.locator(`#funnel-table tr[data-step="referred"] td[data-label="People"][data-value="${want(forge.data!.eteFunnel.steps).referred}"]`).waitFor();
      expect(await shown()).toEqual(want(forge.data!.eteFunnel.steps));

      // A person its own organisation leads: not found, as for a record that does not exist.
      const [{ person_id: personId }]: { person_id: string }[] = await hub.db.query(
        `SELECT i.person_id FROM involvement i JOIN organisation o ON o.id = i.organisation_id WHERE o.name = 'North West Probation Region' AND i.role = 'lead' LIMIT 1`,
      );
      expect((await hub.gql(`query($id: ID!) { person(id: $id) { id } }`, { id: personId }, await hub.tokenFor('probation.officer'))).errors).toBeUndefined();
      await page.goto(`${url}/people/${personId}`);
      await page.getByRole('heading', { level: 1, name: 'Person not found' }).waitFor();
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Outcomes']);
    } finally {
      await context.close();
    }
  }, T);
});
