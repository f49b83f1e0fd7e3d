import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ReferralBasis, ReferralOutcome, ReferralState } from './referral-vocabulary.js';

/** A referral of a person from one organisation to another for a service. */
@Entity('referral')
@Index('ix_referral_to_state', ['toOrganisationId', 'state'])
@Index('ix_referral_from_state', ['fromOrganisationId', 'state'])
@Index('ix_referral_person', ['personId'])
/** The referral report reads the referrals sent in a period. */
@Index('ix_referral_sent_at', ['sentAt'])
@Index('ix_referral_due', ['dueAt'], { where: `state IN ('sent', 'accepted') AND escalated_at IS NULL` })
// An outcome only on a completed referral, one of ReferralOutcome's (migration ReferralOutcome).
@Check(
  'ck_referral_outcome',
  `outcome IS NULL OR (state = 'completed' AND outcome IN ('achieved', 'partly_achieved', 'not_achieved', 'person_disengaged'))`,
)
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The surviving record at the time of sending. */
  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  fromOrganisationId: string;

  @Column({ type: 'uuid' })
  toOrganisationId: string;

  @Column({ type: 'text' })
  serviceCode: string;

  @Column({ type: 'text' })
  reason: string;

  /** Categories shared with the receiver for this referral (each covered by consent or agreement). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sharedCategories: string[];

  @Column({ type: 'text' })
  state: ReferralState;

  /** Why it was declined or withdrawn. */
  @Column({ type: 'text', nullable: true })
  stateReason: string | null;

  /** What came of it, said by the receiver when completing it. */
  @Column({ type: 'text', nullable: true })
  outcome: ReferralOutcome | null;

  /** The receiver's note on the outcome (optional). */
  @Column({ type: 'text', nullable: true })
  outcomeNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When the receiver should have answered (service SLA). */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** When the referral, unanswered (sent) or not started (accepted) by its due time, was escalated to both managers. */
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  /** The rule (and its version) that made it, when made automatically. */
  @Column({ type: 'uuid', nullable: true })
  ruleId: string | null;

  @Column({ type: 'integer', nullable: true })
  ruleVersion: number | null;

  /** What it was sent on (consent, agreement or a safeguarding override); null before sending, and for referrals sent before it was recorded. */
  @Column({ type: 'text', nullable: true })
  basis: ReferralBasis | null;

  /** The consent or sharing agreement it was sent on. */
  @Column({ type: 'uuid', nullable: true })
  basisId: string | null;

  /** Why a manager overrode the consent gate for safeguarding (with basis safeguarding_override). */
  @Column({ type: 'text', nullable: true })
  safeguardingReason: string | null;

  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
