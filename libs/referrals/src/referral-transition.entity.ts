import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every change of a referral's state: who, when, from what to what, and why. */
@Entity('referral_transition')
@Index('ix_referral_transition_referral', ['referralId', 'at'])
export class ReferralTransition {
  /** Increasing: the order of transitions, even within one transaction. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  referralId: string;

  /** create, send, accept, decline, start, complete, withdraw. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  fromState: string | null;

  @Column({ type: 'text' })
  toState: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** user:<id>, client:<id> or system:<name>. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
