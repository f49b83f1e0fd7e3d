import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { consistencyRanges, hashesOf, inclusionRanges, nodeHash, splitPoint, treeHash } from './merkle.js';
import { STORED_LEVEL } from './audit-sealer.service.js';
import { TREE_HEAD_SIGNER, type TreeHead, type TreeHeadSigner } from './tree-head.js';

const BLOCK = 2 ** STORED_LEVEL;

export interface InclusionProof {
  eventId: string;
  leafIndex: number;
  /** The event's digest (sha256 of its canonical text); the leaf is the hash of 0x00 and it. */
  eventDigest: string;
  leafHash: string;
  /** The sibling hashes from the leaf up (RFC 9162 PATH), hex. */
  auditPath: string[];
  /** The signed tree head the proof is against. */
  treeHead: TreeHead;
}

export interface ConsistencyProof {
  first: TreeHead;
  second: TreeHead;
  /** RFC 9162 consistency proof from the first tree to the second, hex. */
  proof: string[];
}

interface SealRow {
  tree_size: string;
  root: string;
  sealed_at: string;
  signature: string;
}

const HEAD_COLUMNS = `tree_size::text AS tree_size, root, to_char(sealed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS sealed_at, signature`;

/**
 * The sealed log as a Merkle tree: its signed heads, and proofs that an event is in it (inclusion)
 * and that a later head extends an earlier one (consistency). Subtree hashes come from the kept
 * perfect subtrees of 256 leaves and more, and from at most two runs of 256 leaves.
 */
@Injectable()
export class AuditTreeService {
  private signer?: TreeHeadSigner;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  treeHeadSigner(): TreeHeadSigner {
    this.signer ??= this.moduleRef.get<TreeHeadSigner>(TREE_HEAD_SIGNER, { strict: false });
    return this.signer;
  }

  private head(row: SealRow): TreeHead {
    return { treeSize: Number(row.tree_size), rootHash: row.root, timestamp: row.sealed_at, signature: row.signature };
  }

  /** The latest signed tree head (null before the first seal), or the one of exactly `treeSize` leaves. */
  async treeHead(treeSize?: number): Promise<TreeHead | null> {
    const rows: SealRow[] =
      treeSize === undefined
        ? await this.db.query(`SELECT ${HEAD_COLUMNS} FROM audit_seal ORDER BY id DESC LIMIT 1`)
        : await this.db.query(`SELECT ${HEAD_COLUMNS} FROM audit_seal WHERE tree_size = $1`, [treeSize]);
    return rows.length ? this.head(rows[0]) : null;
  }

  /** The hash of leaves [start, end): kept nodes for aligned runs of 256 and more, leaves for the rest. */
  async rangeHash(start: number, end: number): Promise<string> {
    const size = end - start;
    if (size <= BLOCK) {
      const leaves: { leaf_hash: string }[] = await this.db.query(
        'SELECT leaf_hash FROM audit_leaf WHERE idx >= $1 AND idx < $2 ORDER BY idx',
        [start, end],
      );
      if (leaves.length !== size) throw new Error(`audit leaves ${start} to ${end} are not all there`);
      return treeHash(leaves.map((l) => l.leaf_hash));
    }
    if ((size & (size - 1)) === 0 && start % size === 0) {
      const level = Math.log2(size);
      const [node]: { hash: string }[] = await this.db.query('SELECT hash FROM audit_node WHERE level = $1 AND idx = $2', [
        level,
        start / size,
      ]);
      if (!node) throw new Error(`audit node ${level}/${start / size} is missing`);
      return node.hash;
    }
    const k = splitPoint(size);
    return nodeHash(await this.rangeHash(start, start + k), await this.rangeHash(start + k, end));
  }

  /**
   * Proves the event is in the log: against the tree head of `treeSize` leaves when given (one the
   * caller kept), else the latest. Null when the event is not sealed in that tree (or not there at all).
   */
  async inclusionProof(eventId: string, treeSize?: number): Promise<InclusionProof | null> {
    const head = await this.treeHead(treeSize);
    if (!head) return null;
    const [leaf]: { idx: string; leaf_hash: string; hash: string }[] = await this.db.query(
      `SELECT l.idx::text AS idx, l.leaf_hash, e.hash FROM audit_leaf l JOIN audit_event e ON e.id = l.event_id WHERE l.event_id = $1::bigint`,
      [eventId],
    );
    if (!leaf || Number(leaf.idx) >= head.treeSize) return null;
    const leafIndex = Number(leaf.idx);
    const auditPath = await hashesOf(inclusionRanges(leafIndex, head.treeSize), (a, b) => this.rangeHash(a, b));
    return { eventId, leafIndex, eventDigest: leaf.hash, leafHash: leaf.leaf_hash, auditPath, treeHead: head };
  }

  /** Proves the tree head of `second` leaves (the latest when not given) extends the one of `first`. Null if either is not a seal. */
  async consistencyProof(first: number, second?: number): Promise<ConsistencyProof | null> {
    const [a, b] = [await this.treeHead(first), await this.treeHead(second)];
    if (!a || !b || a.treeSize > b.treeSize) return null;
    const proof = await hashesOf(consistencyRanges(a.treeSize, b.treeSize), (s, e) => this.rangeHash(s, e));
    return { first: a, second: b, proof };
  }
}
