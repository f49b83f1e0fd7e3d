import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A manager or data protection officer opened a record it could not otherwise see, for a reason, until expiresAt. */
@Entity('break_glass_grant')
@Index('ix_break_glass_grant_actor', ['actor', 'personId', 'expiresAt'])
export class BreakGlassGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  /** `user:<id>` */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'text', nullable: true })
  reviewNote: string | null;
}
