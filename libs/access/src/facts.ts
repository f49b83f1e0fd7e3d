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
  /** Categories covered by agreements in force to which the organisation (or its kind) is party, for one of `areas` (any when absent). */
  agreedCategories(organisation: OrganisationRef, areas?: readonly string[]): Promise<Set<DataCategory>>;
  /**
   * SQL true when a consent in force given to `:accessOrg`/`:accessKind` covers `categoryExpr` of the person in
   * `personColumn` for one of the request's areas of support (`:accessAreas`), or for any area when `anyPurpose`.
   */
  consentSql(personColumn: string, categoryExpr: string, anyPurpose?: boolean): string;
  /** SQL true when an agreement in force to which `:accessOrg`/`:accessKind` is party covers `categoryExpr` for `:accessAreas` (or any purpose). */
  agreementSql(categoryExpr: string, anyPurpose?: boolean): string;
  /** consentSql OR agreementSql, for the request's areas. */
  lawfulSql(personColumn: string, categoryExpr: string): string;
}

/** Break-glass grants in force, provided by libs/privacy: an actor opened a record it could not otherwise see. */
export interface BreakGlassFacts {
  /** SQL true when `:accessActor` holds a grant in force on the person in `personColumn`. */
  grantSql(personColumn: string): string;
  /** SQL selecting the ids of the people on which `:accessActor` holds a grant in force. */
  grantedIdsSql(): string;
}

/**
 * Who within the organisation may open a case, provided by libs/caseload: allocations to caseworkers and
 * teams, the person's region, restrictions and exclusions. `:accessUser` is the acting user's id (NULL
 * for an API client), `:accessTeams` and `:accessRegions` the user's teams and regions.
 */
export interface CaseworkerFacts {
  /** SQL true when the person in `personColumn` is allocated, in `:accessOrg`, to `:accessUser`. */
  allocatedSql(personColumn: string): string;
  /** SQL true when the person is allocated in `:accessOrg` to one of `:accessTeams`, or lives in one of `:accessRegions`. */
  teamOrRegionSql(personColumn: string): string;
  /** SQL true when a restriction in force on the person does not list `:accessUser`. */
  restrictedSql(personColumn: string): string;
  /** SQL true when every restriction in force on the person that does not list `:accessUser` lets a break-glass grant open it. */
  restrictionYieldsSql(personColumn: string): string;
  /** SQL true when an exclusion in force on the person lists `:accessUser`. */
  excludedSql(personColumn: string): string;
}

export const RELATIONSHIP_FACTS = Symbol('RELATIONSHIP_FACTS');
export const CASEWORKER_FACTS = Symbol('CASEWORKER_FACTS');
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
