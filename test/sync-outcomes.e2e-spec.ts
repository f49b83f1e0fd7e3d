import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

const SYSTEM = 'case-system';
const RESULT = `{ idempotencyKey replayed results { externalId status id code message } }`;
const SYNC_OGRS = `mutation($input: SyncOgrsAssessmentsInput!) { syncOgrsAssessments(input: $input) ${RESULT} }`;
const SYNC_RECONVICTIONS = `mutation($input: SyncReconvictionsInput!) { syncReconvictions(input: $input) ${RESULT} }`;
const SYNC_SUSTAINMENTS = `mutation($input: SyncSustainmentsInput!) { syncSustainments(input: $input) ${RESULT} }`;

interface SyncResult {
  idempotencyKey: string;
  replayed: boolean;
  results: { externalId: string; status: string; id: string | null; code: string | null; message: string | null }[];
}

const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const tomorrow = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

/** The outcome loads (OGRS assessments, proven reconvictions, sustainment outcomes): batch and NDJSON forms. */
describe('outcome sync: OGRS assessments, reconvictions and sustainment outcomes in bulk', () => {
  let hub: TestHub;
  let probation: string;
  let housing: string;

  const count = async (sql: string, params: unknown[] = []) => Number((await hub.db.query(sql, params))[0].n);
  /** The audited write events about these records (each in its audit row's detail.events). */
  const AUDITED = `SELECT count(*) AS n FROM audit_event a, jsonb_array_elements(a.detail->'events') e WHERE e->>'aggregateId' = ANY($1::text[])`;
  const post = (path: string, token: string, key: string, body: string) =>
    hub
      .http()
      .post(`/sync/${path}?system=${SYSTEM}`)
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', key)
      .set('content-type', 'application/x-ndjson')
      .send(body);
  async function batch(query: string, field: string, key: string, records: unknown[], token = probation): Promise<SyncResult> {
    const res = await hub.gql<Record<string, SyncResult>>(query, { input: { idempotencyKey: key, system: SYSTEM, records } }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data![field];
  }

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    probation = await apiClientToken(hub, 'probation.admin', 'Probation case system');
    housing = await apiClientToken(hub, 'housing.admin', 'Housing CRM');
    const people = Array.from({ length: 50 }, (_, i) => ({
      externalId: `p-${i}`,
      givenName: `Given${i}`,
      familyName: `Outcome${i}`,
      dateOfBirth: `19${70 + (i % 25)}-0${(i % 9) + 1}-1${i % 10}`,
      identifiers: [],
    }));
    expect((await post('people', probation, 'outcome-people-1', ndjson(people))).body).toMatchObject({ created: 50, rejected: 0 });
    // Job starts: p-0 … p-9 long ago (their 13 weeks are over), p-10 … p-12 this week (still in their window).
    const jobs = Array.from({ length: 13 }, (_, i) => {
      const start = i < 10 ? '2025-03-03' : new Date().toISOString().slice(0, 10);
      return {
        externalId: `job-${i}`,
        personExternalId: `p-${i}`,
        typeCode: 'job_start',
        status: 'started',
        occurredAt: `${start}T10:00:00Z`,
        job: { employer: 'Northway', sector: 'construction', hoursPerWeek: 30, startDate: start },
      };
    });
    expect((await post('interventions', probation, 'outcome-jobs-1', ndjson(jobs))).body).toMatchObject({ created: 13, rejected: 0 });
  });
  afterAll(() => hub.close());

  it('OGRS by batch: created once, replayed by key, unchanged when sent again, updated (with old and new in the audit) when the score moves', async () => {
    const records = Array.from({ length: 10 }, (_, i) => ({
      externalId: `og-${i}`,
      personExternalId: `p-${i}`,
      score: 20 + i,
      assessedOn: '2025-01-15',
    }));
    const bad = [
      { externalId: 'og-bad-score', personExternalId: 'p-1', score: 120, assessedOn: '2025-01-15' },
      { externalId: 'og-future', personExternalId: 'p-1', score: 40, assessedOn: tomorrow() },
      { externalId: 'og-nobody', personExternalId: 'nobody', score: 40, assessedOn: '2025-01-15' },
    ];
    const before = await count(`SELECT count(*) AS n FROM outbox_event WHERE type = 'ogrs.recorded'`);
    const first = await batch(SYNC_OGRS, 'syncOgrsAssessments', 'ogrs-batch-0001', [...records, ...bad]);
    expect(first.results.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ...records.map((r) => [r.externalId, 'CREATED', null]),
      ['og-bad-score', 'REJECTED', 'BAD_USER_INPUT'],
      ['og-future', 'REJECTED', 'BAD_USER_INPUT'],
      ['og-nobody', 'REJECTED', 'NOT_FOUND'],
    ]);
    expect(first.results[11].message).toMatch(/assessedOn: must not be after today/);
    const ids = first.results.slice(0, 10).map((r) => r.id);
    expect(await count(`SELECT count(*) AS n FROM ogrs_assessment WHERE id = ANY($1) AND source = 'sync'`, [ids])).toBe(10);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE type = 'ogrs.recorded'`)).toBe(before + 10);
    expect(await count(AUDITED, [ids])).toBe(10);

    const replay = await batch(SYNC_OGRS, 'syncOgrsAssessments', 'ogrs-batch-0001', [...records, ...bad]);
    expect({ ...replay, replayed: false }).toEqual(first);
    expect(replay.replayed).toBe(true);

    const again = await batch(SYNC_OGRS, 'syncOgrsAssessments', 'ogrs-batch-0002', [{ ...records[0], score: 61.5 }, records[1]]);
    expect(again.results.map((r) => [r.status, r.id])).toEqual([
      ['UPDATED', ids[0]],
      ['UNCHANGED', ids[1]],
    ]);
    expect(Number((await hub.db.query(`SELECT score FROM ogrs_assessment WHERE id = $1`, [ids[0]]))[0].score)).toBe(61.5);
    const [audit] = await hub.db.query(
      `SELECT e->'changes' AS changes FROM audit_event a, jsonb_array_elements(a.detail->'events') e WHERE e->>'aggregateId' = $1 AND e ? 'changes'`,
      [ids[0]],
    );
    expect(audit.changes).toEqual({ score: { old: 20, new: 61.5 } });
    expect(
      await count(
        `SELECT count(*) AS n FROM ogrs_assessment WHERE person_id = (SELECT entity_id FROM external_ref WHERE external_id = 'p-0' AND entity_type = 'person')`,
      ),
    ).toBe(1);
  });

  it('an organisation that holds no offending data records none (FORBIDDEN, nothing written); another organisation’s record is NOT_FOUND', async () => {
    const before = await count(`SELECT count(*) AS n FROM reconviction`);
    // Housing's client sees probation's people only through a relationship: the record is NOT_FOUND or FORBIDDEN, never written.
    const res = await batch(
      SYNC_RECONVICTIONS,
      'syncReconvictions',
      'rc-housing-0001',
      [{ externalId: 'rc-h', personExternalId: 'p-3', convictedOn: '2025-05-01' }],
      housing,
    );
    expect(res.results[0].status).toBe('REJECTED');
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(res.results[0].code);
    const other = await batch(
      SYNC_OGRS,
      'syncOgrsAssessments',
      'ogrs-housing-0001',
      [{ externalId: 'og-0', personExternalId: 'p-0', score: 10, assessedOn: '2025-01-15' }],
      housing,
    );
    expect(other.results[0]).toMatchObject({ status: 'REJECTED', code: 'NOT_FOUND' });
    expect(await count(`SELECT count(*) AS n FROM reconviction`)).toBe(before);
  });

  it('reconvictions by NDJSON: every valid line once, the bad ones reported by line, audit and outbox set-based, a replay changes nothing', async () => {
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ externalId: `rc-${i}`, personExternalId: `p-${i}`, convictedOn: `2025-0${(i % 9) + 1}-20` }),
    );
    lines[4] = JSON.stringify({ externalId: 'rc-4', personExternalId: 'p-4', convictedOn: '2025-02-30' });
    lines[7] = JSON.stringify({ externalId: 'rc-7', personExternalId: 'nobody', convictedOn: '2025-02-01' });
    lines[9] = '{"externalId": "rc-9",';
    const outboxBefore = await count(`SELECT count(*) AS n FROM outbox_event WHERE type = 'reconviction.recorded'`);
    const res = await post('reconvictions', probation, 'rc-load-00001', lines.join('\n') + '\n');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'reconvictions', status: 'completed', created: 27, rejected: 3, updated: 0, unchanged: 0 });
    expect(res.body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [5, 'BAD_USER_INPUT'],
      [8, 'NOT_FOUND'],
      [10, 'BAD_USER_INPUT'],
    ]);
    expect(await count(`SELECT count(*) AS n FROM external_ref WHERE entity_type = 'reconviction'`)).toBe(27);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE type = 'reconviction.recorded'`)).toBe(outboxBefore + 27);
    const [{ payload }] = await hub.db.query(
      `SELECT payload FROM outbox_event WHERE type = 'reconviction.recorded' ORDER BY id DESC LIMIT 1`,
    );
    expect(payload).toMatchObject({ dataCategory: 'offending', source: 'sync' });
    const refs = (await hub.db.query(`SELECT entity_id FROM external_ref WHERE entity_type = 'reconviction'`)).map(
      (r: { entity_id: string }) => r.entity_id,
    );
    expect(await count(AUDITED, [refs])).toBe(27);
    const replay = await post('reconvictions', probation, 'rc-load-00001', lines.join('\n') + '\n');
    expect(replay.body).toMatchObject({ replayed: true, created: 27 });
    const resent = await post('reconvictions', probation, 'rc-load-00002', lines.join('\n') + '\n');
    expect(resent.body).toMatchObject({ created: 0, unchanged: 27, rejected: 3 });
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE type = 'reconviction.recorded'`)).toBe(outboxBefore + 27);
  });

  it('OGRS by NDJSON, the same rules as the batch form', async () => {
    const lines = [
      { externalId: 'og-n-1', personExternalId: 'p-20', score: 33.3, assessedOn: '2024-11-02' },
      { externalId: 'og-n-2', personExternalId: 'p-21', score: -1, assessedOn: '2024-11-02' },
      { externalId: 'og-n-1', personExternalId: 'p-20', score: 35, assessedOn: '2024-11-02' },
    ];
    const res = await post('ogrs-assessments', probation, 'ogrs-load-0001', ndjson(lines));
    expect(res.body).toMatchObject({ kind: 'ogrs_assessments', created: 1, rejected: 2 });
    expect(res.body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [1, 'DUPLICATE_IN_BATCH'],
      [2, 'BAD_USER_INPUT'],
    ]);
    const [row] = await hub.db.query(
      `SELECT o.score::float8 AS score, o.assessed_on::text AS on FROM ogrs_assessment o JOIN external_ref r ON r.entity_id = o.id WHERE r.external_id = 'og-n-1'`,
    );
    expect(row).toEqual({ score: 35, on: '2024-11-02' });
  });

  it('sustainment outcomes by batch: recorded once the 13 weeks are over; the same again unchanged, otherwise a correction with a note saying why; early or unknown refused', async () => {
    const first = await batch(SYNC_SUSTAINMENTS, 'syncSustainments', 'sus-batch-0001', [
      { externalId: 'job-0', sustained: true },
      { externalId: 'job-1', sustained: false, note: 'Left for another job' },
      { externalId: 'job-10', sustained: true },
      { externalId: 'job-11', sustained: false },
      { externalId: 'job-12', sustained: false, note: 'The site closed' },
      { externalId: 'job-unknown', sustained: true },
    ]);
    expect(first.results.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['job-0', 'CREATED', null],
      ['job-1', 'CREATED', null],
      ['job-10', 'REJECTED', 'BAD_USER_INPUT'],
      ['job-11', 'REJECTED', 'BAD_USER_INPUT'],
      ['job-12', 'CREATED', null],
      ['job-unknown', 'REJECTED', 'NOT_FOUND'],
    ]);
    const statuses = await hub.db.query(
      `SELECT r.external_id, j.status FROM job_sustainment j JOIN external_ref r ON r.entity_id = j.intervention_id AND r.entity_type = 'intervention' WHERE r.external_id IN ('job-0', 'job-1', 'job-10', 'job-12') ORDER BY 1`,
    );
    expect(statuses).toEqual([
      { external_id: 'job-0', status: 'sustained' },
      { external_id: 'job-1', status: 'not_sustained' },
      { external_id: 'job-10', status: 'open' },
      { external_id: 'job-12', status: 'not_sustained' },
    ]);
    expect(
      await count(`SELECT count(*) AS n FROM outbox_event WHERE type = 'outcome.recorded' AND aggregate_type = 'job_sustainment'`),
    ).toBe(3);
    // The funnel summary follows (the sustained job's start is the person's sustained date).
    const sustainedOn = () =>
      count(
        `SELECT count(*) AS n FROM ete_funnel_fact f JOIN external_ref r ON r.entity_id = f.person_id AND r.entity_type = 'person' WHERE r.external_id = 'p-0' AND f.sustained_on = '2025-03-03'`,
      );
    expect(await sustainedOn()).toBe(1);
    const second = await batch(SYNC_SUSTAINMENTS, 'syncSustainments', 'sus-batch-0002', [
      { externalId: 'job-0', sustained: true },
      { externalId: 'job-1', sustained: true },
      { externalId: 'job-0', sustained: false, note: 'Recorded in error: she left in week 9' },
    ]);
    expect(second.results.map((r) => [r.status, r.code])).toEqual([
      ['REJECTED', 'DUPLICATE_IN_BATCH'],
      ['REJECTED', 'BAD_USER_INPUT'],
      ['UPDATED', null],
    ]);
    expect(second.results[1].message).toMatch(/say why the recorded outcome is corrected/);
    // The correction: the outcome and its note, one more event, audited with what it was, and the funnel follows.
    const [corrected] = await hub.db.query(
      `SELECT j.status, j.note FROM job_sustainment j JOIN external_ref r ON r.entity_id = j.intervention_id AND r.entity_type = 'intervention' WHERE r.external_id = 'job-0'`,
    );
    expect(corrected).toEqual({ status: 'not_sustained', note: 'Recorded in error: she left in week 9' });
    expect(
      await count(`SELECT count(*) AS n FROM outbox_event WHERE type = 'outcome.recorded' AND aggregate_type = 'job_sustainment'`),
    ).toBe(4);
    const [audited] = await hub.db.query(
      `SELECT detail FROM audit_event WHERE action = 'write' AND detail::text LIKE '%Recorded in error%' ORDER BY id DESC LIMIT 1`,
    );
    expect(JSON.stringify(audited?.detail)).toContain('"old":"sustained"');
    expect(await sustainedOn()).toBe(0);
    const third = await batch(SYNC_SUSTAINMENTS, 'syncSustainments', 'sus-batch-0003', [
      { externalId: 'job-0', sustained: false, note: 'Recorded in error: she left in week 9' },
      { externalId: 'job-0-again', sustained: true },
    ]);
    expect(third.results.map((r) => [r.status, r.code])).toEqual([
      ['UNCHANGED', null],
      ['REJECTED', 'NOT_FOUND'],
    ]);
  });

  it('sustainment outcomes by NDJSON', async () => {
    const res = await post(
      'sustainments',
      probation,
      'sus-load-0001',
      ndjson([2, 3, 4].map((i) => ({ externalId: `job-${i}`, sustained: i !== 4, note: i === 4 ? 'Ended' : null }))),
    );
    expect(res.body).toMatchObject({ kind: 'sustainments', status: 'completed', created: 3, rejected: 0 });
    const again = await post(
      'sustainments',
      probation,
      'sus-load-0002',
      ndjson([
        { externalId: 'job-2', sustained: true },
        { externalId: 'job-3', sustained: false },
      ]),
    );
    expect(again.body).toMatchObject({ unchanged: 1, rejected: 1 });
    expect(again.body.errors[0]).toMatchObject({ line: 2, code: 'BAD_USER_INPUT' });
  });
});
