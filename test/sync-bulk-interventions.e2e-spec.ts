import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuditService } from '@hub/audit';
import { RetentionService } from '@hub/privacy';
import { startTestHub, type TestHub } from './support/hub.js';

const SYSTEM = 'case-system';

const person = (id: string, i: number) =>
  JSON.stringify({
    externalId: id,
    givenName: `Given${i}`,
    familyName: `Family${id.replace(/[^a-z0-9]/gi, '')}`,
    dateOfBirth: `19${60 + (i % 40)}-0${(i % 9) + 1}-1${i % 10}`,
    identifiers: [],
  });

/** A valid intervention line of one of three kinds: plain, a completed course with a qualification, a job start. */
function intervention(i: number, personId: string, extra: Record<string, unknown> = {}): string {
  const kind = i % 10;
  const base = {
    externalId: `iv-${i}`,
    personExternalId: personId,
    occurredAt: `2025-0${(i % 9) + 1}-15T10:00:00Z`,
    notes: `session ${i}`,
  };
  const record =
    kind === 7
      ? { ...base, typeCode: 'training_cscs', status: 'COMPLETED', qualification: { qualification: 'CSCS Green Card', level: '1' } }
      : kind === 9
        ? {
            ...base,
            typeCode: 'job_start',
            status: 'completed',
            job: { employer: 'Northway Construction', sector: 'construction', hoursPerWeek: 37, startDate: '2025-06-02' },
          }
        : { ...base, typeCode: i % 2 ? 'cv_cover_letter' : 'interview_practice', status: 'started' };
  return JSON.stringify({ ...record, ...extra });
}

describe('streaming bulk sync of interventions (NDJSON)', () => {
  let hub: TestHub;
  let base: string;
  let probation: string;
  let housing: string;
  let employer: string;
  let probationClient: string;

  const count = async (sql: string, params: unknown[] = []) => Number((await hub.db.query(sql, params))[0].n);
  const post = (path: string, token: string, key: string, body: string) =>
    hub
      .http()
      .post(`/sync/${path}?system=${SYSTEM}`)
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', key)
      .set('content-type', 'application/x-ndjson')
      .send(body);
  const written = async () => ({
    interventions: await count(`SELECT count(*) AS n FROM intervention`),
    refs: await count(`SELECT count(*) AS n FROM external_ref WHERE entity_type = 'intervention'`),
    outbox: await count(`SELECT count(*) AS n FROM outbox_event WHERE aggregate_type = 'intervention'`),
    audit: await count(`SELECT count(*) AS n FROM audit_event WHERE action = 'write'`),
    audited: await count(`SELECT coalesce(sum(jsonb_array_length(detail->'events')), 0) AS n FROM audit_event WHERE action = 'write'`),
    sustainments: await count(`SELECT count(*) AS n FROM job_sustainment`),
  });

  async function clientToken(admin: string, name: string): Promise<{ token: string; clientId: string }> {
    const created = await hub.gql<{ createApiClient: { client: { id: string; clientId: string }; clientSecret: string } }>(
      `mutation($name: String!) { createApiClient(input: { name: $name, scopes: [SYNC] }) { client { id clientId } clientSecret } }`,
      { name },
      await hub.tokenFor(admin),
    );
    const { client, clientSecret } = created.data!.createApiClient;
    const res = await hub
      .http()
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret });
    return { token: res.body.access_token, clientId: client.id };
  }

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    const p = await clientToken('probation.admin', 'Case system loader');
    probation = p.token;
    probationClient = p.clientId;
    housing = (await clientToken('housing.admin', 'Housing CRM')).token;
    employer = await hub.tokenFor('employer');
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    // Probation's caseload (p-0 … p-299), housing's own people (h-0 … h-4) and the employer's (e-0, e-1), all in one external system.
    const people = async (token: string, key: string, ids: string[]) => {
      const res = await post('people', token, key, ids.map((id, i) => person(id, i)).join('\n'));
      expect(res.body).toMatchObject({ status: 'completed', created: ids.length, rejected: 0 });
    };
    await people(
      probation,
      'people-load-p',
      Array.from({ length: 300 }, (_, i) => `p-${i}`),
    );
    await people(
      housing,
      'people-load-h',
      Array.from({ length: 5 }, (_, i) => `h-${i}`),
    );
    await people(employer, 'people-load-e', ['e-0', 'e-1']);
  });
  afterAll(() => hub.close());

  it('loads valid lines once, reports every invalid one by line with a code, and writes audit and outbox rows set-based', async () => {
    const before = await written();
    const lines = Array.from({ length: 6_000 }, (_, i) => intervention(i, `p-${i % 300}`));
    lines[3] = '{"externalId": "iv-3",';
    lines[10] = intervention(10, 'p-10', { typeCode: 'basket_weaving' });
    lines[19] = intervention(19, 'p-19', { job: null });
    lines[27] = intervention(27, 'p-27', { status: 'started' });
    lines[40] = intervention(40, 'p-40', { occurredAt: '2025-02-30T10:00:00Z' });
    lines[50] = intervention(50, 'nobody-here');
    lines[60] = intervention(60, 'h-1');
    lines[200] = intervention(100, 'p-100', { notes: 'the later line wins' });
    const res = await post('interventions', probation, 'iv-load-0001', lines.join('\n') + '\n');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'interventions',
      status: 'completed',
      replayed: false,
      linesCommitted: 6_000,
      updated: 0,
      unchanged: 0,
      rejected: 8,
      created: 5_992,
    });
    expect(res.body.errors.map((e: { line: number; externalId: string | null; code: string }) => [e.line, e.externalId, e.code])).toEqual([
      [4, null, 'BAD_USER_INPUT'],
      [11, 'iv-10', 'BAD_USER_INPUT'],
      [20, 'iv-19', 'BAD_USER_INPUT'],
      [28, 'iv-27', 'BAD_USER_INPUT'],
      [41, 'iv-40', 'BAD_USER_INPUT'],
      [51, 'iv-50', 'NOT_FOUND'],
      [61, 'iv-60', 'NOT_FOUND'],
      [101, 'iv-100', 'DUPLICATE_IN_BATCH'],
    ]);
    const messages = Object.fromEntries(res.body.errors.map((e: { line: number; message: string }) => [e.line, e.message]));
    expect(messages[11]).toMatch(/typeCode: not an intervention type/);
    expect(messages[20]).toMatch(/job start needs/);
    expect(messages[28]).toMatch(/completed course/);
    expect(messages[41]).toMatch(/occurredAt/);
    // The person housing loaded and the unknown one are refused alike: not found, never "not allowed".
    expect(messages[51]).toBe(messages[61]);

    const after = await written();
    expect(after.interventions - before.interventions).toBe(5_992);
    expect(after.refs - before.refs).toBe(5_992);
    const jobs = lines.filter((l, i) => i % 10 === 9 && ![19].includes(i)).length;
    const courses = lines.filter((l, i) => i % 10 === 7 && ![27].includes(i)).length;
    expect(after.sustainments - before.sustainments).toBe(jobs);
    // One intervention.logged per record, outcome.recorded per outcome, job.started per job start; an audit event for each.
    const events = Object.fromEntries(
      (
        await hub.db.query(
          `SELECT type, count(*)::int AS n FROM outbox_event WHERE aggregate_type = 'intervention' AND actor_id = $1 GROUP BY type`,
          [`client:${probationClient}`],
        )
      ).map((r: { type: string; n: number }) => [r.type, r.n]),
    );
    expect(events).toEqual({ 'intervention.logged': 5_992, 'outcome.recorded': jobs + courses, 'job.started': jobs });
    expect(after.outbox - before.outbox).toBe(5_992 + 2 * jobs + courses);
    // Audited set-based: one audit event per person and chunk, listing each of its events.
    expect(after.audited - before.audited).toBe(after.outbox - before.outbox);
    expect(after.audit - before.audit).toBeLessThan(after.outbox - before.outbox);
    // … and each audit event is the person's whose interventions it lists.
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_event a, jsonb_array_elements(a.detail->'events') x JOIN intervention i ON i.id = (x->>'aggregateId')::uuid
          WHERE a.actor = $1 AND i.person_id <> a.person_id`,
        [`client:${probationClient}`],
      ),
    ).toBe(0);
    const [audit] = await hub.db.query(
      `SELECT a.actor, a.categories, a.fields, a.person_id = i.person_id AS same_person, x->'payload'->>'source' AS source, x ? 'changes' AS with_values
         FROM external_ref r JOIN intervention i ON i.id = r.entity_id
         JOIN audit_event a ON a.person_id = i.person_id, jsonb_array_elements(a.detail->'events') x
        WHERE r.system = $1 AND r.external_id = 'iv-100' AND x->>'aggregateId' = i.id::text AND x->>'event' = 'intervention.logged'`,
      [SYSTEM],
    );
    expect(audit).toEqual({
      actor: `client:${probationClient}`,
      categories: ['ete'],
      fields: ['notes', 'occurredAt', 'outcome', 'status', 'typeCode'],
      same_person: true,
      source: 'bulk',
      with_values: false,
    });
    const [later] = await hub.db.query(
      `SELECT i.notes FROM intervention i JOIN external_ref r ON r.entity_id = i.id WHERE r.system = $1 AND r.external_id = 'iv-100'`,
      [SYSTEM],
    );
    expect(later.notes).toBe('the later line wins');
    expect((await hub.app.get(AuditService).verify()).ok).toBe(true);
  });

  it('replaying the load with its key answers from the first run and writes nothing', async () => {
    const before = await written();
    const lines = Array.from({ length: 6_000 }, (_, i) => intervention(i, `p-${i % 300}`));
    const replay = await post('interventions', probation, 'iv-load-0001', lines.join('\n'));
    expect(replay.body).toMatchObject({ replayed: true, created: 5_992, rejected: 8 });
    expect(await written()).toEqual(before);
  });

  it('the same records under a new key update what changed, once, with history in the audit', async () => {
    const body = [
      intervention(1, 'p-1', { status: 'COMPLETED', notes: 'finished' }),
      intervention(2, 'p-2'),
      intervention(3, 'p-3', { occurredAt: '2025-04-16T09:30:00Z' }),
      intervention(4, 'p-4', { typeCode: 'job_search' }),
    ].join('\n');
    const before = await written();
    const res = await post('interventions', probation, 'iv-load-0002', body);
    expect(res.body).toMatchObject({ created: 1, updated: 1, unchanged: 1, rejected: 1 });
    expect(res.body.errors).toEqual([
      { line: 4, externalId: 'iv-4', code: 'BAD_USER_INPUT', message: expect.stringMatching(/keeps the type/) },
    ]);
    const [row] = await hub.db.query(
      `SELECT i.status, i.notes, i.version FROM intervention i JOIN external_ref r ON r.entity_id = i.id WHERE r.system = $1 AND r.external_id = 'iv-1'`,
      [SYSTEM],
    );
    expect(row).toEqual({ status: 'completed', notes: 'finished', version: 2 });
    const [audit] = await hub.db.query(
      `SELECT a.fields, x->'changes'->'status' AS status FROM audit_event a, jsonb_array_elements(a.detail->'events') x WHERE x->>'event' = 'intervention.updated' ORDER BY a.id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ fields: ['notes', 'status'], status: { old: 'started', new: 'completed' } });
    // The intervention as it was is kept as its version 1, as a correction through the API keeps it.
    const kept = await hub.db.query(
      `SELECT v.version, v.status, v.reason FROM intervention_revision v JOIN external_ref r ON r.entity_id = v.intervention_id WHERE r.system = $1 AND r.external_id = 'iv-1'`,
      [SYSTEM],
    );
    expect(kept).toEqual([{ version: 1, status: 'started', reason: 'Synchronised from the organisation’s own system' }]);
    const after = await written();
    expect(after.interventions - before.interventions).toBe(1); // iv-3 had been refused (bad JSON) the first time
    expect(after.outbox - before.outbox).toBe(2);
    // Sent again: nothing changes.
    const again = await post('interventions', probation, 'iv-load-0003', body);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 1 });
    expect(await written()).toEqual(after);
  });

  it('refuses, per record with a code, what the access policy does not allow', async () => {
    const before = await written();
    // Housing may not change probation's intervention (not found, as if unknown), nor log for probation's person.
    const fromHousing = await post(
      'interventions',
      housing,
      'iv-housing-1',
      [intervention(2, 'p-2'), intervention(70_001, 'p-5'), intervention(70_002, 'h-2')].join('\n'),
    );
    expect(fromHousing.body.errors.map((e: { externalId: string; code: string }) => [e.externalId, e.code])).toEqual([
      ['iv-2', 'NOT_FOUND'],
      ['iv-70001', 'NOT_FOUND'],
    ]);
    expect(fromHousing.body).toMatchObject({ created: 1, rejected: 2 });
    // An employer may record employment and nothing else, even for its own people.
    const fromEmployer = await post(
      'interventions',
      employer,
      'iv-employer-1',
      [intervention(80_001, 'e-0'), intervention(80_009, 'e-1')].join('\n'),
    );
    expect(fromEmployer.body.errors.map((e: { externalId: string; code: string }) => [e.externalId, e.code])).toEqual([
      ['iv-80001', 'FORBIDDEN'],
    ]);
    expect(fromEmployer.body).toMatchObject({ created: 1, rejected: 1 });
    const after = await written();
    expect(after.interventions - before.interventions).toBe(2);
  });

  it('retention erases expired interventions and the values of their bulk audit events; the chain still verifies', async () => {
    const old = [
      intervention(90_001, 'p-250', { occurredAt: '2012-01-10T10:00:00Z' }),
      intervention(90_002, 'p-250', { occurredAt: '2012-01-11T10:00:00Z' }),
    ];
    const res = await post('interventions', probation, 'iv-old-load-1', old.join('\n'));
    expect(res.body).toMatchObject({ created: 2 });
    const ids: string[] = (
      await hub.db.query(`SELECT entity_id FROM external_ref WHERE system = $1 AND external_id IN ('iv-90001', 'iv-90002')`, [SYSTEM])
    ).map((r: { entity_id: string }) => r.entity_id);
    const audited = `SELECT count(*) AS n FROM audit_event a, jsonb_array_elements(a.detail->'events') x WHERE x->>'aggregateId' = ANY($1::text[])`;
    expect(await count(audited, [ids])).toBe(2);
    await hub.app.get(RetentionService).run();
    expect(await count(`SELECT count(*) AS n FROM intervention WHERE id = ANY($1::uuid[])`, [ids])).toBe(0);
    expect(await count(audited, [ids])).toBe(0);
    expect((await hub.app.get(AuditService).verify()).ok).toBe(true);
  });

  it('a load cut off part-way resumes with the same key and writes each record once', async () => {
    const lines = Array.from({ length: 7_000 }, (_, i) => intervention(100_000 + i, `p-${i % 300}`));
    const body = lines.join('\n') + '\n';
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${base}/sync/interventions?system=${SYSTEM}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${probation}`, 'idempotency-key': 'iv-load-0004', 'content-type': 'application/x-ndjson' },
      });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      req.write(lines.slice(0, 6_000).join('\n') + '\n', () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 1500),
      );
    });
    let job: { status: string; linesCommitted: number } | undefined;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      [job] = await hub.db.query(`SELECT status, lines_committed AS "linesCommitted" FROM sync_job WHERE idempotency_key = 'iv-load-0004'`);
      if (job?.status === 'failed') break;
    }
    expect(job?.status).toBe('failed');
    expect(job!.linesCommitted).toBeGreaterThan(0);
    expect(job!.linesCommitted).toBeLessThan(7_000);
    const progress = await hub
      .http()
      .get(`/sync/jobs/${(await hub.db.query(`SELECT id FROM sync_job WHERE idempotency_key = 'iv-load-0004'`))[0].id}`)
      .set('authorization', `Bearer ${probation}`);
    expect(progress.body).toMatchObject({ status: 'failed', linesCommitted: job!.linesCommitted });
    const before = await written();
    const resumed = await post('interventions', probation, 'iv-load-0004', body);
    expect(resumed.body).toMatchObject({ status: 'completed', linesCommitted: 7_000, created: 7_000, rejected: 0 });
    expect(await count(`SELECT count(*) AS n FROM external_ref WHERE system = $1 AND external_id LIKE 'iv-1_____'`, [SYSTEM])).toBe(7_000);
    const after = await written();
    expect(after.interventions - before.interventions).toBe(7_000 - job!.linesCommitted);
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT entity_id FROM external_ref WHERE entity_type = 'intervention' GROUP BY entity_id HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
  });
  it('a job start counts once it began: planned it opens no window; started it does, with its events; cancelled it withdraws it; a corrected start moves it; with its outcome recorded it stays', async () => {
    let key = 0;
    const send = async (status: string) => {
      const res = await post(
        'interventions',
        probation,
        `job-status-${++key}`,
        intervention(9, 'p-9', { externalId: 'job-status', status }) + '\n',
      );
      expect(res.status).toBe(200);
      return res.body;
    };
    const state = async () => {
      const [{ id }] = await hub.db.query(
        `SELECT entity_id AS id FROM external_ref WHERE system = $1 AND entity_type = 'intervention' AND external_id = 'job-status'`,
        [SYSTEM],
      );
      const windows = await hub.db.query(`SELECT status FROM job_sustainment WHERE intervention_id = $1`, [id]);
      const events = (await hub.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [id])).map(
        (e: { type: string }) => e.type,
      );
      return { windows: windows.map((w: { status: string }) => w.status), events };
    };
    expect(await send('planned')).toMatchObject({ created: 1, rejected: 0 });
    expect(await state()).toEqual({ windows: [], events: ['intervention.logged'] });
    expect(await send('started')).toMatchObject({ updated: 1 });
    expect(await state()).toEqual({
      windows: ['open'],
      events: ['intervention.logged', 'intervention.updated', 'outcome.recorded', 'job.started'],
    });
    expect(await send('cancelled')).toMatchObject({ updated: 1 });
    expect((await state()).windows).toEqual([]);
    expect((await state()).events.slice(-2)).toEqual(['intervention.updated', 'job.withdrawn']);
    expect(await send('completed')).toMatchObject({ updated: 1 });
    expect((await state()).windows).toEqual(['open']);
    // The job's start date corrected: the window moves with it.
    const moved = await post(
      'interventions',
      probation,
      `job-status-${++key}`,
      intervention(9, 'p-9', {
        externalId: 'job-status',
        status: 'completed',
        job: { employer: 'Northway Construction', sector: 'construction', hoursPerWeek: 37, startDate: '2025-07-07' },
      }) + '\n',
    );
    expect(moved.body).toMatchObject({ updated: 1 });
    expect(
      await hub.db.query(
        `SELECT start_date::text, due_on::text FROM job_sustainment WHERE intervention_id = (SELECT entity_id FROM external_ref WHERE system = $1 AND external_id = 'job-status')`,
        [SYSTEM],
      ),
    ).toEqual([{ start_date: '2025-07-07', due_on: '2025-10-06' }]);
    expect((await state()).events.slice(-2)).toEqual(['intervention.updated', 'job.rescheduled']);
    // The outcome is recorded: the job began, and a line saying it did not is refused with a code.
    await hub.db.query(
      `UPDATE job_sustainment SET status = 'sustained', recorded_at = now(), recorded_by = 'test' WHERE intervention_id = (SELECT entity_id FROM external_ref WHERE system = $1 AND external_id = 'job-status')`,
      [SYSTEM],
    );
    const refused = await send('did_not_attend');
    expect(refused).toMatchObject({ updated: 0, rejected: 1 });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        line: 1,
        externalId: 'job-status',
        code: 'INVALID_STATE',
        message: expect.stringMatching(/13-week outcome of this job is recorded/),
      }),
    ]);
    expect((await state()).windows).toEqual(['sustained']);
    // … and so is a line moving its start back (intervention(9)'s own start date) …
    const back = (
      await post(
        'interventions',
        probation,
        `job-status-${++key}`,
        intervention(9, 'p-9', { externalId: 'job-status', status: 'completed' }) + '\n',
      )
    ).body;
    expect(back.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
    expect(
      await hub.db.query(
        `SELECT i.status, i.outcome->>'startDate' AS start FROM intervention i JOIN external_ref r ON r.entity_id = i.id WHERE r.system = $1 AND r.external_id = 'job-status'`,
        [SYSTEM],
      ),
    ).toEqual([{ status: 'completed', start: '2025-07-07' }]);
  });
});
