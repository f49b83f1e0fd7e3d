import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, ErrorCode, HubError, NotFoundError } from '@hub/common';
import { type ConsentModel, ConsentsService, PURPOSE_CATEGORIES } from '@hub/consent';
import { runSyncBatch, sameInstant } from './batch-sync.js';
import { ExternalRef } from './external-ref.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { requireValid } from './record-validation.js';
import { ConsentRecordRules, type SyncConsentRecord, type SyncConsentsInput } from './sync.inputs.js';
import { type SyncRecordResultModel, type SyncResultModel, SyncStatus } from './sync.models.js';

/** Whether the external record states the terms the hub holds (what was consented to, with whom, how, until when). */
function sameTerms(current: ConsentModel, record: SyncConsentRecord): boolean {
  const categories = [...new Set(record.categories ?? PURPOSE_CATEGORIES[record.purpose])].sort();
  return (
    current.purpose === record.purpose &&
    JSON.stringify([...current.categories].sort()) === JSON.stringify(categories) &&
    current.organisationId === (record.organisationId ?? null) &&
    current.organisationKind === (record.organisationKind ?? null) &&
    current.method === record.method &&
    (current.evidenceNote ?? null) === (record.evidenceNote ?? null) &&
    sameInstant(current.expiresAt, record.expiresAt) &&
    (!record.givenAt || sameInstant(current.givenAt, record.givenAt))
  );
}

/**
 * Bulk upsert of consents keyed by (system, external id), as a case system recorded them. A new one is
 * granted as through the API (same checks, same event), dated when it was given; a withdrawal sent
 * later is recorded once. A consent's terms never change: different terms under the same external id
 * are refused (INVALID_STATE), as a new consent is what the person gave.
 */
@Injectable()
export class SyncConsentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly consents: ConsentsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  sync(actor: Actor, input: SyncConsentsInput): Promise<SyncResultModel> {
    return runSyncBatch(this.db, this.idempotency, actor, 'syncConsents', input, (sp, record) =>
      this.upsert(sp, actor, input.system, record),
    );
  }

  private async upsert(m: EntityManager, actor: Actor, system: string, record: SyncConsentRecord): Promise<SyncRecordResultModel> {
    await requireValid(ConsentRecordRules, record);
    const person = await m.findOneBy(ExternalRef, {
      organisationId: actor.organisationId,
      system,
      entityType: 'person',
      externalId: record.personExternalId,
    });
    if (!person) throw new NotFoundError('Person with this personExternalId');
    const result = (status: SyncStatus, id: string) => ({ externalId: record.externalId, status, id, code: null, message: null });
    const ref = await m.findOneBy(ExternalRef, {
      organisationId: actor.organisationId,
      system,
      entityType: 'consent',
      externalId: record.externalId,
    });
    if (!ref) {
      const granted = await this.consents.grant(
        actor,
        {
          personId: person.entityId,
          purpose: record.purpose,
          categories: record.categories ?? undefined,
          organisationId: record.organisationId ?? undefined,
          organisationKind: record.organisationKind ?? undefined,
          method: record.method,
          personPresent: record.personPresent,
          evidenceNote: record.evidenceNote ?? undefined,
          expiresAt: record.expiresAt ?? undefined,
        },
        { manager: m, givenAt: record.givenAt ? new Date(record.givenAt) : undefined },
      );
      if (record.withdrawnReason) await this.consents.withdraw(actor, { consentId: granted.id, reason: record.withdrawnReason }, m);
      await m.insert(ExternalRef, {
        system,
        entityType: 'consent',
        externalId: record.externalId,
        entityId: granted.id,
        organisationId: actor.organisationId,
      });
      return result(SyncStatus.CREATED, granted.id);
    }
    const current = await this.consents.recordedBy(m, actor, ref.entityId);
    if (!sameTerms(current, record)) {
      throw new HubError(
        ErrorCode.InvalidState,
        "A consent's terms do not change: send the new terms as a new consent (another externalId), and this one withdrawn",
      );
    }
    if (current.withdrawnAt) {
      if (!record.withdrawnReason)
        throw new HubError(ErrorCode.InvalidState, 'This consent was withdrawn, which cannot be undone: send a new consent');
      return result(SyncStatus.UNCHANGED, current.id);
    }
    if (!record.withdrawnReason) return result(SyncStatus.UNCHANGED, current.id);
    await this.consents.withdraw(actor, { consentId: current.id, reason: record.withdrawnReason }, m);
    return result(SyncStatus.UPDATED, current.id);
  }
}
