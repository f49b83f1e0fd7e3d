import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Actor, NotFoundError } from '@hub/common';
import { categoryCeiling } from './ability.js';
import { type AccessAction, DataCategory } from './data-category.js';
import { BREAK_GLASS_FACTS, type BreakGlassFacts, combineRelationshipFacts, EXTRA_RELATIONSHIP_FACTS, LAWFUL_BASIS_FACTS, type LawfulBasisFacts, RELATIONSHIP_FACTS, type RelationshipFacts } from './facts.js';
import { type Decision, decide, NO_FACTS, type PersonFacts, readableCategories } from './policy.js';
import { type CompiledScope, compileScope, type ScopeColumns } from './scope.js';

/**
 * The one door to person data: facts are loaded fresh for every request (no cache outlives it, so a
 * withdrawn consent is felt at once), decisions come from the pure policy, lists from its SQL form.
 */
@Injectable()
export class AccessService {
  private relationshipFacts?: RelationshipFacts;
  private lawfulFacts?: LawfulBasisFacts;
  private breakGlassFacts?: BreakGlassFacts | null;

  constructor(private readonly moduleRef: ModuleRef) {}

  private get relationships(): RelationshipFacts {
    this.relationshipFacts ??= combineRelationshipFacts(this.moduleRef.get<RelationshipFacts>(RELATIONSHIP_FACTS, { strict: false }), this.optional(EXTRA_RELATIONSHIP_FACTS));
    return this.relationshipFacts;
  }

  private optional<T>(token: symbol): T | null {
    try {
      return this.moduleRef.get<T>(token, { strict: false });
    } catch {
      return null;
    }
  }

  private get lawful(): LawfulBasisFacts {
    this.lawfulFacts ??= this.moduleRef.get<LawfulBasisFacts>(LAWFUL_BASIS_FACTS, { strict: false });
    return this.lawfulFacts;
  }

  /** Optional (the CLI and unit tests may run without libs/audit): without it, no grant is ever in force. */
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

  /** Facts about each person for the actor's organisation, in four queries whatever the count. */
  async facts(actor: Actor, personIds: readonly string[]): Promise<Map<string, PersonFacts>> {
    const ids = [...new Set(personIds)];
    const org = { id: actor.organisationId, kind: actor.organisationKind };
    const [related, consented, agreed, grants] = await Promise.all([
      this.relationships.relationships(actor.organisationId, ids),
      this.lawful.consentedCategories(org, ids),
      this.lawful.agreedCategories(org),
      actor.kind === 'user' && this.breakGlass ? this.breakGlass.activeGrants(`user:${actor.id}`, ids) : Promise.resolve(new Set<string>()),
    ]);
    const result = new Map<string, PersonFacts>();
    for (const id of ids) {
      const rel = related.get(id);
      result.set(id, { related: !!rel, lead: !!rel?.lead, consented: consented.get(id) ?? new Set(), agreed, breakGlass: grants.has(id) });
    }
    return result;
  }

  async factsFor(actor: Actor, personId: string): Promise<PersonFacts> {
    return (await this.facts(actor, [personId])).get(personId) ?? NO_FACTS;
  }

  decide(actor: Actor, action: AccessAction, category: DataCategory, facts: PersonFacts, owner?: string | null): Decision {
    return decide(actor, action, category, facts, owner);
  }

  readable(actor: Actor, facts: PersonFacts): Set<DataCategory> {
    return readableCategories(actor, facts);
  }

  /** Throws NOT_FOUND (never "forbidden": the caller must not learn that the person exists). */
  require(actor: Actor, action: AccessAction, category: DataCategory, facts: PersonFacts, owner?: string | null, what = 'Person'): void {
    if (!decide(actor, action, category, facts, owner).allowed) throw new NotFoundError(what);
  }

  /** The SQL condition scoping rows with a person and a category to what the actor may `action`. */
  scope(actor: Actor, action: AccessAction, columns: ScopeColumns): CompiledScope {
    const grants = actor.kind === 'user' && action === 'read' ? this.breakGlass : null;
    const compiled = compileScope(actor, action, columns, {
      relatedSql: (c, perRow) => (grants ? `(${this.relationships.relatedSql(c, perRow)} OR ${grants.grantSql(c)})` : this.relationships.relatedSql(c, perRow)),
      lawfulSql: (c, cat) => (grants ? `(${this.lawful.lawfulSql(c, cat)} OR ${grants.grantSql(c)})` : this.lawful.lawfulSql(c, cat)),
    });
    return grants ? { where: compiled.where, parameters: { ...compiled.parameters, accessActor: `user:${actor.id}` } } : compiled;
  }

  /** The SQL condition for people the actor may find at all (identity readable); `perRow` as in ScopeColumns. */
  personScope(actor: Actor, personColumn: string, perRow = false): CompiledScope {
    return this.scope(actor, 'read', { person: personColumn, category: `'${DataCategory.IDENTITY}'`, perRow });
  }

  ceiling(actor: Actor, action: AccessAction): DataCategory[] {
    return categoryCeiling(actor, action);
  }
}
