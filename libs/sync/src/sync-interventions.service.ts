import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, NotFoundError } from '@hub/common';
import { InterventionsService } from '@hub/interventions';
import { ExternalRef } from './external-ref.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { runSyncBatch } from './batch-sync.js';
import { requireValid } from './record-validation.js';
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

  sync(actor: Actor, input: SyncInterventionsInput): Promise<SyncResultModel> {
    return runSyncBatch(this.db, this.idempotency, actor, 'syncInterventions', input, (sp, record) =>
      this.upsert(sp, actor, input.system, record),
    );
  }

  private async upsert(m: EntityManager, actor: Actor, system: string, record: SyncInterventionRecord): Promise<SyncRecordResultModel> {
    await requireValid(InterventionRecordRules, record);
    const person = await m.findOneBy(ExternalRef, {
      organisationId: actor.organisationId,
      system,
      entityType: 'person',
      externalId: record.personExternalId,
    });
    if (!person) throw new NotFoundError('Person with this personExternalId');
    const ref = await m.findOneBy(ExternalRef, {
      organisationId: actor.organisationId,
      system,
      entityType: 'intervention',
      externalId: record.externalId,
    });
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
      await m.insert(ExternalRef, {
        system,
        entityType: 'intervention',
        externalId: record.externalId,
        entityId: logged.id,
        organisationId: actor.organisationId,
      });
      return { externalId: record.externalId, status: SyncStatus.CREATED, id: logged.id, code: null, message: null };
    }
    const current = await this.interventions.ownForSync(m, actor, ref.entityId);
    const sameTime = current.occurredAt.getTime() === new Date(record.occurredAt).getTime();
    const sameNotes = (current.notes ?? null) === (record.notes ?? null);
    const sameQualification =
      !record.qualification ||
      (current.outcome?.kind === 'qualification' && current.outcome.qualification === record.qualification.qualification);
    const job = current.outcome?.kind === 'job' ? current.outcome : null;
    const sameJob =
      !record.job ||
      (job !== null &&
        job.employer === record.job.employer.trim() &&
        job.sector === record.job.sector.trim() &&
        job.hoursPerWeek === record.job.hoursPerWeek &&
        job.startDate === record.job.startDate);
    if (current.status === record.status && sameTime && sameNotes && sameQualification && sameJob) {
      return { externalId: record.externalId, status: SyncStatus.UNCHANGED, id: current.id, code: null, message: null };
    }
    await this.interventions.update(
      actor,
      {
        id: current.id,
        version: current.version,
        status: record.status,
        occurredAt: record.occurredAt,
        notes: record.notes ?? undefined,
        qualification: record.qualification ?? undefined,
        job: sameJob ? undefined : (record.job ?? undefined),
      },
      m,
    );
    return { externalId: record.externalId, status: SyncStatus.UPDATED, id: current.id, code: null, message: null };
  }
}
