import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { type Actor, CurrentActor, ValidationError } from '@hub/common';
import { BulkInterventionsService } from './bulk-interventions.service.js';
import { BulkLoader } from './bulk-loader.service.js';
import { BulkPeopleService } from './bulk-people.service.js';
import { BulkOgrsService, BulkReconvictionsService, BulkSustainmentsService } from './bulk-outcomes.service.js';
import type { SyncJob } from './sync-job.entity.js';
import { Permission, RequirePermission } from '@hub/access';

function summary(job: SyncJob & { replayed?: boolean }) {
  return {
    jobId: job.id,
    kind: job.kind,
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

/** The NDJSON body, after checking the request names its content type, an idempotency key and no length over the limit. */
function ndjsonBody(loader: BulkLoader, req: FastifyRequest, key: string | undefined): Readable {
  if (!req.headers['content-type']?.startsWith('application/x-ndjson')) {
    throw new ValidationError([{ field: 'content-type', messages: ['send application/x-ndjson'] }]);
  }
  if (!key) throw new ValidationError([{ field: 'Idempotency-Key', messages: ['required'] }]);
  loader.checkDeclaredLength(req.headers['content-length']);
  return req.body as Readable;
}

/** The streaming bulk path (documented in schema/sync-openapi.yaml). */
@Controller('sync')
export class SyncController {
  constructor(
    private readonly loader: BulkLoader,
    private readonly people: BulkPeopleService,
    private readonly interventions: BulkInterventionsService,
    private readonly ogrs: BulkOgrsService,
    private readonly reconvictions: BulkReconvictionsService,
    private readonly sustainments: BulkSustainmentsService,
  ) {}

  @RequirePermission(Permission.SYNC_LOAD)
  @Post('people')
  @HttpCode(200)
  async loadPeople(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Query('system') system: string,
    @Headers('idempotency-key') key: string,
  ) {
    return summary(await this.people.load(actor, system ?? '', key, ndjsonBody(this.loader, req, key)));
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Post('interventions')
  @HttpCode(200)
  async loadInterventions(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Query('system') system: string,
    @Headers('idempotency-key') key: string,
  ) {
    return summary(await this.interventions.load(actor, system ?? '', key, ndjsonBody(this.loader, req, key)));
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Post('ogrs-assessments')
  @HttpCode(200)
  async loadOgrs(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Query('system') system: string,
    @Headers('idempotency-key') key: string,
  ) {
    return summary(await this.ogrs.load(actor, system ?? '', key, ndjsonBody(this.loader, req, key)));
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Post('reconvictions')
  @HttpCode(200)
  async loadReconvictions(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Query('system') system: string,
    @Headers('idempotency-key') key: string,
  ) {
    return summary(await this.reconvictions.load(actor, system ?? '', key, ndjsonBody(this.loader, req, key)));
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Post('sustainments')
  @HttpCode(200)
  async loadSustainments(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Query('system') system: string,
    @Headers('idempotency-key') key: string,
  ) {
    return summary(await this.sustainments.load(actor, system ?? '', key, ndjsonBody(this.loader, req, key)));
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Get('jobs/:id')
  async job(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return summary(await this.loader.job(actor, id));
  }
}
