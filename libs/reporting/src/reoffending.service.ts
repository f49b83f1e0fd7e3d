import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@hub/common';
import { PersonsService } from '@hub/persons';
import { controlCount, DEFAULT_THRESHOLD, isSmall } from './disclosure-control.js';
import { EteFunnelService } from './ete-funnel.service.js';
import { ReoffendingCohort, type ReoffendingInput } from './report.inputs.js';
import type { ReoffendingAnalysisModel } from './report.models.js';
import { checkPeriod, reportScope } from './report-scope.js';

/** Each cohort's reference date: the first qualifying event in the period. */
const REFERENCE: Record<ReoffendingCohort, string> = {
  [ReoffendingCohort.ETE_SUPPORT]: `SELECT survivor_id, min(occurred_at)::date AS ref_date FROM act WHERE status IN ('started', 'completed') GROUP BY survivor_id`,
  [ReoffendingCohort.FOUND_WORK]: `SELECT survivor_id, min(job_start_date) AS ref_date FROM act WHERE job_start_date IS NOT NULL GROUP BY survivor_id`,
  [ReoffendingCohort.SUSTAINED_WORK]: `SELECT survivor_id, min(job_start_date) AS ref_date FROM act WHERE job_start_date IS NOT NULL AND sustainment_status = 'sustained' GROUP BY survivor_id`,
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Actual one-year proven reconviction against the OGRS-predicted rate, for people whose year of
 * follow-up after their reference date has elapsed. Set-based: one statement.
 */
@Injectable()
export class ReoffendingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly funnel: EteFunnelService,
  ) {}

  async analyse(actor: Actor, input: ReoffendingInput): Promise<ReoffendingAnalysisModel> {
    checkPeriod(input.from, input.to);
    const scope = reportScope(actor, input.organisationId);
    const threshold = Math.max(input.threshold ?? DEFAULT_THRESHOLD, DEFAULT_THRESHOLD);
    const asOf = input.asOf ?? new Date().toISOString().slice(0, 10);
    const people = this.persons.reportingSql();
    const [row]: Record<string, string | null>[] = await this.db.query(
      `WITH act AS (${this.funnel.activitySql()}),
            ref AS (${REFERENCE[input.cohort]}),
            judged AS (
              SELECT r.survivor_id, r.ref_date, (r.ref_date + interval '1 year')::date <= $6::date AS elapsed,
                (SELECT o.score FROM ogrs_assessment o WHERE o.person_id IN (SELECT id FROM ${people} px WHERE px.survivor_id = r.survivor_id)
                   AND o.assessed_on <= r.ref_date ORDER BY o.assessed_on DESC, o.created_at DESC LIMIT 1) AS score,
                EXISTS (SELECT 1 FROM reconviction c WHERE c.person_id IN (SELECT id FROM ${people} py WHERE py.survivor_id = r.survivor_id)
                   AND c.convicted_on > r.ref_date AND c.convicted_on <= (r.ref_date + interval '1 year')::date) AS reconvicted
              FROM ref r)
       SELECT count(*) FILTER (WHERE NOT elapsed) AS pending,
              count(*) FILTER (WHERE elapsed AND score IS NULL) AS no_ogrs,
              count(*) FILTER (WHERE elapsed AND score IS NOT NULL) AS size,
              count(*) FILTER (WHERE elapsed AND score IS NOT NULL AND reconvicted) AS reconvicted,
              avg(score) FILTER (WHERE elapsed AND score IS NOT NULL) AS mean_score
         FROM judged`,
      [input.from, input.to, scope.organisationId, input.region ?? null, input.interventionType ?? null, asOf],
    );
    const size = Number(row.size);
    const reconvicted = Number(row.reconvicted);
    const suppressed = size === 0 || isSmall(size, threshold) || isSmall(reconvicted, threshold) || isSmall(size - reconvicted, threshold);
    const actual = size ? round1((reconvicted / size) * 100) : null;
    const predicted = size ? round1(Number(row.mean_score)) : null;
    const difference = actual !== null && predicted !== null ? round1(predicted - actual) : null;
    await this.funnel.audit(actor, 'reoffending', { ...input, scope: scope.organisationId });
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
