import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Actor, NotFoundError } from '@hub/common';
import { categoryCeiling } from './ability.js';
import { type AccessAction, DATA_CATEGORIES, DataCategory } from './data-category.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { idsRelation, namedQuery } from '@hub/database';
import {
  BREAK_GLASS_FACTS,
  type BreakGlassFacts,
  CASEWORKER_FACTS,
  type CaseworkerFacts,
  combineRelationshipFacts,
  EXTRA_RELATIONSHIP_FACTS,
  LAWFUL_BASIS_FACTS,
  type LawfulBasisFacts,
  RELATIONSHIP_FACTS,
  type RelationshipFacts,
} from './facts.js';
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
import { type CompiledScope, compileGates, compileScope, type ScopeColumns, type ScopeFacts } from './scope.js';
import { requestAreas } from './support-areas.js';

/** Without libs/persons' caseworker facts (unit tests): nobody is allocated, restricted or excluded. */
const NO_CASEWORKER_FACTS: CaseworkerFacts = {
  allocatedSql: () => 'FALSE',
  teamOrRegionSql: () => 'FALSE',
  restrictedSql: () => 'FALSE',
  restrictionYieldsSql: () => 'FALSE',
  excludedSql: () => 'FALSE',
};

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
  private relationshipFacts?: RelationshipFacts;
  private lawfulFacts?: LawfulBasisFacts;
  private breakGlassFacts?: BreakGlassFacts | null;
  private caseworkerFacts?: CaseworkerFacts;

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  private get relationships(): RelationshipFacts {
    this.relationshipFacts ??= combineRelationshipFacts(
      this.moduleRef.get<RelationshipFacts>(RELATIONSHIP_FACTS, { strict: false }),
      this.optional(EXTRA_RELATIONSHIP_FACTS),
    );
    return this.relationshipFacts;
  }

  private optional<T>(token: symbol): T | null {
    try {
      return this.moduleRef.get<T>(token, { strict: false });
    } catch {
      return null;
    }
  }

  private get caseworkers(): CaseworkerFacts {
    this.caseworkerFacts ??= this.optional<CaseworkerFacts>(CASEWORKER_FACTS) ?? NO_CASEWORKER_FACTS;
    return this.caseworkerFacts;
  }

  private get lawful(): LawfulBasisFacts {
    this.lawfulFacts ??= this.moduleRef.get<LawfulBasisFacts>(LAWFUL_BASIS_FACTS, { strict: false });
    return this.lawfulFacts;
  }

  /** Optional (the CLI and unit tests may run without libs/privacy): without it, no grant is ever in force. */
  private get breakGlass(): BreakGlassFacts | null {
    if (this.breakGlassFacts === undefined) {
      try {
        this.breakGlassFacts = this.moduleRef.get<BreakGlassFacts>(BREAK_GLASS_FACTS, { strict: false });
      } catch {
        this.breakGlassFacts = null;
      }
    }
    return this.breakGlassFacts;
  }

  /**
   * The facts about the person in `personColumn` for the actor's organisation, as SELECT-list
   * expressions, so a caller reads them in the same statement as the person (see factsFromRow).
   */
  factsSql(actor: Actor, personColumn: string): CompiledFacts {
    const grants = actor.kind === 'user' ? this.breakGlass : null;
    const categories = `unnest(CAST(:accessCategories AS text[])) AS access_category(name)`;
    const cw = this.caseworkers;
    const anyPurpose = `${this.lawful.consentSql(personColumn, 'access_category.name', true)} OR ${this.lawful.agreementSql('access_category.name', true)}`;
    const columns = [
      `${this.relationships.relationshipSql(personColumn)} AS access_relationship`,
      `ARRAY(SELECT access_category.name FROM ${categories} WHERE ${this.lawful.consentSql(personColumn, 'access_category.name')}) AS access_consented`,
      `ARRAY(SELECT access_category.name FROM ${categories} WHERE ${this.lawful.agreementSql('access_category.name')}) AS access_agreed`,
      `ARRAY(SELECT access_category.name FROM ${categories} WHERE ${anyPurpose}) AS access_any_purpose`,
      `${grants ? grants.grantSql(personColumn) : 'FALSE'} AS access_break_glass`,
      `${cw.allocatedSql(personColumn)} AS access_allocated`,
      `${cw.teamOrRegionSql(personColumn)} AS access_team_or_region`,
      `${cw.restrictedSql(personColumn)} AS access_restricted`,
      `${cw.restrictionYieldsSql(personColumn)} AS access_restriction_yields`,
      `${cw.excludedSql(personColumn)} AS access_excluded`,
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
    return newRecordFacts(
      lead,
      await this.lawful.agreedCategories({ id: actor.organisationId, kind: actor.organisationKind }, requestAreas(actor)),
    );
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

  /** The caseworker facts in the form compileScope and compileGates take (the team gate: allocated to the user, or team or region). */
  private gateFacts(): Pick<ScopeFacts, 'teamSql' | 'restrictedSql' | 'restrictionYieldsSql' | 'excludedSql'> {
    const cw = this.caseworkers;
    return {
      teamSql: (c) => `(${cw.allocatedSql(c)} OR ${cw.teamOrRegionSql(c)})`,
      restrictedSql: (c) => cw.restrictedSql(c),
      restrictionYieldsSql: (c) => cw.restrictionYieldsSql(c),
      excludedSql: (c) => cw.excludedSql(c),
    };
  }

  /** The SQL condition scoping rows with a person and a category to what the actor may `action`. */
  scope(actor: Actor, action: AccessAction, columns: ScopeColumns): CompiledScope {
    const grants = actor.kind === 'user' && action === 'read' ? this.breakGlass : null;
    const compiled = compileScope(actor, action, columns, {
      ...this.gateFacts(),
      ...(grants ? { grantSql: (c: string) => grants.grantSql(c) } : {}),
      // Lists: one IN over the union of the related (and, for a break-glass reader, granted) people, so the
      // planner can start from that set (a semi-join) instead of testing every row against each source.
      // perRow (a bulk load's few thousand given rows): the correlated form, an index probe per row.
      relatedSql: (c, perRow) =>
        perRow
          ? `(${this.relationships.relationshipSql(c)} IS NOT NULL${grants ? ` OR ${grants.grantSql(c)}` : ''})`
          : `${c} IN (${this.relationships.relatedIdsSql()}${grants ? ` UNION ALL ${grants.grantedIdsSql()}` : ''})`,
      lawfulSql: (c, cat) => (grants ? `(${this.lawful.lawfulSql(c, cat)} OR ${grants.grantSql(c)})` : this.lawful.lawfulSql(c, cat)),
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
    const where = compileGates(actor, personColumn, this.gateFacts());
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
