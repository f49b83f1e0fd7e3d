import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHAIN_COLUMNS, type ChainRow, detailIntact, digest } from './audit-chain.js';
import { AuditTreeService } from './audit-tree.service.js';
import { EMPTY_ROOT, Frontier, leafHash } from './merkle.js';
import { treeHeadPayload } from './tree-head.js';

export type AuditProblem =
  | { kind: 'altered'; eventId: string }
  | { kind: 'removed'; eventId: string; leafIndex: number }
  | { kind: 'reordered'; eventId: string; leafIndex: number }
  | { kind: 'inserted'; eventId: string }
  | { kind: 'seal'; sealId: string; reason: string };

export interface VerifyResult {
  ok: boolean;
  /** Events checked: sealed ones against their seals, unsealed ones against their digests. */
  events: number;
  seals: number;
  /** Events appended but not yet sealed (protected meanwhile only by the database's refusal to change them). */
  unsealed: number;
  problem: AuditProblem | null;
  message: string;
}

interface SealRow {
  id: string;
  tree_size: string;
  batch_size: number;
  last_tx: string;
  last_event: string;
  root: string;
  previous_root: string;
  frontier: string[];
  sealed_at: string;
  signature: string;
}

type LeafRow = ChainRow & { idx: string; event_id: string; leaf_hash: string; tx_id: string | null; present: boolean };

const SEAL_COLUMNS = `id::text AS id, tree_size::text AS tree_size, batch_size, last_tx::text AS last_tx, last_event::text AS last_event, root, previous_root, frontier,
  to_char(sealed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS sealed_at, signature`;

/** (tx, id) as a pair that compares in the sealer's order. */
const after = (a: [bigint, bigint], b: [bigint, bigint]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

function describe(p: AuditProblem): string {
  switch (p.kind) {
    case 'altered':
      return `audit event ${p.eventId} was altered (its content no longer matches its sealed digest)`;
    case 'removed':
      return `audit event ${p.eventId} (leaf ${p.leafIndex}) was removed after it was sealed`;
    case 'reordered':
      return `audit event ${p.eventId} (leaf ${p.leafIndex}) is out of its sealed order (the log was reordered)`;
    case 'inserted':
      return `audit event ${p.eventId} was inserted into a sealed part of the log`;
    case 'seal':
      return `audit seal ${p.sealId}: ${p.reason}`;
  }
}

/**
 * `audit verify`: recomputes the log's Merkle tree from the events themselves, seal by seal, and
 * names the first event altered, removed, reordered or inserted, or the first seal whose root or
 * signature does not hold. Incremental: from a given seal on, continuing from the tree's right edge
 * that the seal before it kept.
 */
@Injectable()
export class AuditVerifierService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tree: AuditTreeService,
  ) {}

  async verify(options: { fromSeal?: string; toSeal?: string; pageSize?: number } = {}): Promise<VerifyResult> {
    const pageSize = options.pageSize ?? 5000;
    const [start]: (SealRow | undefined)[] = options.fromSeal
      ? await this.db.query(`SELECT ${SEAL_COLUMNS} FROM audit_seal WHERE id < $1::bigint ORDER BY id DESC LIMIT 1`, [options.fromSeal])
      : [];
    const frontier = start ? Frontier.of(Number(start.tree_size), start.frontier) : Frontier.empty();
    let position: [bigint, bigint] = start ? [BigInt(start.last_tx), BigInt(start.last_event)] : [-1n, 0n];
    let root = start?.root ?? EMPTY_ROOT;
    let events = 0;
    let seals = 0;
    const fail = (problem: AuditProblem): VerifyResult => ({ ok: false, events, seals, unsealed: 0, problem, message: describe(problem) });

    let cursor = start?.id ?? '0';
    for (;;) {
      const batch: SealRow[] = await this.db.query(
        `SELECT ${SEAL_COLUMNS} FROM audit_seal WHERE id > $1::bigint AND ($2::bigint IS NULL OR id <= $2::bigint) ORDER BY id LIMIT 100`,
        [cursor, options.toSeal ?? null],
      );
      for (const seal of batch) {
        if (seal.previous_root !== root || Number(seal.tree_size) !== frontier.size + seal.batch_size)
          return fail({ kind: 'seal', sealId: seal.id, reason: 'does not continue the seal before it (a seal was removed or rewritten)' });
        const problem = await this.checkLeaves(seal, frontier, position, pageSize, (n) => (events += n));
        if (problem) return fail(problem);
        const inserted = await this.insertedIn(seal, position);
        position = [BigInt(seal.last_tx), BigInt(seal.last_event)];
        if (inserted) return fail({ kind: 'inserted', eventId: inserted });
        if (frontier.root() !== seal.root)
          return fail({ kind: 'seal', sealId: seal.id, reason: 'its root does not match the events it seals' });
        const signed = await this.tree
          .treeHeadSigner()
          .verify(seal.signature, treeHeadPayload({ treeSize: Number(seal.tree_size), rootHash: seal.root, timestamp: seal.sealed_at }));
        if (!signed.ok) return fail({ kind: 'seal', sealId: seal.id, reason: `its signature does not hold (${signed.reason})` });
        root = seal.root;
        seals += 1;
      }
      if (batch.length < 100) break;
      cursor = batch[batch.length - 1].id;
    }
    if (options.toSeal)
      return { ok: true, events, seals, unsealed: 0, problem: null, message: `audit log intact: ${events} events in ${seals} seals` };
    const unsealed = await this.checkUnsealed(position, pageSize);
    if (typeof unsealed === 'object') return fail(unsealed);
    const tail = unsealed ? `; ${unsealed} not yet sealed, each matching its digest` : '';
    return {
      ok: true,
      events: events + unsealed,
      seals,
      unsealed,
      problem: null,
      message: `audit log intact: ${events} events in ${seals} seals${tail}`,
    };
  }

  /** The seal's leaves, each against its event, in order; appends their hashes (from the events) to the frontier. */
  private async checkLeaves(
    seal: SealRow,
    frontier: Frontier,
    from: [bigint, bigint],
    pageSize: number,
    counted: (n: number) => void,
  ): Promise<AuditProblem | null> {
    let position = from;
    const end = Number(seal.tree_size);
    while (frontier.size < end) {
      const first = frontier.size;
      const rows: LeafRow[] = await this.db.query(
        `SELECT l.idx::text AS idx, l.event_id::text AS event_id, l.leaf_hash, a.tx_id::text AS tx_id, a.hash IS NOT NULL AS present, ${CHAIN_COLUMNS}
           FROM audit_leaf l LEFT JOIN audit_event a ON a.id = l.event_id
          WHERE l.idx >= $1 AND l.idx < $2 ORDER BY l.idx`,
        [first, Math.min(end, first + pageSize)],
      );
      if (!rows.length) return { kind: 'seal', sealId: seal.id, reason: `its leaves from ${first} are missing` };
      for (const row of rows) {
        const idx = Number(row.idx);
        if (idx !== frontier.size) return { kind: 'seal', sealId: seal.id, reason: `leaf ${frontier.size} is missing` };
        if (!row.present) return { kind: 'removed', eventId: row.event_id, leafIndex: idx };
        const at: [bigint, bigint] = [BigInt(row.tx_id!), BigInt(row.id)];
        if (!after(at, position)) return { kind: 'reordered', eventId: row.id, leafIndex: idx };
        if (digest(row) !== row.hash || !detailIntact(row)) return { kind: 'altered', eventId: row.id };
        const leaf = leafHash(row.hash);
        if (leaf !== row.leaf_hash) return { kind: 'altered', eventId: row.id };
        frontier.push(leaf);
        position = at;
      }
      counted(rows.length);
    }
    if (position[0] !== BigInt(seal.last_tx) || position[1] !== BigInt(seal.last_event))
      return { kind: 'seal', sealId: seal.id, reason: 'its last event is not the one it names' };
    return null;
  }

  /** An event inside the seal's stretch of the order (after `from`) that is not one of its leaves: added after sealing. */
  private async insertedIn(seal: SealRow, from: [bigint, bigint]): Promise<string | null> {
    const [row]: { id: string }[] = await this.db.query(
      `SELECT e.id::text AS id FROM audit_event e
        WHERE (e.tx_id, e.id) > ($1::bigint, $2::bigint) AND (e.tx_id, e.id) <= ($3::bigint, $4::bigint)
          AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.event_id = e.id)
        ORDER BY e.tx_id, e.id LIMIT 1`,
      [String(from[0]), String(from[1]), seal.last_tx, seal.last_event],
    );
    return row?.id ?? null;
  }

  /** Events after the last seal: each must still match its digest. Returns how many, or the first altered. */
  private async checkUnsealed(position: [bigint, bigint], pageSize: number): Promise<number | AuditProblem> {
    let count = 0;
    let cursor = position;
    for (;;) {
      const rows: (ChainRow & { tx_id: string })[] = await this.db.query(
        `SELECT a.tx_id::text AS tx_id, ${CHAIN_COLUMNS} FROM audit_event a WHERE (a.tx_id, a.id) > ($1::bigint, $2::bigint) ORDER BY a.tx_id, a.id LIMIT $3`,
        [String(cursor[0]), String(cursor[1]), pageSize],
      );
      for (const row of rows) if (digest(row) !== row.hash || !detailIntact(row)) return { kind: 'altered', eventId: row.id };
      count += rows.length;
      if (rows.length < pageSize) return count;
      const last = rows[rows.length - 1];
      cursor = [BigInt(last.tx_id), BigInt(last.id)];
    }
  }
}
