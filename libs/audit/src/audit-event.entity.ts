import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One access to, or change of, person data. Append-only: a trigger gives each event its id, its
 * transaction and its digest, taking no lock, and refuses UPDATE, DELETE and TRUNCATE (migrations
 * AuditChain and AuditSealing). The sealer (AuditSealerService) later makes it a leaf of the log's
 * Merkle tree, in (txId, id) order. The one change allowed is erasing `detail` (old and new values)
 * of an erased person, keeping its digest.
 */
@Entity('audit_event')
@Index('ix_audit_event_person', ['personId', 'id'])
@Index('ix_audit_event_tx', ['txId', 'id'])
@Index('ix_audit_event_break_glass', ['id'], { where: 'break_glass' })
@Index('ix_audit_event_actor', ['actor', 'id'])
@Index('ix_audit_event_occurred', { synchronize: false })
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** `user:<id>`, `client:<id>` or `system`. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** The stated purpose of use (casework, referral, safeguarding, reporting). */
  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  /** The person whose data it is (the subject). */
  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  /** read, write, deny, export, break_glass, erase. */
  @Column({ type: 'text' })
  action: string;

  /** Data categories returned (read) or changed (write). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: string[];

  /** Fields returned, as `Type.field`. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields: string[];

  /** Fields withheld by the access policy. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  withheld: string[];

  /** Access rested on a break-glass grant. */
  @Column({ type: 'boolean', default: false })
  breakGlass: boolean;

  /** For writes: the domain event and old/new values; for denials: the reason; for exports: what. Erasable (see detailDigest). */
  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;

  /** Set by the trigger: sha256 of detail. The chain covers this digest, so erasing detail keeps the chain verifiable. */
  @Column({ type: 'text', nullable: true })
  detailDigest: string | null;

  /** Set by the trigger: the transaction that appended it (0 for events chained before sealing). The sealer's order is (txId, id). */
  @Column({ type: 'bigint' })
  txId: string;

  /** Events chained before sealing (migration AuditSealing): the hash of the event before ('genesis' for the first). Null since. */
  @Column({ type: 'text', nullable: true })
  prevHash: string | null;

  /** Set by the trigger: sha256 of this event's canonical form (its digest: the leaf the sealer hashes). */
  @Column({ type: 'text' })
  hash: string;
}
