import { AccessModule } from '@hub/access';
import { AuditModule } from '@hub/audit';
import { CaseNotesModule } from '@hub/casenotes';
import { ConfigModule } from '@hub/config';
import { ConsentModule } from '@hub/consent';
import { DatabaseModule } from '@hub/database';
import { DemoModule } from '@hub/demo';
import { EventsModule } from '@hub/events';
import { InterventionsModule } from '@hub/interventions';
import { JobsModule } from '@hub/jobs';
import { MeetingsModule } from '@hub/meetings';
import { NotificationsModule } from '@hub/notifications';
import { OrganisationsModule } from '@hub/organisations';
import { PersonsModule } from '@hub/persons';
import { PrivacyModule } from '@hub/privacy';
import { ReferralsModule } from '@hub/referrals';
import { ReportingModule } from '@hub/reporting';
import { SyncModule } from '@hub/sync';
import { MIGRATIONS } from '../../../migrations/index.js';

/**
 * The composition root: everything the hub is made of, without the HTTP server and without sign-in,
 * shared by the hub, the worker and the CLI. The one place that hands the database its migrations.
 * AuthModule is left to the apps that authenticate or issue tokens: it registers passport's
 * process-wide `jwt` strategy, which a worker never uses.
 */
export const DOMAIN_MODULES = [
  ConfigModule,
  DatabaseModule.forRoot({ migrations: MIGRATIONS }),
  EventsModule,
  JobsModule,
  AccessModule,
  OrganisationsModule,
  PersonsModule,
  ConsentModule,
  InterventionsModule,
  ReferralsModule,
  ReportingModule,
  SyncModule,
  NotificationsModule,
  CaseNotesModule,
  MeetingsModule,
  AuditModule,
  PrivacyModule,
  DemoModule,
];
