import { Injectable } from '@nestjs/common';
import type { Actor } from '@hub/common';
import { REFERRAL_MEASURES, type ReferralCounts, type ReferralMeasure, ReferralOutcomesService } from '@hub/referrals';
import { ReferralDirection, type ReferralReportInput } from './referral-report.input.js';
import { controlReport } from './referral-report-control.js';
import type { ReferralReportModel, ReferralReportRowModel } from './referral-report.model.js';
import { ReportRunsService } from './report-runs.service.js';
import { reportRun } from './report-scope.js';

/**
 * What became of the referrals sent in a period: answered or not, in time or not, started, completed,
 * or at risk of being lost. For managers (their organisation's, received or sent), hub admins and
 * commissioners (every referral, or one organisation's), in aggregate with small counts suppressed.
 * The counts are the referrals lib's (ReferralOutcomesService); the scope, disclosure control and
 * the record of the run are this lib's.
 */
@Injectable()
export class ReferralReportService {
  constructor(
    private readonly outcomes: ReferralOutcomesService,
    private readonly runs: ReportRunsService,
  ) {}

  async report(actor: Actor, input: ReferralReportInput): Promise<ReferralReportModel> {
    const { scope, threshold } = reportRun(actor, input);
    const direction = scope.organisationId ? (input.direction ?? ReferralDirection.RECEIVED) : null;
    const organisation = scope.organisationId
      ? { id: scope.organisationId, side: direction === ReferralDirection.SENT ? ('sent' as const) : ('received' as const) }
      : null;
    const rows = await this.outcomes.countsByService({ from: input.from, to: input.to }, organisation);
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
      services:
        controlled.services.length > REPORT_SERVICES_MAX ? busiest(controlled.services, rows, REPORT_SERVICES_MAX) : controlled.services,
    };
  }
}

/** The most service rows a referral report lists (ReferralReport.services). */
export const REPORT_SERVICES_MAX = 100;

/** The `max` rows of the services that had the most referrals sent, in service order. */
function busiest(services: ReferralReportRowModel[], counts: ReferralCounts[], max: number): ReferralReportRowModel[] {
  const sent = new Map(counts.map((c) => [c.service_code, Number(c.sent)]));
  const kept = new Set(
    [...services]
      .sort(
        (a, b) =>
          (sent.get(b.serviceCode) ?? 0) - (sent.get(a.serviceCode) ?? 0) || String(a.serviceCode).localeCompare(String(b.serviceCode)),
      )
      .slice(0, max),
  );
  return services.filter((s) => kept.has(s));
}

function emptyCounts(): ReferralCounts {
  return {
    service_code: null,
    median_hours_to_answer: null,
    median_hours_to_start: null,
    ...(Object.fromEntries(REFERRAL_MEASURES.map((m) => [m, 0])) as Record<ReferralMeasure, number>),
  };
}
