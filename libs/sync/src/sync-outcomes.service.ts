import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@hub/common';
import { BulkOgrsService, BulkReconvictionsService, BulkSustainmentsService } from './bulk-outcomes.service.js';
import { IdempotencyService } from './idempotency.service.js';
import { runStagedBatch } from './staged-batch.js';
import type { SyncOgrsAssessmentsInput, SyncReconvictionsInput, SyncSustainmentsInput } from './sync.inputs.js';
import type { SyncResultModel } from './sync.models.js';

/** The batch forms of the outcome loads: OGRS assessments, proven reconvictions and sustainment outcomes (runStagedBatch). */
@Injectable()
export class SyncOutcomesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly ogrs: BulkOgrsService,
    private readonly reconvictions: BulkReconvictionsService,
    private readonly sustainments: BulkSustainmentsService,
  ) {}

  syncOgrsAssessments(actor: Actor, input: SyncOgrsAssessmentsInput): Promise<SyncResultModel> {
    return runStagedBatch(this.db, this.idempotency, actor, this.ogrs, input);
  }

  syncReconvictions(actor: Actor, input: SyncReconvictionsInput): Promise<SyncResultModel> {
    return runStagedBatch(this.db, this.idempotency, actor, this.reconvictions, input);
  }

  syncSustainments(actor: Actor, input: SyncSustainmentsInput): Promise<SyncResultModel> {
    return runStagedBatch(this.db, this.idempotency, actor, this.sustainments, input);
  }
}
