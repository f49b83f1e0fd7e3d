import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, ErrorCode, HubError, NotFoundError, ValidationError } from '@hub/common';
import { InvolvementRole, PersonRecordsService } from '@hub/persons';
import { runSyncBatch, sameInstant } from './batch-sync.js';
import { ExternalRef } from './external-ref.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { requireValid } from './record-validation.js';
import { InvolvementRecordRules, type SyncInvolvementRecord, type SyncInvolvementsInput } from './sync.inputs.js';
import { type SyncRecordResultModel, type SyncResultModel, SyncStatus } from './sync.models.js';

/**
 * Bulk upsert of involvements keyed by (system, external id): which organisations work with a person,
 * as the lead organisation's case system has it. A new one is added as through the API (the lead
 * only; source `sync`); an end sent later ends it as `endInvolvement` does, with its reason. Who,
 * in what role and from when never change under the same external id (INVALID_STATE), nor does an
 * ended involvement resume: a new involvement is what the case system should send.
 */
@Injectable()
export class SyncInvolvementsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly records: PersonRecordsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  sync(actor: Actor, input: SyncInvolvementsInput): Promise<SyncResultModel> {
    return runSyncBatch(this.db, this.idempotency, actor, 'syncInvolvements', input, (sp, record) =>
      this.upsert(sp, actor, input.system, record),
    );
  }

  private async upsert(m: EntityManager, actor: Actor, system: string, record: SyncInvolvementRecord): Promise<SyncRecordResultModel> {
    await requireValid(InvolvementRecordRules, record);
    const person = await m.findOneBy(ExternalRef, {
      organisationId: actor.organisationId,
      system,
      entityType: 'person',
      externalId: record.personExternalId,
    });
    if (!person) throw new NotFoundError('Person with this personExternalId');
    const role = record.role ?? InvolvementRole.PROVIDER;
    const result = (status: SyncStatus, id: string) => ({ externalId: record.externalId, status, id, code: null, message: null });
    const ref = await m.findOneBy(ExternalRef, {
      organisationId: actor.organisationId,
      system,
      entityType: 'involvement',
      externalId: record.externalId,
    });
    if (!ref) {
      // An end with its reason is recorded as an end (in the record's history); a bare end date is planned, as addInvolvement takes it.
      const endNow = !!record.endedAt && !!record.endReason;
      const added = await this.records.addInvolvement(
        actor,
        {
          personId: person.entityId,
          organisationId: record.organisationId,
          role,
          startedAt: record.startedAt ?? undefined,
          endedAt: endNow ? undefined : (record.endedAt ?? undefined),
        },
        m,
      );
      if (endNow)
        await this.records.endInvolvement(actor, { involvementId: added.id, reason: record.endReason!, endedAt: record.endedAt! }, m);
      await m.insert(ExternalRef, {
        system,
        entityType: 'involvement',
        externalId: record.externalId,
        entityId: added.id,
        organisationId: actor.organisationId,
      });
      return result(SyncStatus.CREATED, added.id);
    }
    const current = await this.records.involvement(m, actor, ref.entityId);
    if (
      current.organisationId !== record.organisationId ||
      current.role !== role ||
      (record.startedAt && !sameInstant(current.startedAt, record.startedAt))
    ) {
      throw new HubError(
        ErrorCode.InvalidState,
        "An involvement's organisation, role and start do not change: send the new one as another involvement (another externalId), and end this one",
      );
    }
    if (sameInstant(current.endedAt, record.endedAt)) return result(SyncStatus.UNCHANGED, current.id);
    if (!record.endedAt)
      throw new HubError(ErrorCode.InvalidState, 'This involvement has an end; it cannot resume: send a new involvement');
    if (!record.endReason) throw new ValidationError([{ field: 'endReason', messages: ['give the reason the work ended'] }]);
    await this.records.endInvolvement(actor, { involvementId: current.id, reason: record.endReason, endedAt: record.endedAt }, m);
    return result(SyncStatus.UPDATED, current.id);
  }
}
