import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { TRANSACTION_HORIZON } from '@hub/database';
import { type HubMetrics, METRICS } from '@hub/observability';
import { Frontier, leafHash, treeHash, EMPTY_ROOT } from './merkle.js';
import { TREE_HEAD_SIGNER, treeHeadPayload, type TreeHeadSigner } from './tree-head.js';

/** Perfect subtrees of 2^8 leaves and more are kept (audit_node): a proof reads at most two runs of 256 leaves. */
export const STORED_LEVEL = 8;

/** The sealer's turn: an advisory lock only sealers take, for the length of one seal (never on the write path). */
const SEALER_TURN = 7460616965;

interface LastSeal {
  tree_size: string;
  last_tx: string;
  last_event: string;
  root: string;
  frontier: string[];
}

export interface SealResult {
  /** Events sealed (0: none were due, or another process was sealing). */
  sealed: number;
  treeSize: number;
}

/**
 * Seals the audit log off the write path. Events are appended with no lock; each carries its
 * transaction id. A seal takes, in (transaction, id) order, the events of transactions that have all
 * finished (below the transaction horizon: none can still appear before them), makes each a leaf of
 * the log's Merkle tree, and records a signed tree head over the new root. One process seals at a
 * time (SEALER_TURN); a second one finds the turn taken and skips, and the unique tree size stops
 * two seals of the same size whatever happens.
 */
@Injectable()
export class AuditSealerService {
  private readonly logger = new Logger('AuditSealer');
  private signer?: TreeHeadSigner;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(METRICS) metrics?: HubMetrics,
  ) {
    if (metrics) this.exportMetrics(metrics);
  }

  /** The unsealed window on /metrics, read from the database at each scrape (whichever process seals). */
  private exportMetrics(metrics: HubMetrics): void {
    let reading: Promise<{ seconds: number; events: number }> | undefined;
    // One query per scrape for both gauges.
    const read = () => (reading ??= this.unsealedAge().finally(() => setTimeout(() => (reading = undefined), 100).unref()));
    new Gauge({
      name: 'hub_audit_unsealed_oldest_seconds',
      help: 'Age of the oldest audit event not yet sealed (0 when all are); alert when it stays above a minute',
      registers: [metrics.registry],
      async collect() {
        this.set((await read()).seconds);
      },
    });
    new Gauge({
      name: 'hub_audit_unsealed_events',
      help: 'Audit events appended but not yet sealed',
      registers: [metrics.registry],
      async collect() {
        this.set((await read()).events);
      },
    });
  }

  private treeHeadSigner(): TreeHeadSigner {
    this.signer ??= this.moduleRef.get<TreeHeadSigner>(TREE_HEAD_SIGNER, { strict: false });
    return this.signer;
  }

  /** Seals up to `max` due events in one seal. */
  async sealOnce(max = this.config.worker.sealBatchSize): Promise<SealResult> {
    return this.db.transaction('READ COMMITTED', async (m) => {
      const [{ turn }]: { turn: boolean }[] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS turn', [SEALER_TURN]);
      if (!turn) return { sealed: 0, treeSize: -1 };
      const [last]: (LastSeal | undefined)[] = await m.query(
        'SELECT tree_size, last_tx, last_event, root, frontier FROM audit_seal ORDER BY id DESC LIMIT 1',
      );
      const size = Number(last?.tree_size ?? 0);
      // The horizon and the events in one statement (one snapshot): every transaction below it has ended.
      const events: { id: string; tx_id: string; hash: string }[] = await m.query(
        `SELECT e.id::text AS id, e.tx_id::text AS tx_id, e.hash FROM audit_event e
          WHERE (e.tx_id, e.id) > ($1::bigint, $2::bigint) AND e.tx_id < ${TRANSACTION_HORIZON}
          ORDER BY e.tx_id, e.id LIMIT $3`,
        [last?.last_tx ?? '-1', last?.last_event ?? '0', max],
      );
      if (!events.length) return { sealed: 0, treeSize: size };
      await this.append(m, last, events);
      return { sealed: events.length, treeSize: size + events.length };
    });
  }

  private async append(m: EntityManager, last: LastSeal | undefined, events: { id: string; tx_id: string; hash: string }[]) {
    const size = Number(last?.tree_size ?? 0);
    const frontier = last ? Frontier.of(size, last.frontier) : Frontier.empty();
    const leaves = events.map((e) => leafHash(e.hash));
    const nodes: { level: number; idx: number; hash: string }[] = [];
    for (const leaf of leaves) for (const node of frontier.push(leaf)) if (node.level >= STORED_LEVEL) nodes.push(node);
    const head = { treeSize: frontier.size, rootHash: frontier.root(), timestamp: new Date().toISOString() };
    const { kid, jws } = await this.treeHeadSigner().sign(treeHeadPayload(head));
    const tail = events[events.length - 1];
    const [{ id: sealId }]: { id: string }[] = await m.query(
      `INSERT INTO audit_seal (sealed_at, tree_size, batch_size, last_tx, last_event, batch_root, root, previous_root, frontier, kid, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        head.timestamp,
        head.treeSize,
        events.length,
        tail.tx_id,
        tail.id,
        treeHash(leaves),
        head.rootHash,
        last?.root ?? EMPTY_ROOT,
        frontier.hashes,
        kid,
        jws,
      ],
    );
    await m.query(
      `INSERT INTO audit_leaf (idx, event_id, seal_id, leaf_hash)
       SELECT $1::bigint + n - 1, e, $2::bigint, h FROM unnest($3::bigint[], $4::text[]) WITH ORDINALITY AS x(e, h, n)`,
      [size, sealId, events.map((e) => e.id), leaves],
    );
    if (nodes.length)
      await m.query(`INSERT INTO audit_node (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::text[])`, [
        nodes.map((n) => n.level),
        nodes.map((n) => n.idx),
        nodes.map((n) => n.hash),
      ]);
  }

  /** Seals until nothing is due (a backlog in several seals); returns the events sealed. */
  async sealAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { sealed } = await this.sealOnce();
      total += sealed;
      if (sealed < this.config.worker.sealBatchSize) return total;
    }
  }

  /** The age of the oldest event not yet sealed, in seconds (0 when all are): how long the window is open. */
  async unsealedAge(): Promise<{ seconds: number; events: number }> {
    const [row]: { seconds: number | null; events: string }[] = await this.db.query(
      `WITH last AS (SELECT coalesce((SELECT s.last_tx FROM audit_seal s ORDER BY s.id DESC LIMIT 1), -1) AS tx,
                            coalesce((SELECT s.last_event FROM audit_seal s ORDER BY s.id DESC LIMIT 1), 0) AS event)
       SELECT extract(epoch FROM now() - min(e.occurred_at))::float8 AS seconds, count(*)::text AS events
         FROM audit_event e, last WHERE (e.tx_id, e.id) > (last.tx, last.event)`,
    );
    return { seconds: Math.max(0, row.seconds ?? 0), events: Number(row.events) };
  }

  /** Seals every second (AUDIT_SEAL_INTERVAL_MS) or at once again while a full batch was due. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sealOnce().then(
        ({ sealed }) => this.schedule(sealed >= this.config.worker.sealBatchSize ? 0 : this.config.worker.sealIntervalMs),
        (err: Error) => {
          this.logger.warn(`audit seal failed: ${err.message}`);
          this.schedule(this.config.worker.sealIntervalMs);
        },
      );
    }, delay);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
