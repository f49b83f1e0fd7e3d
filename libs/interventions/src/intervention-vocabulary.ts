import { registerEnumType } from '@nestjs/graphql';

export enum InterventionStatus {
  PLANNED = 'planned',
  STARTED = 'started',
  COMPLETED = 'completed',
  CANCELLED = 'cancelled',
  DID_NOT_ATTEND = 'did_not_attend',
}
registerEnumType(InterventionStatus, { name: 'InterventionStatus' });

/** What kind of outcome an intervention type records. */
export enum OutcomeKind {
  NONE = 'none',
  QUALIFICATION = 'qualification',
  JOB = 'job',
}
registerEnumType(OutcomeKind, { name: 'OutcomeKind' });

export enum SustainmentStatus {
  OPEN = 'open',
  SUSTAINED = 'sustained',
  NOT_SUSTAINED = 'not_sustained',
}
registerEnumType(SustainmentStatus, { name: 'SustainmentStatus' });

/** A job is counted as sustained at 13 weeks. */
export const SUSTAINMENT_WEEKS = 13;

export const JOB_START = 'job_start';

/**
 * The statuses under which a recorded job counts as found work: the person began it. A planned start
 * has not happened yet; a cancelled one, or one the person did not turn up for, never did. Only a job
 * that began opens a 13-week sustainment window, fires `job.started` and counts in the funnel.
 */
export const JOB_BEGUN_STATUSES: readonly InterventionStatus[] = [InterventionStatus.STARTED, InterventionStatus.COMPLETED];

export const jobBegun = (status: InterventionStatus | string): boolean => (JOB_BEGUN_STATUSES as readonly string[]).includes(status);

/** The same test in SQL, over a status expression. */
export const jobBegunSql = (status: string): string => `${status} IN (${JOB_BEGUN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export interface QualificationOutcome {
  kind: 'qualification';
  qualification: string;
  level: string | null;
  awardedOn: string | null;
}

export interface JobOutcome {
  kind: 'job';
  employer: string;
  sector: string;
  hoursPerWeek: number;
  startDate: string;
}

export type InterventionOutcome = QualificationOutcome | JobOutcome;
