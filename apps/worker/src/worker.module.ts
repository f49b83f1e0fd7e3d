import { Module } from '@nestjs/common';
import { DOMAIN_MODULES } from '@hub/composition';

/** The hub's domain without the HTTP server, running the outbox relay and the job queue. */
@Module({ imports: [...DOMAIN_MODULES] })
export class WorkerModule {}
