import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { type Actor, CurrentActor, ValidationError } from '@hub/common';
import { BulkPeopleService } from './bulk-people.service.js';
import type { SyncJob } from './sync-job.entity.js';

function summary(job: SyncJob & { replayed?: boolean }) {
  return {
    jobId: job.id,
    status: job.status,
    replayed: job.replayed ?? false,
    linesCommitted: job.linesCommitted,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    rejected: job.rejected,
    errors: job.errors,
    failure: job.failure,
  };
}

/** The streaming bulk path (documented in schema/sync-openapi.yaml). */
@Controller('sync')
export class SyncController {
  constructor(private readonly bulk: BulkPeopleService) {}

  @Post('people')
  @HttpCode(200)
  async people(@CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Query('system') system: string, @Headers('idempotency-key') key: string) {
    if (!req.headers['content-type']?.startsWith('application/x-ndjson')) {
      throw new ValidationError([{ field: 'content-type', messages: ['send application/x-ndjson'] }]);
    }
    if (!key) throw new ValidationError([{ field: 'Idempotency-Key', messages: ['required'] }]);
    return summary(await this.bulk.load(actor, system ?? '', key, req.body as Readable));
  }

  @Get('jobs/:id')
  async job(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return summary(await this.bulk.job(actor, id));
  }
}
