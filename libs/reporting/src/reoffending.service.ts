import { Injectable } from '@nestjs/common';
import { type Actor, ValidationError } from '@hub/common';
import { ReadReplica } from '@hub/database';
import { RegionsService } from '@hub/organisations';
import { PERSON_MERGED_RECORD } from '@hub/persons';
import { controlCount, isSmall } from './disclosure-control.js';
import { factsInScope, inPeriod, STEP_COLUMNS } from './ete-funnel-facts.js';
import { ReportRunsService } from './report-runs.service.js';
import { ReoffendingCohort, type ReoffendingInput, ReoffendingReference } from './report.inputs.js';
import type { ReoffendingAnalysisModel } from './report.models.js';
import { reportRun } from './report-scope.js';

/** Each cohort's reference date: when its step was first reached (ete-funnel-facts.ts). */
const REFERENCE: Record<ReoffendingCohort, string> = {
  [ReoffendingCohort.ETE_SUPPORT]: STEP_COLUMNS.took_up,
  [ReoffendingCohort.FOUND_WORK]: STEP_COLUMNS.found_work,
  [ReoffendingCohort.SUSTAINED_WORK]: STEP_COLUMNS.sustained_13_weeks,
};

/** The programme start (ReoffendingReference.PROGRAMME_START): the first attended ETE contact, the take-up date. */
const PROGRAMME_START = STEP_COLUMNS.took_up;

const round1 = (n: number) => Math.round(n * 10) / 10;

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today as a calendar day in Europe/London (the funnel's dates are London days). */
export const londonToday = (now = new Date()): string => londonDay.format(now);

/**
 * The day follow-up is judged as at: `asOf`, or today. Never after today: a reconviction that has not
 * happened yet cannot be known, so a year of follow-up ending after today would count as "did not
 * reoffend" for want of evidence.
 */
export function followUpAsOf(asOf: string | undefined | null, today = londonToday()): string {
  if (asOf && asOf > today)
    throw new ValidationError(
      [{ field: 'asOf', messages: [`must not be after today (${today}): reconvictions after today cannot be known yet`] }],
      `asOf must not be after today (${today})`,
    );
  return asOf ?? today;
}

/**
 * Actual one-year proven reconviction against the OGRS-predicted rate, for the people who first
 * reached the cohort's step in the period and whose year of follow-up has elapsed by `asOf` (never
 * after today). The year starts at the reference date: the step's date (STEP_DATE), or the person's
 * programme start (PROGRAMME_START: the first attended ETE contact) for every cohort, as the 2021
 * evaluation measured its subgroups. Set-based: one statement over the funnel summary, joined to the scores and
 * reconvictions of each person's records (the survivor of a merge and the records merged into it).
 */
@Injectable()
export class ReoffendingService {
  constructor(
    private readonly replica: ReadReplica,
    private readonly runs: ReportRunsService,
    private readonly vocabulary: RegionsService,
  ) {}

  async analyse(actor: Actor, input: ReoffendingInput): Promise<ReoffendingAnalysisModel> {
    const { scope, threshold } = reportRun(actor, input);
    const asOf = followUpAsOf(input.asOf);
    const reference = input.reference ?? ReoffendingReference.STEP_DATE;
    const facts = factsInScope(scope.organisationId, { ...input, region: await this.vocabulary.resolve(input.region) });
    const column = `f.${REFERENCE[input.cohort]}`;
    const refColumn = reference === ReoffendingReference.PROGRAMME_START ? `f.${PROGRAMME_START}` : column;
    const asOfParam = `$${facts.params.length + 1}::date`;
    const [row] = await this.replica.query<Record<string, string | null>>(
      `WITH cohort AS (SELECT f.person_id AS survivor_id, ${refColumn} AS ref_date ${facts.sql} AND ${inPeriod(column)}),
            ref AS (SELECT * FROM cohort WHERE ref_date IS NOT NULL),
            recs AS (SELECT survivor_id, ref_date, survivor_id AS record_id FROM ref
                     UNION ALL
                     SELECT r.survivor_id, r.ref_date, m.id FROM ref r JOIN ${PERSON_MERGED_RECORD.name} m ON m.survivor_id = r.survivor_id),
            scored AS (SELECT DISTINCT ON (rc.survivor_id) rc.survivor_id, o.score
                         FROM recs rc JOIN ogrs_assessment o ON o.person_id = rc.record_id AND o.assessed_on <= rc.ref_date
                        ORDER BY rc.survivor_id, o.assessed_on DESC, o.created_at DESC),
            reconvicted AS (SELECT DISTINCT rc.survivor_id
                              FROM recs rc JOIN reconviction c ON c.person_id = rc.record_id
                               AND c.convicted_on > rc.ref_date AND c.convicted_on <= (rc.ref_date + interval '1 year')::date),
            judged AS (SELECT (r.ref_date + interval '1 year')::date <= ${asOfParam} AS elapsed, s.score, rv.survivor_id IS NOT NULL AS reconvicted
                         FROM ref r LEFT JOIN scored s ON s.survivor_id = r.survivor_id LEFT JOIN reconvicted rv ON rv.survivor_id = r.survivor_id)
       SELECT (SELECT count(*) FROM cohort WHERE ref_date IS NULL) AS no_reference,
              count(*) FILTER (WHERE NOT elapsed) AS pending,
              count(*) FILTER (WHERE elapsed AND score IS NULL) AS no_ogrs,
              count(*) FILTER (WHERE elapsed AND score IS NOT NULL) AS size,
              count(*) FILTER (WHERE elapsed AND score IS NOT NULL AND reconvicted) AS reconvicted,
              avg(score) FILTER (WHERE elapsed AND score IS NOT NULL) AS mean_score
         FROM judged`,
      [...facts.params, asOf],
    );
    const size = Number(row.size);
    const reconvicted = Number(row.reconvicted);
    const suppressed = size === 0 || isSmall(size, threshold) || isSmall(reconvicted, threshold) || isSmall(size - reconvicted, threshold);
    const actual = size ? round1((reconvicted / size) * 100) : null;
    const predicted = size ? round1(Number(row.mean_score)) : null;
    const difference = actual !== null && predicted !== null ? round1(predicted - actual) : null;
    await this.runs.record(actor, 'reoffending', { ...input, reference, asOf, scope: scope.organisationId });
    return {
      cohort: input.cohort,
      from: input.from,
      to: input.to,
      scope: scope.label,
      reference,
      asOf,
      cohortSize: isSmall(size, threshold) ? null : size,
      excludedFollowUpPending: controlCount(Number(row.pending), threshold).count,
      excludedNoOgrs: controlCount(Number(row.no_ogrs), threshold).count,
      excludedNoReferenceDate: controlCount(Number(row.no_reference), threshold).count,
      actualRate: suppressed ? null : actual,
      predictedRate: suppressed ? null : predicted,
      differencePoints: suppressed ? null : difference,
      fewerReoffenders: suppressed ? null : Math.round((size * Number(row.mean_score)) / 100 - reconvicted),
      suppressed,
    };
  }
}
