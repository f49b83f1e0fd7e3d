import { randomUUID } from 'node:crypto';
import { HubError, ValidationError } from '@hub/common';
import {
  datedInFuture,
  FUTURE_WORK_MESSAGE,
  interventionOutcome,
  type InterventionOutcome,
  InterventionStatus,
  type OutcomeRulesType,
  SUSTAINMENT_WEEKS,
  sustainmentDue,
} from '@hub/interventions';
import { type CheckedRecord, csvLine, isCalendarDay, isIsoDate, isText, type StagedRecord } from './bulk-stage.js';

export interface InterventionStageRow extends StagedRecord {
  personExternalId: string;
  /** The id the intervention gets if it is new. */
  newId: string;
  typeCode: string;
  dataCategory: string;
  status: string;
  occurredAt: string;
  notes: string | null;
  outcome: InterventionOutcome | null;
  /** For a job start: the end of its sustainment window. */
  dueOn: string | null;
}

/** What the check needs of a catalogue type. */
export type StageType = OutcomeRulesType & { dataCategory: string };

const STATUSES = Object.values(InterventionStatus) as string[];
const TYPE_CODE = /^[a-z][a-z0-9_]{1,62}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** An ISO date-time as a UTC timestamp (read as logging one intervention reads it), or null when it is not one. */
function utcDateTime(value: unknown): string | null {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || !isCalendarDay(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const utc = new Date(ms).toISOString();
  // An offset may carry the instant out of years 0001-9999 (written +010000-… or 0000-…), which PostgreSQL refuses.
  return /^\d{4}-/.test(utc) && !utc.startsWith('0000') ? utc : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const between = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;

function qualificationProblems(q: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!between(q.qualification, 2, 200)) problems.push('qualification.qualification: 2 to 200 characters');
  if (q.level != null && !between(q.level, 0, 50)) problems.push('qualification.level: at most 50 characters');
  if (q.awardedOn != null && !isIsoDate(q.awardedOn)) problems.push('qualification.awardedOn: must be a valid ISO date');
  return problems;
}

function jobProblems(j: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!between(j.employer, 2, 200)) problems.push('job.employer: 2 to 200 characters');
  if (!between(j.sector, 2, 100)) problems.push('job.sector: 2 to 100 characters');
  if (!Number.isInteger(j.hoursPerWeek) || (j.hoursPerWeek as number) < 1 || (j.hoursPerWeek as number) > 80)
    problems.push('job.hoursPerWeek: a whole number from 1 to 80');
  if (!isIsoDate(j.startDate)) problems.push('job.startDate: must be a valid ISO date');
  return problems;
}

/**
 * Checks one NDJSON intervention record (the rules of syncInterventions and of logging one
 * intervention: the catalogue, the outcome the type records) and shapes it for the staging table.
 * Statuses are the GraphQL names (COMPLETED, ...) or the stored ones (completed, ...).
 */
export function toInterventionStageRow(
  line: number,
  raw: unknown,
  types: ReadonlyMap<string, StageType>,
): CheckedRecord<InterventionStageRow> {
  const r = isObject(raw) ? raw : {};
  const problems: string[] = [];
  const externalId = isText(r.externalId, 200) ? r.externalId : null;
  if (!externalId) problems.push('externalId: required, at most 200 characters');
  if (!isText(r.personExternalId, 200)) problems.push('personExternalId: required, at most 200 characters');
  const type = typeof r.typeCode === 'string' && TYPE_CODE.test(r.typeCode) ? types.get(r.typeCode) : undefined;
  if (!type) problems.push('typeCode: not an intervention type of the catalogue');
  const status = typeof r.status === 'string' ? r.status.toLowerCase() : '';
  if (!STATUSES.includes(status)) problems.push(`status: one of ${STATUSES.join(', ')}`);
  const occurredAt = utcDateTime(r.occurredAt);
  if (!occurredAt) problems.push('occurredAt: must be an ISO date-time');
  else if (datedInFuture(status, new Date(occurredAt))) problems.push(`occurredAt: ${FUTURE_WORK_MESSAGE}`);
  if (r.notes != null && !between(r.notes, 0, 4000)) problems.push('notes: at most 4000 characters');
  if (r.qualification != null)
    problems.push(...(isObject(r.qualification) ? qualificationProblems(r.qualification) : ['qualification: an object']));
  if (r.job != null) problems.push(...(isObject(r.job) ? jobProblems(r.job) : ['job: an object']));
  let outcome: InterventionOutcome | null = null;
  if (problems.length === 0) {
    try {
      outcome = interventionOutcome(type!, {
        qualification: r.qualification as never,
        job: r.job as never,
        status: status as InterventionStatus,
      });
    } catch (err) {
      if (!(err instanceof HubError)) throw err;
      problems.push(
        ...(err instanceof ValidationError ? err.fields.flatMap((f) => f.messages.map((m) => `${f.field}: ${m}`)) : [err.message]),
      );
    }
  }
  if (problems.length) return { problems, externalId };
  return {
    row: {
      line,
      externalId: externalId!,
      personExternalId: r.personExternalId as string,
      newId: randomUUID(),
      typeCode: type!.code,
      dataCategory: type!.dataCategory,
      status,
      occurredAt: occurredAt!,
      notes: (r.notes as string | null | undefined) ?? null,
      outcome,
      dueOn: outcome?.kind === 'job' ? sustainmentDue(outcome.startDate, SUSTAINMENT_WEEKS) : null,
    },
  };
}

/** One CSV line for COPY: the columns of INTERVENTION_STAGE_COPY_COLUMNS, then person_external_id. */
export function interventionStageCsv(r: InterventionStageRow): string {
  return csvLine([
    r.line,
    r.externalId,
    r.newId,
    r.typeCode,
    r.dataCategory,
    r.status,
    r.occurredAt,
    r.notes,
    r.outcome && JSON.stringify(r.outcome),
    r.dueOn,
    r.personExternalId,
  ]);
}
