import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InterventionsModule } from '@hub/interventions';
import { OrganisationsModule } from '@hub/organisations';
import { ReferralsModule } from '@hub/referrals';
import { EteFunnelFact, EteFunnelOrgFact } from './ete-funnel-fact.entity.js';
import { EteFunnelService } from './ete-funnel.service.js';
import { EvaluationPackService } from './evaluation-pack.service.js';
import { OrganisationOutcomesService } from './organisation-outcomes.service.js';
import { OgrsAssessment } from './ogrs-assessment.entity.js';
import { OffendingFactsBulkService } from './offending-facts-bulk.service.js';
import { OgrsFromRecordService } from './ogrs-from-record.service.js';
import { ReferralReportController } from './referral-report.controller.js';
import { ReferralReportResolver } from './referral-report.resolver.js';
import { ReferralReportService } from './referral-report.service.js';
import { ReconvictionFactsService } from './reconviction-facts.service.js';
import { Reconviction } from './reconviction.entity.js';
import { ReoffendingService } from './reoffending.service.js';
import { ReoffendingCount, ReoffendingFact } from './reoffending-fact.entity.js';
import { ReportRunsService } from './report-runs.service.js';
import { ReportingPersonData } from './reporting-person-data.js';
import { ReportingResolver } from './reporting.resolver.js';
import { ViewerReportingResolver } from './viewer-reporting.resolver.js';
import { ReportsController } from './reports.controller.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([OgrsAssessment, Reconviction, EteFunnelFact, EteFunnelOrgFact, ReoffendingFact, ReoffendingCount]),
    InterventionsModule,
    OrganisationsModule,
    ReferralsModule,
  ],
  controllers: [ReportsController, ReferralReportController],
  providers: [
    ReportRunsService,
    EteFunnelService,
    OrganisationOutcomesService,
    ReoffendingService,
    ReconvictionFactsService,
    OffendingFactsBulkService,
    OgrsFromRecordService,
    ReportingPersonData,
    EvaluationPackService,
    ReportingResolver,
    ReferralReportService,
    ReferralReportResolver,
    ViewerReportingResolver,
  ],
  exports: [
    EvaluationPackService,
    ReportRunsService,
    EteFunnelService,
    ReoffendingService,
    ReconvictionFactsService,
    OffendingFactsBulkService,
  ],
})
export class ReportingModule {}
