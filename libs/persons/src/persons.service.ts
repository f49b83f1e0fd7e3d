import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { AccessService, DATA_CATEGORIES, DataCategory, type PersonFacts, Permission } from '@hub/access';
import {
  type Actor,
  AlreadyExistsError,
  ConflictError,
  decodeCursor,
  encodeCursor,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  OrganisationKind,
  pageSize,
} from '@hub/common';
import { entityColumns, hydrate, idsRelation, namedQuery } from '@hub/database';
import { type DomainEvent, OutboxService } from '@hub/events';
import { RegionsService } from '@hub/organisations';
import type { CreatePersonInput } from './create-person.input.js';
import { Involvement } from './involvement.entity.js';
import { Caseload, type PeopleFilter, type PersonConnection } from './person-connection.model.js';
import { Allocation } from './allocation.entity.js';
import { PersonChange } from './person-change.entity.js';
import { PersonIdentifier } from './person-identifier.entity.js';
import { personView } from './person-view.js';
import { InvolvementRole, normaliseIdentifier, normaliseName, PERSON_FIELD_CATEGORIES, type PersonField } from './person-vocabulary.js';
import { Person } from './person.entity.js';
import { nameMatchSql, readSearchTerm } from './name-search.js';
import type { PersonModel } from './person.model.js';
import type { UpdatePersonInput } from './update-person.input.js';
import { recordIdsSql } from './person-records.sql.js';

/** What another lib needs to act on a person: the record's id, all ids merged into it, and the actor's facts. */
export interface PersonAccess {
  personId: string;
  recordIds: string[];
  facts: PersonFacts;
}

interface PersonRecord {
  requestedId: string;
  person: Person;
  recordIds: string[];
  identifiers: { scheme: PersonIdentifier['scheme']; value: string }[];
  facts: PersonFacts;
}

export interface CreatePersonResult {
  outcome: 'created' | 'existing' | 'candidates';
  person: PersonModel | null;
  candidates: PersonModel[];
  hiddenCandidates: number;
}

const UPDATABLE: PersonField[] = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'region',
  'releaseDate',
  'offenceSummary',
  'ogrsScore',
  'riskLevel',
  'healthNotes',
  'stage',
];

export function actorRef(actor: Actor): string {
  return `${actor.kind}:${actor.id}`;
}

/**
 * The record's OGRS score took a new value: an assessment as of that day, which the reporting lib keeps
 * for the reoffending analysis. The payload names the category, never the score.
 */
export const OGRS_SCORED = 'person.ogrs_scored';
const ogrsScored = (personId: string, assessedOn?: string | null): DomainEvent => ({
  type: OGRS_SCORED,
  aggregateType: 'person',
  aggregateId: personId,
  personId,
  payload: assessedOn ? { dataCategory: DataCategory.OFFENDING, assessedOn } : { dataCategory: DataCategory.OFFENDING },
});

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** An OGRS score's assessment date is never after today: a score from the future would be read at reference dates before it was made. */
function checkOgrsAssessedOn(assessedOn: string | null | undefined): void {
  const today = londonDay.format(new Date());
  if (assessedOn && assessedOn > today)
    throw new ValidationError([{ field: 'ogrsAssessedOn', messages: [`must not be after today (${today})`] }]);
}

/** The most identifiers Person.identifiers lists (a record and the records merged into it). */
export const IDENTIFIERS_MAX = 40;

/** The most candidates createPerson offers (records with the same name and date of birth). */
export const CANDIDATES_MAX = 20;

@Injectable()
export class PersonsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly vocabulary: RegionsService,
  ) {}

  /** Follows merges to the surviving record. */
  private async load(m: EntityManager, id: string, lock = false): Promise<Person | null> {
    const found = await m.findOne(Person, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (found?.mergedIntoId) return this.load(m, found.mergedIntoId, lock);
    return found;
  }

  private async recordIds(m: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
    const merged = ids.length ? await m.find(Person, { select: { id: true, mergedIntoId: true }, where: { mergedIntoId: In(ids) } }) : [];
    const map = new Map(ids.map((id) => [id, [id]]));
    for (const p of merged) map.get(p.mergedIntoId!)?.push(p.id);
    return map;
  }

  /**
   * The access check other libs call first: NOT_FOUND unless the actor may at least know who the
   * person is (identity readable). Returns the facts for its further decisions.
   */
  async requireAccess(actor: Actor, personId: string, m: EntityManager = this.db.manager): Promise<PersonAccess> {
    const [found] = await this.records(actor, [personId], m);
    if (!found) throw new NotFoundError('Person');
    this.access.requireVisible(actor, 'read', DataCategory.IDENTITY, found.facts);
    return { personId: found.person.id, recordIds: found.recordIds, facts: found.facts };
  }

  /** A record's OGRS score now, or null: no access check, for the hub's own handlers (an OGRS_SCORED event's assessment). */
  async ogrsScoreOf(id: string, m: EntityManager = this.db.manager): Promise<number | null> {
    const [row]: { ogrs_score: string | null }[] = await m.query('SELECT ogrs_score FROM person WHERE id = $1', [id]);
    return row?.ogrs_score == null ? null : Number(row.ogrs_score);
  }

  /** The id of the surviving record for an id (following merges), or null: no access check, for privileged paths (break-glass, subject access). */
  async survivorId(id: string, m: EntityManager = this.db.manager): Promise<string | null> {
    return (await this.load(m, id))?.id ?? null;
  }

  /** Ids of the record and of all records merged into it (no access check). */
  async allRecordIds(personId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    return (await this.recordIds(m, [personId])).get(personId)!;
  }

  /** Organisations leading the person's case now (to notify, e.g. of a break-glass access). */
  async leadOrganisations(personId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    const ids = await this.allRecordIds(personId, m);
    const rows: { organisation_id: string }[] = await m.query(
      `SELECT DISTINCT organisation_id FROM involvement WHERE person_id = ANY($1::uuid[]) AND role = 'lead' AND started_at <= now() AND (ended_at IS NULL OR ended_at > now())`,
      [ids],
    );
    return rows.map((r) => r.organisation_id);
  }

  /** `m`: the caller's transaction, when it holds one (never wait for a second pooled connection while holding one). */
  async get(actor: Actor, id: string, m: EntityManager = this.db.manager): Promise<PersonModel> {
    return (await this.getMany(actor, [id], m))[0] ?? Promise.reject(new NotFoundError('Person'));
  }

  /** Batch read for DataLoaders: null for anyone the actor may not see. One statement whatever the count. */
  async getMany(actor: Actor, ids: readonly string[], m: EntityManager = this.db.manager): Promise<(PersonModel | null)[]> {
    const found = await this.records(actor, ids, m, true);
    const byRequested = new Map(found.map((r) => [r.requestedId, r]));
    const views = new Map<string, PersonModel | null>();
    return ids.map((id) => {
      const r = byRequested.get(id);
      if (!r) return null;
      if (!views.has(r.person.id)) views.set(r.person.id, this.view(actor, r));
      return views.get(r.person.id)!;
    });
  }

  /**
   * The surviving records of the given ids (following a merge), each with the ids merged into it,
   * the actor's facts and, when asked, its identifiers: one statement, the facts compiled by the policy.
   */
  private async records(actor: Actor, ids: readonly string[], m: EntityManager, withIdentifiers = false): Promise<PersonRecord[]> {
    if (ids.length === 0) return [];
    const facts = this.access.factsSql(actor, 's.id');
    const identifiers = withIdentifiers
      ? `, (SELECT coalesce(json_agg(json_build_object('scheme', x.scheme, 'value', x.value) ORDER BY x.scheme, x.value), '[]'::json)
            FROM (SELECT i.scheme, i.value FROM person_identifier i WHERE i.person_id = ANY(rec.ids) ORDER BY i.scheme, i.value LIMIT ${IDENTIFIERS_MAX}) x) AS identifiers`
      : '';
    const requested = idsRelation([...new Set(ids)], 'requested', 'ids');
    const rows = await namedQuery(
      m,
      `SELECT requested.id AS requested_id, ${entityColumns(m.connection, Person, 's', 'p_')}, rec.ids AS record_ids${identifiers}, ${facts.columns}
         FROM ${requested.from}
         JOIN person r ON r.id = requested.id
         JOIN person s ON s.id = coalesce(r.merged_into_id, r.id) AND s.merged_into_id IS NULL
         CROSS JOIN LATERAL (SELECT ${recordIdsSql('s.id')} AS ids) rec`,
      { ...facts.parameters, ...requested.parameters },
    );
    return rows.map((row) => ({
      requestedId: row.requested_id as string,
      person: hydrate(m.connection, Person, row, 'p_'),
      recordIds: row.record_ids as string[],
      identifiers: (row.identifiers ?? []) as { scheme: PersonIdentifier['scheme']; value: string }[],
      facts: this.access.factsFromRow(row),
    }));
  }

  /** What the actor may see of a record: null unless at least identity is readable. */
  private view(actor: Actor, r: PersonRecord): PersonModel | null {
    const f = r.facts;
    if (!this.access.decide(actor, 'read', DataCategory.IDENTITY, f).allowed) return null;
    const view = personView(r.person, r.identifiers as PersonIdentifier[], this.access.readable(actor, f), r.recordIds, f);
    view.breakGlass = !!f.breakGlass && DATA_CATEGORIES.some((c) => this.access.decide(actor, 'read', c, f).reason === 'BREAK_GLASS');
    return view;
  }

  /** Masked views of people, dropping those the actor may not see; read through `m` when the caller holds a transaction. */
  private async views(actor: Actor, people: Pick<Person, 'id'>[], m: EntityManager = this.db.manager): Promise<PersonModel[]> {
    const found = await this.records(
      actor,
      people.map((p) => p.id),
      m,
      true,
    );
    const byId = new Map(found.map((r) => [r.person.id, r]));
    return people.flatMap((p) => {
      const r = byId.get(p.id);
      const v = r ? this.view(actor, r) : null;
      return v ? [v] : [];
    });
  }

  /** Search by name, identifier or date of birth, only among people the actor may see (scoped in SQL). */
  async search(
    actor: Actor,
    args: { search?: string | null; first?: number | null; after?: string | null; filter?: PeopleFilter | null },
  ): Promise<PersonConnection> {
    const first = pageSize(args.first);
    // The page's ids and sort keys only: records() reads the people themselves, with their facts.
    const qb = this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .select(['p.id', 'p.familyName', 'p.givenName'])
      .where('p.merged_into_id IS NULL');
    const scope = this.access.personScope(actor, 'p.id');
    qb.andWhere(scope.where, scope.parameters);
    // Tolerant matching is one more condition of this scoped query (name-search.ts), ranked by closeness.
    const term = args.search?.trim() ? readSearchTerm(args.search) : null;
    let tier = '0';
    let closeness = '0';
    if (term) {
      const identifier = `EXISTS (SELECT 1 FROM person_identifier pi JOIN person pp ON pp.id = pi.person_id WHERE pi.value = :identifier AND (pp.id = p.id OR pp.merged_into_id = p.id))`;
      const found: string[] = [identifier];
      const parameters: Record<string, unknown> = { identifier: normaliseIdentifier(term.raw), searchDate: term.dateOfBirth };
      if (term.words.length) {
        const name = nameMatchSql(term);
        Object.assign(parameters, name.parameters);
        found.push(term.dateOfBirth ? `(${name.where} AND p.date_of_birth = CAST(:searchDate AS date))` : name.where);
        tier = `(CASE WHEN ${identifier} THEN 0 ELSE ${name.tier} END)`;
        closeness = name.closeness;
      } else if (term.dateOfBirth) {
        found.push(`p.date_of_birth = CAST(:searchDate AS date)`);
      }
      qb.andWhere(`(${found.join(' OR ')})`, parameters);
    }
    if (args.filter?.caseload === Caseload.MINE || args.filter?.caseload === Caseload.MY_TEAMS) {
      // Within the scope above: allocated, in the actor's organisation, to the actor (or one of its teams).
      const teams = args.filter.caseload === Caseload.MY_TEAMS ? ' OR al.team_id = ANY(CAST(:caseloadTeams AS uuid[]))' : '';
      qb.andWhere(
        `EXISTS (SELECT 1 FROM allocation al WHERE al.person_id = p.id AND al.organisation_id = CAST(:caseloadOrg AS uuid) AND al.ended_at IS NULL
           AND (al.case_owner_id = CAST(:caseloadUser AS uuid)${teams}))`,
        {
          caseloadOrg: actor.organisationId,
          caseloadUser: actor.kind === 'user' ? actor.id : null,
          caseloadTeams: actor.kind === 'user' ? (actor.teamIds ?? []) : [],
        },
      );
    }
    if (args.filter?.region)
      qb.andWhere('p.region = :region', { region: await this.vocabulary.resolve(args.filter.region, 'filter.region') });
    if (args.filter?.stage) {
      // The stage is ETE data: filtering on it may only match people whose ETE data the actor may read,
      // or the filter itself would disclose a withheld stage.
      const ete = this.access.scope(actor, 'read', { person: 'p.id', category: `'${DataCategory.ETE}'` });
      qb.andWhere('p.stage = :stage', { stage: args.filter.stage }).andWhere(ete.where, ete.parameters);
    }
    if (args.filter?.dateOfBirth) qb.andWhere('p.date_of_birth = :dob', { dob: args.filter.dateOfBirth });
    // Closest first (the term as typed, then near matches by closeness), then by name: a keyset over all five.
    qb.addSelect(tier, 'rank_tier').addSelect(`-${closeness}`, 'rank_distance');
    if (args.after) {
      const [cTier, cDistance, family, given, id] = decodeCursor(args.after, 5) as [number, number, string, string, string];
      if (!Number.isInteger(cTier) || !Number.isInteger(cDistance))
        throw new ValidationError([{ field: 'after', messages: ['not a cursor from this list'] }]);
      qb.andWhere(
        `(${tier}, -${closeness}, p.family_name, p.given_name, p.id) > (CAST(:cTier AS int), CAST(:cDistance AS int), :cFamily, :cGiven, :cId)`,
        {
          cTier,
          cDistance,
          cFamily: family,
          cGiven: given,
          cId: id,
        },
      );
    }
    const rows = (await qb
      .orderBy('rank_tier')
      .addOrderBy('rank_distance')
      .addOrderBy('p.family_name')
      .addOrderBy('p.given_name')
      .addOrderBy('p.id')
      .limit(first + 1)
      .getRawMany()) as { p_id: string; p_family_name: string; p_given_name: string; rank_tier: number; rank_distance: number }[];
    const page = rows.slice(0, first).map((r) => ({
      id: r.p_id,
      familyName: r.p_family_name,
      givenName: r.p_given_name,
      tier: Number(r.rank_tier),
      distance: Number(r.rank_distance),
    }));
    const views = await this.views(actor, page);
    const edges = views.map((node) => {
      const p = page.find((r) => r.id === node.id)!;
      return { cursor: encodeCursor([p.tier, p.distance, p.familyName, p.givenName, p.id]), node };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * Looks for the person first: an identifier already known returns that record; the same name and
   * date of birth returns candidates to confirm (unless confirmNew). Otherwise creates the record,
   * with the creator's organisation involved (probation as lead).
   */
  /** `within`: run inside the caller's transaction (a savepoint), as bulk sync does. */
  async create(actor: Actor, input: CreatePersonInput, within?: EntityManager): Promise<CreatePersonResult> {
    this.access.require(actor, Permission.PERSON_CREATE);
    checkOgrsAssessedOn(input.ogrsAssessedOn);
    input = { ...input, region: await this.vocabulary.resolve(input.region, 'region', within) };
    // The values given become fields of the shared record: each needs the same decision as changing it
    // later, with the facts the organisation will have about the new record (no consent yet).
    const sensitive = (['offenceSummary', 'ogrsScore', 'riskLevel', 'healthNotes'] as const).filter(
      (f) => input[f] !== undefined && input[f] !== null,
    );
    if (sensitive.length) {
      const facts = await this.access.newRecordFacts(actor, actor.organisationKind === OrganisationKind.PROBATION);
      for (const field of sensitive) {
        if (!this.access.decideFieldChange(actor, PERSON_FIELD_CATEGORIES[field], facts).allowed) {
          throw new ForbiddenError(
            `Your organisation may not record ${field}: it could not read it back (no consent or sharing agreement covers ${PERSON_FIELD_CATEGORIES[field]} data for it)`,
          );
        }
      }
    }
    const identifiers = input.identifiers.map((i) => ({ scheme: i.scheme, value: normaliseIdentifier(i.value) }));
    const normalisedName = normaliseName(input.givenName, input.familyName);
    return (within ?? this.db.manager).transaction(async (m) => {
      if (identifiers.length) {
        const known = await m.find(PersonIdentifier, { where: identifiers.map((i) => ({ scheme: i.scheme, value: i.value })) });
        if (known.length) {
          const existing = await this.load(m, known[0].personId);
          const [view] = existing ? await this.views(actor, [existing], m) : [];
          if (!view)
            throw new AlreadyExistsError('A record with this identifier already exists; ask its lead organisation to involve you', {
              field: 'identifiers',
            });
          return { outcome: 'existing' as const, person: view, candidates: [], hiddenCandidates: 0 };
        }
      }
      if (!input.confirmNew) {
        // At most CANDIDATES_MAX records are read and offered (the oldest); the others count as hidden.
        const where = { normalisedName, dateOfBirth: input.dateOfBirth, mergedIntoId: IsNull() };
        const live = await m.find(Person, { where, order: { createdAt: 'ASC', id: 'ASC' }, take: CANDIDATES_MAX });
        const all = live.length < CANDIDATES_MAX ? live.length : await m.count(Person, { where });
        if (live.length) {
          const visible = await this.views(actor, live, m);
          return { outcome: 'candidates' as const, person: null, candidates: visible, hiddenCandidates: all - visible.length };
        }
      }
      const person = await m.save(
        m.create(Person, {
          givenName: input.givenName.trim(),
          familyName: input.familyName.trim(),
          normalisedName,
          dateOfBirth: input.dateOfBirth,
          region: input.region ?? null,
          releaseDate: input.releaseDate ?? null,
          offenceSummary: input.offenceSummary ?? null,
          ogrsScore: input.ogrsScore ?? null,
          riskLevel: input.riskLevel ?? null,
          healthNotes: input.healthNotes ?? null,
          createdByOrganisationId: actor.organisationId,
        }),
      );
      if (identifiers.length)
        await m.insert(
          PersonIdentifier,
          identifiers.map((i) => ({ ...i, personId: person.id })),
        );
      const role = actor.organisationKind === OrganisationKind.PROBATION ? InvolvementRole.LEAD : InvolvementRole.PROVIDER;
      await m.insert(Involvement, {
        personId: person.id,
        organisationId: actor.organisationId,
        role,
        startedAt: new Date(),
        source: 'creation',
        createdBy: actorRef(actor),
      });
      // The user who creates a record owns the case in its organisation (in its team, when it has exactly one).
      if (actor.kind === 'user')
        await m.insert(Allocation, {
          personId: person.id,
          organisationId: actor.organisationId,
          caseOwnerId: actor.id,
          teamId: actor.teamIds?.length === 1 ? actor.teamIds[0] : null,
          reason: 'Created the record',
          allocatedBy: actorRef(actor),
        });
      const changes = Object.fromEntries(
        UPDATABLE.filter((f) => (person as unknown as Record<string, unknown>)[f] != null).map((f) => [
          f,
          { old: null, new: (person as unknown as Record<string, unknown>)[f] },
        ]),
      );
      await m.insert(PersonChange, {
        personId: person.id,
        action: 'created',
        version: person.version,
        changes: changes as never,
        reason: null,
        changedBy: actorRef(actor),
        organisationId: actor.organisationId,
      });
      await this.outbox.emit(m, actor, {
        type: 'person.created',
        aggregateType: 'person',
        aggregateId: person.id,
        personId: person.id,
        payload: { region: person.region, releaseDate: person.releaseDate },
        changes: {
          givenName: { old: null, new: person.givenName },
          familyName: { old: null, new: person.familyName },
          dateOfBirth: { old: null, new: person.dateOfBirth },
          ...changes,
          identifiers: { old: null, new: identifiers },
        },
        categories: [...new Set([DataCategory.IDENTITY, ...Object.keys(changes).map((f) => PERSON_FIELD_CATEGORIES[f as PersonField])])],
      });
      if (person.releaseDate) {
        await this.outbox.emit(m, actor, {
          type: 'person.release_date_set',
          aggregateType: 'person',
          aggregateId: person.id,
          personId: person.id,
          payload: { releaseDate: person.releaseDate },
        });
      }
      if (person.ogrsScore != null) await this.outbox.emit(m, actor, ogrsScored(person.id, input.ogrsAssessedOn));
      const facts: PersonFacts = {
        related: true,
        lead: role === InvolvementRole.LEAD,
        consented: new Set(),
        agreed: new Set(),
        allocatedToMe: actor.kind === 'user',
      };
      const view = personView(person, identifiers as PersonIdentifier[], this.access.readable(actor, facts), [person.id], facts);
      return { outcome: 'created' as const, person: view, candidates: [], hiddenCandidates: 0 };
    });
  }

  /** Changes fields, each allowed only when the actor may read and write its category; a stale version changes nothing. */
  async update(actor: Actor, input: UpdatePersonInput, within?: EntityManager): Promise<PersonModel> {
    // The access facts are read before the transaction: read inside it, they would take a second pool
    // connection while holding the first and the row lock, and under load (as many updates at once as
    // the pool has connections) every connection would wait for another.
    checkOgrsAssessedOn(input.ogrsAssessedOn);
    input = { ...input, region: await this.vocabulary.resolve(input.region, 'region', within) };
    const current = await this.load(within ?? this.db.manager, input.id);
    if (!current) throw new NotFoundError('Person');
    const facts = await this.access.factsFor(actor, current.id);
    return (within ?? this.db.manager).transaction(async (m) => {
      const person = await this.load(m, input.id, true);
      // Merged into another record meanwhile: the facts read were another record's.
      if (!person || person.id !== current.id) throw new NotFoundError('Person');
      this.access.requireVisible(actor, 'read', DataCategory.IDENTITY, facts);
      if (person.version !== input.version) {
        throw new ConflictError('The record was changed by someone else; reload it and try again', { currentVersion: person.version });
      }
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      for (const field of UPDATABLE) {
        const value = (input as unknown as Record<string, unknown>)[field];
        if (value === undefined) continue;
        if (!this.access.decideFieldChange(actor, PERSON_FIELD_CATEGORIES[field], facts).allowed)
          throw new ForbiddenError(`You may not change ${field}`);
        const old = (person as unknown as Record<string, unknown>)[field];
        if (old !== value) changes[field] = { old, new: value };
      }
      if (Object.keys(changes).length === 0) return (await this.views(actor, [person], m))[0];
      const next = { ...person } as Record<string, unknown>;
      for (const [field, change] of Object.entries(changes)) next[field] = change.new;
      next.normalisedName = normaliseName(String(next.givenName), String(next.familyName));
      const saved = await m.save(Person, next as unknown as Person);
      await m.insert(PersonChange, {
        personId: person.id,
        action: changes.stage && Object.keys(changes).length === 1 ? 'stage_changed' : 'updated',
        version: saved.version,
        changes: changes as never,
        reason: input.reason,
        changedBy: actorRef(actor),
        organisationId: actor.organisationId,
      });
      await this.outbox.emit(m, actor, {
        type: 'person.updated',
        aggregateType: 'person',
        aggregateId: person.id,
        personId: person.id,
        payload: { fields: Object.keys(changes) },
        changes,
        categories: [...new Set(Object.keys(changes).map((f) => PERSON_FIELD_CATEGORIES[f as PersonField]))],
      });
      if (changes.stage) {
        await this.outbox.emit(m, actor, {
          type: 'person.stage_changed',
          aggregateType: 'person',
          aggregateId: person.id,
          personId: person.id,
          payload: { from: changes.stage.old, to: changes.stage.new },
        });
      }
      if (changes.releaseDate) {
        await this.outbox.emit(m, actor, {
          type: 'person.release_date_set',
          aggregateType: 'person',
          aggregateId: person.id,
          personId: person.id,
          payload: { releaseDate: changes.releaseDate.new },
        });
      }
      if (changes.ogrsScore?.new != null) await this.outbox.emit(m, actor, ogrsScored(person.id, input.ogrsAssessedOn));
      return personView(
        saved,
        await m.find(PersonIdentifier, { where: { personId: person.id } }),
        this.access.readable(actor, facts),
        (await this.recordIds(m, [person.id])).get(person.id)!,
        facts,
      );
    });
  }
}
