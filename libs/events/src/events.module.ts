import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventDelivery } from './event-delivery.entity.js';
import { EventsPersonData } from './events-person-data.js';
import { EventHandlerRegistry } from './event-handlers.js';
import { JobQueue } from './job-queue.service.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { ChangeFeedResolver } from './change-feed.resolver.js';
import { ChangeFeedService } from './change-feed.service.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { OutboxService } from './outbox.service.js';
import { LiveEvents } from './live-events.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent, EventDelivery])],
  providers: [
    OutboxService,
    EventsPersonData,
    ChangeFeedService,
    ChangeFeedResolver,
    OutboxRelay,
    JobQueue,
    EventHandlerRegistry,
    LiveEvents,
  ],
  exports: [OutboxService, ChangeFeedService, OutboxRelay, JobQueue, EventHandlerRegistry, LiveEvents],
})
export class EventsModule {}
