import type { DataCategory } from './data-category.js';

export interface OrganisationRef {
  id: string;
  kind: string;
}

/**
 * Relationship facts, provided by the lib that owns involvements (persons), in two SQL forms that
 * say the same thing: one for lists (the planner starts from the organisation's caseload), one for
 * a few given people (the planner starts from each person).
 */
export interface RelationshipFacts {
  /**
   * SQL selecting the ids of the people the organisation (`:accessOrg`) is related to. Uncorrelated,
   * so lists start from the organisation's caseload: their cost follows what it may see, not the table.
   */
  relatedIdsSql(): string;
  /** SQL, correlated to `personColumn`: NULL when not related, true when related as lead, false otherwise. */
  relationshipSql(personColumn: string): string;
}

/** Lawful-basis facts, provided by the lib that owns consents and sharing agreements. */
export interface LawfulBasisFacts {
  /** Categories consented per person (to the organisation or its kind), in force now. */
  consentedCategories(organisation: OrganisationRef, personIds: readonly string[]): Promise<Map<string, Set<DataCategory>>>;
  /** Categories covered by agreements in force to which the organisation (or its kind) is party. */
  agreedCategories(organisation: OrganisationRef): Promise<Set<DataCategory>>;
  /** SQL true when a consent in force given to `:accessOrg`/`:accessKind` covers `categoryExpr` of the person in `personColumn`. */
  consentSql(personColumn: string, categoryExpr: string): string;
  /** SQL true when an agreement in force to which `:accessOrg`/`:accessKind` is party covers `categoryExpr`. */
  agreementSql(categoryExpr: string): string;
  /** consentSql OR agreementSql. */
  lawfulSql(personColumn: string, categoryExpr: string): string;
}

/** Break-glass grants in force, provided by libs/privacy: an actor opened a record it could not otherwise see. */
export interface BreakGlassFacts {
  /** SQL true when `:accessActor` holds a grant in force on the person in `personColumn`. */
  grantSql(personColumn: string): string;
  /** SQL selecting the ids of the people on which `:accessActor` holds a grant in force. */
  grantedIdsSql(): string;
}

export const RELATIONSHIP_FACTS = Symbol('RELATIONSHIP_FACTS');
/**
 * Optional further relationship facts from another lib (open referrals to the organisation): a person
 * is related when either source says so; lead comes from RELATIONSHIP_FACTS only.
 */
export const EXTRA_RELATIONSHIP_FACTS = Symbol('EXTRA_RELATIONSHIP_FACTS');

/** Both sources as one: the union of their people, the first relationship found. */
export function combineRelationshipFacts(primary: RelationshipFacts, extra?: RelationshipFacts | null): RelationshipFacts {
  if (!extra) return primary;
  return {
    relatedIdsSql() {
      return `${primary.relatedIdsSql()} UNION ALL ${extra.relatedIdsSql()}`;
    },
    relationshipSql(personColumn) {
      return `COALESCE(${primary.relationshipSql(personColumn)}, ${extra.relationshipSql(personColumn)})`;
    },
  };
}
export const LAWFUL_BASIS_FACTS = Symbol('LAWFUL_BASIS_FACTS');
export const BREAK_GLASS_FACTS = Symbol('BREAK_GLASS_FACTS');
