import { Injectable } from '@nestjs/common';
import { type Actor, NotFoundError } from '@hub/common';
import { categoryCeiling } from './ability.js';
import { type AccessAction, DATA_CATEGORIES, DataCategory } from './data-category.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { idsRelation, namedQuery } from '@hub/database';
import { FACT_FUNCTIONS, factSql, GATE_FACTS } from './fact-functions.js';
import {
  caseGate,
  type Decision,
  decide,
  decideFieldChange,
  newRecordFacts,
  NO_FACTS,
  type PersonFacts,
  readableCategories,
} from './policy.js';
import { type CompiledScope, compileGates, compileScope, type ScopeColumns } from './scope.js';
import { requestAreas } from './support-areas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parameters every access statement may use: the organisation, the user and the request's areas of support. */
export function accessParameters(actor: Actor): Record<string, unknown> {
  return {
    accessOrg: actor.organisationId,
    accessKind: actor.organisationKind,
    // A user's id (a uuid); anything else (an API client, the hub itself) is never allocated nor named on a restriction.
    accessUser: actor.kind === 'user' && UUID.test(actor.id) ? actor.id : null,
    accessTeams: actor.kind === 'user' ? (actor.teamIds ?? []).filter((t) => UUID.test(t)) : [],
    accessRegions: actor.kind === 'user' ? (actor.regions ?? []) : [],
    accessAreas: requestAreas(actor),
  };
}
import { holdsPermission, type Permission, type PermissionSubject, requirePermission } from './permissions.js';

/** SELECT-list expressions reading a person's facts, and their parameters (see AccessService.factsSql). */
export interface CompiledFacts {
  columns: string;
  parameters: Record<string, unknown>;
}

/**
 * The one door to person data: facts are loaded fresh for every request (no cache outlives it, so a
 * withdrawn consent is felt at once), decisions come from the pure policy, lists from its SQL form.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The facts about the person in `personColumn` for the actor's organisation, as SELECT-list
   * expressions, so a caller reads them in the same statement as the person (see factsFromRow).
   */
  factsSql(actor: Actor, personColumn: string): CompiledFacts {
    const grants = actor.kind === 'user';
    const categories = `unnest(CAST(:accessCategories AS text[])) AS access_category(name)`;
    const category = 'access_category.name';
    const anyPurpose = `${factSql.consented(personColumn, category, true)} OR ${factSql.agreed(category, true)}`;
    const columns = [
      `${factSql.relationship(personColumn)} AS access_relationship`,
      `ARRAY(SELECT ${category} FROM ${categories} WHERE ${factSql.consented(personColumn, category)}) AS access_consented`,
      `ARRAY(SELECT ${category} FROM ${categories} WHERE ${factSql.agreed(category)}) AS access_agreed`,
      `ARRAY(SELECT ${category} FROM ${categories} WHERE ${anyPurpose}) AS access_any_purpose`,
      `${grants ? factSql.grant(personColumn) : 'FALSE'} AS access_break_glass`,
      `${factSql.allocated(personColumn)} AS access_allocated`,
      `${factSql.teamOrRegion(personColumn)} AS access_team_or_region`,
      `${factSql.restricted(personColumn)} AS access_restricted`,
      `${factSql.restrictionYields(personColumn)} AS access_restriction_yields`,
      `${factSql.excluded(personColumn)} AS access_excluded`,
    ].join(', ');
    const parameters: Record<string, unknown> = { ...accessParameters(actor), accessCategories: DATA_CATEGORIES };
    if (grants) parameters.accessActor = `user:${actor.id}`;
    return { columns, parameters };
  }

  /** The facts read by the columns of factsSql. */
  factsFromRow(row: Record<string, unknown>): PersonFacts {
    const relationship = row.access_relationship as boolean | null;
    return {
      related: relationship !== null,
      lead: relationship === true,
      consented: new Set(row.access_consented as DataCategory[]),
      agreed: new Set(row.access_agreed as DataCategory[]),
      breakGlass: row.access_break_glass === true,
      otherPurpose: new Set(row.access_any_purpose as DataCategory[]),
      allocatedToMe: row.access_allocated === true,
      inTeamOrRegion: row.access_team_or_region === true,
      restricted: row.access_restricted === true,
      restrictionYields: row.access_restriction_yields === true,
      excluded: row.access_excluded === true,
    };
  }

  /** Facts about each person for the actor's organisation, in one statement whatever the count. */
  async facts(actor: Actor, personIds: readonly string[]): Promise<Map<string, PersonFacts>> {
    const ids = [...new Set(personIds)];
    const result = new Map<string, PersonFacts>();
    if (ids.length === 0) return result;
    const facts = this.factsSql(actor, 'access_person.id');
    const people = idsRelation(ids, 'access_person', 'accessPeople');
    const rows = await namedQuery(this.db, `SELECT access_person.id, ${facts.columns} FROM ${people.from}`, {
      ...facts.parameters,
      ...people.parameters,
    });
    for (const row of rows) result.set(row.id as string, this.factsFromRow(row));
    return result;
  }

  async factsFor(actor: Actor, personId: string): Promise<PersonFacts> {
    return (await this.facts(actor, [personId])).get(personId) ?? NO_FACTS;
  }

  decide(actor: Actor, action: AccessAction, category: DataCategory, facts: PersonFacts, owner?: string | null): Decision {
    return decide(actor, action, category, facts, owner);
  }

  /** May the actor change this category of the person's shared record (see decideFieldChange)? */
  decideFieldChange(actor: Actor, category: DataCategory, facts: PersonFacts): Decision {
    return decideFieldChange(actor, category, facts);
  }

  /** The facts the actor's organisation will have about a record it creates now (its involvement; its agreements in force for the request's areas). */
  async newRecordFacts(actor: Actor, lead: boolean): Promise<PersonFacts> {
    const rows: { category: DataCategory }[] = await this.db.query(
      `SELECT DISTINCT unnest(a.categories) AS category FROM ${FACT_FUNCTIONS.agreements.name}($1, $2) a WHERE a.purposes && $3::text[]`,
      [actor.organisationId, actor.organisationKind, requestAreas(actor)],
    );
    return newRecordFacts(lead, new Set(rows.map((r) => r.category)));
  }

  readable(actor: Actor, facts: PersonFacts): Set<DataCategory> {
    return readableCategories(actor, facts);
  }

  /**
   * The one entry point for operation checks: throws FORBIDDEN with the permission's message unless the
   * actor holds it (see PERMISSIONS) and, given a subject (person facts, owning organisation …), its
   * rule on that object allows. Per-object data checks stay with decide/decideFieldChange/scope.
   */
  require(actor: Actor, permission: Permission, subject?: PermissionSubject): void {
    requirePermission(actor, permission, subject);
  }

  /** Whether the actor holds the permission (for reads that answer "nothing" rather than FORBIDDEN). */
  holds(actor: Actor, permission: Permission, subject?: PermissionSubject): boolean {
    return holdsPermission(actor, permission, subject);
  }

  /** Throws NOT_FOUND (never "forbidden": the caller must not learn that the person exists). */
  requireVisible(
    actor: Actor,
    action: AccessAction,
    category: DataCategory,
    facts: PersonFacts,
    owner?: string | null,
    what = 'Person',
  ): void {
    if (!decide(actor, action, category, facts, owner).allowed) throw new NotFoundError(what);
  }

  /** The SQL condition scoping rows with a person and a category to what the actor may `action`. */
  scope(actor: Actor, action: AccessAction, columns: ScopeColumns): CompiledScope {
    const grants = actor.kind === 'user' && action === 'read';
    const compiled = compileScope(actor, action, columns, {
      ...GATE_FACTS,
      ...(grants ? { grantSql: factSql.grant } : {}),
      // Lists: one IN over the union of the related (and, for a break-glass reader, granted) people, so the
      // planner can start from that set (a semi-join) instead of testing every row against each source.
      // perRow (a bulk load's few thousand given rows): the correlated form, an index probe per row.
      relatedSql: (c, perRow) =>
        perRow
          ? `(${factSql.relationship(c)} IS NOT NULL${grants ? ` OR ${factSql.grant(c)}` : ''})`
          : `${c} IN (${factSql.relatedIds()}${grants ? ` UNION ALL ${factSql.grantedIds()}` : ''})`,
      lawfulSql: (c, cat) => (grants ? `(${factSql.lawful(c, cat)} OR ${factSql.grant(c)})` : factSql.lawful(c, cat)),
    });
    const parameters = { ...accessParameters(actor), ...compiled.parameters };
    return { where: compiled.where, parameters: grants ? { ...parameters, accessActor: `user:${actor.id}` } : parameters };
  }

  /**
   * The caseworker-level gates alone (restriction, exclusion, team and region) over `personColumn`, NULL
   * passing (a row about no person): for referrals, tasks and grants about a person, which the
   * organisation may know of without reading the person's data, but never past these gates.
   */
  gates(actor: Actor, personColumn: string): CompiledScope {
    const where = compileGates(actor, personColumn, GATE_FACTS);
    return { where: `(${personColumn} IS NULL OR ${where})`, parameters: accessParameters(actor) };
  }

  /** Whether the person passes the caseworker-level gates for the actor (the object form of `gates`). */
  async passesGates(actor: Actor, personId: string | null): Promise<boolean> {
    if (!personId) return true;
    return caseGate(actor, await this.factsFor(actor, personId)) === null;
  }

  /** The SQL condition for people the actor may find at all (identity readable); `perRow` as in ScopeColumns. */
  personScope(actor: Actor, personColumn: string, perRow = false): CompiledScope {
    return this.scope(actor, 'read', { person: personColumn, category: `'${DataCategory.IDENTITY}'`, perRow });
  }

  ceiling(actor: Actor, action: AccessAction): DataCategory[] {
    return categoryCeiling(actor, action);
  }
}
