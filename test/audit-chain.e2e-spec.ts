import pg from 'pg';
import { startTestHub, type TestHub } from './support/hub.js';

/** How often the log was scanned, sequentially and by index, as PostgreSQL counts it in this backend (pending counts, not yet flushed). */
interface Scans {
  seq: number;
  idx: number;
}
const SCANS = `SELECT coalesce(seq_scan, 0)::int AS seq, coalesce(idx_scan, 0)::int AS idx FROM pg_stat_xact_user_tables WHERE relname = 'audit_event'`;

describe('audit chain', () => {
  let hub: TestHub;
  let connection: pg.Client;

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO: 'false', WORKER_MODE: 'off' });
    connection = new pg.Client({ connectionString: hub.databaseUrl });
    await connection.connect();
  });
  afterAll(async () => {
    await connection.end();
    await hub.close();
  });

  /** One audited event appended in its own transaction on the long-lived connection, with the scans of the log it made. */
  async function append(actor: string): Promise<Scans> {
    await connection.query('BEGIN');
    try {
      const [before] = (await connection.query<Scans>(SCANS)).rows;
      await connection.query(`INSERT INTO audit_event (actor, action) VALUES ($1, 'read')`, [actor]);
      const [after] = (await connection.query<Scans>(SCANS)).rows;
      await connection.query('COMMIT');
      return { seq: after.seq - (before?.seq ?? 0), idx: after.idx - (before?.idx ?? 0) };
    } catch (err) {
      await connection.query('ROLLBACK');
      throw err;
    }
  }

  it('finds the head of the chain through its index however much the log grew since the connection first appended', async () => {
    // Statistics taken while the log is small, and a first append on this connection while it is.
    await hub.db.query('ANALYZE audit_event');
    await append('test:first');
    // The log grows from elsewhere (no ANALYZE follows: autovacuum may be off or behind).
    await hub.db.query(`INSERT INTO audit_event (actor, action) SELECT 'test:grow', 'read' FROM generate_series(1, 20000)`);
    // The next append on the same connection reads the head by the primary key, not by a scan of the log.
    expect(await append('test:after')).toEqual({ seq: 0, idx: 1 });
    // And the chain is whole: each event links to the one before it.
    const [{ broken }]: { broken: string }[] = await hub.db.query(
      `SELECT count(*) AS broken FROM (SELECT prev_hash, lag(hash) OVER (ORDER BY id) AS before FROM audit_event) c WHERE c.before IS NOT NULL AND c.prev_hash <> c.before`,
    );
    expect(broken).toBe('0');
  });
});
