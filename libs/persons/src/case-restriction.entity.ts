import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RestrictionKind = 'restriction' | 'exclusion';

/**
 * A restriction (only the listed users may open the record; to everyone else, in every organisation, it
 * does not exist) or an exclusion (the listed users may not open it, whatever else allows it), placed by
 * the person's lead organisation, for a reason, to be reviewed on a date, until lifted.
 */
@Entity('case_restriction')
@Index('ix_case_restriction_person', ['personId'], { where: 'lifted_at IS NULL' })
export class CaseRestriction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  /** The lead organisation that placed it. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  kind: RestrictionKind;

  @Column({ type: 'uuid', array: true })
  userIds: string[];

  @Column({ type: 'text' })
  reason: string;

  /** When it must be reviewed (kept or lifted); a task falls due then. */
  @Column({ type: 'date' })
  reviewOn: string;

  /** A restriction only: whether a break-glass grant opens the record to someone not listed. */
  @Column({ type: 'boolean', default: false })
  allowsBreakGlass: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  placedAt: Date;

  @Column({ type: 'text' })
  placedBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  liftedBy: string | null;

  @Column({ type: 'text', nullable: true })
  liftReason: string | null;
}
