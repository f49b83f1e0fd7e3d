import { CaseTasksService } from './case-tasks.service.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InterventionsModule } from '@hub/interventions';
import { OrganisationsModule } from '@hub/organisations';
import { ConsentRenewalSweep } from './consent-renewal.service.js';
import { EteContactLapse } from './ete-contact-lapse.entity.js';
import { EteContactSweep } from './ete-contact-sweep.service.js';
import {
  ReferralCount,
  ReferralCountDay,
  ReferralCountDelta,
  ReferralHours,
  ReferralHoursDelta,
  ReferralHoursYear,
} from './referral-count.entity.js';
import { ReferralCountsService } from './referral-counts.service.js';
import { ReferralFact } from './referral-fact.entity.js';
import { ReferralNotificationsService } from './referral-notifications.service.js';
import { ReferralOutcomesService } from './referral-outcomes.service.js';
import { ReferralSubscriptionsResolver } from './referral-subscriptions.resolver.js';
import { ReferralRule } from './referral-rule.entity.js';
import { ReferralRulesResolver } from './referral-rules.resolver.js';
import { ReferralRulesService } from './referral-rules.service.js';
import { ReferralTimers } from './referral-timers.service.js';
import { ReferralTransition } from './referral-transition.entity.js';
import { Referral } from './referral.entity.js';
import { PersonReferralsResolver } from './person-referrals.resolver.js';
import { ReferralsResolver } from './referrals.resolver.js';
import { ReferralsService } from './referrals.service.js';
import { RuleEngine } from './rule-engine.service.js';
import { RuleDryRunService } from './rule-dry-run.service.js';
import { RuleFiring } from './rule-firing.entity.js';
import { Task } from './task.entity.js';
import { TasksResolver } from './tasks.resolver.js';
import { TasksService } from './tasks.service.js';
import { ReferralsPersonData } from './referrals-person-data.js';

/** Referrals, referral rules, tasks and timers. Gives the access layer the open referrals as relationships. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Referral,
      ReferralFact,
      ReferralCount,
      ReferralCountDay,
      ReferralCountDelta,
      ReferralHours,
      ReferralHoursYear,
      ReferralHoursDelta,
      ReferralTransition,
      ReferralRule,
      RuleFiring,
      Task,
      EteContactLapse,
    ]),
    OrganisationsModule,
    InterventionsModule,
  ],
  providers: [
    ReferralsService,
    ReferralRulesService,
    TasksService,
    RuleEngine,
    RuleDryRunService,
    ReferralTimers,
    ReferralsPersonData,
    ReferralNotificationsService,
    EteContactSweep,
    ConsentRenewalSweep,
    ReferralsResolver,
    PersonReferralsResolver,
    ReferralRulesResolver,
    TasksResolver,
    ReferralSubscriptionsResolver,
    ReferralOutcomesService,
    ReferralCountsService,
    CaseTasksService,
  ],
  exports: [
    ReferralsService,
    ReferralOutcomesService,
    ReferralCountsService,
    ReferralRulesService,
    TasksService,
    ReferralTimers,
    EteContactSweep,
    ConsentRenewalSweep,
    CaseTasksService,
  ],
})
export class ReferralsModule {}
