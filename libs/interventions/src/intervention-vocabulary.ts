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
