import { randomUUID } from 'node:crypto';
import { type CheckedRecord, csvLine, isIsoDate, isText, type StagedRecord } from './bulk-stage.js';
import { SUPPRESSED_PREFIX } from './external-id-suppression.js';

/** An OGRS assessment or a proven reconviction, checked and shaped for the staging table. */
export interface OffendingFactStageRow extends StagedRecord {
  personExternalId: string;
  /** The id the record gets if it is new. */
  newId: string;
  /** OGRS year-1 score, percent (null for a reconviction). */
  score: number | null;
  /** The assessment's date, or the new offence's. */
  onDate: string;
}

/** The 13-week outcome of a job start (named by the job start intervention's external id). */
export interface SustainmentStageRow extends StagedRecord {
  sustained: boolean;
  note: string | null;
}

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function externalIdProblems(r: Record<string, unknown>, field: 'externalId' | 'personExternalId'): string[] {
  if (!isText(r[field], 200)) return [`${field}: 1 to 200 characters`];
  if (field === 'externalId' && r[field].startsWith(SUPPRESSED_PREFIX)) return [`externalId: may not begin with "${SUPPRESSED_PREFIX}"`];
  return [];
}

function datedProblems(r: Record<string, unknown>, field: string, today: string): string[] {
  if (!isIsoDate(r[field])) return [`${field}: must be a valid ISO date (YYYY-MM-DD)`];
  if (r[field] > today) return [`${field}: must not be after today (${today}): what has not happened cannot be recorded`];
  return [];
}

const readableId = (raw: unknown): string | null => (isObject(raw) && isText(raw.externalId, 200) ? raw.externalId : null);

/**
 * One line of an OGRS or reconviction load: the rules of recordOgrsAssessment / recordReconviction
 * (a score from 0 to 100; a real date, never after today), plus the external ids.
 */
export function toOffendingFactStageRow(kind: 'ogrs' | 'reconviction', line: number, raw: unknown): CheckedRecord<OffendingFactStageRow> {
  if (!isObject(raw)) return { problems: ['each line is one JSON object'], externalId: null };
  const today = londonDay.format(new Date());
  const dateField = kind === 'ogrs' ? 'assessedOn' : 'convictedOn';
  const problems = [
    ...externalIdProblems(raw, 'externalId'),
    ...externalIdProblems(raw, 'personExternalId'),
    ...datedProblems(raw, dateField, today),
  ];
  if (kind === 'ogrs' && (typeof raw.score !== 'number' || !Number.isFinite(raw.score) || raw.score < 0 || raw.score > 100))
    problems.push('score: a number from 0 to 100 (OGRS year-1 probability, percent)');
  if (problems.length) return { problems, externalId: readableId(raw) };
  return {
    row: {
      line,
      externalId: raw.externalId as string,
      personExternalId: raw.personExternalId as string,
      newId: randomUUID(),
      score: kind === 'ogrs' ? (raw.score as number) : null,
      onDate: raw[dateField] as string,
    },
  };
}

export const offendingFactStageCsv = (r: OffendingFactStageRow): string =>
  csvLine([r.line, r.externalId, r.newId, r.score, r.onDate, r.personExternalId]);

/** One line of a sustainment load: the job start's external id, whether it was sustained, a note (at most 1,000 characters). */
export function toSustainmentStageRow(line: number, raw: unknown): CheckedRecord<SustainmentStageRow> {
  if (!isObject(raw)) return { problems: ['each line is one JSON object'], externalId: null };
  const problems = externalIdProblems(raw, 'externalId');
  if (typeof raw.sustained !== 'boolean') problems.push('sustained: true or false');
  if (raw.note != null && (typeof raw.note !== 'string' || raw.note.length > 1000)) problems.push('note: at most 1,000 characters');
  if (problems.length) return { problems, externalId: readableId(raw) };
  return {
    row: { line, externalId: raw.externalId as string, sustained: raw.sustained as boolean, note: (raw.note as string | null) ?? null },
  };
}

export const sustainmentStageCsv = (r: SustainmentStageRow): string =>
  csvLine([r.line, r.externalId, r.sustained ? 'true' : 'false', r.note]);
