import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

function line(i: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    externalId: `bulk-${i}`,
    givenName: `Bulk${i}`,
    familyName: `Person${i % 97}`,
    dateOfBirth: `19${60 + (i % 40)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    region: 'north_west',
    identifiers: [{ scheme: 'PNC', value: `${String(i % 100).padStart(2, '0')}/${String(i).padStart(6, '0')}B` }],
    offenceSummary: 'Burglary',
    ...extra,
  });
}

describe('streaming bulk sync (NDJSON)', () => {
  let hub: TestHub;
  let token: string;
  let base: string;

  beforeAll(async () => {
    hub = await startTestHub();
    token = await apiClientToken(hub, 'probation.admin', 'Bulk loader');
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => hub.close());

  const count = async (sql: string) => Number((await hub.db.query(sql))[0].n);

  function post(key: string, body: string) {
    return hub
      .http()
      .post('/sync/people?system=bulk-system')
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', key)
      .set('content-type', 'application/x-ndjson')
      .send(body);
  }

  it('loads thousands of lines, reports each bad line, and replays without changing anything', async () => {
    const lines = Array.from({ length: 6_000 }, (_, i) => line(i));
    lines[10] = '{not json';
    lines[5000] = line(5000, { dateOfBirth: '2001-02-30' });
    lines[5_999] = line(5_999, { region: 'atlantis' });
    const body = lines.join('\n') + '\n';
    const res = await post('bulk-load-0001', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      replayed: false,
      created: 5_997,
      updated: 0,
      rejected: 3,
      linesCommitted: 6_000,
    });
    expect(res.body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [11, 'BAD_USER_INPUT'],
      [5001, 'BAD_USER_INPUT'],
      [6_000, 'BAD_USER_INPUT'],
    ]);
    const people = await count(`SELECT count(*) AS n FROM external_ref WHERE system = 'bulk-system'`);
    expect(people).toBe(5_997);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE type = 'person.created' AND payload->>'system' = 'bulk-system'`)).toBe(
      5_997,
    );
    expect(await count(`SELECT count(*) AS n FROM involvement WHERE source = 'sync'`)).toBe(5_997);

    const replay = await post('bulk-load-0001', body);
    expect(replay.body).toMatchObject({ replayed: true, created: 5_997, jobId: res.body.jobId });
    expect(await count(`SELECT count(*) AS n FROM person`)).toBe(await count(`SELECT count(*) AS n FROM person`));
    expect(await count(`SELECT count(*) AS n FROM external_ref WHERE system = 'bulk-system'`)).toBe(5_997);
  });

  it('a second load updates what changed, with history, and leaves the rest unchanged', async () => {
    const body = [line(1, { givenName: 'Renamed' }), line(2), line(3, { releaseDate: '2027-03-01' })].join('\n');
    const res = await post('bulk-load-0002', body);
    expect(res.body).toMatchObject({ created: 0, updated: 2, unchanged: 1, rejected: 0 });
    const [row] = await hub.db.query(
      `SELECT p.given_name, p.version FROM person p JOIN external_ref r ON r.entity_id = p.id WHERE r.external_id = 'bulk-1' AND r.system = 'bulk-system'`,
    );
    expect(row).toEqual({ given_name: 'Renamed', version: 2 });
    expect(
      await count(
        `SELECT count(*) AS n FROM person_change c JOIN external_ref r ON r.entity_id = c.person_id WHERE r.external_id = 'bulk-1' AND c.action = 'updated'`,
      ),
    ).toBe(1);
  });

  it('an OGRS score loaded or changed announces a new assessment (person.ogrs_scored, the category only); one sent again unchanged does not', async () => {
    // The reporting lib turns each into an assessment (tested in the reporting e2e); here, the bulk path's part: the events.
    const scored = async () =>
      (await hub.db.query(
        `SELECT o.payload FROM outbox_event o JOIN external_ref r ON r.entity_id = o.person_id WHERE r.system = 'bulk-system' AND r.external_id = 'bulk-ogrs' AND o.type = 'person.ogrs_scored' ORDER BY o.id`,
      )) as { payload: Record<string, unknown> }[];
    const load = async (key: string, extra: Record<string, unknown>) =>
      (await post(key, line(90_001, { externalId: 'bulk-ogrs', ...extra }) + '\n')).body;
    expect(await load('bulk-ogrs-1', { ogrsScore: 51.25 })).toMatchObject({ created: 1 });
    expect(await scored()).toEqual([{ payload: { dataCategory: 'offending' } }]);
    expect(await load('bulk-ogrs-2', { ogrsScore: 51.25 })).toMatchObject({ unchanged: 1 });
    expect(await load('bulk-ogrs-3', { ogrsScore: 51.25, releaseDate: '2027-05-01' })).toMatchObject({ updated: 1 });
    expect(await scored()).toHaveLength(1);
    expect(await load('bulk-ogrs-4', { ogrsScore: 47 })).toMatchObject({ updated: 1 });
    expect(await scored()).toHaveLength(2);
  });

  it('a load cut off part-way resumes with the same key and ends with each record once', async () => {
    const lines = Array.from({ length: 7000 }, (_, i) => line(20_000 + i));
    const body = lines.join('\n') + '\n';
    // Send the first 6,000 lines (one chunk of 5,000 commits), then drop the connection.
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${base}/sync/people?system=bulk-system`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'bulk-load-0003', 'content-type': 'application/x-ndjson' },
      });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      req.write(lines.slice(0, 6000).join('\n') + '\n', () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 1500),
      );
    });
    // Generous: on a loaded machine the first chunk's commit and the abort can take a while.
    const deadline = Date.now() + 60_000;
    let job: { status: string; linesCommitted: number } | undefined;
    while (Date.now() < deadline) {
      [job] = await hub.db.query(
        `SELECT status, lines_committed AS "linesCommitted" FROM sync_job WHERE idempotency_key = 'bulk-load-0003'`,
      );
      if (job?.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job?.status).toBe('failed');
    expect(job!.linesCommitted).toBeGreaterThan(0);
    expect(job!.linesCommitted).toBeLessThan(7000);
    const resumed = await post('bulk-load-0003', body);
    expect(resumed.body).toMatchObject({ status: 'completed', linesCommitted: 7000 });
    expect(await count(`SELECT count(*) AS n FROM external_ref WHERE system = 'bulk-system' AND external_id LIKE 'bulk-2____'`)).toBe(7000);
    // The job's counts cover both attempts: every record created exactly once.
    expect(resumed.body.created).toBe(7000);
  });

  it('refuses the same key for another system, and offending data from an organisation that may not hold it', async () => {
    const other = await hub
      .http()
      .post('/sync/people?system=other-system')
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', 'bulk-load-0001')
      .set('content-type', 'application/x-ndjson')
      .send(line(1));
    expect(other.status).toBe(409);
    expect(other.body.error).toBe('CONFLICT');
    const employerToken = await hub.tokenFor('employer');
    const res = await hub
      .http()
      .post('/sync/people?system=employer-hr')
      .set('authorization', `Bearer ${employerToken}`)
      .set('idempotency-key', 'employer-load-1')
      .set('content-type', 'application/x-ndjson')
      .send(line(77_777));
    expect(res.body).toMatchObject({ created: 0, rejected: 1 });
    expect(res.body.errors[0].message).toMatch(/offending/);
  });

  it('refuses risk or offending values an organisation could not read back, for new and existing people alike (as updatePerson does)', async () => {
    const trainer = await hub.tokenFor('trainer');
    const load = (key: string, body: string) =>
      hub
        .http()
        .post('/sync/people?system=training-mis')
        .set('authorization', `Bearer ${trainer}`)
        .set('idempotency-key', key)
        .set('content-type', 'application/x-ndjson')
        .send(body);
    const plain = { offenceSummary: null };
    const created = await load('training-load-1', line(88_001, plain));
    expect(created.body).toMatchObject({ created: 1, rejected: 0 });
    const res = await load(
      'training-load-2',
      [
        line(88_001, { ...plain, riskLevel: 'high' }),
        line(88_002, { ...plain, riskLevel: 'high' }),
        line(88_003, { offenceSummary: 'Theft' }),
      ].join('\n'),
    );
    expect(res.body).toMatchObject({ created: 0, updated: 0, rejected: 3 });
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(await count(`SELECT count(*) AS n FROM person WHERE given_name = 'Bulk88001' AND risk_level IS NOT NULL`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM person WHERE given_name IN ('Bulk88002', 'Bulk88003')`)).toBe(0);
  });
  it('an existing person is loaded on the access policy’s rule, not a rule of its own: related by an open referral (no involvement) is related, and a referral ended is not', async () => {
    const probation = await hub.tokenFor('probation.officer');
    const housing = await hub.tokenFor('housing.worker');
    const gql = async <T>(query: string, variables: Record<string, unknown>, as: string): Promise<T> => {
      const res = await hub.gql<T>(query, variables, as);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const orgs = Object.fromEntries(
      (await gql<{ organisations: { id: string; name: string }[] }>(`{ organisations { id name } }`, {}, probation)).organisations.map(
        (o) => [o.name, o.id],
      ),
    );
    const pnc = '26/990001R';
    const { createPerson } = await gql<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: 'Referred',
          familyName: 'Only',
          dateOfBirth: '1991-04-05',
          region: 'north_west',
          identifiers: [{ scheme: 'PNC', value: pnc }],
          confirmNew: true,
        },
      },
      probation,
    );
    const load = (key: string, givenName: string) =>
      hub
        .http()
        .post('/sync/people?system=housing-crm')
        .set('authorization', `Bearer ${housing}`)
        .set('idempotency-key', key)
        .set('content-type', 'application/x-ndjson')
        .send(
          JSON.stringify({
            externalId: 'crm-1',
            givenName,
            familyName: 'Only',
            dateOfBirth: '1991-04-05',
            region: 'north_west',
            identifiers: [{ scheme: 'PNC', value: pnc }],
          }),
        );
    // Not related at all: refused as unknown.
    const before = await load('housing-load-1', 'Referred');
    expect(before.body).toMatchObject({ created: 0, updated: 0, rejected: 1 });
    expect(before.body.errors[0].code).toBe('NOT_FOUND');
    // An open referral to housing relates it (the policy's relationship, as person(id) and updatePerson see it): the load updates.
    const { sendReferral } = await gql<{ sendReferral: { id: string } }>(
      `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`,
      {
        input: {
          personId: createPerson.person.id,
          toOrganisationId: orgs['Safe Harbour Housing Trust'],
          serviceCode: 'accommodation_support',
          reason: 'Needs a tenancy',
          sharedCategories: [],
        },
      },
      probation,
    );
    expect((await hub.gql(`query($id: ID!) { person(id: $id) { id } }`, { id: createPerson.person.id }, housing)).errors).toBeUndefined();
    const during = await load('housing-load-2', 'Referred-Renamed');
    expect(during.body).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    expect(
      await count(
        `SELECT count(*) AS n FROM involvement WHERE person_id = '${createPerson.person.id}' AND organisation_id = '${orgs['Safe Harbour Housing Trust']}'`,
      ),
    ).toBe(0);
    // Declined: no longer related, refused again.
    await gql(
      `mutation($input: ReferralReasonInput!) { declineReferral(input: $input) { id } }`,
      { input: { referralId: sendReferral.id, reason: 'No capacity' } },
      housing,
    );
    const after = await load('housing-load-3', 'Referred-Again');
    expect(after.body).toMatchObject({ updated: 0, rejected: 1 });
    expect(after.body.errors[0].code).toBe('NOT_FOUND');
  });
});
