import type { DataCategory } from './data-category.js';

export interface OrganisationRef {
  id: string;
  kind: string;
}

/** Relationship facts, provided by the lib that owns involvements (persons). */
export interface RelationshipFacts {
  /** For each person the organisation is related to: whether as lead. */
  relationships(organisationId: string, personIds: readonly string[]): Promise<Map<string, { lead: boolean }>>;
  /**
   * SQL true when the organisation (`:accessOrg`) is related to the person in `personColumn`. With
   * `perRow`, written to be tested row by row (an index probe per row) rather than against the
   * organisation's whole caseload: for statements over a few thousand given rows (bulk loads).
   */
  relatedSql(personColumn: string, perRow?: boolean): string;
}

/** Lawful-basis facts, provided by the lib that owns consents and sharing agreements. */
export interface LawfulBasisFacts {
  /** Categories consented per person (to the organisation or its kind), in force now. */
  consentedCategories(organisation: OrganisationRef, personIds: readonly string[]): Promise<Map<string, Set<DataCategory>>>;
  /** Categories covered by agreements in force to which the organisation (or its kind) is party. */
  agreedCategories(organisation: OrganisationRef): Promise<Set<DataCategory>>;
  /** SQL true when a consent or agreement in force covers `categoryExpr` of the person in `personColumn` for `:accessOrg`/`:accessKind`. */
  lawfulSql(personColumn: string, categoryExpr: string): string;
}

/** Break-glass grants in force, provided by libs/audit: an actor opened a record it could not otherwise see. */
export interface BreakGlassFacts {
  /** Persons (of those given) on which the actor (`user:<id>`) holds a grant in force. */
  activeGrants(actorRef: string, personIds: readonly string[]): Promise<Set<string>>;
  /** SQL true when `:accessActor` holds a grant in force on the person in `personColumn`. */
  grantSql(personColumn: string): string;
}

export const RELATIONSHIP_FACTS = Symbol('RELATIONSHIP_FACTS');
/**
 * Optional further relationship facts from another lib (open referrals to the organisation): a person
 * is related when either source says so; lead comes from RELATIONSHIP_FACTS only.
 */
export const EXTRA_RELATIONSHIP_FACTS = Symbol('EXTRA_RELATIONSHIP_FACTS');

/** Both sources as one: the union of relationships (JS) and the OR of their conditions (SQL), so the two forms agree. */
export function combineRelationshipFacts(primary: RelationshipFacts, extra?: RelationshipFacts | null): RelationshipFacts {
  if (!extra) return primary;
  return {
    async relationships(organisationId, personIds) {
      const [a, b] = await Promise.all([primary.relationships(organisationId, personIds), extra.relationships(organisationId, personIds)]);
      const result = new Map(a);
      for (const id of b.keys()) if (!result.has(id)) result.set(id, { lead: false });
      return result;
    },
    relatedSql(personColumn, perRow) {
      return `(${primary.relatedSql(personColumn, perRow)} OR ${extra.relatedSql(personColumn, perRow)})`;
    },
  };
}
export const LAWFUL_BASIS_FACTS = Symbol('LAWFUL_BASIS_FACTS');
export const BREAK_GLASS_FACTS = Symbol('BREAK_GLASS_FACTS');
