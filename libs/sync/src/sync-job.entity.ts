import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** A streaming bulk load: its progress, per-record errors and where to resume. */
@Entity('sync_job')
@Unique('uq_sync_job_key', ['caller', 'idempotencyKey'])
export class SyncJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  caller: string;

  @Column({ type: 'text' })
  idempotencyKey: string;

  /** people, interventions */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  system: string;

  /** running, completed, failed */
  @Column({ type: 'text' })
  status: string;

  /** Lines of the input merged and committed: a resumed load skips them. */
  @Column({ type: 'integer', default: 0 })
  linesCommitted: number;

  @Column({ type: 'integer', default: 0 })
  created: number;

  @Column({ type: 'integer', default: 0 })
  updated: number;

  @Column({ type: 'integer', default: 0 })
  unchanged: number;

  @Column({ type: 'integer', default: 0 })
  rejected: number;

  /** The first errors: { line, externalId, code, message }. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: { line: number; externalId: string | null; code: string; message: string }[];

  @Column({ type: 'text', nullable: true })
  failure: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
