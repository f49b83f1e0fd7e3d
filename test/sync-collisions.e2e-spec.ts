import pg from 'pg';
import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

const SYNC_PEOPLE = `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { replayed results { externalId status id code message } } }`;

interface SyncResult {
  replayed: boolean;
  results: { externalId: string; status: string; id: string | null; code: string | null; message: string | null }[];
}

/**
 * Two case systems' batches writing the same new external id at the same moment. The second waits
 * for the first's key, finds it taken when the first commits, and is run again: it becomes an update
 * of the record the first created, not a duplicate person and not a failed batch.
 */
describe('sync batches that collide', () => {
  let hub: TestHub;
  let token: string;
  let held: pg.Client;

  beforeAll(async () => {
    hub = await startTestHub();
    token = await apiClientToken(hub, 'probation.admin');
    held = new pg.Client({ connectionString: hub.databaseUrl });
    await held.connect();
  });
  afterAll(async () => {
    await held.end();
    await hub.close();
  });

  async function syncPeople(key: string, records: unknown[]) {
    const res = await hub.gql<{ syncPeople: SyncResult }>(
      SYNC_PEOPLE,
      { input: { idempotencyKey: key, system: 'case-system', records } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.syncPeople;
  }

  const record = (externalId: string, familyName: string, reference: string) => ({
    externalId,
    givenName: 'Collide',
    familyName,
    dateOfBirth: '1988-03-14',
    identifiers: [{ scheme: 'PROBATION_CASE_REFERENCE', value: reference }],
  });

  async function waitingOnALock(): Promise<boolean> {
    const { rows } = await held.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return rows[0].n > 0;
  }

  it('a record whose new external id another batch takes meanwhile becomes an update of that record', async () => {
    // The record the other batch writes (here: created first, then its external id linked in a transaction held open).
    const first = await syncPeople('collide-setup-0001', [record('case-first', 'Earlier', 'COLLIDE-00001')]);
    const personId = first.results[0].id!;
    const [{ organisation_id: org }] = await hub.db.query(`SELECT organisation_id FROM external_ref WHERE external_id = 'case-first'`);
    await held.query('BEGIN');
    await held.query(
      `INSERT INTO external_ref (system, entity_type, external_id, entity_id, organisation_id) VALUES ('case-system', 'person', 'case-shared', $1, $2)`,
      [personId, org],
    );

    const peopleBefore = Number((await hub.db.query(`SELECT count(*) AS n FROM person`))[0].n);
    // This batch does not see the uncommitted link: it creates a person, then waits on the key.
    const pending = syncPeople('collide-batch-0002', [
      record('case-other', 'Other', 'COLLIDE-00002'),
      record('case-shared', 'Later', 'COLLIDE-00003'),
    ]);
    const deadline = Date.now() + 15_000;
    while (!(await waitingOnALock())) {
      if (Date.now() > deadline) throw new Error('the batch never waited on the held key');
      await new Promise((r) => setTimeout(r, 50));
    }
    await held.query('COMMIT');
    const result = await pending;

    expect(result.results.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['case-other', 'CREATED', null],
      ['case-shared', 'UPDATED', null],
    ]);
    expect(result.results[1].id).toBe(personId);
    // One person more (case-other), none for the collided record; the linked record now has the later name.
    expect(Number((await hub.db.query(`SELECT count(*) AS n FROM person`))[0].n)).toBe(peopleBefore + 1);
    expect(await hub.db.query(`SELECT family_name FROM person WHERE id = $1`, [personId])).toEqual([{ family_name: 'Later' }]);
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM person_identifier WHERE value = 'COLLIDE-00003'`)).toEqual([{ n: 0 }]);
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM external_ref WHERE external_id = 'case-shared'`)).toEqual([{ n: 1 }]);
  });
});
