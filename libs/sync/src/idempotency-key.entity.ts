import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A claimed idempotency key: the first answer is kept and replayed for the same request, for SYNC_RECORDS_DAYS. */
@Entity('idempotency_key')
@Index('ix_idempotency_key_created_at', ['createdAt'])
export class IdempotencyKey {
  /** user:<id> or client:<id>: keys are per caller. */
  @PrimaryColumn({ type: 'text' })
  caller: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  operation: string;

  /** SHA-256 of the request body. */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'jsonb', nullable: true })
  response: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
