import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { compactVerify, createLocalJWKSet } from 'jose';
import pg from 'pg';
import {
  AuditSealerService,
  AuditTreeService,
  AuditVerifierService,
  leafHash,
  treeHeadPayload,
  verifyConsistency,
  verifyInclusion,
} from '@hub/audit';
import { startTestHub, type TestHub } from './support/hub.js';

const run = promisify(execFile);

/**
 * The audit log sealed off the write path: appends take no lock, the sealer makes leaves of finished
 * transactions' events and signs tree heads, proofs check out, and `audit verify` finds tampering.
 */
describe('audit sealing', () => {
  let hub: TestHub;
  let sealer: AuditSealerService;
  let tree: AuditTreeService;
  let verifier: AuditVerifierService;
  const clients: pg.Client[] = [];

  const connect = async () => {
    const c = new pg.Client({ connectionString: hub.databaseUrl });
    await c.connect();
    clients.push(c);
    return c;
  };
  const append = (c: pg.Client, actor: string) =>
    c.query<{ id: string }>(`INSERT INTO audit_event (actor, action, detail) VALUES ($1, 'read', '{"n": 1}') RETURNING id::text AS id`, [
      actor,
    ]);

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO: 'false', WORKER_MODE: 'off' });
    sealer = hub.app.get(AuditSealerService);
    tree = hub.app.get(AuditTreeService);
    verifier = hub.app.get(AuditVerifierService);
  });
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await hub.close();
  });

  it('appends without waiting on another open transaction, and seals only what has ended, in transaction order', async () => {
    await sealer.sealAll();
    const [a, b] = [await connect(), await connect()];
    await a.query('BEGIN');
    const [{ id: first }] = (await append(a, 'test:open')).rows;
    // A second writer appends and commits while the first still holds its transaction open.
    await b.query(`SET lock_timeout = '2s'`);
    await b.query('BEGIN');
    const [{ id: second }] = (await append(b, 'test:other')).rows;
    const waiting: { n: string }[] = await hub.db.query(
      `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    await b.query('COMMIT');
    expect(waiting[0].n).toBe('0');
    // Not sealed while the earlier transaction is open: it could still add an event before it.
    expect((await sealer.sealOnce()).sealed).toBe(0);
    await a.query('COMMIT');
    expect((await sealer.sealOnce()).sealed).toBe(2);
    const leaves: { event_id: string }[] = await hub.db.query(
      'SELECT event_id::text AS event_id FROM audit_leaf WHERE event_id = ANY($1::bigint[]) ORDER BY idx',
      [[first, second]],
    );
    expect(leaves.map((l) => l.event_id)).toEqual([first, second]);
  });

  it('seals what 16 concurrent writers appended into one log whose proofs and signed heads check out', async () => {
    const writers = await Promise.all(Array.from({ length: 16 }, () => connect()));
    const heads: number[] = [];
    await Promise.all(
      writers.map(async (c, w) => {
        for (let i = 0; i < 12; i++) {
          await c.query('BEGIN');
          for (let j = 0; j <= i % 3; j++) await append(c, `test:writer-${w}`);
          await c.query('COMMIT');
          // Seals are taken while the writers write (one sealer at a time; the others skip their turn).
          if (w % 4 === 0 && i % 4 === 0) {
            const { sealed, treeSize } = await sealer.sealOnce(50);
            if (sealed) heads.push(treeSize);
          }
        }
      }),
    );
    await sealer.sealAll();
    const verified = await verifier.verify({ pageSize: 37 });
    expect(verified).toMatchObject({ ok: true, unsealed: 0, problem: null });
    const [{ n }]: { n: string }[] = await hub.db.query('SELECT count(*)::text AS n FROM audit_event');
    expect(verified.events).toBe(Number(n));

    // Every event proves its inclusion against the latest head; the head is signed with the hub's JWKS key.
    const head = (await tree.treeHead())!;
    expect(head.treeSize).toBe(Number(n));
    const events: { id: string; hash: string }[] = await hub.db.query('SELECT id::text AS id, hash FROM audit_event ORDER BY id');
    for (const e of events) {
      const proof = (await tree.inclusionProof(e.id))!;
      expect(proof.leafHash).toBe(leafHash(e.hash));
      expect(verifyInclusion(proof.leafHash, proof.leafIndex, head.treeSize, proof.auditPath, head.rootHash)).toBe(true);
      // The same path against another root, or for another leaf, does not.
      expect(
        verifyInclusion(
          leafHash(events[0].hash === e.hash ? events[1].hash : events[0].hash),
          proof.leafIndex,
          head.treeSize,
          proof.auditPath,
          head.rootHash,
        ),
      ).toBe(false);
    }
    const jwks = createLocalJWKSet((await hub.http().get('/.well-known/jwks.json').expect(200)).body as never);
    const published = (await hub.http().get('/audit/tree-head').expect(200)).body as typeof head;
    expect(published).toEqual(head);
    const { payload } = await compactVerify(published.signature, jwks);
    expect(new TextDecoder().decode(payload)).toBe(treeHeadPayload(published));

    // Each earlier head the writers saw is a prefix of the latest: consistency proofs, over HTTP too.
    expect(heads.length).toBeGreaterThan(1);
    for (const size of heads) {
      const proof = (await tree.consistencyProof(size))!;
      expect(verifyConsistency(size, head.treeSize, proof.first.rootHash, head.rootHash, proof.proof)).toBe(true);
      expect(
        verifyConsistency(
          size,
          head.treeSize,
          proof.first.rootHash,
          published.rootHash.replace(/^./, (c) => (c === '0' ? '1' : '0')),
          proof.proof,
        ),
      ).toBe(false);
    }
    const http = (await hub.http().get(`/audit/consistency?first=${heads[0]}`).expect(200)).body as {
      proof: string[];
      first: { rootHash: string };
    };
    expect(verifyConsistency(heads[0], head.treeSize, http.first.rootHash, head.rootHash, http.proof)).toBe(true);
    const bad = await hub.http().get('/audit/consistency?first=0').expect(400);
    expect(bad.body).toMatchObject({ error: 'BAD_USER_INPUT' });
    await hub
      .http()
      .get(`/audit/tree-head?treeSize=${head.treeSize + 1}`)
      .expect(404);

    // The CLI checks the whole log and proves an event, on the same database.
    const cli = (args: string[]) =>
      run('node', ['dist/apps/cli/src/main.js', ...args], {
        env: { ...process.env, DATABASE_URL: hub.databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'silent' },
      });
    expect((await cli(['audit', 'verify'])).stdout).toContain(`audit log intact: ${n} events`);
    const proved = JSON.parse((await cli(['audit', 'prove', events[3].id])).stdout) as { checked: boolean; leafIndex: number };
    expect(proved.checked).toBe(true);
  }, 180_000);

  it('nothing sealed can be changed or removed through the database', async () => {
    for (const sql of [
      'UPDATE audit_seal SET root = root',
      'DELETE FROM audit_leaf',
      'DELETE FROM audit_node',
      'TRUNCATE audit_seal CASCADE',
    ]) {
      await expect(hub.db.query(sql)).rejects.toThrow(/append-only/);
    }
  });

  // Last: it tampers with the log (as an owner who switches the guards off).
  it('audit verify names the first event altered, removed, reordered or inserted, and a seal rewritten', async () => {
    await sealer.sealAll();
    expect(await verifier.verify()).toMatchObject({ ok: true });
    const leaves: { idx: string; event_id: string }[] = await hub.db.query(
      'SELECT l.idx::text AS idx, l.event_id::text AS event_id FROM audit_leaf l ORDER BY l.idx',
    );
    const at = (i: number) => leaves[i].event_id;
    const tamper = async (sql: string, params: unknown[] = []) => {
      await hub.db.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
      try {
        await hub.db.query(sql, params);
      } finally {
        await hub.db.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
      }
    };
    // Rows as JSON from PostgreSQL itself (timestamps to the microsecond), to put back after each case.
    const snapshot: { id: string; row: string }[] = await hub.db.query(
      'SELECT id::text AS id, to_jsonb(e)::text AS row FROM audit_event e WHERE id = ANY($1::bigint[])',
      [[at(40), at(30), at(31), at(20)]],
    );
    // Puts every given row back, then checks the log is whole again.
    const restore = async (...ids: string[]) => {
      for (const id of ids) {
        const { row } = snapshot.find((r) => r.id === id)!;
        await tamper('DELETE FROM audit_event WHERE id = $1', [id]);
        await hub.db.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
        try {
          await hub.db.query(
            `INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_record(NULL::audit_event, $1::jsonb)`,
            [row],
          );
        } finally {
          await hub.db.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
        }
      }
      const after = await verifier.verify();
      expect(after.message).toMatch(/^audit log intact/);
    };

    // Altered: its content no longer matches its sealed digest (even with the digest recomputed).
    await tamper(`UPDATE audit_event SET actor = 'user:someone-else' WHERE id = $1`, [at(40)]);
    await tamper(
      `UPDATE audit_event SET hash = encode(sha256(convert_to(audit_event_canonical(audit_event), 'UTF8')), 'hex') WHERE id = $1`,
      [at(40)],
    );
    expect(await verifier.verify()).toMatchObject({ ok: false, problem: { kind: 'altered', eventId: at(40) } });
    await restore(at(40));

    // Removed.
    await tamper('DELETE FROM audit_event WHERE id = $1', [at(20)]);
    expect(await verifier.verify()).toMatchObject({ ok: false, problem: { kind: 'removed', eventId: at(20), leafIndex: 20 } });
    await restore(at(20));

    // Reordered: two sealed events swap places in the order.
    const [x, y]: { tx_id: string }[] = await hub.db.query(
      'SELECT tx_id::text AS tx_id FROM audit_event WHERE id = ANY($1::bigint[]) ORDER BY tx_id, id',
      [[at(30), at(31)]],
    );
    if (x.tx_id !== y.tx_id) {
      await tamper('UPDATE audit_event SET tx_id = CASE WHEN id = $1 THEN $4::bigint ELSE $3::bigint END WHERE id IN ($1, $2)', [
        at(30),
        at(31),
        x.tx_id,
        y.tx_id,
      ]);
    } else {
      // Same transaction: order within it is by id; move the first after the second.
      await tamper('UPDATE audit_event SET tx_id = tx_id + 1 WHERE id = $1', [at(30)]);
    }
    const reordered = await verifier.verify();
    expect(reordered).toMatchObject({ ok: false, problem: { kind: 'reordered' } });
    expect([at(30), at(31)]).toContain((reordered.problem as { eventId: string }).eventId);
    // Both moved, so both go back before the log can be whole (with one back, the other may still be out of order).
    await restore(at(30), at(31));

    // Inserted into a sealed stretch of the log.
    const [{ tx }]: { tx: string }[] = await hub.db.query('SELECT tx_id::text AS tx FROM audit_event WHERE id = $1', [at(10)]);
    await hub.db.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_chain');
    let inserted: string;
    try {
      const [row]: { id: string }[] = await hub.db.query(
        `INSERT INTO audit_event (actor, action, tx_id, hash) VALUES ('test:forged', 'read', $1, 'x') RETURNING id::text AS id`,
        [tx],
      );
      inserted = row.id;
    } finally {
      await hub.db.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_chain');
    }
    expect(await verifier.verify()).toMatchObject({ ok: false, problem: { kind: 'inserted', eventId: inserted } });
    await tamper('DELETE FROM audit_event WHERE id = $1', [inserted]);

    // A seal rewritten (its root), even by someone able to write the seal table: the signature fails.
    await hub.db.query('ALTER TABLE audit_seal DISABLE TRIGGER USER');
    try {
      const [{ id }]: { id: string }[] = await hub.db.query('SELECT id::text AS id FROM audit_seal ORDER BY id LIMIT 1');
      await hub.db.query(`UPDATE audit_seal SET sealed_at = sealed_at + interval '1 second' WHERE id = $1`, [id]);
      expect(await verifier.verify()).toMatchObject({ ok: false, problem: { kind: 'seal', sealId: id } });
      expect((await verifier.verify()).message).toContain('signature');
    } finally {
      await hub.db.query('ALTER TABLE audit_seal ENABLE TRIGGER USER');
    }
  }, 120_000);
});

describe('auditProof (GraphQL)', () => {
  let hub: TestHub;
  const PROOF =
    'query($id: ID!, $size: Float) { auditProof(eventId: $id, treeSize: $size) { eventId leafIndex leafHash auditPath treeHead { treeSize rootHash signature } } }';

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
  });
  afterAll(() => hub.close());

  it("proves its own organisation's events to a data protection officer; another's is NOT_FOUND as one that does not exist", async () => {
    const dpo = await hub.tokenFor('probation.dpo');
    const org = async (name: string) =>
      ((await hub.db.query('SELECT id FROM organisation WHERE name = $1', [name])) as { id: string }[])[0].id;
    const probation = await org('North West Probation Region');
    const ownEvent = async () =>
      (
        (await hub.db.query('SELECT id::text AS id FROM audit_event WHERE organisation_id = $1 ORDER BY id DESC LIMIT 1', [probation])) as {
          id: string;
        }[]
      )[0].id;
    // Not sealed yet: a coded answer to ask again.
    const fresh = await hub.db.query(
      `INSERT INTO audit_event (actor, organisation_id, action) VALUES ('test:dpo', $1, 'read') RETURNING id::text AS id`,
      [probation],
    );
    const unsealed = await hub.gql(PROOF, { id: (fresh as { id: string }[])[0].id }, dpo);
    expect(unsealed.errors?.[0].extensions?.code).toBe('INVALID_STATE');

    await hub.app.get(AuditSealerService).sealAll();
    const id = await ownEvent();
    const { data, errors } = await hub.gql<{
      auditProof: { leafIndex: number; leafHash: string; auditPath: string[]; treeHead: { treeSize: number; rootHash: string } };
    }>(PROOF, { id }, dpo);
    expect(errors).toBeUndefined();
    const p = data!.auditProof;
    expect(verifyInclusion(p.leafHash, p.leafIndex, p.treeHead.treeSize, p.auditPath, p.treeHead.rootHash)).toBe(true);

    // Against an earlier head the DPO kept: a head of exactly that size, else NOT_FOUND.
    const kept = await hub.gql<{ auditProof: { treeHead: { treeSize: number } } }>(PROOF, { id, size: p.treeHead.treeSize }, dpo);
    expect(kept.data?.auditProof.treeHead.treeSize).toBe(p.treeHead.treeSize);
    expect((await hub.gql(PROOF, { id, size: p.treeHead.treeSize + 7 }, dpo)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // Another organisation's event about a person probation has no part in: as an id that names nothing.
    // (A person probation cannot know of: one of the housing trust's, here an id of no record probation sees.)
    const [other]: { id: string }[] = await hub.db.query(
      `INSERT INTO audit_event (actor, organisation_id, person_id, action) VALUES ('test:other', $1, gen_random_uuid(), 'read') RETURNING id::text AS id`,
      [await org('Safe Harbour Housing Trust')],
    );
    await hub.app.get(AuditSealerService).sealAll();
    const theirs = await hub.gql(PROOF, { id: other.id }, dpo);
    const none = await hub.gql(PROOF, { id: '999999999' }, dpo);
    expect(theirs.errors?.[0]).toMatchObject({ message: none.errors?.[0].message, extensions: { code: 'NOT_FOUND' } });

    // Not a data protection officer.
    const worker = await hub.tokenFor('probation.officer');
    expect((await hub.gql(PROOF, { id }, worker)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }, 120_000);
});
