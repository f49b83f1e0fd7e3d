import { Injectable } from '@nestjs/common';
import type { Actor } from '@hub/common';
import { ReadReplica } from '@hub/database';
import { PERSON_MERGED_RECORD } from '@hub/persons';
import { controlCount, isSmall } from './disclosure-control.js';
import { factsInScope, inPeriod, STEP_COLUMNS } from './ete-funnel-facts.js';
import { ReportRunsService } from './report-runs.service.js';
import { ReoffendingCohort, type ReoffendingInput } from './report.inputs.js';
import type { ReoffendingAnalysisModel } from './report.models.js';
import { reportRun } from './report-scope.js';

/** Each cohort's reference date: when its step was first reached (ete-funnel-facts.ts). */
const REFERENCE: Record<ReoffendingCohort, string> = {
  [ReoffendingCohort.ETE_SUPPORT]: STEP_COLUMNS.took_up,
  [ReoffendingCohort.FOUND_WORK]: STEP_COLUMNS.found_work,
  [ReoffendingCohort.SUSTAINED_WORK]: STEP_COLUMNS.sustained_13_weeks,
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Actual one-year proven reconviction against the OGRS-predicted rate, for the people who first
 * reached the cohort's step in the period (its date is their reference date) and whose year of
 * follow-up has elapsed. Set-based: one statement over the funnel summary, joined to the scores and
 * reconvictions of each person's records (the survivor of a merge and the records merged into it).
 */
@Injectable()
export class ReoffendingService {
  constructor(
    private readonly replica: ReadReplica,
    private readonly runs: ReportRunsService,
  ) {}

  async analyse(actor: Actor, input: ReoffendingInput): Promise<ReoffendingAnalysisModel> {
    const { scope, threshold } = reportRun(actor, input);
    const asOf = input.asOf ?? new Date().toISOString().slice(0, 10);
    const facts = factsInScope(scope.organisationId, input);
    const column = `f.${REFERENCE[input.cohort]}`;
    const asOfParam = `$${facts.params.length + 1}::date`;
    const [row] = await this.replica.query<Record<string, string | null>>(
      `WITH ref AS (SELECT f.person_id AS survivor_id, ${column} AS ref_date ${facts.sql} AND ${inPeriod(column)}),
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
       SELECT count(*) FILTER (WHERE NOT elapsed) AS pending,
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
    await this.runs.record(actor, 'reoffending', { ...input, scope: scope.organisationId });
    return {
      cohort: input.cohort,
      from: input.from,
      to: input.to,
      scope: scope.label,
      cohortSize: isSmall(size, threshold) ? null : size,
      excludedFollowUpPending: controlCount(Number(row.pending), threshold).count,
      excludedNoOgrs: controlCount(Number(row.no_ogrs), threshold).count,
      actualRate: suppressed ? null : actual,
      predictedRate: suppressed ? null : predicted,
      differencePoints: suppressed ? null : difference,
      fewerReoffenders: suppressed ? null : Math.round((size * Number(row.mean_score)) / 100 - reconvicted),
      suppressed,
    };
  }
}
