import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FunnelStep } from './ete-funnel-facts.js';

/** The steps as stored in ete_funnel_count.step (migration EteFunnelCounts). */
export const FUNNEL_STEP_CODES: Record<FunnelStep, number> = {
  referred: 0,
  took_up: 1,
  entered_training: 2,
  completed_course: 3,
  found_work: 4,
  sustained_13_weeks: 5,
};

/**
 * The ETE funnel's aggregate: people per scope (ALL_ORGANISATIONS, or one organisation), intervention
 * type ('' for any), step, the day it was first reached, region ('' for none) and detail (the first
 * qualification for completed_course, the first job's sector for found_work, '' otherwise). Moved by
 * the funnel summary's rows in the statement that changes them (migration EteFunnelCounts), so a
 * funnel sums the rows of its period: its cost follows the days and dimensions, not the people.
 */
@Entity('ete_funnel_count')
export class EteFunnelCount {
  @PrimaryColumn({ type: 'uuid' })
  scopeId: string;

  @PrimaryColumn({ type: 'text' })
  type: string;

  @PrimaryColumn({ type: 'smallint' })
  step: number;

  @PrimaryColumn({ type: 'date' })
  onDate: string;

  @PrimaryColumn({ type: 'text' })
  region: string;

  @PrimaryColumn({ type: 'text' })
  detail: string;

  @Column({ type: 'int', default: 0 })
  people: number;
}
