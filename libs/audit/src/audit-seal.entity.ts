import { Check, Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A signed tree head: the batch of events the sealer made leaves of, and the root of the whole log
 * after it. Append-only (migration AuditSealing). `frontier` is the tree's right edge after the batch
 * (the roots of its perfect subtrees, largest first): the next seal continues from it.
 */
@Entity('audit_seal')
@Unique('uq_audit_seal_tree_size', ['treeSize'])
@Check('ck_audit_seal_batch', 'batch_size > 0 AND batch_size <= tree_size')
export class AuditSeal {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  sealedAt: Date;

  /** Leaves in the log after this seal. */
  @Column({ type: 'bigint' })
  treeSize: string;

  @Column({ type: 'int' })
  batchSize: number;

  /** The last event sealed, as its (transaction, id): the next seal starts after it. */
  @Column({ type: 'bigint' })
  lastTx: string;

  @Column({ type: 'bigint' })
  lastEvent: string;

  /** The Merkle root of this batch's leaves alone. */
  @Column({ type: 'text' })
  batchRoot: string;

  /** The Merkle root of the whole log after this batch. */
  @Column({ type: 'text' })
  root: string;

  @Column({ type: 'text' })
  previousRoot: string;

  @Column({ type: 'text', array: true })
  frontier: string[];

  /** The hub key that signed the tree head (its JWKS key id), and the signature: a compact JWS of the tree head. */
  @Column({ type: 'text' })
  kid: string;

  @Column({ type: 'text' })
  signature: string;
}

/** Leaf `idx` of the log: an event's digest, hashed as an RFC 9162 leaf. */
@Entity('audit_leaf')
@Unique('uq_audit_leaf_event', ['eventId'])
export class AuditLeaf {
  @PrimaryColumn({ type: 'bigint' })
  idx: string;

  @Column({ type: 'bigint' })
  eventId: string;

  @Column({ type: 'bigint' })
  sealId: string;

  @Column({ type: 'text' })
  leafHash: string;
}

/** A perfect subtree of 2^level leaves (level ≥ 8), kept so that proofs read a few rows, not the log. */
@Entity('audit_node')
export class AuditNode {
  @PrimaryColumn({ type: 'smallint' })
  level: number;

  @PrimaryColumn({ type: 'bigint' })
  idx: string;

  @Column({ type: 'text' })
  hash: string;
}
