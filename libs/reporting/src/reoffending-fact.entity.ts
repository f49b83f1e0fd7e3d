import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ReoffendingCohort } from './report.inputs.js';

/** The scope of a summary row counted across all organisations (reoffending_fact, reoffending_count). */
export const ALL_ORGANISATIONS = '00000000-0000-0000-0000-000000000000';

/** The cohorts of the reoffending summaries, as stored (see reoffending.service.ts). */
export const COHORT_CODES: Record<ReoffendingCohort, number> = {
  [ReoffendingCohort.ETE_SUPPORT]: 0,
  [ReoffendingCohort.FOUND_WORK]: 1,
  [ReoffendingCohort.SUSTAINED_WORK]: 2,
};

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * Each person's part in the reoffending analysis, per scope (all organisations, or one organisation
 * that recorded an intervention for them) and cohort: the day they first reached the cohort's step,
 * their programme start, and under each reference date the OGRS score in force on it and whether a
 * proven reconviction followed within a year. Kept in the transaction of every write by triggers on
 * the funnel summary, OGRS assessments and reconvictions (migration ReoffendingSummary); never read
 * by a report: it is what the aggregate (reoffending_count) moves a person's contribution from.
 */
@Entity('reoffending_fact')
@Index('ix_reoffending_fact_person', ['personId'])
export class ReoffendingFact {
  @PrimaryColumn({ type: 'uuid' })
  scopeId: string;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @PrimaryColumn({ type: 'smallint' })
  cohort: number;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', array: true })
  types: string[];

  @Column({ type: 'date' })
  stepOn: string;

  @Column({ type: 'date', nullable: true })
  startOn: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numeric })
  stepScore: number | null;

  @Column({ type: 'boolean' })
  stepReconvicted: boolean;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numeric })
  startScore: number | null;

  @Column({ type: 'boolean' })
  startReconvicted: boolean;
}

/**
 * The reoffending analysis's aggregate: counts and score sums per scope × intervention type ('' for
 * any) × cohort × step day × region ('' for none) × programme start day (the step day when there is
 * none; `no_start` counts those). Its size follows the days and the dimensions, not the people: the
 * analysis sums the rows of its period. Moved in the same transaction as the write that changes a
 * person's part (reoffending_fact), per key, in key order.
 */
@Entity('reoffending_count')
export class ReoffendingCount {
  @PrimaryColumn({ type: 'uuid' })
  scopeId: string;

  @PrimaryColumn({ type: 'text' })
  type: string;

  @PrimaryColumn({ type: 'smallint' })
  cohort: number;

  @PrimaryColumn({ type: 'date' })
  stepOn: string;

  @PrimaryColumn({ type: 'text' })
  region: string;

  @PrimaryColumn({ type: 'date' })
  startOn: string;

  @Column({ type: 'int', default: 0 })
  people: number;

  /** Of `people`, those with no programme start (no attended ETE contact). */
  @Column({ type: 'int', default: 0 })
  noStart: number;

  @Column({ type: 'int', default: 0 })
  stepScored: number;

  @Column({ type: 'int', default: 0 })
  stepReconvicted: number;

  @Column({ type: 'numeric', default: 0, transformer: numeric })
  stepScoreSum: number;

  @Column({ type: 'int', default: 0 })
  startScored: number;

  @Column({ type: 'int', default: 0 })
  startReconvicted: number;

  @Column({ type: 'numeric', default: 0, transformer: numeric })
  startScoreSum: number;
}
