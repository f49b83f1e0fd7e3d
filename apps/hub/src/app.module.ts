import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { AuditService } from '@hub/audit';
import { AuthModule } from '@hub/auth';
import { HubExceptionFilter } from '@hub/common';
import { DOMAIN_MODULES } from '@hub/composition';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { type HubMetrics, METRICS, ObservabilityModule } from '@hub/observability';
import { graphqlOptions } from './graphql.options.js';
import { SubscriptionServer } from './subscription-server.js';

/** The hub's server: the domain (the composition root's modules), sign-in, observability and GraphQL over HTTP and WebSocket. */
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
