import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentModule } from '@hub/consent';
import { InterventionsModule } from '@hub/interventions';
import { SecretBoxModule } from '@hub/database';
import { OrganisationsModule } from '@hub/organisations';
import { ReportingModule } from '@hub/reporting';
import { BulkInterventionsService } from './bulk-interventions.service.js';
import { BulkLoader } from './bulk-loader.service.js';
import { BulkPeopleService } from './bulk-people.service.js';
import { BulkOgrsService, BulkReconvictionsService, BulkSustainmentsService } from './bulk-outcomes.service.js';
import { SyncOutcomesService } from './sync-outcomes.service.js';
import { ExternalIdSuppressionService } from './external-id-suppression.service.js';
import { ExternalRef } from './external-ref.entity.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { SyncConsentsService } from './sync-consents.service.js';
import { SyncInterventionsService } from './sync-interventions.service.js';
import { SyncInvolvementsService } from './sync-involvements.service.js';
import { SyncPeopleService } from './sync-people.service.js';
import { SyncController } from './sync.controller.js';
import { SyncPersonData } from './sync-person-data.js';
import { SyncRecordsExpiryService } from './sync-records-expiry.service.js';
import { SyncJob } from './sync-job.entity.js';
import { SyncResolver } from './sync.resolver.js';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity.js';
import { WebhooksResolver } from './webhooks/webhooks.resolver.js';
import { WebhooksService } from './webhooks/webhooks.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ExternalRef, IdempotencyKey, SyncJob, WebhookEndpoint, WebhookDelivery]),
    SecretBoxModule,
    InterventionsModule,
    OrganisationsModule,
    ConsentModule,
    ReportingModule,
  ],
  controllers: [SyncController],
  providers: [
    IdempotencyService,
    SyncPeopleService,
    SyncInterventionsService,
    SyncConsentsService,
    SyncInvolvementsService,
    BulkLoader,
    BulkPeopleService,
    BulkInterventionsService,
    BulkOgrsService,
    BulkReconvictionsService,
    BulkSustainmentsService,
    SyncOutcomesService,
    SyncResolver,
    WebhooksService,
    WebhooksResolver,
    ExternalIdSuppressionService,
    SyncPersonData,
    SyncRecordsExpiryService,
  ],
  exports: [
    SyncRecordsExpiryService,
    IdempotencyService,
    SyncPeopleService,
    SyncInterventionsService,
    BulkPeopleService,
    BulkInterventionsService,
  ],
})
export class SyncModule {}
