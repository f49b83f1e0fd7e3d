import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningEmbedded } from '../../libs/database/src/embedded-postgres.js';
import { AuditVerifierService } from '@hub/audit';
import { startTestHub, type TestHub } from '../support/hub.js';

const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`;
const UNSEALED = `SELECT count(*)::int AS n FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.event_id = e.id)`;
const SYNC = `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { idempotencyKey replayed results { externalId status id code } } }`;

async function until(what: string, deadlineMs: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < deadlineMs) {
    if (await check().catch(() => false)) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${deadlineMs} ms`);
}

/**
 * The hub on a PostgreSQL server of its own, stopped and started again in the middle of a write load
 * (createPerson and syncPeople from several clients at once).
 */
describe('PostgreSQL restarted in the middle of a write load', () => {
  let dataDir: string;
  let server: RunningEmbedded;
  let hub: TestHub;
  let officer: string;
  let syncToken: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rehab-rel-restart-'));
    await chmod(dataDir, 0o755);
    server = await startEmbeddedPostgres({ dataDir, database: 'hub' });
    hub = await startTestHub({ DATABASE_URL: server.url });
    officer = await hub.tokenFor('probation.officer');
    const admin = await hub.tokenFor('probation.admin');
    const created = await hub.gql<{ createApiClient: { client: { clientId: string }; clientSecret: string } }>(
      `mutation { createApiClient(input: { name: "Restart sync", scopes: [SYNC] }) { client { clientId } clientSecret } }`,
      {},
      admin,
    );
    const res = await hub.http().post('/oauth/token').type('form').send({
      grant_type: 'client_credentials',
      client_id: created.data!.createApiClient.client.clientId,
      client_secret: created.data!.createApiClient.clientSecret,
    });
    syncToken = res.body.access_token;
    expect(syncToken).toBeTruthy();
  });

  afterAll(async () => {
    await hub?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, half-writes nothing, reports not-ready, recovers by itself, and replays sync without duplicates', async () => {
    const acknowledged: { id: string; pnc: string }[] = [];
    const failedCreates: string[] = [];
    const failureCodes: string[] = [];
    const syncBatches: { key: string; records: unknown[]; acknowledged: boolean }[] = [];
    let running = true;
    let n = 0;

    const writer = async (w: number) => {
      while (running) {
        const k = n++;
        const pnc = `26/${String(w).padStart(2, '0')}${String(k).padStart(5, '0')}R`;
        if (k % 3 === 0) {
          const key = `restart-batch-${k}`;
          const records = [0, 1].map((j) => ({
            externalId: `ext-${k}-${j}`,
            givenName: 'Sync',
            familyName: `Person${k}x${j}`,
            dateOfBirth: '1990-01-01',
            identifiers: [],
          }));
          const batch = { key, records, acknowledged: false };
          syncBatches.push(batch);
          const res = await hub.gql(SYNC, { input: { idempotencyKey: key, system: 'restart-test', records } }, syncToken).catch(() => null);
          batch.acknowledged = !!res && res.status === 200 && !res.errors;
          if (res && res.status >= 500 && !res.errors?.every((e) => typeof e.extensions?.code === 'string'))
            throw new Error(`uncoded 5xx ${JSON.stringify(res)}`);
        } else {
          const res = await hub
            .gql<{ createPerson: { person: { id: string } } }>(
              CREATE,
              {
                input: {
                  givenName: 'Load',
                  familyName: `Writer${w}n${k}`,
                  dateOfBirth: '1985-05-05',
                  identifiers: [{ scheme: 'PNC', value: pnc }],
                  confirmNew: true,
                },
              },
              officer,
            )
            .catch(() => null);
          if (res?.status === 200 && !res.errors && res.data?.createPerson.person.id)
            acknowledged.push({ id: res.data.createPerson.person.id, pnc });
          else {
            failedCreates.push(pnc);
            if (res)
              failureCodes.push(...(res.errors ?? [{ extensions: { code: `HTTP ${res.status}` } }]).map((e) => String(e.extensions?.code)));
          }
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));

    const ready = async () => (await hub.http().get('/health/ready')).status;
    await until('writes before the restart', 20_000, async () => acknowledged.length >= 20);
    await server.stop();
    await until('/health/ready 503 while the database is down', 15_000, async () => (await ready()) === 503);
    const beforeRestart = acknowledged.length;
    await new Promise((r) => setTimeout(r, 1500)); // writes keep arriving while the database is down
    server = await startEmbeddedPostgres({ dataDir, database: 'hub', port: server.port });
    // Nothing is done to the hub: it must notice by itself.
    await until('/health/ready 200 again by itself', 30_000, async () => (await ready()) === 200);
    await until('writes acknowledged again after the restart', 30_000, async () => acknowledged.length >= beforeRestart + 20);
    running = false;
    await writers;
    expect(failedCreates.length).toBeGreaterThan(0); // the outage was real
    // The caller is told the database is out of reach (to retry), never an internal error.
    expect(failureCodes).toContain('SERVICE_UNAVAILABLE');
    expect(failureCodes.filter((c) => c !== 'SERVICE_UNAVAILABLE')).toEqual([]);

    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      // Every acknowledged write is there, with its identifier, its involvement and its event (nothing half-written).
      const ids = acknowledged.map((a) => a.id);
      const rows = await db.query(
        `SELECT p.id,
                (SELECT count(*) FROM person_identifier i WHERE i.person_id = p.id)::int AS identifiers,
                (SELECT count(*) FROM involvement v WHERE v.person_id = p.id)::int AS involvements,
                (SELECT count(*) FROM outbox_event e WHERE e.aggregate_id = p.id)::int AS events
           FROM person p WHERE p.id = ANY($1::uuid[])`,
        [ids],
      );
      expect(rows.rowCount).toBe(ids.length);
      for (const r of rows.rows) {
        expect(r.identifiers).toBe(1);
        expect(r.involvements).toBeGreaterThanOrEqual(1);
        expect(r.events).toBeGreaterThanOrEqual(1);
      }
      // Writes that failed left either the whole record or nothing.
      const partial = await db.query(
        `SELECT count(*)::int AS n FROM person p WHERE p.family_name LIKE 'Writer%'
            AND (NOT EXISTS (SELECT 1 FROM person_identifier i WHERE i.person_id = p.id) OR NOT EXISTS (SELECT 1 FROM involvement v WHERE v.person_id = p.id))`,
      );
      expect(partial.rows[0].n).toBe(0);

      // Retry every sync batch with its own key until it succeeds; then replay once more.
      for (const b of syncBatches) {
        let res = await hub.gql<{ syncPeople: { replayed: boolean; results: { status: string }[] } }>(
          SYNC,
          { input: { idempotencyKey: b.key, system: 'restart-test', records: b.records } },
          syncToken,
        );
        expect(res.errors).toBeUndefined();
        if (b.acknowledged) expect(res.data!.syncPeople.replayed).toBe(true);
        res = await hub.gql(SYNC, { input: { idempotencyKey: b.key, system: 'restart-test', records: b.records } }, syncToken);
        expect(res.data!.syncPeople.replayed).toBe(true);
      }
      const expected = syncBatches.length * 2;
      const refs = await db.query(
        `SELECT count(*)::int AS refs, count(DISTINCT entity_id)::int AS people FROM external_ref WHERE system = 'restart-test' AND entity_type = 'person'`,
      );
      expect(refs.rows[0]).toEqual({ refs: expected, people: expected });
      const synced = await db.query(`SELECT count(*)::int AS n FROM person WHERE family_name LIKE 'Person%x%'`);
      expect(synced.rows[0].n).toBe(expected);

      // The audit sealer (in the hub's worker) came back by itself: every event is sealed, and the log verifies.
      await until('every audit event sealed', 60_000, async () => (await db.query(UNSEALED)).rows[0].n === 0);
      expect(await hub.app.get(AuditVerifierService).verify()).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      await db.end();
    }
  }, 180_000);
});
