import { Injectable } from '@nestjs/common';
import { type Actor, ValidationError } from '@hub/common';
import { ReadReplica } from '@hub/database';
import { RegionsService } from '@hub/organisations';
import { controlCount, isSmall } from './disclosure-control.js';
import { ALL_ORGANISATIONS, COHORT_CODES } from './reoffending-fact.entity.js';
import { ReportRunsService } from './report-runs.service.js';
import { type ReoffendingInput, ReoffendingReference } from './report.inputs.js';
import type { ReoffendingAnalysisModel } from './report.models.js';
import { reportRun } from './report-scope.js';

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
 * evaluation measured its subgroups. Read from the maintained aggregate (reoffending_count: counts and
 * score sums per scope, intervention type, cohort, step day, region and programme start day, moved in
 * the transaction of every write that changes a person's part: reoffending-fact.entity.ts), so its cost
 * follows the days of the period, not the people in it.
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
    const region = await this.vocabulary.resolve(input.region);
    const params: unknown[] = [
      scope.organisationId ?? ALL_ORGANISATIONS,
      input.interventionType ?? '',
      COHORT_CODES[input.cohort],
      input.from,
      input.to,
      asOf,
    ];
    if (region) params.push(region);
    const by = reference === ReoffendingReference.PROGRAMME_START ? 'start' : 'step';
    // Under the programme start, the rows' start day (the step day for those with none, counted in no_start).
    const [ref, withRef] = by === 'start' ? ['start_on', 'people - no_start'] : ['step_on', 'people'];
    const elapsed = `(${ref} + interval '1 year')::date <= $6::date`;
    const [row] = await this.replica.query<Record<string, string | null>>(
      `SELECT COALESCE(sum(no_start) FILTER (WHERE ${by === 'start'}), 0) AS no_reference,
              COALESCE(sum(${withRef}) FILTER (WHERE NOT ${elapsed}), 0) AS pending,
              COALESCE(sum(${withRef} - ${by}_scored) FILTER (WHERE ${elapsed}), 0) AS no_ogrs,
              COALESCE(sum(${by}_scored) FILTER (WHERE ${elapsed}), 0) AS size,
              COALESCE(sum(${by}_reconvicted) FILTER (WHERE ${elapsed}), 0) AS reconvicted,
              sum(${by}_score_sum) FILTER (WHERE ${elapsed}) / NULLIF(sum(${by}_scored) FILTER (WHERE ${elapsed}), 0) AS mean_score
         FROM reoffending_count
        WHERE scope_id = $1::uuid AND type = $2::text AND cohort = $3::smallint AND step_on >= $4::date AND step_on < $5::date
          ${region ? 'AND region = $7::text' : ''}`,
      params,
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
