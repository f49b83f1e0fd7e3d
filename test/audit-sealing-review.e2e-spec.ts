import { AuditSealerService, AuditVerifierService, Frontier, UNSEALED_WINDOW } from '@hub/audit';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * The sealed audit log under attack and under operations that break its assumptions: a database whose
 * transaction ids fall behind the log's (a logical restore), an incremental `audit verify` fed a
 * rewritten starting seal, and the unsealed-window gauges on a log of some size.
 */
describe('audit sealing (review)', () => {
  let hub: TestHub;
  let sealer: AuditSealerService;
  let verifier: AuditVerifierService;

  const append = async (n: number, actor = 'test:review'): Promise<string[]> => {
    const ids: string[] = [];
    // One transaction each: every event its own transaction id.
    for (let i = 0; i < n; i++) {
      const [row]: { id: string }[] = await hub.db.query(
        `INSERT INTO audit_event (actor, action, detail) VALUES ($1, 'read', '{"n": 1}') RETURNING id::text AS id`,
        [actor],
      );
      ids.push(row.id);
    }
    return ids;
  };
  const asOwner = async (table: string, sql: string, params: unknown[] = []) => {
    await hub.db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    try {
      return await hub.db.query(sql, params);
    } finally {
      await hub.db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }
  };

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO: 'false', WORKER_MODE: 'off' });
    sealer = hub.app.get(AuditSealerService);
    verifier = hub.app.get(AuditVerifierService);
  });
  afterAll(() => hub.close());

  it('audit verify holds over ten seals and more, whole or from any seal', async () => {
    for (let i = 0; i < 12; i++) {
      await append(2);
      expect((await sealer.sealOnce()).sealed).toBe(2);
    }
    const seals: { id: string }[] = await hub.db.query('SELECT s.id::text AS id FROM audit_seal s ORDER BY s.id');
    expect(seals.length).toBeGreaterThanOrEqual(12);
    expect(await verifier.verify()).toMatchObject({ ok: true, seals: seals.length, events: 24 });
    // From seal 11: continues from seal 10 (the seal before it), and checks the seals from 11 on.
    const from = seals[10].id;
    expect(await verifier.verify({ fromSeal: from })).toMatchObject({
      ok: true,
      seals: seals.length - 10,
      events: 2 * (seals.length - 10),
    });
  });

  it('the unsealed-window gauges read the unsealed events through the (tx_id, id) index, not the whole log', async () => {
    await hub.db.query(`INSERT INTO audit_event (actor, action) SELECT 'test:bulk', 'read' FROM generate_series(1, 20000)`);
    await sealer.sealAll();
    await append(3);
    await hub.db.query('ANALYZE audit_event');
    const [last]: { last_tx: string; last_event: string }[] = await hub.db.query(
      'SELECT last_tx::text AS last_tx, last_event::text AS last_event FROM audit_seal ORDER BY id DESC LIMIT 1',
    );
    const [{ 'QUERY PLAN': plan }]: { 'QUERY PLAN': unknown }[] = await hub.db.query(`EXPLAIN (FORMAT JSON) ${UNSEALED_WINDOW}`, [
      last.last_tx,
      last.last_event,
      (await hub.db.query('SELECT max(event_id)::text AS m FROM audit_leaf'))[0].m,
    ]);
    // The gauges run on every scrape of every hub process: the planner must know that only the few
    // unsealed events match (an estimate of a third of the log turns into a scan of the whole log once it is large).
    const scans: { type: string; rows: number }[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name'] === 'audit_event') scans.push({ type: node['Node Type'] as string, rows: node['Plan Rows'] as number });
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((plan as { Plan: Record<string, unknown> }[])[0].Plan);
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(scan.type).not.toBe('Seq Scan');
      expect(scan.rows).toBeLessThan(200);
    }
    expect(await sealer.unsealedAge()).toMatchObject({ events: 3 });
    await sealer.sealAll();
    expect(await sealer.unsealedAge()).toEqual({ seconds: 0, events: 0 });
  }, 120_000);

  it('an incremental verify checks the seal it starts from: a rewritten starting seal cannot hide an altered event', async () => {
    await sealer.sealAll();
    await append(6);
    await sealer.sealAll();
    await append(6);
    await sealer.sealAll();
    const seals: { id: string; tree_size: string; batch_size: number; frontier: string[] }[] = await hub.db.query(
      'SELECT s.id::text AS id, tree_size::text AS tree_size, batch_size, frontier FROM audit_seal s ORDER BY s.id DESC LIMIT 2',
    );
    const [b, a] = seals;
    expect((await verifier.verify({ fromSeal: b.id })).ok).toBe(true);

    // The owner alters the third event of seal b, and rewrites seal a (unsigned columns only) so that
    // it appears to end after that event: an incremental check from b would start past it.
    const size = Number(a.tree_size);
    const leaves: { leaf_hash: string; event_id: string }[] = await hub.db.query(
      'SELECT leaf_hash, event_id::text AS event_id FROM audit_leaf WHERE idx >= $1 AND idx < $2 ORDER BY idx',
      [size, size + 3],
    );
    const frontier = Frontier.of(size, a.frontier);
    for (const l of leaves) frontier.push(l.leaf_hash);
    const victim = leaves[2].event_id;
    const [{ tx_id: victimTx }]: { tx_id: string }[] = await hub.db.query('SELECT tx_id::text AS tx_id FROM audit_event WHERE id = $1', [
      victim,
    ]);
    await asOwner(
      'audit_seal',
      `UPDATE audit_seal SET tree_size = $2, batch_size = batch_size + 3, root = $3, frontier = $4, last_tx = $5, last_event = $6 WHERE id = $1`,
      [a.id, frontier.size, frontier.root(), frontier.hashes, victimTx, victim],
    );
    await asOwner('audit_seal', 'UPDATE audit_seal SET previous_root = $2, batch_size = batch_size - 3 WHERE id = $1', [
      b.id,
      frontier.root(),
    ]);
    await asOwner('audit_event', `UPDATE audit_event SET actor = 'user:someone-else' WHERE id = $1`, [victim]);
    await asOwner(
      'audit_event',
      `UPDATE audit_event SET hash = encode(sha256(convert_to(audit_event_canonical(audit_event), 'UTF8')), 'hex') WHERE id = $1`,
      [victim],
    );

    expect((await verifier.verify()).ok).toBe(false);
    const incremental = await verifier.verify({ fromSeal: b.id });
    expect(incremental).toMatchObject({ ok: false, problem: { kind: 'seal', sealId: a.id } });
  }, 120_000);

  // Last: leaves the log unsealable on purpose.
  it('a database whose transaction ids are behind the sealed log (restored from pg_dump into a new cluster) is reported, not silently left unsealed', async () => {
    await sealer.sealAll();
    // After a logical restore the log keeps the old cluster's transaction ids while the new cluster
    // counts from a few hundred: the last seal's position is far ahead of every new transaction. The
    // same state, made here by moving the last seal's position ahead of the counter.
    await asOwner('audit_seal', 'UPDATE audit_seal SET last_tx = last_tx + 1000000000 WHERE id = (SELECT max(id) FROM audit_seal)');
    await append(2, 'test:after-restore');
    // The new events can never be sealed; the sealer says so instead of sealing nothing, quietly.
    await expect(sealer.sealOnce()).rejects.toThrow(/transaction ids/);
    // And the unsealed window counts them (an alert on it fires).
    expect((await sealer.unsealedAge()).events).toBe(2);
  }, 60_000);
});
