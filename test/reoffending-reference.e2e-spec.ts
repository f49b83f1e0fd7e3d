import { loadCohort, REFERENCES, COHORTS, type Oracle, oracle, type ReoffendingRow } from './support/reoffending-cohort.js';
import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

/**
 * The reoffending analysis under both reference dates, for the three cohorts, over a generated cohort
 * loaded through the integrator API. The oracle is one SQL statement written here over the base tables
 * (interventions, sustainments, assessments, reconvictions): never the hub's funnel summary or its numbers.
 */
describe('reoffending analysis: the reference date and follow-up as at a day', () => {
  let hub: TestHub;
  let admin: string;
  const FROM = '2023-01-01';
  const TO = '2024-01-01';
  const QUERY = `query($input: ReoffendingInput!) { reoffendingAnalysis(input: $input) {
    cohort reference asOf cohortSize excludedFollowUpPending excludedNoOgrs excludedNoReferenceDate
    actualRate predictedRate differencePoints fewerReoffenders suppressed } }`;

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    admin = await hub.tokenFor('hub.admin');
    await loadCohort(hub, await apiClientToken(hub, 'probation.admin', 'Evaluation loader'), 600, 2021);
  });
  afterAll(() => hub.close());

  const analyse = (input: Record<string, unknown>) =>
    hub.gql<{ reoffendingAnalysis: ReoffendingRow }>(QUERY, { input: { from: FROM, to: TO, ...input } }, admin);

  const cases = COHORTS.flatMap((cohort) => REFERENCES.map((reference) => [cohort, reference] as const));
  it.each(cases)(
    '%s under %s: every figure is the SQL recomputation over the base tables (as at today and at a past day)',
    async (cohort, reference) => {
      for (const asOf of [undefined, '2024-09-30']) {
        const res = await analyse({ cohort, reference, asOf });
        expect(res.errors).toBeUndefined();
        const want: Oracle = await oracle(hub.db, { cohort, reference, from: FROM, to: TO, asOf });
        expect(want.size).toBeGreaterThan(asOf ? 0 : 40);
        expect(res.data!.reoffendingAnalysis).toEqual({ cohort: cohort.toLowerCase(), ...want.row });
      }
    },
  );

  it('the reference date changes the found-work and sustained-work rows, and not the whole cohort', async () => {
    const rows = async (cohort: string) =>
      Promise.all(REFERENCES.map(async (reference) => (await analyse({ cohort, reference })).data!.reoffendingAnalysis));
    const [stepDate, programmeStart] = await rows('ETE_SUPPORT');
    expect({ ...programmeStart, reference: 'step_date' }).toEqual(stepDate);
    for (const cohort of ['FOUND_WORK', 'SUSTAINED_WORK']) {
      const [s, p] = await rows(cohort);
      // Every member has a programme start (their job start follows their take-up), so none is left out for want of one.
      expect(p.excludedNoReferenceDate).toBe(0);
      expect([p.actualRate, p.predictedRate]).not.toEqual([s.actualRate, s.predictedRate]);
    }
  });

  it('the default reference is the step date, and says so', async () => {
    const res = await analyse({ cohort: 'FOUND_WORK' });
    expect(res.data!.reoffendingAnalysis.reference).toBe('step_date');
    expect(res.data!.reoffendingAnalysis).toEqual(
      (await analyse({ cohort: 'FOUND_WORK', reference: 'STEP_DATE' })).data!.reoffendingAnalysis,
    );
  });

  it('refuses an asOf after today, on GraphQL and the CSV export', async () => {
    const future = `${new Date().getUTCFullYear() + 1}-12-31`;
    const res = await analyse({ cohort: 'FOUND_WORK', asOf: future });
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/asOf must not be after today/);
    const csv = await hub
      .http()
      .get(`/reports/reoffending.csv?from=${FROM}&to=${TO}&cohort=found_work&asOf=${future}`)
      .set('authorization', `Bearer ${admin}`);
    expect(csv.status).toBe(400);
    expect(csv.body.error).toBe('BAD_USER_INPUT');
  });

  it('the CSV export says which reference date and which day follow-up was judged at', async () => {
    const csv = await hub
      .http()
      .get(`/reports/reoffending.csv?from=${FROM}&to=${TO}&cohort=found_work&reference=programme_start&asOf=2025-06-30`)
      .set('authorization', `Bearer ${admin}`);
    expect(csv.status).toBe(200);
    const [header, line] = csv.text.trim().split('\r\n');
    const row = Object.fromEntries(header.split(',').map((h, i) => [h, line.split(',')[i]]));
    const want = await oracle(hub.db, { cohort: 'FOUND_WORK', reference: 'PROGRAMME_START', from: FROM, to: TO, asOf: '2025-06-30' });
    expect(row).toMatchObject({ cohort: 'found_work', reference: 'programme_start', as_of: '2025-06-30', cohort_size: String(want.size) });
  });
});
