import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { AccessService, Permission } from '@hub/access';
import { type Actor } from '@hub/common';
import { INTERVENTION_STAGE_COLUMNS, INTERVENTION_STAGE_COPY_COLUMNS, InterventionsBulkService } from '@hub/interventions';
import { type BulkJob, type BulkKind, BulkLoader } from './bulk-loader.service.js';
import { type InterventionStageRow, interventionStageCsv, toInterventionStageRow } from './intervention-stage-row.js';

const REJECTIONS: Record<string, { code: string; message: string }> = {
  NOT_FOUND: {
    code: 'NOT_FOUND',
    message: 'No person with this personExternalId (or intervention with this externalId) that your organisation may see',
  },
  FORBIDDEN: { code: 'FORBIDDEN', message: 'Your organisation may not record this type of intervention for this person' },
  TYPE_CHANGED: { code: 'BAD_USER_INPUT', message: 'typeCode: an intervention keeps the type it was logged with' },
  OUTCOME_RECORDED: {
    code: 'INVALID_STATE',
    message:
      'status, job.startDate: the 13-week outcome of this job is recorded: the job began, and its status and start date stay as the outcome was measured',
  },
};

/**
 * Interventions on the streaming bulk path (POST /sync/interventions): each line checked against the
 * catalogue with the rules of syncInterventions, people found by their external ids in the same
 * system, merged by the interventions lib's set-based SQL (the access policy, audit and domain events
 * included) and external ids written in the chunk's transaction.
 */
@Injectable()
export class BulkInterventionsService implements BulkKind<InterventionStageRow> {
  readonly kind = 'interventions';
  readonly stage = 'sync_intervention_stage';
  readonly stageColumns = `${INTERVENTION_STAGE_COLUMNS}, person_external_id text NOT NULL`;
  readonly copyColumns = `${INTERVENTION_STAGE_COPY_COLUMNS}, person_external_id`;
  readonly toCsv = interventionStageCsv;

  constructor(
    private readonly loader: BulkLoader,
    private readonly interventions: InterventionsBulkService,
    private readonly access: AccessService,
  ) {}

  load(actor: Actor, system: string, key: string, input: Readable): Promise<BulkJob> {
    return this.loader.load(this, actor, system, key, input);
  }

  async checker(actor: Actor) {
    this.access.require(actor, Permission.SYNC_LOAD);
    const types = await this.interventions.activeTypes();
    return (line: number, raw: unknown) => toInterventionStageRow(line, raw, types);
  }

  async merge(qr: QueryRunner, actor: Actor, system: string): Promise<void> {
    await this.interventions.mergeStaged(qr, this.stage, actor, {
      person: `(SELECT r.entity_id FROM external_ref r WHERE r.system = :syncSystem AND r.organisation_id = CAST(:syncOrg AS uuid) AND r.entity_type = 'person' AND r.external_id = x.person_external_id)`,
      intervention: `(SELECT r.entity_id FROM external_ref r WHERE r.system = :syncSystem AND r.organisation_id = CAST(:syncOrg AS uuid) AND r.entity_type = 'intervention' AND r.external_id = x.external_id)`,
      parameters: { syncSystem: system, syncOrg: actor.organisationId },
    });
    // No ON CONFLICT: loads into one system of one organisation take turns (BulkLoader), so a clash is a concurrent GraphQL
    // sync of the same id, and failing the chunk (to be resumed) is better than an orphan.
    await qr.query(
      `INSERT INTO external_ref (system, entity_type, external_id, entity_id, organisation_id)
       SELECT $1, 'intervention', external_id, new_id, $2 FROM ${this.stage} WHERE action = 'created'`,
      [system, actor.organisationId],
    );
  }

  rejection(rejectCode: string): { code: string; message: string } {
    return REJECTIONS[rejectCode] ?? { code: rejectCode, message: rejectCode };
  }
}
