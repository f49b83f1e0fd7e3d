import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { InterventionOutcome } from './intervention-vocabulary.js';
import { InterventionStatus } from './intervention-vocabulary.js';

/** Something an organisation did with or for a person, and what came of it. */
@Entity('intervention')
@Index('ix_intervention_person_time', ['personId', 'occurredAt'])
@Index('ix_intervention_org', ['organisationId', 'occurredAt'])
@Index('ix_intervention_time', ['occurredAt'])
export class Intervention {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** user:<id> or client:<id> */
  @Column({ type: 'text' })
  recordedBy: string;

  @Column({ type: 'text' })
  typeCode: string;

  /** Copied from the type, so access can be decided on the row. */
  @Column({ type: 'text' })
  dataCategory: string;

  @Column({ type: 'text' })
  status: InterventionStatus;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'jsonb', nullable: true })
  outcome: InterventionOutcome | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** An intervention as it was before a correction by the organisation that logged it: its history, never changed. */
@Entity('intervention_revision')
@Index('ix_intervention_revision_intervention', ['interventionId', 'version'], { unique: true })
@Index('ix_intervention_revision_person', ['personId'])
export class InterventionRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  interventionId: string;

  @Column({ type: 'uuid' })
  personId: string;

  /** The intervention's version this was. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  status: InterventionStatus;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'jsonb', nullable: true })
  outcome: InterventionOutcome | null;

  /** Who corrected it (user:<id> or client:<id>), their name then, when, and why. */
  @Column({ type: 'text' })
  correctedBy: string;

  @Column({ type: 'text' })
  correctedByName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  correctedAt: Date;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
