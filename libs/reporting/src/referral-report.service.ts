import { Injectable } from '@nestjs/common';
import type { Actor } from '@hub/common';
import { ReadReplica } from '@hub/database';
import { DEFAULT_SLA_HOURS, SERVICE_SLA_HOURS, START_SLA_HOURS } from '@hub/referrals';
import { ReferralDirection, type ReferralReportInput } from './referral-report.input.js';
import { controlReport, type ReferralCounts } from './referral-report-control.js';
import { REFERRAL_MEASURES, type ReferralMeasure, type ReferralReportModel, type ReferralReportRowModel } from './referral-report.model.js';
import { ReportRunsService } from './report-runs.service.js';
import { reportRun } from './report-scope.js';

/**
 * Each referral sent in the period (calendar days in Europe/London), with the times of its steps (from its recorded transitions), then
 * counted per service and in total (one statement, one snapshot, so the rows add up). Due times are
 * the services' answer hours and the start hours in force now.
 */
const REPORT_SQL = (where: string) => `
  WITH r AS (
    SELECT r.service_code, r.state, r.sent_at,
           r.sent_at + make_interval(hours => COALESCE(sla.hours, $5)) AS answer_due,
           t.accepted_at, t.declined_at, t.started_at, t.completed_at, t.withdrawn_at,
           LEAST(t.accepted_at, t.declined_at) AS answered_at
      FROM referral r
      LEFT JOIN unnest($3::text[], $4::int[]) AS sla(code, hours) ON sla.code = r.service_code
      LEFT JOIN LATERAL (
        SELECT min(x.at) FILTER (WHERE x.action = 'accept') AS accepted_at, min(x.at) FILTER (WHERE x.action = 'decline') AS declined_at,
               min(x.at) FILTER (WHERE x.action = 'start') AS started_at, min(x.at) FILTER (WHERE x.action = 'complete') AS completed_at,
               min(x.at) FILTER (WHERE x.action = 'withdraw') AS withdrawn_at
          FROM referral_transition x WHERE x.referral_id = r.id) t ON true
     WHERE r.sent_at >= ($1::date::timestamp AT TIME ZONE 'Europe/London') AND r.sent_at < ($2::date::timestamp AT TIME ZONE 'Europe/London') AND ${where})
  SELECT service_code,
         count(*)::int AS "sent",
         count(accepted_at)::int AS "accepted",
         count(declined_at)::int AS "declined",
         count(*) FILTER (WHERE withdrawn_at IS NOT NULL AND answered_at IS NULL)::int AS "withdrawnBeforeAnswer",
         count(*) FILTER (WHERE state = 'sent')::int AS "awaitingAnswer",
         count(*) FILTER (WHERE answered_at <= answer_due)::int AS "answeredInTime",
         count(*) FILTER (WHERE state = 'sent' AND answer_due < now())::int AS "awaitingAnswerPastDue",
         count(started_at)::int AS "started",
         count(*) FILTER (WHERE started_at <= accepted_at + make_interval(hours => $6))::int AS "startedInTime",
         count(*) FILTER (WHERE state = 'accepted' AND accepted_at + make_interval(hours => $6) < now())::int AS "acceptedNotStartedPastDue",
         count(completed_at)::int AS "completed",
         count(*) FILTER (WHERE withdrawn_at IS NOT NULL AND accepted_at IS NOT NULL)::int AS "withdrawnAfterAcceptance",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - sent_at) / 3600) FILTER (WHERE answered_at IS NOT NULL) AS median_hours_to_answer,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - accepted_at) / 3600) FILTER (WHERE started_at IS NOT NULL) AS median_hours_to_start
    FROM r
   GROUP BY GROUPING SETS ((service_code), ())
   ORDER BY service_code NULLS FIRST`;

/**
 * What became of the referrals sent in a period: answered or not, in time or not, started, completed,
 * or at risk of being lost. For managers (their organisation's, received or sent), hub admins and
 * commissioners (every referral, or one organisation's), in aggregate with small counts suppressed.
 */
@Injectable()
export class ReferralReportService {
  constructor(
    private readonly replica: ReadReplica,
    private readonly runs: ReportRunsService,
  ) {}

  async report(actor: Actor, input: ReferralReportInput): Promise<ReferralReportModel> {
    const { scope, threshold } = reportRun(actor, input);
    const direction = scope.organisationId ? (input.direction ?? ReferralDirection.RECEIVED) : null;
    const side = direction === ReferralDirection.SENT ? 'r.from_organisation_id' : 'r.to_organisation_id';
    const where = scope.organisationId ? `${side} = $7::uuid` : 'TRUE';
    const sla = Object.entries(SERVICE_SLA_HOURS);
    const params: unknown[] = [input.from, input.to, sla.map(([code]) => code), sla.map(([, hours]) => hours), DEFAULT_SLA_HOURS, START_SLA_HOURS];
    if (scope.organisationId) params.push(scope.organisationId);
    // Aggregates tolerate a replica's lag: they read from DATABASE_READ_URL when set.
    const rows = await this.replica.snapshot((query) => query<ReferralCounts>(REPORT_SQL(where), params));
    const controlled = controlReport(
      rows.find((r) => r.service_code === null) ?? emptyCounts(),
      rows.filter((r) => r.service_code !== null),
      threshold,
    );
    await this.runs.record(actor, 'referrals', { ...input, direction, scope: scope.organisationId });
    return {
      from: input.from,
      to: input.to,
      scope: scope.label,
      direction,
      suppressionThreshold: threshold,
      total: controlled.total,
      // The busiest services when there are more than the report lists; the total row still counts every one.
      services: controlled.services.length > REPORT_SERVICES_MAX ? busiest(controlled.services, rows, REPORT_SERVICES_MAX) : controlled.services,
    };
  }
}

/** The most service rows a referral report lists (ReferralReport.services). */
export const REPORT_SERVICES_MAX = 100;

/** The `max` rows of the services that had the most referrals sent, in service order. */
function busiest(services: ReferralReportRowModel[], counts: ReferralCounts[], max: number): ReferralReportRowModel[] {
  const sent = new Map(counts.map((c) => [c.service_code, Number(c.sent)]));
  const kept = new Set([...services].sort((a, b) => (sent.get(b.serviceCode) ?? 0) - (sent.get(a.serviceCode) ?? 0) || String(a.serviceCode).localeCompare(String(b.serviceCode))).slice(0, max));
  return services.filter((s) => kept.has(s));
}

function emptyCounts(): ReferralCounts {
  return { service_code: null, median_hours_to_answer: null, median_hours_to_start: null, ...(Object.fromEntries(REFERRAL_MEASURES.map((m) => [m, 0])) as Record<ReferralMeasure, number>) };
}
