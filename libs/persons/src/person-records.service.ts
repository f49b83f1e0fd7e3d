import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, DataCategory, type PersonFacts, Permission } from '@hub/access';
import { type Actor, asNotFound, type CountedConnection, HubError, ErrorCode, NotFoundError, ValidationError } from '@hub/common';
import { hydrate, limitPerParent, type PageArgs, pagesPerParent, type ParentListSpec } from '@hub/database';
import { OutboxService } from '@hub/events';
import { OrganisationsService } from '@hub/organisations';
import { Involvement } from './involvement.entity.js';
import { PersonChange } from './person-change.entity.js';
import type {
  AddInvolvementInput,
  EndInvolvementInput,
  MergePeopleInput,
  PersonChangeModel,
  PersonMergeModel,
  UnmergePersonInput,
} from './person-history.model.js';
import { PersonMerge } from './person-merge.entity.js';
import { InvolvementRole, PERSON_FIELD_CATEGORIES, type PersonField } from './person-vocabulary.js';
import { recordIdsSql } from './person-records.sql.js';
import { Person } from './person.entity.js';
import type { InvolvementModel } from './person.model.js';
import { actorRef, PersonsService } from './persons.service.js';

/** The default and the largest page of a record's history. */
export const HISTORY_PAGE = { fallback: 20, max: 500 } as const;

/** A record's history (and a merged record's), in the order written (oldest first). */
const HISTORY_LIST: ParentListSpec<PersonChange> = {
  entity: PersonChange,
  table: 'person_change',
  parentColumn: 'person_id',
  order: { id: 'bigint', direction: 'ASC' },
  size: HISTORY_PAGE,
};

/** History, involvements and merges of person records. */
@Injectable()
export class PersonRecordsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly organisations: OrganisationsService,
  ) {}

  /**
   * The record's latest stage changes, newest first (the timeline's); values the actor may not read are
   * withheld. Read with a limit: a record changed thousands of times is never read whole.
   */
  async recentStageChanges(actor: Actor, personId: string, first: number): Promise<PersonChangeModel[]> {
    const { personId: id, recordIds, facts } = await this.persons.requireAccess(actor, personId);
    const [page] = await pagesPerParent(
      this.db,
      {
        ...HISTORY_LIST,
        filter: "e.changes -> 'stage' IS NOT NULL",
        order: { id: 'bigint', direction: 'DESC' },
        size: { fallback: first, max: HISTORY_PAGE.max },
      },
      [{ key: id, recordIds }],
      { first },
    );
    return page.edges.map((e) => this.changeView(actor, e.node, facts));
  }

  /**
   * A page of the history of each of many people in two statements (DataLoader), oldest first, with
   * each history's length; `people` were returned by PersonsService for this actor.
   */
  async historyForPeople(
    actor: Actor,
    people: readonly { id: string; recordIds: string[]; facts: PersonFacts }[],
    args: PageArgs,
  ): Promise<CountedConnection<PersonChangeModel>[]> {
    const pages = await pagesPerParent(
      this.db,
      HISTORY_LIST,
      people.map((p) => ({ key: p.id, recordIds: p.recordIds })),
      args,
    );
    return pages.map((page, i) => ({
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: this.changeView(actor, e.node, people[i].facts) })),
    }));
  }

  /** A change is its writer's own record of what it did: the policy decides each value with the writer as owner. */
  private changeView(actor: Actor, c: PersonChange, facts: PersonFacts): PersonChangeModel {
    return {
      action: c.action,
      version: c.version,
      changedAt: c.changedAt,
      changedBy: c.changedBy,
      organisationId: c.organisationId,
      reason: c.reason,
      changes: Object.entries(c.changes ?? {}).map(([field, change]) => {
        const category = PERSON_FIELD_CATEGORIES[field as PersonField] ?? DataCategory.IDENTITY;
        const visible = this.access.decide(actor, 'read', category, facts, c.organisationId).allowed;
        return {
          field,
          oldValue: visible ? JSON.stringify(change.old ?? null) : null,
          newValue: visible ? JSON.stringify(change.new ?? null) : null,
          withheld: !visible,
        };
      }),
    };
  }

  /** Every involvement of the record (for the hub's own decisions, such as who leads; never a response). */
  async involvements(actor: Actor, personId: string, m: EntityManager = this.db.manager): Promise<InvolvementModel[]> {
    const { recordIds } = await this.persons.requireAccess(actor, personId, m);
    return m
      .getRepository(Involvement)
      .createQueryBuilder('i')
      .where('i.person_id = ANY(:ids)', { ids: recordIds })
      .orderBy('i.started_at')
      .getMany();
  }

  /**
   * For many people in one statement (DataLoader), oldest first, at most `limit` of each record;
   * `people` were returned by PersonsService for this actor.
   */
  async involvementsForPeople(people: readonly { id: string; recordIds: string[] }[], limit: number): Promise<InvolvementModel[][]> {
    const [sql, parameters] = this.db
      .getRepository(Involvement)
      .createQueryBuilder('i')
      .where('i.person_id = ANY(:ids)', { ids: people.flatMap((p) => p.recordIds) })
      .getQueryAndParameters();
    const raw: Record<string, unknown>[] = await this.db.query(
      limitPerParent(
        sql,
        'i_person_id',
        [
          ['i_started_at', 'ASC'],
          ['i_id', 'ASC'],
        ],
        limit,
      ),
      parameters,
    );
    const rows = raw.map((r) => hydrate(this.db, Involvement, r, 'i_'));
    return people.map((p) => rows.filter((r) => p.recordIds.includes(r.personId)));
  }

  /** The lead organisation involves another; an accepted referral does the same through addWithin. */
  /** `within`: the caller's transaction (a sync batch's savepoint, source `sync`). */
  async addInvolvement(actor: Actor, input: AddInvolvementInput, within?: EntityManager): Promise<InvolvementModel> {
    const { personId, facts } = await this.persons.requireAccess(actor, input.personId, within);
    this.access.require(actor, Permission.INVOLVEMENT_ADD, { facts });
    const startedAt = input.startedAt ? new Date(input.startedAt) : new Date();
    const endedAt = input.endedAt ? new Date(input.endedAt) : null;
    if (endedAt && endedAt <= startedAt) throw new ValidationError([{ field: 'endedAt', messages: ['must be after startedAt'] }]);
    const add = (m: EntityManager) =>
      this.addWithin(m, actor, personId, input.organisationId, input.role, within ? 'sync' : 'manual', startedAt, endedAt);
    return within ? add(within) : this.db.transaction(add);
  }

  /** An involvement on a person the actor may see (for a sync to compare with its record); NOT_FOUND otherwise. */
  async involvement(m: EntityManager, actor: Actor, involvementId: string): Promise<InvolvementModel> {
    const involvement = await m.findOneBy(Involvement, { id: involvementId });
    if (!involvement) throw new NotFoundError('Involvement');
    await asNotFound('Involvement', () => this.persons.requireAccess(actor, involvement.personId, m));
    return involvement;
  }

  /**
   * The organisation's involvement in force with the person (on any of its records), or null: an
   * accepted referral reuses it rather than add a second one. No access check (the caller's).
   */
  async involvementInForce(
    personId: string,
    organisationId: string,
    m: EntityManager = this.db.manager,
  ): Promise<{ role: InvolvementRole; startedAt: Date } | null> {
    const [row]: { role: InvolvementRole; started_at: Date }[] = await m.query(
      `SELECT i.role, i.started_at FROM involvement i
        WHERE i.person_id = ANY(${recordIdsSql('$1::uuid')}) AND i.organisation_id = $2 AND (i.ended_at IS NULL OR i.ended_at > now())
        ORDER BY i.started_at LIMIT 1`,
      [personId, organisationId],
    );
    return row ? { role: row.role, startedAt: row.started_at } : null;
  }

  /** Adds an involvement inside the caller's transaction (the seam for accepted referrals). */
  async addWithin(
    m: EntityManager,
    actor: Actor,
    personId: string,
    organisationId: string,
    role: InvolvementRole,
    source: string,
    startedAt = new Date(),
    endedAt: Date | null = null,
  ): Promise<Involvement> {
    if (!(await this.organisations.byIds([organisationId], m)).length) throw new NotFoundError('Organisation');
    const involvement = await m.save(
      m.create(Involvement, { personId, organisationId, role, startedAt, endedAt, source, createdBy: actorRef(actor) }),
    );
    await m.insert(PersonChange, {
      personId,
      action: 'involvement_added',
      version: 0,
      changes: { organisationId: { old: null, new: organisationId }, role: { old: null, new: role } } as never,
      reason: source,
      changedBy: actorRef(actor),
      organisationId: actor.organisationId,
    });
    await this.outbox.emit(m, actor, {
      type: 'person.involvement_added',
      aggregateType: 'person',
      aggregateId: personId,
      personId,
      payload: { organisationId, role, source },
    });
    return involvement;
  }

  /**
   * Ends an involvement: an organisation ends its own work with the person, or the lead ends any
   * organisation's (the lead transfers a case by adding the new lead, then ending its own). The
   * relationship, and what it let the organisation see, ends then (an open referral to it still
   * relates it until the referral ends). NOT_FOUND when the actor may not see the person.
   */
  async endInvolvement(actor: Actor, input: EndInvolvementInput, within?: EntityManager): Promise<InvolvementModel> {
    const end = async (m: EntityManager) => {
      const involvement = await m.findOne(Involvement, { where: { id: input.involvementId }, lock: { mode: 'pessimistic_write' } });
      if (!involvement) throw new NotFoundError('Involvement');
      const { facts } = await asNotFound('Involvement', () => this.persons.requireAccess(actor, involvement.personId, m));
      this.access.require(actor, Permission.INVOLVEMENT_END, { facts, organisationId: involvement.organisationId });
      const now = new Date();
      if (involvement.endedAt && involvement.endedAt <= now)
        throw new HubError(ErrorCode.InvalidState, 'This involvement has already ended');
      const endedAt = input.endedAt ? new Date(input.endedAt) : now;
      if (endedAt <= involvement.startedAt)
        throw new ValidationError([{ field: 'endedAt', messages: ['must be after the involvement started'] }]);
      const previous = involvement.endedAt;
      involvement.endedAt = endedAt;
      const saved = await m.save(involvement);
      const reason = input.reason.trim();
      await m.insert(PersonChange, {
        personId: involvement.personId,
        action: 'involvement_ended',
        version: 0,
        changes: {
          organisationId: { old: involvement.organisationId, new: involvement.organisationId },
          role: { old: involvement.role, new: involvement.role },
          endedAt: { old: previous, new: endedAt },
        } as never,
        reason,
        changedBy: actorRef(actor),
        organisationId: actor.organisationId,
      });
      await this.outbox.emit(m, actor, {
        type: 'person.involvement_ended',
        aggregateType: 'person',
        aggregateId: involvement.personId,
        personId: involvement.personId,
        // Its organisation is a party: it hears of the end through the feed and webhooks (without the person) even once it no longer works with them.
        payload: {
          involvementId: involvement.id,
          organisationId: involvement.organisationId,
          role: involvement.role,
          endedAt: endedAt.toISOString(),
          parties: [involvement.organisationId],
        },
      });
      return saved;
    };
    return within ? end(within) : this.db.transaction(end);
  }

  /** Merges a duplicate into a survivor: reads of either now show one record. Reversible. */
  async merge(actor: Actor, input: MergePeopleInput): Promise<PersonMergeModel> {
    if (input.survivorId === input.duplicateId)
      throw new ValidationError([{ field: 'duplicateId', messages: ['must differ from survivorId'] }]);
    const survivor = await this.persons.requireAccess(actor, input.survivorId);
    const duplicate = await this.persons.requireAccess(actor, input.duplicateId);
    this.access.require(actor, Permission.PERSON_MERGE);
    if (survivor.personId === duplicate.personId) throw new HubError(ErrorCode.InvalidState, 'These records are already merged');
    return this.db.transaction(async (m) => {
      // Both records first, in id order, then the records that follow the duplicate: the order the ETE funnel's
      // maintenance locks people in (survivors first; EteFunnelPerPersonLock), so a write on them meanwhile queues, not deadlocks.
      await m.query('SELECT 1 FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [
        [survivor.personId, duplicate.personId],
      ]);
      const dup = await m.findOne(Person, { where: { id: duplicate.personId } });
      if (!dup || dup.mergedIntoId) throw new HubError(ErrorCode.InvalidState, 'The duplicate was merged meanwhile');
      // Records already merged into the duplicate follow it to the survivor (named in the event, for integrators that keep the mapping flat).
      const [moved]: [{ id: string }[], number] = await m.query(
        'UPDATE person SET merged_into_id = $1 WHERE merged_into_id = $2 RETURNING id',
        [survivor.personId, dup.id],
      );
      await m.update(Person, { id: dup.id }, { mergedIntoId: survivor.personId });
      const merge = await m.save(
        m.create(PersonMerge, { survivorId: survivor.personId, mergedId: dup.id, reason: input.reason, mergedBy: actorRef(actor) }),
      );
      for (const [id, other] of [
        [survivor.personId, dup.id],
        [dup.id, survivor.personId],
      ]) {
        await m.insert(PersonChange, {
          personId: id,
          action: 'merged',
          version: 0,
          changes: { mergedWith: { old: null, new: other } } as never,
          reason: input.reason,
          changedBy: actorRef(actor),
          organisationId: actor.organisationId,
        });
      }
      await this.outbox.emit(m, actor, {
        type: 'person.merged',
        aggregateType: 'person',
        aggregateId: survivor.personId,
        personId: survivor.personId,
        payload: { mergeId: merge.id, mergedId: dup.id, withRecords: moved.map((r) => r.id).sort() },
      });
      return merge;
    });
  }

  async unmerge(actor: Actor, input: UnmergePersonInput): Promise<PersonMergeModel> {
    return this.db.transaction(async (m) => {
      const merge = await m.findOne(PersonMerge, { where: { id: input.mergeId }, lock: { mode: 'pessimistic_write' } });
      if (!merge) throw new NotFoundError('Merge');
      await asNotFound('Merge', () => this.persons.requireAccess(actor, merge.survivorId, m));
      this.access.require(actor, Permission.PERSON_UNMERGE);
      if (merge.undoneAt) throw new HubError(ErrorCode.InvalidState, 'This merge was already undone');
      // The record's survivor, then the record (the ETE funnel's lock order: survivors first; EteFunnelPerPersonLock).
      await m.query('SELECT 1 FROM person WHERE id = (SELECT COALESCE(merged_into_id, id) FROM person WHERE id = $1) FOR NO KEY UPDATE', [
        merge.mergedId,
      ]);
      await m.query('SELECT 1 FROM person WHERE id = $1 FOR NO KEY UPDATE', [merge.mergedId]);
      await m.update(Person, { id: merge.mergedId }, { mergedIntoId: null });
      // Records merged into the duplicate before this merge followed it to the survivor; they go back with it.
      const [moved]: [{ id: string }[], number] = await m.query(
        `UPDATE person SET merged_into_id = $1
          WHERE merged_into_id = $2 AND id IN (SELECT pm.merged_id FROM person_merge pm WHERE pm.survivor_id = $1 AND pm.undone_at IS NULL)
        RETURNING id`,
        [merge.mergedId, merge.survivorId],
      );
      merge.undoneAt = new Date();
      merge.undoneBy = actorRef(actor);
      merge.undoReason = input.reason;
      await m.save(merge);
      for (const [id, other] of [
        [merge.survivorId, merge.mergedId],
        [merge.mergedId, merge.survivorId],
      ]) {
        await m.insert(PersonChange, {
          personId: id,
          action: 'unmerged',
          version: 0,
          changes: { mergedWith: { old: other, new: null } } as never,
          reason: input.reason,
          changedBy: actorRef(actor),
          organisationId: actor.organisationId,
        });
      }
      await this.outbox.emit(m, actor, {
        type: 'person.unmerged',
        aggregateType: 'person',
        aggregateId: merge.survivorId,
        personId: merge.survivorId,
        payload: { mergeId: merge.id, mergedId: merge.mergedId, withRecords: moved.map((r) => r.id).sort() },
      });
      return merge;
    });
  }
}
