import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The referral report's summary: one narrow row per referral, with the first time of each step from
 * its recorded transitions. Kept right in the transaction of every write by statement-level triggers
 * on referral and referral_transition (migration ReferralFacts), so the report reads one row per
 * referral of the period and never the transitions behind it.
 */
@Entity('referral_fact')
// Both cover what the report reads (migration ReferralCounts): INCLUDE and a partial index are written by hand.
@Index('ix_referral_fact_sent', { synchronize: false })
@Index('ix_referral_fact_open', { synchronize: false })
@Index('ix_referral_fact_to_sent', ['toOrganisationId', 'sentAt'])
@Index('ix_referral_fact_from_sent', ['fromOrganisationId', 'sentAt'])
export class ReferralFact {
  @PrimaryColumn({ type: 'uuid' })
  referralId: string;

  @Column({ type: 'text' })
  serviceCode: string;

  @Column({ type: 'uuid' })
  fromOrganisationId: string;

  @Column({ type: 'uuid' })
  toOrganisationId: string;

  @Column({ type: 'text' })
  state: string;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  declinedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
