import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessService, DataCategory, Permission } from '@hub/access';
import {
  type Actor,
  asNotFound,
  AlreadyExistsError,
  ConflictError,
  decodeCursor,
  encodeCursor,
  ErrorCode,
  ForbiddenError,
  HubError,
  NotFoundError,
  pageSize,
  ValidationError,
} from '@hub/common';
import { type DomainEvent, OutboxService } from '@hub/events';
import { entityColumns, hydrate, namedQuery } from '@hub/database';
import { actorRef, PersonsService } from '@hub/persons';
import { InterventionType } from './intervention-type.entity.js';
import { interventionOutcome } from './intervention-outcome.js';
import { type InterventionStatus } from './intervention-vocabulary.js';
import { Intervention, InterventionRevision } from './intervention.entity.js';
import type { InterventionConnection, InterventionModel } from './intervention.model.js';
import { refuseFutureWork } from './work-dates.js';

/** The most corrections one intervention keeps (a correction past it is refused: log a new intervention). */
export const INTERVENTION_MAX_CORRECTIONS = 20;
import { alignSustainmentWindows, OUTCOME_RECORDED_MESSAGE, refusedWindowChanges, windowEvents } from './sustainment-windows.js';
import type {
  CreateInterventionTypeInput,
  LogInterventionInput,
  UpdateInterventionInput,
  UpdateInterventionTypeInput,
} from './log-intervention.input.js';

export function interventionView(i: Intervention): InterventionModel {
  return { ...i, dataCategory: i.dataCategory as DataCategory, outcome: i.outcome };
}

/** An edge of an intervention list; its cursor is only encoded when asked for (a person page lists 50 and seldom asks). */
class InterventionEdgeView {
  constructor(readonly node: InterventionModel) {}

  get cursor(): string {
    return encodeCursor([this.node.occurredAt.toISOString(), this.node.id]);
  }
}

function connectionOf(rows: Intervention[], first: number): InterventionConnection {
  const edges = rows.slice(0, first).map((i) => new InterventionEdgeView(interventionView(i)));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

@Injectable()
export class InterventionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
  ) {}

  catalogue(includeInactive = false): Promise<InterventionType[]> {
    return this.db
      .getRepository(InterventionType)
      .find({ where: includeInactive ? {} : { active: true }, order: { groupName: 'ASC', name: 'ASC' } });
  }

  typesByCode(codes: readonly string[]): Promise<InterventionType[]> {
    return this.db.getRepository(InterventionType).findBy({ code: In([...codes]) });
  }

  async createType(actor: Actor, input: CreateInterventionTypeInput): Promise<InterventionType> {
    this.access.require(actor, Permission.CATALOGUE_EXTEND);
    return this.db.transaction(async (m) => {
      if (await m.existsBy(InterventionType, { code: input.code }))
        throw new AlreadyExistsError('An intervention type with this code exists', { field: 'code' });
      const type = await m.save(m.create(InterventionType, { ...input, name: input.name.trim() }));
      await this.outbox.emit(m, actor, {
        type: 'intervention_type.created',
        aggregateType: 'intervention_type',
        aggregateId: '00000000-0000-0000-0000-000000000000',
        payload: { code: type.code },
      });
      return type;
    });
  }

  /** Hub admins rename an entry, move it to another group, or stop (and resume) offering it. */
  async updateType(actor: Actor, input: UpdateInterventionTypeInput): Promise<InterventionType> {
    this.access.require(actor, Permission.CATALOGUE_MAINTAIN);
    return this.db.transaction(async (m) => {
      const type = await m.findOne(InterventionType, { where: { code: input.code }, lock: { mode: 'pessimistic_write' } });
      if (!type) throw new NotFoundError('Intervention type');
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      for (const [field, value] of [
        ['name', input.name?.trim()],
        ['groupName', input.groupName],
        ['active', input.active],
      ] as const) {
        if (value == null || type[field] === value) continue;
        changes[field] = { old: type[field], new: value };
        Object.assign(type, { [field]: value });
      }
      if (!Object.keys(changes).length) return type;
      const saved = await m.save(type);
      await this.outbox.emit(m, actor, {
        type: 'intervention_type.updated',
        aggregateType: 'intervention_type',
        aggregateId: '00000000-0000-0000-0000-000000000000',
        payload: { code: type.code, fields: Object.keys(changes) },
        changes,
      });
      return saved;
    });
  }

  /** A person's interventions the actor may see, newest first, scoped in SQL by the access policy. */
  async list(
    actor: Actor,
    personId: string,
    args: { first?: number | null; after?: string | null; category?: DataCategory | null },
    m: EntityManager = this.db.manager,
  ): Promise<InterventionConnection> {
    const first = pageSize(args.first, 50, 200);
    const { personId: survivor, recordIds } = await this.persons.requireAccess(actor, personId, m);
    const scope = this.access.scope(actor, 'read', {
      person: 'CAST(:scopePerson AS uuid)',
      category: 'i.data_category',
      owner: 'i.organisation_id',
    });
    const qb = m
      .getRepository(Intervention)
      .createQueryBuilder('i')
      .where('i.person_id = ANY(:recordIds)', { recordIds })
      .andWhere(scope.where, { ...scope.parameters, scopePerson: survivor });
    if (args.category) qb.andWhere('i.data_category = :category', { category: args.category });
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2) as string[];
      qb.andWhere('(i.occurred_at, i.id) < (:cAt, :cId)', { cAt: at, cId: id });
    }
    const rows = await qb
      .orderBy('i.occurred_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(first + 1)
      .getMany();
    return connectionOf(rows, first);
  }

  /**
   * The same list for many people at once (one statement for the page, whatever its size): used by the
   * person field resolver through a DataLoader. `people` were returned by PersonsService for this actor
   * in this request, with the categories the policy lets it read (decided on facts loaded fresh in
   * this request); a row is returned when the actor's organisation wrote it or its category is one of
   * those: the policy's decision for every row of that person, applied in SQL.
   */
  async listForPeople(
    actor: Actor,
    people: readonly { id: string; recordIds: string[]; readable: ReadonlySet<DataCategory> }[],
    args: { first?: number | null; category?: DataCategory | null },
  ): Promise<InterventionConnection[]> {
    const first = pageSize(args.first, 50, 200);
    const own = this.access.ceiling(actor, 'read').length > 0;
    const ranked = await namedQuery(
      this.db,
      `SELECT x.survivor, i.* FROM jsonb_to_recordset(CAST(:people AS jsonb)) AS x(survivor uuid, record_ids uuid[], categories text[])
       CROSS JOIN LATERAL (
         SELECT ${entityColumns(this.db, Intervention, 'iv', 'i_')} FROM intervention iv
          WHERE iv.person_id = ANY(x.record_ids)
            AND ((CAST(:own AS boolean) AND iv.organisation_id = CAST(:org AS uuid)) OR iv.data_category = ANY(x.categories))
            ${args.category ? 'AND iv.data_category = :category' : ''}
          ORDER BY iv.occurred_at DESC, iv.id DESC LIMIT :limit) i`,
      {
        people: JSON.stringify(people.map((p) => ({ survivor: p.id, record_ids: p.recordIds, categories: [...p.readable] }))),
        own,
        org: actor.organisationId,
        category: args.category ?? null,
        limit: first + 1,
      },
    );
    const bySurvivor = new Map<string, Intervention[]>();
    for (const r of ranked) {
      const survivor = r.survivor as string;
      let mine = bySurvivor.get(survivor);
      if (!mine) bySurvivor.set(survivor, (mine = []));
      mine.push(hydrate(this.db, Intervention, r, 'i_'));
    }
    return people.map((p) => {
      const mine = (bySurvivor.get(p.id) ?? []).sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1));
      return connectionOf(mine, first);
    });
  }

  /** Logs an intervention on a person the actor's organisation works with. */
  /** `within`: run inside the caller's transaction (a savepoint), as bulk sync does. */
  async log(actor: Actor, input: LogInterventionInput, within?: EntityManager): Promise<InterventionModel> {
    // Read through the caller's transaction when it has one: never wait for a second pooled connection while holding one.
    const reader = within ?? this.db.manager;
    const type = await reader.getRepository(InterventionType).findOneBy({ code: input.typeCode, active: true });
    if (!type) throw new ValidationError([{ field: 'typeCode', messages: ['not an intervention type of the catalogue'] }]);
    const { personId, facts } = await this.persons.requireAccess(actor, input.personId, reader);
    const decision = this.access.decide(actor, 'write', type.dataCategory as DataCategory, facts);
    if (!decision.allowed) throw new ForbiddenError(`Your organisation may not record ${type.name.toLowerCase()}`);
    const outcome = interventionOutcome(type, input);
    refuseFutureWork(input.status, new Date(input.occurredAt));
    return (within ?? this.db.manager).transaction(async (m) => {
      const saved = await m.save(
        m.create(Intervention, {
          personId,
          organisationId: actor.organisationId,
          recordedBy: actorRef(actor),
          typeCode: type.code,
          dataCategory: type.dataCategory,
          status: input.status,
          occurredAt: new Date(input.occurredAt),
          notes: input.notes ?? null,
          outcome,
        }),
      );
      const events: DomainEvent[] = [
        {
          type: 'intervention.logged',
          aggregateType: 'intervention',
          aggregateId: saved.id,
          personId,
          payload: { typeCode: type.code, status: saved.status, dataCategory: type.dataCategory },
          changes: {
            typeCode: { old: null, new: type.code },
            status: { old: null, new: saved.status },
            occurredAt: { old: null, new: saved.occurredAt },
            notes: { old: null, new: saved.notes },
            outcome: { old: null, new: outcome },
          },
          categories: [type.dataCategory],
        },
      ];
      if (outcome?.kind === 'qualification')
        events.push({
          type: 'outcome.recorded',
          aggregateType: 'intervention',
          aggregateId: saved.id,
          personId,
          payload: { typeCode: type.code, outcome: outcome.kind, dataCategory: type.dataCategory },
        });
      // A job that began opens its sustainment window (outcome.recorded, job.started); a planned one waits for its start.
      if (outcome?.kind === 'job') events.push(...windowEvents(await alignSustainmentWindows(m, [saved.id])));
      await this.outbox.emit(m, actor, ...events);
      return interventionView(saved);
    });
  }

  /** Whether the actor may see the intervention, and it is on one of `recordIds` (for what other libs attach to it, such as a case note). */
  async visibleOn(actor: Actor, id: string, recordIds: readonly string[], m: EntityManager = this.db.manager): Promise<boolean> {
    const row = await m.findOneBy(Intervention, { id });
    if (!row || !recordIds.includes(row.personId)) return false;
    const facts = await this.access.factsFor(actor, (await this.persons.survivorId(row.personId, m)) ?? row.personId);
    return this.access.decide(actor, 'read', row.dataCategory as DataCategory, facts, row.organisationId).allowed;
  }

  /** An intervention of the actor's own organisation, read inside the caller's transaction (sync). */
  async ownForSync(m: EntityManager, actor: Actor, id: string): Promise<Intervention> {
    const row = await m.findOneBy(Intervention, { id });
    if (!row || row.organisationId !== actor.organisationId) throw new NotFoundError('Intervention');
    return row;
  }

  /**
   * Only the organisation that logged an intervention changes it; a stale version changes nothing. A
   * change keeps the intervention as it was (intervention_revision) with who made it and why.
   */
  async update(actor: Actor, input: UpdateInterventionInput, within?: EntityManager): Promise<InterventionModel> {
    return (within ?? this.db.manager).transaction(async (m) => {
      const row = await m.findOne(Intervention, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('Intervention');
      const { facts } = await asNotFound('Intervention', () => this.persons.requireAccess(actor, row.personId, m));
      if (!this.access.decide(actor, 'read', row.dataCategory as DataCategory, facts, row.organisationId).allowed)
        throw new NotFoundError('Intervention');
      this.access.require(actor, Permission.INTERVENTION_UPDATE, { organisationId: row.organisationId });
      if (row.version !== input.version)
        throw new ConflictError('The intervention was changed by someone else; reload and try again', { currentVersion: row.version });
      const type = await m.findOneByOrFail(InterventionType, { code: row.typeCode });
      const status = input.status ?? row.status;
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : row.occurredAt;
      // A correction cannot date happened work ahead either (a planned session marked completed keeps its date only if that has come).
      if (input.status || input.occurredAt) refuseFutureWork(status, occurredAt, input.occurredAt ? 'occurredAt' : 'status');
      const given =
        input.qualification || input.job ? interventionOutcome(type, { qualification: input.qualification, job: input.job, status }) : null;
      const outcome = given ?? row.outcome;
      const [refused] =
        row.outcome?.kind === 'job'
          ? await refusedWindowChanges(m, [{ id: row.id, status, startDate: given?.kind === 'job' ? given.startDate : null }])
          : [];
      if (refused)
        throw new HubError(ErrorCode.InvalidState, OUTCOME_RECORDED_MESSAGE[refused.field], {
          field: refused.field === 'status' ? 'status' : 'job.startDate',
        });
      // A client may send `notes: null` (the GraphQL field is nullable) to clear them, which `??` would ignore.
      // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- null clears, only a missing field keeps
      const notes = input.notes !== undefined ? input.notes : row.notes;
      const next = { status, occurredAt, notes, outcome };
      const changed = (['status', 'occurredAt', 'notes', 'outcome'] as const).some(
        (f) => JSON.stringify(row[f]) !== JSON.stringify(next[f]),
      );
      if (changed) {
        const count = await m.countBy(InterventionRevision, { interventionId: row.id });
        if (count >= INTERVENTION_MAX_CORRECTIONS)
          throw new HubError(
            ErrorCode.InvalidState,
            `An intervention is corrected at most ${INTERVENTION_MAX_CORRECTIONS} times; log a new one`,
          );
        // The intervention as it was is kept, with who corrects it and why.
        await m.insert(InterventionRevision, {
          interventionId: row.id,
          personId: row.personId,
          version: row.version,
          status: row.status,
          occurredAt: row.occurredAt,
          notes: row.notes,
          outcome: row.outcome as never,
          correctedBy: actorRef(actor),
          correctedByName: actor.displayName,
          reason: input.reason ?? null,
        });
      }
      const saved = await m.save(Intervention, {
        ...row,
        status,
        occurredAt,
        notes,
        outcome,
      });
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      for (const field of ['status', 'occurredAt', 'notes', 'outcome'] as const) {
        if (JSON.stringify(row[field]) !== JSON.stringify(saved[field])) changes[field] = { old: row[field], new: saved[field] };
      }
      await this.outbox.emit(m, actor, {
        type: 'intervention.updated',
        aggregateType: 'intervention',
        aggregateId: row.id,
        personId: row.personId,
        payload: { status, dataCategory: row.dataCategory, ...(input.reason ? { reason: input.reason } : {}) },
        changes: input.reason ? { ...changes, reason: { old: null, new: input.reason } } : changes,
        categories: [row.dataCategory],
      });
      if (input.qualification) {
        await this.outbox.emit(m, actor, {
          type: 'outcome.recorded',
          aggregateType: 'intervention',
          aggregateId: row.id,
          personId: row.personId,
          payload: { typeCode: row.typeCode, outcome: 'qualification', dataCategory: row.dataCategory },
        });
      }
      // A job start whose status now says the job began, or no longer does, opens or withdraws its window; a corrected start date moves it.
      if (outcome?.kind === 'job' && (changes.status || changes.outcome))
        await this.outbox.emit(m, actor, ...windowEvents(await alignSustainmentWindows(m, [row.id])));
      return interventionView(saved);
    });
  }

  /**
   * Each intervention's earlier versions, oldest first (at most INTERVENTION_MAX_CORRECTIONS each):
   * asked only for interventions the actor was shown, and a correction keeps the category, so the
   * versions are readable exactly when the intervention is.
   */
  async revisionsOf(ids: readonly string[]): Promise<Map<string, InterventionRevision[]>> {
    // The newest INTERVENTION_MAX_CORRECTIONS of each (bulk sync keeps versions past the cap), oldest first.
    const rows = ids.length
      ? ((await this.db.query(
          `SELECT x.* FROM (SELECT r.*, row_number() OVER (PARTITION BY r.intervention_id ORDER BY r.version DESC) AS n
                              FROM intervention_revision r WHERE r.intervention_id = ANY($1::uuid[])) x
            WHERE x.n <= $2 ORDER BY x.intervention_id, x.version`,
          [[...ids], INTERVENTION_MAX_CORRECTIONS],
        )) as Record<string, unknown>[])
      : [];
    const out = new Map<string, InterventionRevision[]>(ids.map((id) => [id, []]));
    for (const r of rows)
      out.get(r.intervention_id as string)?.push({
        id: r.id as string,
        interventionId: r.intervention_id as string,
        personId: r.person_id as string,
        version: r.version as number,
        status: r.status as InterventionStatus,
        occurredAt: r.occurred_at as Date,
        notes: r.notes as string | null,
        outcome: r.outcome as InterventionRevision['outcome'],
        correctedBy: r.corrected_by as string,
        correctedByName: r.corrected_by_name as string,
        correctedAt: r.corrected_at as Date,
        reason: r.reason as string | null,
      });
    return out;
  }
}
