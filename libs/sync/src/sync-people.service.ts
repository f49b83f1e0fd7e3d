import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { RegionsService } from '@hub/organisations';
import { type Actor, ErrorCode, HubError } from '@hub/common';
import { PersonsService, type UpdatePersonInput } from '@hub/persons';
import { ExternalIdSuppressionService } from './external-id-suppression.service.js';
import { ExternalRef } from './external-ref.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { runSyncBatch } from './batch-sync.js';
import { requireValid } from './record-validation.js';
import { PersonRecordRules, type SyncPeopleInput, type SyncPersonRecord } from './sync.inputs.js';
import { type SyncRecordResultModel, type SyncResultModel, SyncStatus } from './sync.models.js';

const FIELDS = ['givenName', 'familyName', 'dateOfBirth', 'region', 'releaseDate', 'offenceSummary', 'ogrsScore', 'riskLevel'] as const;

/**
 * Bulk upsert of people keyed by (system, external id), in one transaction with the idempotency key;
 * each record in its own savepoint, so a bad record is rejected alone and never half-written.
 */
@Injectable()
export class SyncPeopleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly idempotency: IdempotencyService,
    private readonly suppression: ExternalIdSuppressionService,
    private readonly vocabulary: RegionsService,
  ) {}

  sync(actor: Actor, input: SyncPeopleInput): Promise<SyncResultModel> {
    return runSyncBatch(this.db, this.idempotency, actor, 'syncPeople', input, (sp, record) =>
      this.upsert(sp, actor, input.system, record),
    );
  }

  private async upsert(m: EntityManager, actor: Actor, system: string, record: SyncPersonRecord): Promise<SyncRecordResultModel> {
    await requireValid(PersonRecordRules, record);
    // The id itself, or its fingerprint if the person was erased: the update then finds no record it may read.
    const refs = await m.findBy(ExternalRef, {
      organisationId: actor.organisationId,
      system,
      entityType: 'person',
      externalId: In(await this.suppression.candidates(record.externalId)),
    });
    const ref = refs.find((r) => r.externalId === record.externalId) ?? refs[0];
    if (ref) return this.update(m, actor, ref.entityId, record);
    const created = await this.persons.create(
      actor,
      {
        givenName: record.givenName,
        familyName: record.familyName,
        dateOfBirth: record.dateOfBirth,
        region: record.region ?? null,
        releaseDate: record.releaseDate ?? null,
        identifiers: record.identifiers ?? [],
        offenceSummary: record.offenceSummary ?? null,
        ogrsScore: record.ogrsScore ?? null,
        ogrsAssessedOn: record.ogrsAssessedOn ?? null,
        riskLevel: record.riskLevel ?? null,
        confirmNew: (record.identifiers ?? []).length > 0,
      },
      m,
    );
    if (created.outcome === 'candidates') {
      throw new HubError(
        ErrorCode.PossibleDuplicate,
        'A record with the same name and date of birth exists and no identifier was given to tell them apart',
      );
    }
    const personId = created.person!.id;
    await m.insert(ExternalRef, {
      system,
      entityType: 'person',
      externalId: record.externalId,
      entityId: personId,
      organisationId: actor.organisationId,
    });
    if (created.outcome === 'existing') return this.update(m, actor, personId, record);
    return { externalId: record.externalId, status: SyncStatus.CREATED, id: personId, code: null, message: null };
  }

  private async update(m: EntityManager, actor: Actor, personId: string, record: SyncPersonRecord): Promise<SyncRecordResultModel> {
    const current = await this.persons.get(actor, personId, m);
    // Compared as the region it names (another name of the region the record has is no change).
    if (record.region) record = { ...record, region: await this.vocabulary.resolve(record.region, 'region', m) };
    const changes: Partial<UpdatePersonInput> = {};
    for (const f of FIELDS) {
      const value = record[f];
      if (value === undefined) continue;
      if ((current as unknown as Record<string, unknown>)[f] !== value) (changes as Record<string, unknown>)[f] = value;
    }
    if (Object.keys(changes).length === 0)
      return { externalId: record.externalId, status: SyncStatus.UNCHANGED, id: personId, code: null, message: null };
    // A new score carries the date it was assessed, when the case system sends one.
    if (changes.ogrsScore !== undefined && record.ogrsAssessedOn) changes.ogrsAssessedOn = record.ogrsAssessedOn;
    await this.persons.update(
      actor,
      { id: current.id, version: current.version, reason: 'Synchronised from external system', ...changes },
      m,
    );
    return { externalId: record.externalId, status: SyncStatus.UPDATED, id: current.id, code: null, message: null };
  }
}
