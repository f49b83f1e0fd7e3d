import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { AccessService, Permission } from '@hub/access';
import { type Actor } from '@hub/common';
import { SUSTAINMENT_STAGE_COLUMNS, SUSTAINMENT_STAGE_COPY_COLUMNS, SustainmentsBulkService } from '@hub/interventions';
import {
  OFFENDING_FACT_STAGE_COLUMNS,
  OFFENDING_FACT_STAGE_COPY_COLUMNS,
  OffendingFactsBulkService,
  type OffendingFactKind,
} from '@hub/reporting';
import { type BulkJob, type BulkKind, BulkLoader } from './bulk-loader.service.js';
import {
  type OffendingFactStageRow,
  offendingFactStageCsv,
  type SustainmentStageRow,
  sustainmentStageCsv,
  toOffendingFactStageRow,
  toSustainmentStageRow,
} from './outcome-stage-rows.js';

/** The kinds of outcome records the sync paths load (batch and NDJSON), and what each stage row's hub id is. */
export interface OutcomeKind<R extends { line: number; externalId: string }> extends BulkKind<R> {
  /** SQL over the staged row `s`: the hub id of the record (null when rejected). */
  readonly resultIdSql: string;
  /** The GraphQL batch's operation name (its idempotency keys are its own). */
  readonly operation: string;
}

const personRef = `(SELECT r.entity_id FROM external_ref r WHERE r.system = :syncSystem AND r.organisation_id = CAST(:syncOrg AS uuid) AND r.entity_type = 'person' AND r.external_id = x.person_external_id)`;
const ref = (entityType: string) =>
  `(SELECT r.entity_id FROM external_ref r WHERE r.system = :syncSystem AND r.organisation_id = CAST(:syncOrg AS uuid) AND r.entity_type = '${entityType}' AND r.external_id = x.external_id)`;

const FACT_REJECTIONS: Record<string, { code: string; message: string }> = {
  NOT_FOUND: {
    code: 'NOT_FOUND',
    message: 'No person with this personExternalId (or record with this externalId) that your organisation may see',
  },
  FORBIDDEN: { code: 'FORBIDDEN', message: 'Only organisations that hold offending data record OGRS scores and reconvictions' },
};

const SUSTAINMENT_REJECTIONS: Record<string, { code: string; message: string }> = {
  NOT_FOUND: { code: 'NOT_FOUND', message: 'No job start with this externalId that your organisation logged and that began' },
  FORBIDDEN: { code: 'FORBIDDEN', message: 'Your organisation may not record this outcome for this person' },
  CORRECTION_NOTE_REQUIRED: { code: 'BAD_USER_INPUT', message: 'note: say why the recorded outcome is corrected' },
  TOO_EARLY: { code: 'BAD_USER_INPUT', message: 'sustained: a job can be recorded as sustained only once its 13 weeks have passed' },
  NOTE_REQUIRED: { code: 'BAD_USER_INPUT', message: 'note: say why the job was not sustained (it ended before the 13 weeks were up)' },
};

/** OGRS assessments or proven reconvictions (offending data), keyed by (system, external id); people found by theirs. */
@Injectable()
abstract class OffendingFactsKind implements OutcomeKind<OffendingFactStageRow> {
  abstract readonly kind: 'ogrs_assessments' | 'reconvictions';
  abstract readonly operation: string;
  protected abstract readonly fact: OffendingFactKind;
  protected abstract readonly entityType: string;
  readonly stageColumns = `${OFFENDING_FACT_STAGE_COLUMNS}, person_external_id text NOT NULL`;
  readonly copyColumns = `${OFFENDING_FACT_STAGE_COPY_COLUMNS}, person_external_id`;
  readonly toCsv = offendingFactStageCsv;
  readonly resultIdSql = 'COALESCE(s.fact_id, s.new_id)';

  constructor(
    protected readonly loader: BulkLoader,
    private readonly facts: OffendingFactsBulkService,
    private readonly access: AccessService,
  ) {}

  get stage(): string {
    return `sync_${this.fact}_stage`;
  }

  load(actor: Actor, system: string, key: string, input: Readable): Promise<BulkJob> {
    return this.loader.load(this, actor, system, key, input);
  }

  checker(actor: Actor) {
    this.access.require(actor, Permission.SYNC_LOAD);
    return Promise.resolve((line: number, raw: unknown) => toOffendingFactStageRow(this.fact, line, raw));
  }

  async merge(qr: QueryRunner, actor: Actor, system: string): Promise<void> {
    await this.facts.mergeStaged(qr, this.stage, actor, this.fact, {
      person: personRef,
      fact: ref(this.entityType),
      parameters: { syncSystem: system, syncOrg: actor.organisationId },
    });
    // Loads of one kind into one system of one organisation take turns (BulkLoader and the batch form take the same lock).
    await qr.query(
      `INSERT INTO external_ref (system, entity_type, external_id, entity_id, organisation_id)
       SELECT $1, '${this.entityType}', external_id, new_id, $2 FROM ${this.stage} WHERE action = 'created'`,
      [system, actor.organisationId],
    );
  }

  rejection(rejectCode: string): { code: string; message: string } {
    return FACT_REJECTIONS[rejectCode] ?? { code: rejectCode, message: rejectCode };
  }
}

@Injectable()
export class BulkOgrsService extends OffendingFactsKind {
  readonly kind = 'ogrs_assessments';
  readonly operation = 'syncOgrsAssessments';
  protected readonly fact = 'ogrs';
  protected readonly entityType = 'ogrs_assessment';
}

@Injectable()
export class BulkReconvictionsService extends OffendingFactsKind {
  readonly kind = 'reconvictions';
  readonly operation = 'syncReconvictions';
  protected readonly fact = 'reconviction';
  protected readonly entityType = 'reconviction';
}

/** The 13-week outcomes of job starts, each named by the job start intervention's external id. */
@Injectable()
export class BulkSustainmentsService implements OutcomeKind<SustainmentStageRow> {
  readonly kind = 'sustainments';
  readonly operation = 'syncSustainments';
  readonly stage = 'sync_sustainment_stage';
  readonly stageColumns = SUSTAINMENT_STAGE_COLUMNS;
  readonly copyColumns = SUSTAINMENT_STAGE_COPY_COLUMNS;
  readonly toCsv = sustainmentStageCsv;
  readonly resultIdSql = 's.sustainment_id';

  constructor(
    private readonly loader: BulkLoader,
    private readonly sustainments: SustainmentsBulkService,
    private readonly access: AccessService,
  ) {}

  load(actor: Actor, system: string, key: string, input: Readable): Promise<BulkJob> {
    return this.loader.load(this, actor, system, key, input);
  }

  checker(actor: Actor) {
    this.access.require(actor, Permission.SYNC_LOAD);
    return Promise.resolve((line: number, raw: unknown) => toSustainmentStageRow(line, raw));
  }

  merge(qr: QueryRunner, actor: Actor, system: string): Promise<void> {
    return this.sustainments.mergeStaged(qr, this.stage, actor, {
      intervention: ref('intervention'),
      parameters: { syncSystem: system, syncOrg: actor.organisationId },
    });
  }

  rejection(rejectCode: string): { code: string; message: string } {
    return SUSTAINMENT_REJECTIONS[rejectCode] ?? { code: rejectCode, message: rejectCode };
  }
}
