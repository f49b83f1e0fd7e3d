import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person's allocation within one organisation: its case owner (a caseworker of the organisation) and,
 * optionally, a team. One row per allocation, ended when reallocated, so the rows are its history.
 */
@Entity('allocation')
@Index('ux_allocation_current', ['personId', 'organisationId'], { unique: true, where: 'ended_at IS NULL' })
@Index('ix_allocation_owner', ['organisationId', 'caseOwnerId'], { where: 'ended_at IS NULL' })
@Index('ix_allocation_team', ['organisationId', 'teamId'], { where: 'ended_at IS NULL' })
export class Allocation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** The user who owns the case in the organisation; null when allocated to a team only. */
  @Column({ type: 'uuid', nullable: true })
  caseOwnerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  allocatedAt: Date;

  /** `user:<id>` of who allocated. */
  @Column({ type: 'text' })
  allocatedBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
