import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AccessService, NO_FACTS, Permission } from '@hub/access';
import { type Actor, ErrorCode, HubError, NotFoundError, ValidationError } from '@hub/common';
import { OutboxService } from '@hub/events';
import { TeamsService, UsersService } from '@hub/organisations';
import { Allocation } from './allocation.entity.js';
import type { AllocatePersonInput, LiftRestrictionInput, PlaceRestrictionInput } from './case-access.inputs.js';
import type { AllocationModel, CaseRestrictionModel } from './case-access.model.js';
import { CaseRestriction } from './case-restriction.entity.js';
import { PersonsService } from './persons.service.js';

/** At most this many restrictions and exclusions in force on one record. */
export const RESTRICTIONS_PER_PERSON_MAX = 20;
/** At most this many allocations of a person in an organisation are read back (newest first). */
export const ALLOCATION_HISTORY_MAX = 200;
/** A review date at most this many days ahead. */
export const RESTRICTION_REVIEW_MAX_DAYS = 366;

const ref = (actor: Actor) => `${actor.kind}:${actor.id}`;

interface AllocationRow {
  id: string;
  person_id: string;
  case_owner_id: string | null;
  case_owner_name?: string | null;
  team_id: string | null;
  team_name?: string | null;
  reason: string;
  allocated_at: Date;
  allocated_by: string;
  ended_at: Date | null;
}

const toAllocation = (r: AllocationRow): AllocationModel => ({
  id: r.id,
  caseOwnerId: r.case_owner_id,
  caseOwnerName: r.case_owner_name ?? null,
  teamId: r.team_id,
  teamName: r.team_name ?? null,
  reason: r.reason,
  allocatedAt: r.allocated_at,
  allocatedBy: r.allocated_by,
  endedAt: r.ended_at,
});

const toRestriction = (r: CaseRestriction): CaseRestrictionModel => ({
  id: r.id,
  personId: r.personId,
  kind: r.kind as CaseRestrictionModel['kind'],
  userIds: r.userIds,
  reason: r.reason,
  reviewOn: r.reviewOn,
  allowsBreakGlass: r.allowsBreakGlass,
  placedAt: r.placedAt,
  placedBy: r.placedBy,
  liftedAt: r.liftedAt,
});

/**
 * Access down to the caseworker: allocation of a person to a case owner and team of an organisation, and
 * restrictions and exclusions on a record. The policy reads both (access_allocations, access_restrictions); this writes them.
 */
@Injectable()
export class CaseAccessService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly persons: PersonsService,
    private readonly teams: TeamsService,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
  ) {}

  /** Allocates (or reallocates) a person the actor's organisation works with to a case owner and/or team of it. */
  async allocate(actor: Actor, input: AllocatePersonInput): Promise<AllocationModel> {
    this.access.require(actor, Permission.CASE_ALLOCATE);
    if (!input.caseOwnerId && !input.teamId)
      throw new ValidationError([{ field: 'caseOwnerId', messages: ['give a case owner, a team, or both'] }]);
    const id = await this.db.transaction(async (m) => {
      const { personId, facts } = await this.persons.requireAccess(actor, input.personId, m);
      // A break-glass grant shows a record; it does not make the organisation one that works with the person.
      if (!facts.related) throw new NotFoundError('Person');
      if (input.caseOwnerId && !(await this.users.isCaseworkerOf(actor.organisationId, input.caseOwnerId, m)))
        throw new NotFoundError('Caseworker');
      if (input.teamId && !(await this.teams.ofOrganisation(actor.organisationId, input.teamId, m))) throw new NotFoundError('Team');
      await m.query(`UPDATE allocation SET ended_at = now() WHERE person_id = $1 AND organisation_id = $2 AND ended_at IS NULL`, [
        personId,
        actor.organisationId,
      ]);
      const saved = await m.save(
        m.create(Allocation, {
          personId,
          organisationId: actor.organisationId,
          caseOwnerId: input.caseOwnerId ?? null,
          teamId: input.teamId ?? null,
          reason: input.reason.trim(),
          allocatedBy: ref(actor),
        }),
      );
      // Within the organisation only (audience): other partners have no business with who owns the case here.
      await this.outbox.emit(m, actor, {
        type: 'person.allocated',
        aggregateType: 'person',
        aggregateId: personId,
        personId,
        payload: { audience: 'organisation', allocationId: saved.id, caseOwnerId: saved.caseOwnerId, teamId: saved.teamId },
      });
      return saved.id;
    });
    return (await this.allocationRows('al.id = $1', [id]))[0];
  }

  /** The current allocation in the actor's organisation of each given (visible) person. */
  async currentFor(actor: Actor, personIds: readonly string[]): Promise<(AllocationModel | null)[]> {
    const rows = await this.allocationRows('al.person_id = ANY($1::uuid[]) AND al.organisation_id = $2 AND al.ended_at IS NULL', [
      [...personIds],
      actor.organisationId,
    ]);
    const byPerson = new Map(rows.map((r) => [r.personId, r]));
    return personIds.map((id) => byPerson.get(id) ?? null);
  }

  /** Every allocation of the person in the actor's organisation, newest first (at most 200). */
  async historyOf(actor: Actor, personId: string): Promise<AllocationModel[]> {
    return this.allocationRows(
      'al.person_id = $1 AND al.organisation_id = $2 ORDER BY al.allocated_at DESC, al.id LIMIT ' + String(ALLOCATION_HISTORY_MAX),
      [personId, actor.organisationId],
    );
  }

  private async allocationRows(
    where: string,
    params: unknown[],
    m: EntityManager = this.db.manager,
  ): Promise<(AllocationModel & { personId: string })[]> {
    const rows: AllocationRow[] = await m.query(
      `SELECT al.id, al.person_id, al.case_owner_id, al.team_id, al.reason, al.allocated_at, al.allocated_by, al.ended_at
         FROM allocation al WHERE ${where}`,
      params,
    );
    // Names from the organisations lib (the directory of staff and teams), in one statement each.
    const [people, teams] = await Promise.all([
      this.users.namesOf(
        rows.flatMap((r) => (r.case_owner_id ? [r.case_owner_id] : [])),
        m,
      ),
      this.teams.namesOf(
        rows.flatMap((r) => (r.team_id ? [r.team_id] : [])),
        m,
      ),
    ]);
    return rows.map((r) => ({
      ...toAllocation({
        ...r,
        case_owner_name: r.case_owner_id ? (people.get(r.case_owner_id) ?? null) : null,
        team_name: r.team_id ? (teams.get(r.team_id) ?? null) : null,
      }),
      personId: r.person_id,
    }));
  }

  /** The lead organisation's manager or data protection officer restricts the record to, or excludes from it, named users. */
  async place(actor: Actor, input: PlaceRestrictionInput): Promise<CaseRestrictionModel> {
    this.access.require(actor, Permission.CASE_RESTRICT);
    const review = new Date(`${input.reviewOn}T00:00:00Z`).getTime();
    const today = Date.now();
    if (!(review > today && review <= today + RESTRICTION_REVIEW_MAX_DAYS * 86_400_000))
      throw new ValidationError([
        { field: 'reviewOn', messages: [`a date after today, at most ${RESTRICTION_REVIEW_MAX_DAYS} days ahead`] },
      ]);
    if (input.kind === 'exclusion' && input.userIds.includes(actor.id))
      throw new ValidationError([{ field: 'userIds', messages: ['you cannot exclude yourself'] }]);
    return this.db.transaction(async (m) => {
      const { personId, facts } = await this.persons.requireAccess(actor, input.personId, m);
      this.access.require(actor, Permission.CASE_RESTRICT, { facts });
      const known = await this.users.existing(input.userIds, m);
      const missing = input.userIds.filter((u) => !known.has(u));
      if (missing.length) throw new NotFoundError(`User ${missing[0]}`);
      const [{ count }]: { count: number }[] = await m.query(
        'SELECT count(*)::int AS count FROM case_restriction WHERE person_id = $1 AND lifted_at IS NULL',
        [personId],
      );
      if (count >= RESTRICTIONS_PER_PERSON_MAX)
        throw new HubError(
          ErrorCode.InvalidState,
          `A record has at most ${RESTRICTIONS_PER_PERSON_MAX} restrictions and exclusions in force`,
        );
      // Whoever restricts a record stays able to open it.
      const userIds = input.kind === 'restriction' ? [...new Set([actor.id, ...input.userIds])] : input.userIds;
      const saved = await m.save(
        m.create(CaseRestriction, {
          personId,
          organisationId: actor.organisationId,
          kind: input.kind,
          userIds,
          reason: input.reason.trim(),
          reviewOn: input.reviewOn,
          allowsBreakGlass: input.kind === 'restriction' && input.allowsBreakGlass === true,
          placedBy: ref(actor),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'person.restriction_placed',
        aggregateType: 'case_restriction',
        aggregateId: saved.id,
        personId,
        payload: { audience: 'organisation', restrictionId: saved.id, kind: saved.kind, reviewOn: saved.reviewOn },
      });
      return toRestriction(saved);
    });
  }

  /** Lifts a restriction or exclusion the actor's organisation placed. */
  async lift(actor: Actor, input: LiftRestrictionInput): Promise<CaseRestrictionModel> {
    this.access.require(actor, Permission.CASE_RESTRICT);
    return this.db.transaction(async (m) => {
      const found = await m.findOne(CaseRestriction, {
        where: { id: input.restrictionId, organisationId: actor.organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found || found.liftedAt) throw new NotFoundError('Restriction');
      // The lifter must still be one who may restrict this record (its organisation leads the person, and it may open it).
      const { facts } = await this.persons.requireAccess(actor, found.personId, m).catch(() => {
        throw new NotFoundError('Restriction');
      });
      this.access.require(actor, Permission.CASE_RESTRICT, { facts });
      found.liftedAt = new Date();
      found.liftedBy = ref(actor);
      found.liftReason = input.reason.trim();
      const saved = await m.save(found);
      await this.outbox.emit(m, actor, {
        type: 'person.restriction_lifted',
        aggregateType: 'case_restriction',
        aggregateId: saved.id,
        personId: saved.personId,
        payload: { audience: 'organisation', restrictionId: saved.id },
      });
      return toRestriction(saved);
    });
  }

  /** Restrictions and exclusions in force whose review date has come (for the review sweep; no access check). */
  async dueForReview(today: string, limit: number, m: EntityManager = this.db.manager): Promise<CaseRestriction[]> {
    return m
      .getRepository(CaseRestriction)
      .createQueryBuilder('r')
      .where('r.lifted_at IS NULL AND r.review_on <= :today', { today })
      .orderBy('r.review_on')
      .addOrderBy('r.id')
      .limit(limit)
      .getMany();
  }

  /**
   * Restrictions and exclusions in force on a person the actor may open: all of them to the lead
   * organisation's managers and data protection officers, otherwise those naming the actor.
   */
  async restrictionsOf(actor: Actor, personId: string, lead: boolean): Promise<CaseRestrictionModel[]> {
    const inForce = await this.db
      .getRepository(CaseRestriction)
      .find({ where: { personId, liftedAt: IsNull() }, order: { placedAt: 'ASC', id: 'ASC' } });
    const overseer = lead && this.access.holds(actor, Permission.CASE_RESTRICT, { facts: { ...NO_FACTS, lead: true } });
    return inForce.filter((r) => overseer || (actor.kind === 'user' && r.userIds.includes(actor.id))).map(toRestriction);
  }
}
