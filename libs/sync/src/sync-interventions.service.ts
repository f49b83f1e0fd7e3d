import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, NotFoundError, ValidationError } from '@hub/common';
import { InterventionsService } from '@hub/interventions';
import { ExternalRef } from './external-ref.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { recordProblems } from './record-validation.js';
import { rejected } from './sync-people.service.js';
import { InterventionRecordRules, type SyncInterventionRecord, type SyncInterventionsInput } from './sync.inputs.js';
import { type SyncRecordResultModel, type SyncResultModel, SyncStatus } from './sync.models.js';

/** Bulk upsert of interventions keyed by (system, external id); people are found by their external ids. */
@Injectable()
export class SyncInterventionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly interventions: InterventionsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async sync(actor: Actor, input: SyncInterventionsInput): Promise<SyncResultModel> {
    return this.db.transaction(async (m) => {
      const claim = await this.idempotency.claim<SyncResultModel>(m, actor, 'syncInterventions', input.idempotencyKey, input);
      if (!claim.claimed) return { ...claim.response, replayed: true };
      const last = new Map<string, number>();
      input.records.forEach((r, i) => last.set(r?.externalId, i));
      const results: SyncRecordResultModel[] = [];
      for (const [i, record] of input.records.entries()) {
        if (last.get(record?.externalId) !== i) {
          results.push({ externalId: record?.externalId ?? '', status: SyncStatus.REJECTED, id: null, code: 'DUPLICATE_IN_BATCH', message: 'A later record of this batch has the same externalId; it was used instead' });
          continue;
        }
        try {
          results.push(await m.transaction((sp) => this.upsert(sp, actor, input.system, record)));
        } catch (err) {
          results.push(rejected(record?.externalId ?? '', err));
        }
      }
      const response: SyncResultModel = { idempotencyKey: input.idempotencyKey, replayed: false, results };
      await this.idempotency.complete(m, actor, input.idempotencyKey, response);
      return response;
    });
  }

  private async upsert(m: EntityManager, actor: Actor, system: string, record: SyncInterventionRecord): Promise<SyncRecordResultModel> {
    const problems = await recordProblems(InterventionRecordRules, record);
    if (problems.length) throw new ValidationError(problems.map((p) => ({ field: p.split(':')[0], messages: [p] })), problems.join('; '));
    const person = await m.findOneBy(ExternalRef, { system, entityType: 'person', externalId: record.personExternalId });
    if (!person) throw new NotFoundError('Person with this personExternalId');
    const ref = await m.findOneBy(ExternalRef, { system, entityType: 'intervention', externalId: record.externalId });
    if (!ref) {
      const logged = await this.interventions.log(
        actor,
        {
          personId: person.entityId,
          typeCode: record.typeCode,
          status: record.status,
          occurredAt: record.occurredAt,
          notes: record.notes ?? undefined,
          qualification: record.qualification ?? undefined,
          job: record.job ?? undefined,
        },
        m,
      );
      await m.insert(ExternalRef, { system, entityType: 'intervention', externalId: record.externalId, entityId: logged.id, organisationId: actor.organisationId });
      return { externalId: record.externalId, status: SyncStatus.CREATED, id: logged.id, code: null, message: null };
    }
    const current = await this.interventions.ownForSync(m, actor, ref.entityId);
    const sameTime = current.occurredAt.getTime() === new Date(record.occurredAt).getTime();
    const sameNotes = (current.notes ?? null) === (record.notes ?? null);
    const sameQualification = !record.qualification || (current.outcome?.kind === 'qualification' && current.outcome.qualification === record.qualification.qualification);
    if (current.status === record.status && sameTime && sameNotes && sameQualification) {
      return { externalId: record.externalId, status: SyncStatus.UNCHANGED, id: current.id, code: null, message: null };
    }
    await this.interventions.update(
      actor,
      { id: current.id, version: current.version, status: record.status, occurredAt: record.occurredAt, notes: record.notes ?? undefined, qualification: record.qualification ?? undefined },
      m,
    );
    return { externalId: record.externalId, status: SyncStatus.UPDATED, id: current.id, code: null, message: null };
  }
}
