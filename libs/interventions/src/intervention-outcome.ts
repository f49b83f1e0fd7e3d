import { ValidationError } from '@hub/common';
import { type InterventionOutcome, InterventionStatus, JOB_START, OutcomeKind } from './intervention-vocabulary.js';
import type { JobOutcomeInput, QualificationOutcomeInput } from './log-intervention.input.js';

/** What the outcome rules need to know of an intervention type. */
export interface OutcomeRulesType {
  code: string;
  name: string;
  outcomeKind: OutcomeKind;
}

/**
 * The outcome an intervention of `type` records, or null; BAD_USER_INPUT when the input does not fit
 * the type (a job on a type that records none, a job start without a job, a qualification on a course
 * not completed). Shared by logging one intervention and the bulk path.
 */
export function interventionOutcome(
  type: OutcomeRulesType,
  input: { qualification?: QualificationOutcomeInput | null; job?: JobOutcomeInput | null; status: InterventionStatus },
): InterventionOutcome | null {
  if (input.job && type.outcomeKind !== OutcomeKind.JOB)
    throw new ValidationError([{ field: 'job', messages: [`${type.name} does not record a job`] }]);
  if (input.qualification && type.outcomeKind !== OutcomeKind.QUALIFICATION) {
    throw new ValidationError([{ field: 'qualification', messages: [`${type.name} does not record a qualification`] }]);
  }
  if (type.code === JOB_START && !input.job)
    throw new ValidationError([{ field: 'job', messages: ['a job start needs the employer, sector, hours and start date'] }]);
  if (input.job)
    return {
      kind: 'job',
      employer: input.job.employer.trim(),
      sector: input.job.sector.trim(),
      hoursPerWeek: input.job.hoursPerWeek,
      startDate: input.job.startDate,
    };
  if (input.qualification) {
    if (input.status !== InterventionStatus.COMPLETED)
      throw new ValidationError([{ field: 'qualification', messages: ['a qualification is recorded on a completed course'] }]);
    return {
      kind: 'qualification',
      qualification: input.qualification.qualification.trim(),
      level: input.qualification.level ?? null,
      awardedOn: input.qualification.awardedOn ?? null,
    };
  }
  return null;
}

/** The day a job's 13-week sustainment window closes. */
export function sustainmentDue(startDate: string, weeks: number): string {
  const d = new Date(`${startDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + weeks * 7);
  return d.toISOString().slice(0, 10);
}
