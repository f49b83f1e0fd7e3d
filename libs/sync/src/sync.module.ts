import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InterventionsModule } from '@hub/interventions';
import { ExternalRef } from './external-ref.entity.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { SyncInterventionsService } from './sync-interventions.service.js';
import { SyncPeopleService } from './sync-people.service.js';
import { SyncResolver } from './sync.resolver.js';

@Module({
  imports: [TypeOrmModule.forFeature([ExternalRef, IdempotencyKey]), InterventionsModule],
  providers: [IdempotencyService, SyncPeopleService, SyncInterventionsService, SyncResolver],
  exports: [IdempotencyService, SyncPeopleService, SyncInterventionsService],
})
export class SyncModule {}
