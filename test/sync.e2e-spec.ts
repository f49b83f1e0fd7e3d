import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { EventHandlerRegistry } from '@hub/events';
import { SyncRecordsExpiryService } from '@hub/sync';
import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

const SYNC_PEOPLE = `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { idempotencyKey replayed results { externalId status id code message } } }`;
const SYNC_INTERVENTIONS = `mutation($input: SyncInterventionsInput!) { syncInterventions(input: $input) { replayed results { externalId status id code } } }`;

interface SyncResult {
  idempotencyKey: string;
  replayed: boolean;
  results: { externalId: string; status: string; id: string | null; code: string | null }[];
}

function person(i: number, extra: Record<string, unknown> = {}) {
  return {
    externalId: `case-${i}`,
    givenName: `Given${i}`,
    familyName: `Family${i}`,
    dateOfBirth: `19${70 + (i % 30)}-0${(i % 9) + 1}-1${i % 10}`,
    region: 'north_west',
    identifiers: [{ scheme: 'PROBATION_CASE_REFERENCE', value: `SYNC-${String(i).padStart(5, '0')}` }],
    offenceSummary: 'Theft',
    ...extra,
  };
}

describe('integrator sync', () => {
  let hub: TestHub;
  let token: string;

  beforeAll(async () => {
    hub = await startTestHub();
    token = await apiClientToken(hub, 'probation.admin');
  });
  afterAll(() => hub.close());

  async function syncPeople(key: string, records: unknown[]) {
    const res = await hub.gql<{ syncPeople: SyncResult }>(
      SYNC_PEOPLE,
      { input: { idempotencyKey: key, system: 'case-system', records } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.syncPeople;
  }

  const count = async (sql: string) => Number((await hub.db.query(sql))[0].n);

  it('creates each record, rejects the bad one alone, and replays identically three times without duplicates', async () => {
    const records = [...Array.from({ length: 40 }, (_, i) => person(i)), person(999, { dateOfBirth: '1990-02-31' })];
    const first = await syncPeople('batch-0001-abcdef', records);
    expect(first.replayed).toBe(false);
    expect(first.results.filter((r) => r.status === 'CREATED')).toHaveLength(40);
    expect(first.results.at(-1)).toMatchObject({ externalId: 'case-999', status: 'REJECTED', code: 'BAD_USER_INPUT', id: null });
    const people = await count(`SELECT count(*) AS n FROM person`);
    const events = await count(`SELECT count(*) AS n FROM outbox_event`);
    for (let i = 0; i < 3; i++) {
      const replay = await syncPeople('batch-0001-abcdef', records);
      expect(replay.replayed).toBe(true);
      expect(replay.results).toEqual(first.results);
    }
    expect(await count(`SELECT count(*) AS n FROM person`)).toBe(people);
    expect(await count(`SELECT count(*) AS n FROM outbox_event`)).toBe(events);
    expect(await count(`SELECT count(*) AS n FROM external_ref WHERE system = 'case-system' AND entity_type = 'person'`)).toBe(40);
  });

  it('the same key with a different body is a CONFLICT', async () => {
    const res = await hub.gql(
      SYNC_PEOPLE,
      { input: { idempotencyKey: 'batch-0001-abcdef', system: 'case-system', records: [person(1, { givenName: 'Changed' })] } },
      token,
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('the same batch sent twice at once is written once', async () => {
    const records = Array.from({ length: 15 }, (_, i) => person(100 + i));
    const before = await count(`SELECT count(*) AS n FROM person`);
    const [a, b] = await Promise.all([syncPeople('batch-concurrent-1', records), syncPeople('batch-concurrent-1', records)]);
    expect(await count(`SELECT count(*) AS n FROM person`)).toBe(before + 15);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.results).toEqual(b.results);
  });

  it('updates what changed, leaves the rest, and handles duplicates within a batch', async () => {
    const res = await syncPeople('batch-0002-abcdef', [
      person(1, { givenName: 'Renamed' }),
      person(2),
      person(3, { releaseDate: '2027-01-01' }),
      person(3, { releaseDate: '2027-02-01' }),
    ]);
    expect(res.results.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['case-1', 'UPDATED', null],
      ['case-2', 'UNCHANGED', null],
      ['case-3', 'REJECTED', 'DUPLICATE_IN_BATCH'],
      ['case-3', 'UPDATED', null],
    ]);
    const [row] = await hub.db.query(
      `SELECT p.given_name, p.release_date::text AS release FROM person p JOIN external_ref r ON r.entity_id = p.id WHERE r.external_id = 'case-3'`,
    );
    expect(row.release).toBe('2027-02-01');
    const history = await count(
      `SELECT count(*) AS n FROM person_change c JOIN external_ref r ON r.entity_id = c.person_id WHERE r.external_id = 'case-1' AND c.reason = 'Synchronised from external system'`,
    );
    expect(history).toBe(1);
  });

  it('syncs interventions against synced people; an unknown person is rejected alone', async () => {
    const input = {
      idempotencyKey: 'interventions-0001',
      system: 'case-system',
      records: [
        {
          externalId: 'int-1',
          personExternalId: 'case-1',
          typeCode: 'cv_cover_letter',
          status: 'COMPLETED',
          occurredAt: '2026-10-01T10:00:00Z',
        },
        {
          externalId: 'int-2',
          personExternalId: 'case-404',
          typeCode: 'cv_cover_letter',
          status: 'COMPLETED',
          occurredAt: '2026-10-01T10:00:00Z',
        },
        {
          externalId: 'int-3',
          personExternalId: 'case-2',
          typeCode: 'not_a_type',
          status: 'COMPLETED',
          occurredAt: '2026-10-01T10:00:00Z',
        },
        {
          externalId: 'int-4',
          personExternalId: 'case-2',
          typeCode: 'job_start',
          status: 'COMPLETED',
          occurredAt: '2026-10-05T10:00:00Z',
          job: { employer: 'Northway', sector: 'Construction', hoursPerWeek: 37, startDate: '2026-10-05' },
        },
      ],
    };
    const res = await hub.gql<{ syncInterventions: SyncResult }>(SYNC_INTERVENTIONS, { input }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.syncInterventions.results.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['int-1', 'CREATED', null],
      ['int-2', 'REJECTED', 'NOT_FOUND'],
      ['int-3', 'REJECTED', 'BAD_USER_INPUT'],
      ['int-4', 'CREATED', null],
    ]);
    const again = await hub.gql<{ syncInterventions: SyncResult }>(
      SYNC_INTERVENTIONS,
      {
        input: {
          ...input,
          idempotencyKey: 'interventions-0002',
          records: [
            { ...input.records[0], status: 'COMPLETED' },
            { ...input.records[3], notes: 'Started Monday' },
          ],
        },
      },
      token,
    );
    expect(again.data!.syncInterventions.results.map((r) => r.status)).toEqual(['UNCHANGED', 'UPDATED']);
    expect(await count(`SELECT count(*) AS n FROM job_sustainment`)).toBe(1);
    // The job's details corrected by the case system: the record follows, and the window moves with the start date.
    const job = { employer: 'Northway Ltd', sector: 'Construction', hoursPerWeek: 30, startDate: '2026-10-12' };
    const corrected = await hub.gql<{ syncInterventions: SyncResult }>(
      SYNC_INTERVENTIONS,
      { input: { ...input, idempotencyKey: 'interventions-0003', records: [{ ...input.records[3], notes: 'Started Monday', job }] } },
      token,
    );
    expect(corrected.data!.syncInterventions.results.map((r) => r.status)).toEqual(['UPDATED']);
    const [row] = await hub.db.query(
      `SELECT i.outcome, s.start_date::text FROM intervention i JOIN job_sustainment s ON s.intervention_id = i.id WHERE i.id = $1`,
      [corrected.data!.syncInterventions.results[0].id],
    );
    expect(row).toEqual({ outcome: { kind: 'job', ...job }, start_date: '2026-10-12' });
  });

  it('pages the change feed in global order, resumes from a cursor, and shows only what the caller may see', async () => {
    const feed = `query($after: String, $types: [String!]) { changes(after: $after, first: 25, types: $types) { changes { sequence type personId tombstone payload } endCursor hasMore } }`;
    interface Change {
      sequence: string;
      type: string;
      personId: string | null;
      payload: string;
    }
    interface Page {
      changes: { changes: Change[]; endCursor: string | null; hasMore: boolean };
    }
    const all: Change[] = [];
    const pages: { requestId: string; changes: Change[] }[] = [];
    let after: string | null = null;
    do {
      const requestId = randomUUID();
      const res: { data?: Page | null; errors?: unknown[] } = await hub.gql<Page>(
        feed,
        { after, types: ['person.created', 'intervention.logged'] },
        token,
        { 'x-request-id': requestId },
      );
      expect(res.errors).toBeUndefined();
      all.push(...res.data!.changes.changes);
      pages.push({ requestId, changes: res.data!.changes.changes });
      after = res.data!.changes.hasMore ? res.data!.changes.endCursor : null;
    } while (after);
    const seqs = all.map((c) => BigInt(c.sequence));
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    expect(all.filter((c) => c.type === 'person.created')).toHaveLength(55);
    expect(all.filter((c) => c.type === 'intervention.logged')).toHaveLength(2);

    // Each page is audited as a disclosure: one read per person on it, with the categories of that
    // person's events on the page, by the integrator's client.
    const [{ client_id: clientId, organisation_id: orgId }]: { client_id: string; organisation_id: string }[] = await hub.db.query(
      `SELECT c.id AS client_id, c.organisation_id FROM api_client c WHERE c.name = 'Case system'`,
    );
    const categories = new Set<string>();
    for (const page of pages) {
      const expected = new Map<string, Set<string>>();
      for (const c of page.changes) {
        const category = (JSON.parse(c.payload) as { dataCategory?: string }).dataCategory ?? 'identity';
        expected.set(c.personId!, (expected.get(c.personId!) ?? new Set()).add(category));
      }
      const rows: {
        person_id: string;
        actor: string;
        organisation_id: string;
        action: string;
        categories: string[];
        detail: Record<string, unknown>;
      }[] = await hub.db.query(
        'SELECT person_id, actor, organisation_id, action, categories, detail FROM audit_event WHERE request_id = $1 ORDER BY person_id',
        [page.requestId],
      );
      expect(rows.map((r) => r.person_id)).toEqual([...expected.keys()].sort());
      for (const r of rows) {
        expect(r).toMatchObject({
          actor: `client:${clientId}`,
          organisation_id: orgId,
          action: 'read',
          detail: expect.objectContaining({ channel: 'change_feed' }),
        });
        expect(r.categories).toEqual([...expected.get(r.person_id)!].sort());
        expect(r.detail.events).toBe(page.changes.filter((c) => c.personId === r.person_id).length);
        r.categories.forEach((c) => categories.add(c));
      }
    }
    // The interventions' categories are on the audit, not only identity.
    expect([...categories].sort()).toEqual(['employment', 'ete', 'identity']);

    // A charity involved with none of these people sees none of their events, and nothing is recorded.
    const nothing = randomUUID();
    const charity = await hub.gql<Page>(feed, { after: null, types: ['person.created'] }, await hub.tokenFor('housing.worker'), {
      'x-request-id': nothing,
    });
    expect(charity.data!.changes.changes).toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM audit_event WHERE request_id = '${nothing}'`)).toBe(0);
  });

  it('a long transaction in another database does not hold the feed back; one in this database does, until it ends', async () => {
    const created = `query($after: String) { changes(after: $after, first: 100, types: ["person.created"]) { changes { personId } endCursor hasMore } }`;
    interface Page {
      changes: { changes: { personId: string }[]; endCursor: string | null; hasMore: boolean };
    }
    const feedPeople = async (): Promise<string[]> => {
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const res: { data?: Page | null; errors?: unknown[] } = await hub.gql<Page>(created, { after }, token);
        expect(res.errors).toBeUndefined();
        ids.push(...res.data!.changes.changes.map((c) => c.personId));
        after = res.data!.changes.hasMore ? res.data!.changes.endCursor : null;
      } while (after);
      return ids;
    };
    const openTransaction = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      return client;
    };

    const elsewhere = await openTransaction(process.env.TEST_ADMIN_DATABASE_URL!);
    try {
      const first = await syncPeople('batch-horizon-0001', [person(700)]);
      expect(await feedPeople()).toContain(first.results[0].id);
    } finally {
      await elsewhere.query('ROLLBACK');
      await elsewhere.end();
    }

    const here = await openTransaction(hub.databaseUrl);
    let second: SyncResult;
    try {
      second = await syncPeople('batch-horizon-0002', [person(701)]);
      expect(second.results[0].status).toBe('CREATED');
      // Committed, but after a transaction of this database that is still open: held back for now.
      expect(await feedPeople()).not.toContain(second.results[0].id);
    } finally {
      await here.query('ROLLBACK');
      await here.end();
    }
    expect(await feedPeople()).toContain(second.results[0].id);
  });

  it('keeps its bookkeeping for SYNC_RECORDS_DAYS: older idempotency keys and bulk loads go, and their keys may be used again', async () => {
    await syncPeople('batch-expiring-0001', [person(800)]);
    await syncPeople('batch-recent-0001', [person(801)]);
    const bulk = (key: string) =>
      hub
        .http()
        .post('/sync/people?system=case-system')
        .set('authorization', `Bearer ${token}`)
        .set('idempotency-key', key)
        .set('content-type', 'application/x-ndjson')
        .send(JSON.stringify(person(802)));
    expect((await bulk('bulk-expiring-0001')).body).toMatchObject({ status: 'completed', updated: 0 });
    expect((await bulk('bulk-recent-0001')).body).toMatchObject({ status: 'completed', unchanged: 1 });
    await hub.db.query(`UPDATE idempotency_key SET created_at = now() - interval '8 days' WHERE key = 'batch-expiring-0001'`);
    await hub.db.query(
      `UPDATE sync_job SET started_at = now() - interval '8 days', updated_at = now() - interval '8 days', finished_at = now() - interval '8 days' WHERE idempotency_key = 'bulk-expiring-0001'`,
    );
    const kept = async () => ({
      keys: (
        await hub.db.query(`SELECT key FROM idempotency_key WHERE key IN ('batch-expiring-0001', 'batch-recent-0001') ORDER BY key`)
      ).map((r: { key: string }) => r.key),
      loads: (
        await hub.db.query(`SELECT idempotency_key FROM sync_job WHERE idempotency_key LIKE 'bulk-%-0001' ORDER BY idempotency_key`)
      ).map((r: { idempotency_key: string }) => r.idempotency_key),
    });
    expect(await kept()).toEqual({ keys: ['batch-expiring-0001', 'batch-recent-0001'], loads: ['bulk-expiring-0001', 'bulk-recent-0001'] });

    const expired = await hub.app.get(SyncRecordsExpiryService).expire();
    expect(expired).toMatchObject({ idempotencyKeys: 1, bulkLoads: 1 });
    expect(Date.now() - expired.before.getTime()).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect(await kept()).toEqual({ keys: ['batch-recent-0001'], loads: ['bulk-recent-0001'] });

    // Past the window a key is a new request: another body is not a CONFLICT, and the same body is run again (nothing written twice).
    const again = await syncPeople('batch-expiring-0001', [person(800, { givenName: 'Renamed' })]);
    expect(again.replayed).toBe(false);
    expect(again.results[0]).toMatchObject({ externalId: 'case-800', status: 'UPDATED' });
    expect((await bulk('bulk-expiring-0001')).body).toMatchObject({ replayed: false, status: 'completed', unchanged: 1, created: 0 });
    expect((await bulk('bulk-recent-0001')).body).toMatchObject({ replayed: true });
    // The worker runs it every hour.
    expect(hub.app.get(EventHandlerRegistry).crontab().split('\n')).toContain('40 * * * * sync:expire_records');
  });
});
