import { apiClientToken, generateInto, startTestHub, type TestHub } from './support/hub.js';

/**
 * The reoffending analysis's aggregate (reoffending_count) is moved by the database in the transaction
 * of each write. After a mix of writes (people and contacts in bulk, OGRS assessments and reconvictions
 * arriving late, one by one and in batches, corrected and deleted, a merge and its undoing, an
 * erasure) it must equal what this test recomputes in one SQL statement from the base tables:
 * interventions, sustainment checks, people, OGRS assessments and reconvictions (never the funnel
 * summary or the per-person parts the maintenance keeps).
 */
const EXPECTED = `
  WITH act AS (
    SELECT COALESCE(p.merged_into_id, p.id) AS pid, i.organisation_id, i.type_code,
           i.data_category IN ('ete', 'employment') AND i.status IN ('started', 'completed') AS attended,
           (i.occurred_at AT TIME ZONE 'Europe/London')::date AS day,
           CASE WHEN i.outcome->>'kind' = 'job' THEN (i.outcome->>'startDate')::date END AS job_on,
           COALESCE(s.status = 'sustained', false) AS sustained
      FROM intervention i JOIN person p ON p.id = i.person_id LEFT JOIN job_sustainment s ON s.intervention_id = i.id),
  scoped AS (SELECT '00000000-0000-0000-0000-000000000000'::uuid AS scope_id, a.* FROM act a UNION ALL SELECT a.organisation_id, a.* FROM act a),
  per AS (SELECT scope_id, pid, array_agg(DISTINCT type_code) AS types, min(day) FILTER (WHERE attended) AS took_up,
                 min(job_on) FILTER (WHERE attended) AS job, min(job_on) FILTER (WHERE attended AND sustained) AS sus
            FROM scoped GROUP BY scope_id, pid),
  members AS (SELECT per.scope_id, per.pid, COALESCE(pp.region, '') AS region, per.types, v.cohort, v.step_on, per.took_up AS start_on
                FROM per JOIN person pp ON pp.id = per.pid
               CROSS JOIN LATERAL (VALUES (0, per.took_up), (1, per.job), (2, per.sus)) v(cohort, step_on) WHERE v.step_on IS NOT NULL),
  recs AS (SELECT p.id AS record_id, COALESCE(p.merged_into_id, p.id) AS pid FROM person p),
  judged AS (
    SELECT m.*, ref.*
      FROM members m
     CROSS JOIN LATERAL (
       SELECT (SELECT o.score FROM ogrs_assessment o JOIN recs r ON r.record_id = o.person_id
                WHERE r.pid = m.pid AND o.assessed_on <= m.step_on ORDER BY o.assessed_on DESC, o.created_at DESC LIMIT 1) AS step_score,
              EXISTS (SELECT 1 FROM reconviction c JOIN recs r ON r.record_id = c.person_id
                       WHERE r.pid = m.pid AND c.convicted_on > m.step_on AND c.convicted_on <= (m.step_on + interval '1 year')::date) AS step_rec,
              (SELECT o.score FROM ogrs_assessment o JOIN recs r ON r.record_id = o.person_id
                WHERE r.pid = m.pid AND o.assessed_on <= m.start_on ORDER BY o.assessed_on DESC, o.created_at DESC LIMIT 1) AS start_score,
              EXISTS (SELECT 1 FROM reconviction c JOIN recs r ON r.record_id = c.person_id
                       WHERE r.pid = m.pid AND c.convicted_on > m.start_on AND c.convicted_on <= (m.start_on + interval '1 year')::date) AS start_rec) ref)
  SELECT j.scope_id::text, t.type, j.cohort, j.step_on::text, j.region, COALESCE(j.start_on, j.step_on)::text AS start_on,
         count(*)::int AS people, count(*) FILTER (WHERE j.start_on IS NULL)::int AS no_start,
         count(j.step_score)::int AS step_scored, count(*) FILTER (WHERE j.step_score IS NOT NULL AND j.step_rec)::int AS step_reconvicted,
         COALESCE(sum(j.step_score), 0)::numeric(14, 2)::text AS step_score_sum,
         count(j.start_score)::int AS start_scored, count(*) FILTER (WHERE j.start_score IS NOT NULL AND j.start_rec)::int AS start_reconvicted,
         COALESCE(sum(j.start_score), 0)::numeric(14, 2)::text AS start_score_sum
    FROM judged j CROSS JOIN LATERAL unnest(ARRAY['']::text[] || j.types) t(type)
   GROUP BY 1, 2, 3, 4, 5, 6
   ORDER BY 1, 2, 3, 4, 5, 6`;

const STORED = `
  SELECT scope_id::text, type, cohort, step_on::text, region, start_on::text, people, no_start, step_scored, step_reconvicted,
         step_score_sum::numeric(14, 2)::text AS step_score_sum, start_scored, start_reconvicted, start_score_sum::numeric(14, 2)::text AS start_score_sum
    FROM reoffending_count
   WHERE (people, no_start, step_scored, step_reconvicted, step_score_sum, start_scored, start_reconvicted, start_score_sum) <> (0, 0, 0, 0, 0, 0, 0, 0)
   ORDER BY 1, 2, 3, 4, 5, 6`;

const SYSTEM = 'reoffending-summary';
const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const SYNC_OGRS = `mutation($input: SyncOgrsAssessmentsInput!) { syncOgrsAssessments(input: $input) { results { externalId status code } } }`;
const SYNC_RECONVICTIONS = `mutation($input: SyncReconvictionsInput!) { syncReconvictions(input: $input) { results { externalId status code } } }`;

describe('the reoffending aggregate', () => {
  let hub: TestHub;
  let sync: string;
  let batchNo = 0;

  async function expectInStep() {
    const [want, got] = await Promise.all([hub.db.query(EXPECTED), hub.db.query(STORED)]);
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);
  }
  const post = async (path: string, rows: unknown[]) => {
    const res = await hub
      .http()
      .post(`/sync/${path}?system=${SYSTEM}`)
      .set('authorization', `Bearer ${sync}`)
      .set('idempotency-key', `reo-${path}-${++batchNo}`)
      .set('content-type', 'application/x-ndjson')
      .send(ndjson(rows));
    expect(res.status).toBe(200);
    expect(res.body.rejected).toBe(0);
  };
  const batch = async (query: string, field: string, records: unknown[]) => {
    const res = await hub.gql<Record<string, { results: { status: string; code: string | null }[] }>>(
      query,
      { input: { idempotencyKey: `reo-batch-${++batchNo}`, system: SYSTEM, records } },
      sync,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data![field].results.filter((r) => r.status === 'REJECTED')).toEqual([]);
  };
  const gql = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await hub.gql<T>(query, variables, await hub.tokenFor(who));
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO_PEOPLE: 'true', WORKER_MODE: 'off' });
    sync = await apiClientToken(hub, 'probation.admin', 'Reoffending summary sync');
  });
  afterAll(() => hub.close());

  it('matches the demo world', async () => {
    await expectInStep();
  });

  it('follows people and contacts in bulk, then OGRS assessments and reconvictions arriving late, corrected and deleted', async () => {
    const N = 16;
    await post(
      'people',
      Array.from({ length: N }, (_, i) => ({
        externalId: `reo-${i}`,
        givenName: `Reo${i}`,
        familyName: 'Summary',
        dateOfBirth: `1980-02-${String(i + 1).padStart(2, '0')}`,
        region: i % 3 ? 'north_west' : 'wales',
      })),
    );
    const month = (i: number) => String((i % 12) + 1).padStart(2, '0');
    await post(
      'interventions',
      Array.from({ length: N }, (_, i) => [
        {
          externalId: `reo-cv-${i}`,
          personExternalId: `reo-${i}`,
          typeCode: i % 2 ? 'cv_cover_letter' : 'functional_skills_literacy',
          status: i % 5 === 4 ? 'planned' : 'completed',
          occurredAt: `2024-${month(i)}-10T10:00:00Z`,
        },
        ...(i % 3 === 0
          ? [
              {
                externalId: `reo-job-${i}`,
                personExternalId: `reo-${i}`,
                typeCode: 'job_start',
                status: 'started',
                occurredAt: `2024-${month(i + 2)}-01T10:00:00Z`,
                job: { employer: 'Northway', sector: 'construction', hoursPerWeek: 30, startDate: `2024-${month(i + 2)}-03` },
              },
            ]
          : []),
      ]).flat(),
    );
    await expectInStep();
    // OGRS: most before the programme start, some between it and the job start (only the step date sees those).
    await batch(
      SYNC_OGRS,
      'syncOgrsAssessments',
      Array.from({ length: N - 2 }, (_, i) => ({
        externalId: `reo-og-${i}`,
        personExternalId: `reo-${i}`,
        score: 20 + i * 3.25,
        assessedOn: i % 4 === 3 ? `2024-${month(i)}-20` : '2023-06-01',
      })),
    );
    await expectInStep();
    // Reconvictions arrive late: within the year of some, after it for others.
    await batch(
      SYNC_RECONVICTIONS,
      'syncReconvictions',
      Array.from({ length: N }, (_, i) => i)
        .filter((i) => i % 2 === 0)
        .map((i) => ({ externalId: `reo-rc-${i}`, personExternalId: `reo-${i}`, convictedOn: i % 4 === 0 ? '2025-01-20' : '2025-11-30' })),
    );
    await expectInStep();
    // Corrections: a score moves, an assessment is re-dated, a reconviction is re-dated out of the year.
    await batch(SYNC_OGRS, 'syncOgrsAssessments', [
      { externalId: 'reo-og-0', personExternalId: 'reo-0', score: 71.5, assessedOn: '2023-06-01' },
      { externalId: 'reo-og-3', personExternalId: 'reo-3', score: 44, assessedOn: '2023-01-01' },
    ]);
    await batch(SYNC_RECONVICTIONS, 'syncReconvictions', [
      { externalId: 'reo-rc-4', personExternalId: 'reo-4', convictedOn: '2026-06-30' },
    ]);
    await expectInStep();
    // A contact cancelled (the programme start moves), and hand-written SQL deletes a reconviction.
    await post('interventions', [
      {
        externalId: 'reo-cv-0',
        personExternalId: 'reo-0',
        typeCode: 'functional_skills_literacy',
        status: 'cancelled',
        occurredAt: '2024-01-10T10:00:00Z',
      },
    ]);
    await hub.db.query(
      `DELETE FROM reconviction WHERE person_id = (SELECT id FROM person WHERE given_name = 'Reo8' AND family_name = 'Summary')`,
    );
    await expectInStep();
  });

  it('follows a merge and its undoing, and an erasure, with the outcomes recorded one by one', async () => {
    const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`;
    const person = async (given: string, region: string) =>
      (
        await gql<{ createPerson: { person: { id: string } } }>('probation.officer', CREATE, {
          input: { givenName: given, familyName: 'Reoffending', dateOfBirth: '1985-05-05', region, confirmNew: true },
        })
      ).createPerson.person.id;
    const LOG = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
    const a = await person('Merge', 'north_west');
    const b = await person('Merge', 'wales');
    await gql('probation.officer', LOG, {
      input: { personId: a, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: '2024-06-01T10:00:00Z' },
    });
    await gql('probation.officer', LOG, {
      input: { personId: b, typeCode: 'interview_practice', status: 'COMPLETED', occurredAt: '2024-03-01T10:00:00Z' },
    });
    // The outcomes are on the duplicate's record: after the merge they count for the survivor.
    await gql('probation.officer', `mutation($input: RecordOgrsInput!) { recordOgrsAssessment(input: $input) { id } }`, {
      input: { personId: b, score: 55, assessedOn: '2024-01-01' },
    });
    await gql('probation.officer', `mutation($input: RecordReconvictionInput!) { recordReconviction(input: $input) { id } }`, {
      input: { personId: b, convictedOn: '2024-09-01' },
    });
    await expectInStep();
    const merged = await gql<{ mergePeople: { id: string } }>(
      'probation.officer',
      `mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }`,
      { input: { survivorId: a, duplicateId: b, reason: 'Same person' } },
    );
    expect(await hub.db.query(`SELECT 1 FROM reoffending_fact WHERE person_id = $1`, [b])).toEqual([]);
    await expectInStep();
    // A reconviction recorded against the duplicate's id while merged.
    await gql('probation.officer', `mutation($input: RecordReconvictionInput!) { recordReconviction(input: $input) { id } }`, {
      input: { personId: b, convictedOn: '2025-02-01' },
    });
    await expectInStep();
    await gql('probation.officer', `mutation($input: UnmergePersonInput!) { unmergePerson(input: $input) { undoneAt } }`, {
      input: { mergeId: merged.mergePeople.id, reason: 'Merged in error' },
    });
    await expectInStep();
    await gql('probation.dpo', `mutation($input: PersonReasonInput!) { erasePerson(input: $input) { id } }`, {
      input: { personId: b, reason: 'Valid erasure request' },
    });
    expect(await hub.db.query(`SELECT 1 FROM reoffending_fact WHERE person_id = $1`, [b])).toEqual([]);
    await expectInStep();
  });

  it('follows the population generator (one recount of each batch before its commit) and hand-written SQL', async () => {
    const summary = await generateInto(hub, { people: 240, batch: 100, seed: 11, organisations: 20 });
    expect(summary.ogrsAssessments).toBeGreaterThan(100);
    expect(summary.reconvictions).toBeGreaterThan(10);
    await expectInStep();
    // A score corrected by hand for a tenth of the generated people, and their reconvictions moved a year on.
    await hub.db.query(
      `UPDATE ogrs_assessment SET score = score / 2 WHERE source = 'generated' AND get_byte(uuid_send(person_id), 0) < 26`,
    );
    await hub.db.query(
      `UPDATE reconviction SET convicted_on = convicted_on + 365 WHERE source = 'generated' AND get_byte(uuid_send(person_id), 0) < 26`,
    );
    await expectInStep();
  });

  it('is what a rebuild makes of it', async () => {
    const before = await hub.db.query(STORED);
    await hub.db.query(`SELECT reoffending_rebuild()`);
    expect(await hub.db.query(STORED)).toEqual(before);
  });
});
