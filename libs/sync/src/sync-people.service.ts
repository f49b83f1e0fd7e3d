import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, ErrorCode, HubError, ValidationError } from '@hub/common';
import { PersonsService, type UpdatePersonInput } from '@hub/persons';
import { ExternalRef } from './external-ref.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { recordProblems } from './record-validation.js';
import { PersonRecordRules, type SyncPeopleInput, type SyncPersonRecord } from './sync.inputs.js';
import { type SyncRecordResultModel, type SyncResultModel, SyncStatus } from './sync.models.js';

const FIELDS = ['givenName', 'familyName', 'dateOfBirth', 'region', 'releaseDate', 'offenceSummary', 'ogrsScore', 'riskLevel'] as const;

export function rejected(externalId: string, err: unknown): SyncRecordResultModel {
  if (err instanceof HubError) return { externalId, status: SyncStatus.REJECTED, id: null, code: err.code, message: err.message };
  throw err;
}

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
  ) {}

  async sync(actor: Actor, input: SyncPeopleInput): Promise<SyncResultModel> {
    return this.db.transaction(async (m) => {
      const claim = await this.idempotency.claim<SyncResultModel>(m, actor, 'syncPeople', input.idempotencyKey, input);
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

  private async upsert(m: EntityManager, actor: Actor, system: string, record: SyncPersonRecord): Promise<SyncRecordResultModel> {
    const problems = await recordProblems(PersonRecordRules, record);
    if (problems.length) throw new ValidationError(problems.map((p) => ({ field: p.split(':')[0], messages: [p] })), problems.join('; '));
    const ref = await m.findOneBy(ExternalRef, { system, entityType: 'person', externalId: record.externalId });
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
        riskLevel: record.riskLevel ?? null,
        confirmNew: (record.identifiers ?? []).length > 0,
      },
      m,
    );
    if (created.outcome === 'candidates') {
      throw new HubError(ErrorCode.PossibleDuplicate, 'A record with the same name and date of birth exists and no identifier was given to tell them apart');
    }
    const personId = created.person!.id;
    await m.insert(ExternalRef, { system, entityType: 'person', externalId: record.externalId, entityId: personId, organisationId: actor.organisationId });
    if (created.outcome === 'existing') return this.update(m, actor, personId, record);
    return { externalId: record.externalId, status: SyncStatus.CREATED, id: personId, code: null, message: null };
  }

  private async update(m: EntityManager, actor: Actor, personId: string, record: SyncPersonRecord): Promise<SyncRecordResultModel> {
    const current = await this.persons.get(actor, personId);
    const changes: Partial<UpdatePersonInput> = {};
    for (const f of FIELDS) {
      const value = record[f];
      if (value === undefined) continue;
      if ((current as unknown as Record<string, unknown>)[f] !== value) (changes as Record<string, unknown>)[f] = value;
    }
    if (Object.keys(changes).length === 0) return { externalId: record.externalId, status: SyncStatus.UNCHANGED, id: personId, code: null, message: null };
    await this.persons.update(actor, { id: current.id, version: current.version, reason: 'Synchronised from external system', ...changes }, m);
    return { externalId: record.externalId, status: SyncStatus.UPDATED, id: current.id, code: null, message: null };
  }
}
