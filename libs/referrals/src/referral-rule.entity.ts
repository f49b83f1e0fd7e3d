import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RuleCondition } from './rule-conditions.js';

/**
 * One version of a referral rule. Editing a rule adds a version and supersedes the previous one;
 * the current version of a rule is the one not superseded.
 */
@Entity('referral_rule')
@Index('ux_referral_rule_version', ['ruleId', 'version'], { unique: true })
@Index('ux_referral_rule_current', ['ruleId'], { unique: true, where: 'superseded_at IS NULL' })
@Index('ix_referral_rule_trigger', ['triggerEvent'], { where: 'superseded_at IS NULL AND active' })
export class ReferralRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable across versions. */
  @Column({ type: 'uuid' })
  ruleId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'boolean' })
  active: boolean;

  /** Outbox event type that triggers it (`intervention.logged`). */
  @Column({ type: 'text' })
  triggerEvent: string;

  @Column({ type: 'jsonb' })
  conditions: RuleCondition;

  @Column({ type: 'text' })
  serviceCode: string;

  /** The receiver must cover the person's region. */
  @Column({ type: 'boolean' })
  matchRegion: boolean;

  /** Consent purpose the receiver needs (null when an agreement is enough or nothing is shared). */
  @Column({ type: 'text', nullable: true })
  consentPurpose: string | null;

  /** The rule refers the same person at most once within this many days. */
  @Column({ type: 'integer' })
  cooldownDays: number;

  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
