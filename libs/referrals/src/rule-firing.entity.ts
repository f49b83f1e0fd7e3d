import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RuleOutcome } from './referral-vocabulary.js';

/** A rule met by an event, and what came of it: at most one per rule and event (replays add nothing). */
@Entity('rule_firing')
@Index('ux_rule_firing_event', ['ruleId', 'eventId'], { unique: true })
@Index('ix_rule_firing_person', ['ruleId', 'personId', 'firedAt'])
export class RuleFiring {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ruleId: string;

  @Column({ type: 'integer' })
  ruleVersion: number;

  @Column({ type: 'bigint' })
  eventId: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  outcome: RuleOutcome;

  @Column({ type: 'uuid', nullable: true })
  referralId: string | null;

  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  /** Why (which consent was missing, which receivers were full). */
  @Column({ type: 'text' })
  detail: string;

  @CreateDateColumn({ type: 'timestamptz' })
  firedAt: Date;
}
