import { randomUUID } from 'node:crypto';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * An organisation's outcome page: what the funnel counts, said in words, and the outcomes its kind
 * works for. Housing: accommodation support. A training provider: courses completed, and its learners'
 * job starts recorded by any partner, counted only where the manager may read the job record.
 */
describe('organisation outcomes', () => {
  let hub: TestHub;
  let housing: string;
  let forge: string;
  let probation: string;
  const PERIOD = { from: '2025-01-01', to: '2025-07-01' };
  const QUERY = `query($input: OrganisationOutcomesInput!) { organisationOutcomes(input: $input) {
    organisationKind counted suppressionThreshold measures { key label people suppressed shown note } } }`;
  interface Outcomes {
    organisationOutcomes: {
      organisationKind: string | null;
      counted: string;
      suppressionThreshold: number;
      measures: { key: string; label: string; people: number | null; suppressed: boolean; shown: boolean; note: string | null }[];
    };
  }

  async function run(who: string, input: Record<string, unknown> = {}) {
    const res = await hub.gql<Outcomes>(QUERY, { input: { ...PERIOD, ...input } }, await hub.tokenFor(who));
    expect(res.errors).toBeUndefined();
    return res.data!.organisationOutcomes;
  }
  const measure = (o: Outcomes['organisationOutcomes'], key: string) => o.measures.find((m) => m.key === key);

  async function person(): Promise<string> {
    const id = randomUUID();
    await hub.db.query(
      `INSERT INTO person (id, given_name, family_name, normalised_name, date_of_birth, region, created_by_organisation_id, version)
       VALUES ($1, 'Out', 'Come', 'out come', '1990-01-01', 'north_west', $2, 1)`,
      [id, probation],
    );
    return id;
  }
  async function work(personId: string, org: string, type: string, category: string, status: string, on: string, outcome: unknown = null) {
    await hub.db.query(
      `INSERT INTO intervention (person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, outcome, version)
       VALUES ($1, $2, 'test', $3, $4, $5, $6, $7, 1)`,
      [personId, org, type, category, status, `${on}T10:00:00Z`, outcome],
    );
  }
  const jobStart = (personId: string, org: string, on: string) =>
    work(personId, org, 'job_start', 'employment', 'completed', on, {
      kind: 'job',
      employer: 'Northway Construction Ltd',
      sector: 'Construction',
      hoursPerWeek: 30,
      startDate: on,
    });
  async function involve(personId: string, org: string, ended = false) {
    await hub.db.query(
      `INSERT INTO involvement (person_id, organisation_id, role, started_at, ended_at, source, created_by)
       VALUES ($1, $2, 'provider', now() - interval '300 days', $3, 'test', 'test')`,
      [personId, org, ended ? new Date(Date.now() - 86_400_000) : null],
    );
  }
  async function consentToEmployment(personId: string, org: string) {
    await hub.db.query(
      `INSERT INTO consent (person_id, purpose, categories, organisation_id, method, given_at, recorded_by_organisation_id, recorded_by)
       VALUES ($1, 'ete', '{employment}', $2, 'verbal', now() - interval '5 days', $2, 'test')`,
      [personId, org],
    );
  }
  const outOfScope: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    const orgs: { id: string; name: string }[] = await hub.db.query(`SELECT id, name FROM organisation`);
    const org = (name: string) => orgs.find((o) => o.name === name)!.id;
    housing = org('Safe Harbour Housing Trust');
    forge = org('Forge Skills Training');
    probation = org('North West Probation Region');

    // Housing: 6 people whose accommodation support was completed in the period, 2 started; not counted:
    // one only planned, one completed before the period, one supported by probation (not housing's step).
    for (const status of ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'started', 'started', 'planned'])
      await work(await person(), housing, 'accommodation_support', 'accommodation', status, '2025-03-01');
    await work(await person(), housing, 'accommodation_support', 'accommodation', 'completed', '2024-11-01');
    await work(await person(), probation, 'accommodation_support', 'accommodation', 'completed', '2025-03-01');

    // Training: 6 learners the provider works with, who consented to it seeing their employment data,
    // gained a qualification there, and started a job that probation recorded: counted.
    for (let i = 0; i < 6; i++) {
      const id = await person();
      await involve(id, forge);
      await consentToEmployment(id, forge);
      await work(id, forge, 'training_cscs', 'ete', 'completed', '2025-02-01', {
        kind: 'qualification',
        qualification: 'CSCS Labourer card',
      });
      await jobStart(id, probation, '2025-04-01');
    }
    // A learner whose job start the provider recorded itself (its own record: counted, no consent needed).
    const own = await person();
    await work(own, forge, 'training_forklift', 'ete', 'started', '2025-02-01');
    await jobStart(own, forge, '2025-04-01');
    // Never counted: learners the provider works with but has no lawful basis to see employment data of
    // (probation recorded the job), a learner it no longer works with, a learner whose training came after
    // the job, and someone who was never its learner.
    for (let i = 0; i < 2; i++) {
      const id = await person();
      await involve(id, forge);
      await work(id, forge, 'training_cscs', 'ete', 'started', '2025-02-01');
      await jobStart(id, probation, '2025-04-01');
      outOfScope.push(id);
    }
    const ended = await person();
    await involve(ended, forge, true);
    await consentToEmployment(ended, forge);
    await work(ended, forge, 'training_cscs', 'ete', 'started', '2025-02-01');
    await jobStart(ended, probation, '2025-04-01');
    const later = await person();
    await involve(later, forge);
    await consentToEmployment(later, forge);
    await work(later, forge, 'training_cscs', 'ete', 'started', '2025-05-01');
    await jobStart(later, probation, '2025-04-01');
    const notLearner = await person();
    await involve(notLearner, forge);
    await consentToEmployment(notLearner, forge);
    await jobStart(notLearner, probation, '2025-04-01');
  });
  afterAll(() => hub.close());

  it("gives the housing manager accommodation outcomes and says that only its own organisation's steps count", async () => {
    const o = await run('housing.manager');
    // A housing charity: accommodation outcomes because it offers accommodation support.
    expect(o.organisationKind).toBe('charity');
    expect(o.counted).toContain('Only steps recorded by Safe Harbour Housing Trust');
    expect(o.measures.map((m) => [m.key, m.people, m.suppressed, m.shown])).toEqual([
      ['accommodation_supported', 8, false, true],
      ['accommodation_completed', 6, false, true],
    ]);
  });

  it('suppresses small counts, never below the default threshold', async () => {
    const o = await run('housing.manager', { threshold: 7 });
    expect(o.suppressionThreshold).toBe(7);
    expect(measure(o, 'accommodation_supported')).toMatchObject({ people: 8, suppressed: false });
    expect(measure(o, 'accommodation_completed')).toMatchObject({ people: null, suppressed: true });
    // A period with one person supported: 1 is below 5, so it is suppressed; nobody (0) is not.
    const one = await person();
    await work(one, housing, 'accommodation_support', 'accommodation', 'started', '2023-05-01');
    const small = await run('housing.manager', { from: '2023-01-01', to: '2024-01-01' });
    expect(measure(small, 'accommodation_supported')).toMatchObject({ people: null, suppressed: true });
    expect(measure(small, 'accommodation_completed')).toMatchObject({ people: 0, suppressed: false });
  });

  it("gives the training manager courses completed and its learners' jobs found with any partner, only where it may see them", async () => {
    const o = await run('training.manager');
    expect(o.organisationKind).toBe('training_provider');
    expect(o.counted).toContain('Only steps recorded by Forge Skills Training');
    expect(measure(o, 'courses_completed')).toMatchObject({ people: 6, suppressed: false, shown: true });
    const found = measure(o, 'learners_found_work')!;
    expect(found).toMatchObject({ people: 7, suppressed: false, shown: true });
    expect(found.note).toContain('employment records your organisation may see');
    // Give the two learners outside scope their consent: they are counted then, so scope was the reason.
    for (const id of outOfScope) await consentToEmployment(id, forge);
    expect(measure(await run('training.manager'), 'learners_found_work')!.people).toBe(9);
    await hub.db.query(`DELETE FROM consent WHERE person_id = ANY($1)`, [outOfScope]);
    expect(measure(await run('training.manager'), 'learners_found_work')!.people).toBe(7);
  });

  it("shows the learners' jobs only to the organisation's own managers; a hub admin is told why", async () => {
    const o = await run('hub.admin', { organisationId: forge });
    expect(measure(o, 'courses_completed')!.people).toBe(6);
    expect(measure(o, 'learners_found_work')).toMatchObject({ people: null, shown: false, suppressed: false });
    expect(measure(o, 'learners_found_work')!.note).toContain("Shown only to Forge Skills Training's own managers");
    const all = await run('commissioner');
    expect(all).toMatchObject({ organisationKind: null, measures: [] });
    expect(all.counted).toContain('any organisation');
  });

  it('refuses caseworkers and another organisation (FORBIDDEN), and records each run', async () => {
    const code = async (who: string, input: Record<string, unknown> = {}) =>
      (await hub.gql(QUERY, { input: { ...PERIOD, ...input } }, await hub.tokenFor(who))).errors?.[0].extensions?.code;
    expect(await code('trainer')).toBe('FORBIDDEN');
    expect(await code('housing.worker')).toBe('FORBIDDEN');
    expect(await code('housing.manager', { organisationId: forge })).toBe('FORBIDDEN');
    expect(await code('housing.manager', { threshold: 2 })).toBe('BAD_USER_INPUT');
    const runs: { n: string }[] = await hub.db.query(
      `SELECT count(*) AS n FROM outbox_event WHERE type = 'report.run' AND payload->>'report' = 'organisation_outcomes'`,
    );
    expect(Number(runs[0].n)).toBeGreaterThan(0);
  });
});
