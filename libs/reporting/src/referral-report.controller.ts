import { Controller, Get, Header, Query } from '@nestjs/common';
import { type Actor, csvOf, CurrentActor } from '@hub/common';
import { REFERRAL_MEASURES } from '@hub/referrals';
import { ReferralReportInput } from './referral-report.input.js';
import { ReferralReportService } from './referral-report.service.js';
import { Permission, RequirePermission } from '@hub/access';

/** The referral report as a CSV file (bearer token as for GraphQL): the total row first, then one per service. */
@Controller('reports')
export class ReferralReportController {
  constructor(private readonly reports: ReferralReportService) {}

  @RequirePermission(Permission.REPORT_READ)
  @Get('referrals.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="referrals.csv"')
  async referrals(@CurrentActor() actor: Actor, @Query() query: ReferralReportInput): Promise<string> {
    const report = await this.reports.report(actor, query);
    const header = ['service', ...REFERRAL_MEASURES, 'medianHoursToAnswer', 'medianHoursToStart', 'suppressed'];
    const rows = [report.total, ...report.services].map((r) => [
      r.serviceCode ?? 'all',
      ...REFERRAL_MEASURES.map((m) => r[m]),
      r.medianHoursToAnswer,
      r.medianHoursToStart,
      r.suppressed.join(' '),
    ]);
    return csvOf([header, ...rows]);
  }
}
