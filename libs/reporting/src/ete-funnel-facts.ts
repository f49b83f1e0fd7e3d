import type { ReportFilterInput } from './report.inputs.js';

/** The date columns of the funnel summary, one per step (see ete-funnel-fact.entity.ts). */
export const STEP_COLUMNS = {
  referred: 'referred_on',
  took_up: 'took_up_on',
  entered_training: 'training_on',
  completed_course: 'qualified_on',
  found_work: 'job_start_on',
  sustained_13_weeks: 'sustained_on',
} as const;

export type FunnelStep = keyof typeof STEP_COLUMNS;

export interface FactsInScope {
  /** `FROM ... f WHERE ...` over the summary rows in scope (alias f; more conditions may follow with AND); $1 and $2 are the period. */
  sql: string;
  params: unknown[];
}

/**
 * The summary rows a report counts: one row per person across all organisations, or per person with
 * one organisation; narrowed by region (the person's) and by intervention type (people who have had
 * that type, from that organisation when there is one). Parameters: $1 from, $2 to, then these.
 */
export function factsInScope(
  organisationId: string | null,
  input: Pick<ReportFilterInput, 'from' | 'to' | 'region' | 'interventionType'>,
): FactsInScope {
  const params: unknown[] = [input.from, input.to];
  const where: string[] = ['TRUE'];
  let from = 'ete_funnel_fact f';
  if (organisationId) {
    from = 'ete_funnel_org_fact f';
    params.push(organisationId);
    where.push(`f.organisation_id = $${params.length}::uuid`);
  }
  if (input.region) {
    params.push(input.region);
    where.push(`f.region = $${params.length}::text`);
  }
  if (input.interventionType) {
    params.push([input.interventionType]);
    where.push(`f.types @> $${params.length}::text[]`);
  }
  return { sql: `FROM ${from} WHERE ${where.join(' AND ')}`, params };
}

/** `column` falls in the period ($1 inclusive to $2 exclusive). */
export const inPeriod = (column: string) => `(${column} >= $1::date AND ${column} < $2::date)`;
