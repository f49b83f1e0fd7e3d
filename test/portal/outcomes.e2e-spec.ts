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
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

interface Funnel {
  eteFunnel: {
    suppressionThreshold: number;
    steps: {
      step: string;
      people: number | null;
      suppressed: boolean;
      breakdown: { key: string; count: number | null; suppressed: boolean }[];
    }[];
  };
}
interface Reoffending {
  reoffendingAnalysis: {
    cohortSize: number | null;
    actualRate: number | null;
    predictedRate: number | null;
    differencePoints: number | null;
    fewerReoffenders: number | null;
    suppressed: boolean;
  };
}

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
      const qualification =
        attended && next() < 0.7 ? (type === 'training_cscs' ? 'CSCS Labourer card' : 'Counterbalance fork-lift licence') : null;
      await hub.db.query(
        `INSERT INTO intervention (person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, outcome, version) VALUES ($1, $2, 'test', $3, 'ete', $4, $5, $6, 1)`,
        [
          id,
          forge,
          type,
          qualification ? 'completed' : attended ? 'started' : 'did_not_attend',
          `2024-${month}-05T10:00:00Z`,
          qualification ? { kind: 'qualification', qualification } : null,
        ],
      );
      if (attended && next() < 0.5) {
        // Rail is rare: a small sector, suppressed with a second one.
        const sector = i % 41 === 1 ? 'Rail' : next() < 0.5 ? 'Construction' : 'Warehousing';
        const start = `2024-${month}-20`;
        const [{ id: job }]: { id: string }[] = await hub.db.query(
          `INSERT INTO intervention (person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, outcome, version) VALUES ($1, $2, 'test', 'job_start', 'employment', 'completed', $3, $4, 1) RETURNING id`,
          [
            id,
            forge,
            `${start}T10:00:00Z`,
            { kind: 'job', employer: 'Northway Construction Ltd', sector, hoursPerWeek: 30, startDate: start },
          ],
        );
        await hub.db.query(
          `INSERT INTO job_sustainment (person_id, intervention_id, organisation_id, start_date, due_on, status) VALUES ($1, $2, $3, $4, $4::date + 91, $5)`,
          [id, job, forge, start, next() < 0.6 ? 'sustained' : 'not_sustained'],
        );
      }
      if (next() < 0.9)
        await hub.db.query(
          `INSERT INTO ogrs_assessment (person_id, score, assessed_on, source, organisation_id, recorded_by) VALUES ($1, $2, '2023-12-01', 'test', $3, 'test')`,
          [id, 20 + Math.round(next() * 5000) / 100, forge],
        );
      if (next() < 0.3)
        await hub.db.query(
          `INSERT INTO reconviction (person_id, convicted_on, source, organisation_id, recorded_by) VALUES ($1, $2::date + 150, 'test', $3, 'test')`,
          [id, `2024-${month}-25`, forge],
        );
    }
    // And some of probation's (2024), so every organisation's funnel is more than the training provider's.
    const [{ id: probation }]: { id: string }[] = await hub.db.query(
      `SELECT id FROM organisation WHERE name = 'North West Probation Region'`,
    );
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

  const cell = (page: Page, table: string, rowKey: string) =>
    page
      .locator(`${table} tr`)
      .filter({ has: page.locator('th', { hasText: rowKey }) })
      .locator('td')
      .first();

  it(
    'a manager sees the funnel as a chart and a table with the numbers the API gives, suppressed cells as suppressed, and the reoffending analysis',
    async () => {
      const { context, page } = await signedIn('training.manager');
      try {
        await showOutcomes(page, 'Those who found work');
        const token = await hub.tokenFor('training.manager');
        const api = await hub.gql<Funnel>(
          `query($input: ReportFilterInput!) { eteFunnel(input: $input) { suppressionThreshold steps { step people suppressed breakdown { key count suppressed } } } }`,
          { input },
          token,
        );
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
        for (const c of sectors)
          expect(await cell(page, '#sectors-table', c.key).textContent()).toBe(
            c.suppressed ? 'Suppressed' : c.count!.toLocaleString('en-GB'),
          );
        const quals = steps.find((s) => s.step === 'completed_course')!.breakdown;
        for (const c of quals)
          expect(await cell(page, '#qualifications-table', c.key).textContent()).toBe(
            c.suppressed ? 'Suppressed' : c.count!.toLocaleString('en-GB'),
          );

        const r = (
          await hub.gql<Reoffending>(
            `query($input: ReoffendingInput!) { reoffendingAnalysis(input: $input) { cohortSize actualRate predictedRate differencePoints fewerReoffenders suppressed } }`,
            { input: { ...input, cohort: 'FOUND_WORK' } },
            token,
          )
        ).data!.reoffendingAnalysis;
        expect(r.suppressed).toBe(false);
        const row = async (id: string) => (await page.locator(`#reoffending [data-row="${id}"] dd`).textContent())!;
        expect(await row('size')).toBe(r.cohortSize!.toLocaleString('en-GB'));
        expect(await row('actual')).toBe(`${r.actualRate!.toFixed(1)}%`);
        expect(await row('predicted')).toBe(`${r.predictedRate!.toFixed(1)}%`);
        expect(await row('difference')).toBe(`${r.differencePoints!.toFixed(1)} percentage points`);
        expect(await row('fewer')).toBe(r.fewerReoffenders!.toLocaleString('en-GB'));
        const headline = await page.locator('#reoffending-headline').textContent();
        expect(headline).toContain(
          `${r.actualRate!.toFixed(1)}% were reconvicted within a year, against ${r.predictedRate!.toFixed(1)}% predicted`,
        );
        expect(headline).toMatch(r.fewerReoffenders! >= 0 ? /fewer|as many/ : /more/);

        await checkScreen(page, 'outcomes');

        // The CSV has the same numbers.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download the funnel as CSV' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('ete-funnel.csv');
        const csv = await readFile(await download.path(), 'utf8');
        for (const s of steps)
          expect(
            csv
              .split('\r\n')
              .find((l) => l.startsWith(`${s.step},`))!
              .split(',')
              .at(-3),
          ).toBe(s.suppressed ? '' : String(s.people));
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    'a hub admin chooses an organisation and gets the same numbers; a caseworker has no outcomes page',
    async () => {
      const { context, page } = await signedIn('hub.admin');
      try {
        await page.getByRole('link', { name: 'Outcomes' }).click();
        await page.getByLabel('Organisation').selectOption({ label: 'Forge Skills Training' });
        await showOutcomes(page, 'Everyone who took up ETE support');
        await page.getByText('Forge Skills Training', { exact: true }).first().waitFor();
        const manager = await hub.gql<Funnel>(
          `query($input: ReportFilterInput!) { eteFunnel(input: $input) { steps { step people suppressed } } }`,
          { input },
          await hub.tokenFor('training.manager'),
        );
        for (const s of manager.data!.eteFunnel.steps) {
          expect(await page.locator(`#funnel-table tr[data-step="${s.step}"] td[data-label="People"]`).getAttribute('data-value')).toBe(
            s.suppressed ? 'suppressed' : String(s.people),
          );
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
    },
    T,
  );
  it(
    "a commissioner lands on outcomes, sees every organisation's funnel or one organisation's, and no people screens; a person page is not found",
    async () => {
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
          for (const s of all.data!.eteFunnel.steps)
            values[s.step] = await page
              .locator(`#funnel-table tr[data-step="${s.step}"] td[data-label="People"]`)
              .getAttribute('data-value');
          return values;
        };
        const want = (steps: { step: string; people: number | null; suppressed: boolean }[]) =>
          Object.fromEntries(steps.map((s) => [s.step, s.suppressed ? 'suppressed' : String(s.people)]));
        expect(await shown()).toEqual(want(all.data!.eteFunnel.steps));
        // The demo partners' work is in the total too: more people than the training provider's alone.
        const forge = await hub.gql<Funnel>(query, { input }, await hub.tokenFor('training.manager'));
        expect(all.data!.eteFunnel.steps[0].people).toBeGreaterThan(forge.data!.eteFunnel.steps[0].people!);

        // The organisation picker, as for hub admins.
        await page.getByLabel('Organisation').selectOption({ label: 'Forge Skills Training' });
        await page.getByRole('button', { name: 'Show outcomes' }).click();
        await page.waitForURL(/organisationId=/);
        await page.getByText('Forge Skills Training', { exact: true }).first().waitFor();
        await page
          .locator(
            `#funnel-table tr[data-step="referred"] td[data-label="People"][data-value="${want(forge.data!.eteFunnel.steps).referred}"]`,
          )
          .waitFor();
        expect(await shown()).toEqual(want(forge.data!.eteFunnel.steps));

        // A person its own organisation leads: not found, as for a record that does not exist.
        const [{ person_id: personId }]: { person_id: string }[] = await hub.db.query(
          `SELECT i.person_id FROM involvement i JOIN organisation o ON o.id = i.organisation_id WHERE o.name = 'North West Probation Region' AND i.role = 'lead' LIMIT 1`,
        );
        expect(
          (await hub.gql(`query($id: ID!) { person(id: $id) { id } }`, { id: personId }, await hub.tokenFor('probation.officer'))).errors,
        ).toBeUndefined();
        await page.goto(`${url}/people/${personId}`);
        await page.getByRole('heading', { level: 1, name: 'Person not found' }).waitFor();
        expect(await nav.getByRole('link').allTextContents()).toEqual(['Outcomes']);
      } finally {
        await context.close();
      }
    },
    T,
  );

  /**
   * The referral report, below the funnel: referrals probation sent to the housing trust in March 2023
   * (a period no other scenario reports on; referrals never feed the funnel), answered through the API
   * and moved to that month with SQL, as a case system's clock would have put them.
   */
  const OWN_OUTCOMES = `query($input: OrganisationOutcomesInput!) { organisationOutcomes(input: $input) {
    counted measures { key label people suppressed shown note } } }`;
  interface Own {
    organisationOutcomes: {
      counted: string;
      measures: { key: string; label: string; people: number | null; suppressed: boolean; shown: boolean; note: string | null }[];
    };
  }
  /** The "your organisation's outcomes" table, row by row: [label (with its note), shown value]. */
  const ownRows = async (page: Page) => {
    await page.locator('#own-outcomes-table').waitFor();
    return page
      .locator('#own-outcomes-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.querySelector('th')!.textContent!.trim(), r.querySelector('td')!.textContent!.trim()]));
  };

  it(
    "the housing manager sees accommodation outcomes, and is told that the funnel counts only its own organisation's steps",
    async () => {
      const [{ id: housing }]: { id: string }[] = await hub.db.query(
        `SELECT id FROM organisation WHERE name = 'Safe Harbour Housing Trust'`,
      );
      for (const status of ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'started', 'started']) {
        const [{ id }]: { id: string }[] = await hub.db.query(
          `INSERT INTO person (given_name, family_name, normalised_name, date_of_birth, region, created_by_organisation_id, version) VALUES ('Ho', 'Using', 'ho using', '1992-01-01', 'north_west', $1, 1) RETURNING id`,
          [housing],
        );
        await hub.db.query(
          `INSERT INTO intervention (person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, version) VALUES ($1, $2, 'test', 'accommodation_support', 'accommodation', $3, '2024-06-01T10:00:00Z', 1)`,
          [id, housing, status],
        );
      }
      const { context, page } = await signedIn('housing.manager');
      try {
        await showOutcomes(page, 'Those who found work');
        expect(await page.locator('#funnel-counted').textContent()).toContain('Only steps recorded by Safe Harbour Housing Trust');
        expect(await ownRows(page)).toEqual([
          ['People given accommodation support (started or completed in the period)', '8'],
          ['People whose accommodation support was completed in the period', '6'],
        ]);
        await checkScreen(page, 'outcomes-housing');
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    'the training manager sees courses completed and the jobs its learners found, with the numbers the API gives and what they leave out',
    async () => {
      const api = await hub.gql<Own>(OWN_OUTCOMES, { input }, await hub.tokenFor('training.manager'));
      expect(api.errors).toBeUndefined();
      const measures = api.data!.organisationOutcomes.measures;
      expect(measures.map((m) => m.key)).toEqual(['courses_completed', 'learners_found_work']);
      expect(measures.every((m) => m.shown && !m.suppressed && m.people! > 5)).toBe(true);
      const { context, page } = await signedIn('training.manager');
      try {
        await showOutcomes(page, 'Those who found work');
        expect(await page.locator('#funnel-counted').textContent()).toBe(api.data!.organisationOutcomes.counted);
        expect(await ownRows(page)).toEqual(measures.map((m) => [`${m.label}${m.note ?? ''}`, String(m.people)]));
        await page.getByText('Counted only for learners whose employment records your organisation may see').waitFor();
        await checkScreen(page, 'outcomes-training');
      } finally {
        await context.close();
      }
    },
    T,
  );

  describe('the referral report', () => {
    const period = { from: '2023-03-01', to: '2023-04-01' };
    const SENT_AT = '2023-03-06T09:00:00Z';
    const REPORT = `query($input: ReferralReportInput!) { referralReport(input: $input) { direction suppressionThreshold total { ...row } services { ...row } } }
      fragment row on ReferralReportRow { serviceCode sent accepted declined withdrawnBeforeAnswer awaitingAnswer answeredInTime awaitingAnswerPastDue
        started startedInTime acceptedNotStartedPastDue completed withdrawnAfterAcceptance medianHoursToAnswer medianHoursToStart suppressed }`;
    const COUNTS = [
      'sent',
      'accepted',
      'declined',
      'withdrawnBeforeAnswer',
      'awaitingAnswer',
      'answeredInTime',
      'awaitingAnswerPastDue',
      'started',
      'startedInTime',
      'acceptedNotStartedPastDue',
      'completed',
      'withdrawnAfterAcceptance',
    ];
    type Row = Record<string, number | null> & { serviceCode: string | null; suppressed: string[] };
    interface Report {
      referralReport: { direction: string | null; suppressionThreshold: number; total: Row; services: Row[] };
    }

    async function act<T = Record<string, { id: string }>>(who: string, query: string, variables: Record<string, unknown>): Promise<T> {
      const res = await hub.gql<T>(query, variables, await hub.tokenFor(who));
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    }
    const report = async (who: string, input: Record<string, unknown> = {}) =>
      (await act<Report>(who, REPORT, { input: { ...period, ...input } })).referralReport;

    beforeAll(async () => {
      const [{ id: housing }]: { id: string }[] = await hub.db.query(
        `SELECT id FROM organisation WHERE name = 'Safe Harbour Housing Trust'`,
      );
      const created = await act<{ createPerson: { person: { id: string } } }>(
        'probation.officer',
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        {
          input: { givenName: 'Referral', familyName: 'Report', dateOfBirth: '1988-06-01', region: 'north_west', confirmNew: true },
        },
      );
      const personId = created.createPerson.person.id;
      const send = async (serviceCode: string) =>
        (
          await act('probation.officer', `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`, {
            input: { personId, toOrganisationId: housing, serviceCode, reason: 'Needs support', sharedCategories: [] },
          })
        ).sendReferral.id;
      const step = (name: string, id: string) => act('housing.worker', `mutation($id: ID!) { ${name}(id: $id) { id } }`, { id });
      /** Moves a step of the referral to `hours` after its sending. */
      const at = (id: string, action: string, hours: number) =>
        hub.db.query(
          `UPDATE referral_transition SET at = $2::timestamptz + make_interval(hours => $3) WHERE referral_id = $1 AND action = $4`,
          [id, SENT_AT, hours, action],
        );
      const ids: string[] = [];
      // Accommodation support: 15 sent; 10 accepted in 10 hours, 5 of them started 2 days later and 5 never;
      // 5 declined in 20 hours.
      for (let i = 0; i < 15; i++) {
        const id = await send('accommodation_support');
        ids.push(id);
        if (i < 10) {
          await step('acceptReferral', id);
          await at(id, 'accept', 10);
          if (i < 5) {
            await step('startReferral', id);
            await at(id, 'start', 58);
          }
        } else {
          await act('housing.worker', `mutation($input: ReferralReasonInput!) { declineReferral(input: $input) { id } }`, {
            input: { referralId: id, reason: 'No room' },
          });
          await at(id, 'decline', 20);
        }
      }
      // Finance and ID: 6 sent and never answered, long past due, and 1 withdrawn before an answer (a small
      // count: the row, and the total holding it, are withheld whole).
      for (let i = 0; i < 7; i++) ids.push(await send('finance_and_id'));
      await act('probation.officer', `mutation($input: ReferralReasonInput!) { withdrawReferral(input: $input) { id } }`, {
        input: { referralId: ids.at(-1), reason: 'Moved away' },
      });
      await hub.db.query(`UPDATE referral SET sent_at = $2 WHERE id = ANY($1::uuid[])`, [ids, SENT_AT]);
      await hub.db.query(`UPDATE referral_transition SET at = $2 WHERE referral_id = ANY($1::uuid[]) AND action = 'send'`, [ids, SENT_AT]);
    }, T);

    /** Fills the period (and the direction, when given) and waits for the referral report of that period. */
    async function showReferrals(page: Page, direction?: 'Referrals received' | 'Referrals sent') {
      if (!page.url().includes('/outcomes')) await page.getByRole('link', { name: 'Outcomes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Outcomes' }).waitFor();
      await page.getByLabel('From').fill(period.from);
      await page.getByLabel('To (not included)').fill(period.to);
      if (direction) await page.getByRole('radio', { name: direction }).check();
      await page.getByRole('button', { name: 'Show outcomes' }).click();
      await page.waitForURL(/from=2023-03-01/);
      const section = page.locator('section[aria-labelledby="referrals-heading"]').filter({ hasText: '1 March 2023 to 1 April 2023' });
      await section.locator('#referral-answers-table, #referral-report-empty').first().waitFor();
      return section;
    }

    /** What the page shows in the cell of a measure for a service (`total` for the total row), as data-value. */
    const shown = (page: Page, service: string, measure: string) => {
      const table = [
        'started',
        'startedInTime',
        'acceptedNotStartedPastDue',
        'completed',
        'withdrawnAfterAcceptance',
        'medianHoursToStart',
      ].includes(measure)
        ? '#referral-starts-table'
        : '#referral-answers-table';
      return page.locator(`${table} tr[data-service="${service}"] td[data-measure="${measure}"]`).getAttribute('data-value');
    };
    const want = (row: Row, measure: string) =>
      row[measure] !== null ? String(row[measure]) : COUNTS.includes(measure) || row.suppressed.includes(measure) ? 'suppressed' : 'none';

    async function expectSameNumbers(page: Page, api: Report['referralReport']) {
      const rows = [...api.services, api.total];
      expect(
        await page.locator('#referral-answers-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-service'))),
      ).toEqual(rows.map((r) => r.serviceCode ?? 'total'));
      for (const r of rows) {
        for (const m of [...COUNTS, 'medianHoursToAnswer', 'medianHoursToStart'])
          expect([r.serviceCode, m, await shown(page, r.serviceCode ?? 'total', m)]).toEqual([r.serviceCode, m, want(r, m)]);
      }
    }

    const csvRows = (csv: string) => {
      const [header, ...rows] = csv
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(','));
      return Object.fromEntries(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    };

    it(
      'a receiving manager sees what became of the referrals it received, by service, with the numbers the API gives, suppressed cells as suppressed, on a phone too, and as CSV',
      async () => {
        const { context, page } = await signedIn('housing.manager');
        try {
          await page.getByRole('link', { name: 'Outcomes' }).click();
          expect(await page.getByRole('radio', { name: 'Referrals received' }).isChecked()).toBe(true);
          const section = await showReferrals(page);
          await section.getByRole('heading', { level: 2, name: 'Referrals received' }).waitFor();
          const api = await report('housing.manager');
          expect(api.direction).toBe('RECEIVED');
          const accommodation = api.services.find((r) => r.serviceCode === 'accommodation_support')!;
          expect(accommodation).toMatchObject({
            sent: 15,
            accepted: 10,
            declined: 5,
            started: 5,
            acceptedNotStartedPastDue: 5,
            medianHoursToAnswer: 10,
            medianHoursToStart: 48,
            suppressed: [],
          });
          expect(api.services.find((r) => r.serviceCode === 'finance_and_id')).toMatchObject({
            sent: null,
            awaitingAnswer: null,
            awaitingAnswerPastDue: null,
            medianHoursToAnswer: null,
          });
          expect(api.total).toMatchObject({ serviceCode: null, sent: null });
          await expectSameNumbers(page, api);

          // Services in words, the total last and labelled; the withheld rows are suppressed, not 0 and not a dash.
          expect(await page.locator('#referral-answers-table tbody th[scope="row"]').allTextContents()).toEqual([
            'Accommodation support',
            'Finance and ID',
            'All services (total)',
          ]);
          const suppressed = page.locator(
            '#referral-starts-table tr[data-service="finance_and_id"] td[data-measure="acceptedNotStartedPastDue"]',
          );
          expect(await suppressed.textContent()).toBe('Suppressed');
          expect(
            await page
              .locator('#referral-answers-table tr[data-service="finance_and_id"] td[data-measure="medianHoursToAnswer"]')
              .textContent(),
          ).toBe('Suppressed');
          // Nothing was withdrawn after acceptance: a zero is shown as 0.
          expect(
            await page
              .locator('#referral-starts-table tr[data-service="accommodation_support"] td[data-measure="withdrawnAfterAcceptance"]')
              .textContent(),
          ).toBe('0');
          expect(await page.locator('#referral-answers-table thead th[scope="col"]').allTextContents()).toContain(
            'Awaiting an answer, past due',
          );

          await checkScreen(page, 'outcomes-referrals');
          // Both tables fit the page beside the funnel's (no sideways scrolling).
          const widthOf = (id: string) => page.evaluate(`document.querySelector('${id}').getBoundingClientRect().width`) as Promise<number>;
          const funnelWidth = await widthOf('#funnel-table');
          expect(await widthOf('#referral-answers-table')).toBeLessThanOrEqual(funnelWidth);
          expect(await widthOf('#referral-starts-table')).toBeLessThanOrEqual(funnelWidth);

          // On a tablet or a phone each row is a block of labelled figures, inside the screen.
          for (const width of [768, 360]) {
            await page.setViewportSize({ width, height: 800 });
            expect(await page.evaluate(`getComputedStyle(document.querySelector('#referral-answers-table td')).display`)).toBe('block');
            expect(await widthOf('#referral-answers-table')).toBeLessThanOrEqual(width);
            expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
          }
          await checkScreen(page, 'outcomes-referrals-phone');
          await page.setViewportSize({ width: 1100, height: 900 });

          // The CSV has the same numbers.
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            section.getByRole('link', { name: 'Download the referral report as CSV' }).click(),
          ]);
          expect(download.suggestedFilename()).toBe('referrals.csv');
          const csv = csvRows(await readFile(await download.path(), 'utf8'));
          expect(Object.keys(csv)).toEqual(['all', ...api.services.map((r) => r.serviceCode)]);
          for (const r of [api.total, ...api.services]) {
            for (const m of COUNTS) expect(csv[r.serviceCode ?? 'all'][m]).toBe(r[m] === null ? '' : String(r[m]));
          }
        } finally {
          await context.close();
        }
      },
      T,
    );

    it(
      'the sending manager switches to the referrals it sent; hub admins choose received or sent only for one organisation',
      async () => {
        const { context, page } = await signedIn('probation.manager');
        try {
          // Probation received none of them.
          const received = await report('probation.manager');
          expect(received.total.sent).toBe(0);
          const section = await showReferrals(page);
          await section.getByRole('heading', { level: 2, name: 'Referrals received' }).waitFor();
          expect(await section.locator('#referral-report-empty').textContent()).toBe('No referrals were sent in this period.');

          // It sent them all: the numbers change to those the API gives for SENT.
          await showReferrals(page, 'Referrals sent');
          await page.waitForURL(/direction=SENT/);
          await section.getByRole('heading', { level: 2, name: 'Referrals sent' }).waitFor();
          const sent = await report('probation.manager', { direction: 'SENT' });
          expect(sent.direction).toBe('SENT');
          expect(sent.services.find((r) => r.serviceCode === 'accommodation_support')?.sent).toBe(15);
          await expectSameNumbers(page, sent);
          expect(await shown(page, 'accommodation_support', 'sent')).toBe('15');

          const [download] = await Promise.all([
            page.waitForEvent('download'),
            section.getByRole('link', { name: 'Download the referral report as CSV' }).click(),
          ]);
          const csv = csvRows(await readFile(await download.path(), 'utf8'));
          expect(csv.accommodation_support.sent).toBe('15');
          expect(csv.all.sent).toBe('');
          expect(await section.getByRole('link', { name: 'Download the referral report as CSV' }).getAttribute('href')).toContain(
            'direction=sent',
          );
        } finally {
          await context.close();
        }

        const admin = await signedIn('hub.admin');
        try {
          // All organisations: no direction to choose, every referral counted.
          const section = await showReferrals(admin.page);
          await section.getByRole('heading', { level: 2, name: 'Referrals', exact: true }).waitFor();
          expect(await admin.page.getByRole('radio', { name: 'Referrals sent' }).count()).toBe(0);
          expect(admin.page.url()).not.toContain('direction=');
          const all = await report('hub.admin');
          expect(all.direction).toBeNull();
          await expectSameNumbers(admin.page, all);
          // One organisation: the choice appears.
          await admin.page.getByLabel('Organisation').selectOption({ label: 'Safe Harbour Housing Trust' });
          await admin.page.getByRole('radio', { name: 'Referrals sent' }).waitFor();
        } finally {
          await admin.context.close();
        }
      },
      T,
    );
  });
});
