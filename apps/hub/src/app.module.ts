import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { AccessModule } from '@hub/access';
import { AuditModule, AuditService } from '@hub/audit';
import { AuthModule } from '@hub/auth';
import { ConsentModule } from '@hub/consent';
import { InterventionsModule } from '@hub/interventions';
import { PersonsModule } from '@hub/persons';
import { PrivacyModule } from '@hub/privacy';
import { ReportingModule } from '@hub/reporting';
import { SyncModule } from '@hub/sync';
import { ReferralsModule } from '@hub/referrals';
import { HubExceptionFilter } from '@hub/common';
import { ConfigModule, HUB_CONFIG, type HubConfig } from '@hub/config';
import { DatabaseModule } from '@hub/database';
import { DemoModule } from '@hub/demo';
import { EventsModule } from '@hub/events';
import { type HubMetrics, METRICS, ObservabilityModule } from '@hub/observability';
import { OrganisationsModule } from '@hub/organisations';
import { graphqlOptions } from './graphql.options.js';
import { SubscriptionServer } from './subscription-server.js';

/**
 * Everything the hub is made of, without the HTTP server and without sign-in (shared by the server,
 * the worker and the CLI). AuthModule is left to those that authenticate or issue tokens: it registers
 * passport's process-wide `jwt` strategy, which a worker never uses.
 */
export const DOMAIN_MODULES = [ConfigModule, DatabaseModule, EventsModule, AccessModule, OrganisationsModule, PersonsModule, ConsentModule, InterventionsModule, ReferralsModule, ReportingModule, SyncModule, AuditModule, PrivacyModule, DemoModule];

@Module({
  imports: [
    ...DOMAIN_MODULES,
    AuthModule,
    ObservabilityModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule],
      inject: [HUB_CONFIG, METRICS, AuditService],
      useFactory: (config: HubConfig, metrics: HubMetrics, audit: AuditService) => graphqlOptions(config, metrics, audit),
    }),
  ],
  providers: [{ provide: APP_FILTER, useClass: HubExceptionFilter }, SubscriptionServer],
})
export class AppModule {}
