import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change to a person record: what changed (old and new values), who, when, why. */
@Entity('person_change')
@Index('ix_person_change_person', ['personId', 'changedAt'])
export class PersonChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  /** created, updated, stage_changed, merged, unmerged, involvement_added, involvement_ended. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'integer' })
  version: number;

  /** { field: { old, new } } */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Record<string, { old: unknown; new: unknown }>;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text' })
  changedBy: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
