import { DataCategory } from '@hub/access';
import { regionKey } from '@hub/organisations';
import { IdentifierScheme, normaliseName, RiskLevel } from '@hub/persons';
import { type CheckedRecord, csvLine, isIsoDate, isText, type StagedRecord } from './bulk-stage.js';
import { ERASED_ID_MESSAGE, SUPPRESSED_PREFIX } from './external-id-suppression.js';

export interface PersonStageRow extends StagedRecord {
  givenName: string;
  familyName: string;
  normalisedName: string;
  dateOfBirth: string;
  region: string | null;
  releaseDate: string | null;
  identifiers: { scheme: string; value: string }[];
  offenceSummary: string | null;
  ogrsScore: number | null;
  ogrsAssessedOn: string | null;
  riskLevel: string | null;
}

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

const SCHEMES = Object.values(IdentifierScheme) as string[];
const RISKS = Object.values(RiskLevel) as string[];

/**
 * Checks one NDJSON person record (the same rules as syncPeople, written for speed) and shapes it
 * for the staging table. Returns the problems when it is not valid. Identifier schemes are the
 * GraphQL names (PNC, PRISON_NUMBER, ...) or the stored ones (pnc, prison_number, ...).
 */
/**
 * One line of a people load; `regions` is the region vocabulary (RegionsService.vocabulary: every code
 * and other name, lower case, to its code), so a county the hub admins mapped is stored as its region.
 */
export function toPersonStageRow(
  line: number,
  raw: unknown,
  writable: readonly DataCategory[],
  regions: ReadonlyMap<string, string>,
): CheckedRecord<PersonStageRow> {
  const r = (raw ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const externalId = isText(r.externalId, 200) ? r.externalId : null;
  if (!externalId) problems.push('externalId: required, at most 200 characters');
  else if (externalId.startsWith(SUPPRESSED_PREFIX)) problems.push(`externalId: ${ERASED_ID_MESSAGE}`);
  if (!isText(r.givenName, 100)) problems.push('givenName: required, at most 100 characters');
  if (!isText(r.familyName, 100)) problems.push('familyName: required, at most 100 characters');
  if (!isIsoDate(r.dateOfBirth)) problems.push('dateOfBirth: must be a valid ISO date');
  const region = typeof r.region === 'string' ? (regions.get(regionKey(r.region)) ?? null) : null;
  if (r.region != null && !region) problems.push('region: not a known region (a code or another name of one: the regions query)');
  if (r.releaseDate != null && !isIsoDate(r.releaseDate)) problems.push('releaseDate: must be a valid ISO date');
  const identifiers: { scheme: string; value: string }[] = [];
  if (r.identifiers != null) {
    if (!Array.isArray(r.identifiers) || r.identifiers.length > 10) problems.push('identifiers: a list of at most 10');
    else
      for (const i of r.identifiers as Record<string, unknown>[]) {
        const scheme = typeof i?.scheme === 'string' ? i.scheme.toLowerCase() : '';
        if (!SCHEMES.includes(scheme) || typeof i.value !== 'string' || !/^[A-Za-z0-9/ -]{2,40}$/.test(i.value))
          problems.push('identifiers: each needs a known scheme and a 2-40 character value');
        else identifiers.push({ scheme, value: i.value });
      }
  }
  if (r.offenceSummary != null && (typeof r.offenceSummary !== 'string' || r.offenceSummary.length > 2000))
    problems.push('offenceSummary: at most 2000 characters');
  if (r.ogrsScore != null && (typeof r.ogrsScore !== 'number' || r.ogrsScore < 0 || r.ogrsScore > 100))
    problems.push('ogrsScore: a number from 0 to 100');
  if (r.ogrsAssessedOn != null && (!isIsoDate(r.ogrsAssessedOn) || r.ogrsScore == null))
    problems.push('ogrsAssessedOn: a valid ISO date, with an ogrsScore');
  else if (typeof r.ogrsAssessedOn === 'string' && r.ogrsAssessedOn > londonDay.format(new Date()))
    problems.push('ogrsAssessedOn: must not be after today');
  if (r.riskLevel != null && !RISKS.includes(String(r.riskLevel).toLowerCase())) problems.push('riskLevel: low, medium, high or very_high');
  const offending = r.offenceSummary != null || r.ogrsScore != null;
  if (offending && !writable.includes(DataCategory.OFFENDING))
    problems.push('offenceSummary/ogrsScore: your organisation may not record offending data');
  if (r.riskLevel != null && !writable.includes(DataCategory.RISK)) problems.push('riskLevel: your organisation may not record risk');
  if (problems.length) return { problems, externalId };
  return {
    row: {
      line,
      externalId: externalId!,
      givenName: (r.givenName as string).trim(),
      familyName: (r.familyName as string).trim(),
      normalisedName: normaliseName(r.givenName as string, r.familyName as string),
      dateOfBirth: r.dateOfBirth as string,
      region,
      releaseDate: (r.releaseDate as string) ?? null,
      identifiers,
      offenceSummary: (r.offenceSummary as string) ?? null,
      ogrsScore: (r.ogrsScore as number) ?? null,
      ogrsAssessedOn: (r.ogrsAssessedOn as string) ?? null,
      riskLevel: r.riskLevel != null ? String(r.riskLevel).toLowerCase() : null,
    },
  };
}

/** One CSV line for COPY into the staging table (column order of STAGE_COPY_COLUMNS). */
export function stageCsv(r: PersonStageRow): string {
  return csvLine([
    r.line,
    r.externalId,
    r.givenName,
    r.familyName,
    r.normalisedName,
    r.dateOfBirth,
    r.region,
    r.releaseDate,
    JSON.stringify(r.identifiers),
    r.offenceSummary,
    r.ogrsScore,
    r.riskLevel,
    r.ogrsAssessedOn,
  ]);
}

export const STAGE_COPY_COLUMNS =
  'line, external_id, given_name, family_name, normalised_name, date_of_birth, region, release_date, identifiers, offence_summary, ogrs_score, risk_level, ogrs_assessed_on';
