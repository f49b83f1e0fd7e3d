import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { ReferralReportInput } from './referral-report.input.js';
import { ReferralReportModel } from './referral-report.model.js';
import { ReferralReportService } from './referral-report.service.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver()
export class ReferralReportResolver {
  constructor(private readonly reports: ReferralReportService) {}

  @RequirePermission(Permission.REPORT_READ)
  @Query(() => ReferralReportModel, {
    description: 'What became of the referrals sent in a period, by service (aggregates; small counts suppressed)',
  })
  referralReport(@CurrentActor() actor: Actor, @Args('input') input: ReferralReportInput): Promise<ReferralReportModel> {
    return this.reports.report(actor, input);
  }
}
