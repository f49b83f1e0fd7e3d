import { Module } from '@nestjs/common';
import { HubWorker } from './hub-worker.service.js';

/** The job runner: the worker that relays the outbox and runs the queue's jobs (the events lib's handlers, timers, schedules). */
@Module({ providers: [HubWorker], exports: [HubWorker] })
export class JobsModule {}
