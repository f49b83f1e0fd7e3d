import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEvent } from './outbox-event.entity.js';
import { ChangeFeedResolver } from './change-feed.resolver.js';
import { ChangeFeedService } from './change-feed.service.js';
import { OutboxService } from './outbox.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  providers: [OutboxService, ChangeFeedService, ChangeFeedResolver],
  exports: [OutboxService, ChangeFeedService],
})
export class EventsModule {}
