import type { ScopeFacts } from './scope.js';

/**
 * The facts the policy reads, as SQL functions created by the migrations of the libs that own them
 * (migrations/1796715100000-AccessFactFunctions.ts): the contract between the policy and those libs.
 * Each returns a table and is inlined by PostgreSQL into the policy's statement, so the plans are those
 * of SQL written in place. test/access-fact-functions.e2e-spec.ts checks every declaration against the
 * database (arguments, result, and that it is inlined).
 *
 * Statements use the access parameters of `accessParameters` (`:accessOrg`, `:accessKind`, `:accessUser`,
 * `:accessTeams`, `:accessRegions`, `:accessAreas`) and, for a break-glass reader, `:accessActor`.
 */
export interface FactFunction {
  name: string;
  owner: 'persons' | 'consent' | 'privacy' | 'referrals';
  /** As `pg_get_function_arguments` prints them. */
  arguments: string;
  /** As `pg_get_function_result` prints it. */
  result: string;
}

const fn = (name: string, owner: FactFunction['owner'], args: string, result: string): FactFunction => ({
  name,
  owner,
  arguments: args,
  result,
});

export const FACT_FUNCTIONS = {
  /** One row: NULL when the organisation has no active involvement with the person's records, else whether it leads. */
  involvementRelationship: fn('access_involvement_relationship', 'persons', 'person uuid, organisation uuid', 'TABLE(lead boolean)'),
  /** The people the organisation has an active involvement with (surviving records included). */
  involvementPeople: fn('access_involvement_people', 'persons', 'organisation uuid', 'TABLE(person_id uuid)'),
  /** Allocations in force of the person's family of records within the organisation. */
  allocations: fn('access_allocations', 'persons', 'person uuid, organisation uuid', 'TABLE(case_owner_id uuid, team_id uuid)'),
  /** The surviving record's region. */
  personRegion: fn('access_person_region', 'persons', 'person uuid', 'TABLE(region text)'),
  /** Restrictions and exclusions in force on the person's family of records. */
  restrictions: fn('access_restrictions', 'persons', 'person uuid', 'TABLE(kind text, user_ids uuid[], allows_break_glass boolean)'),
  /** Consents in force given to the organisation or its kind, on the person or a record merged into it. */
  consents: fn(
    'access_consents',
    'consent',
    'person uuid, organisation uuid, organisation_kind text',
    'TABLE(categories text[], purpose text)',
  ),
  /** Sharing agreements in force to which the organisation or its kind is party. */
  agreements: fn('access_agreements', 'consent', 'organisation uuid, organisation_kind text', 'TABLE(categories text[], purposes text[])'),
  /** The people on whom the actor holds a break-glass grant in force. */
  breakGlassPeople: fn('access_break_glass_people', 'privacy', 'actor text', 'TABLE(person_id uuid)'),
  /** One row (FALSE: never lead) when an open referral to the organisation concerns the person's records; none otherwise. */
  referralRelationship: fn('access_referral_relationship', 'referrals', 'person uuid, organisation uuid', 'TABLE(lead boolean)'),
  /** The people (surviving records) of open referrals to the organisation. */
  referralPeople: fn('access_referral_people', 'referrals', 'organisation uuid', 'TABLE(person_id uuid)'),
} as const satisfies Record<string, FactFunction>;

const F = FACT_FUNCTIONS;
const ORG = 'CAST(:accessOrg AS uuid)';
const KIND = 'CAST(:accessKind AS text)';
const AREAS = 'CAST(:accessAreas AS text[])';
/** `:accessUser` is NULL for an API client: never listed on a restriction. */
const LISTED = `COALESCE(CAST(:accessUser AS uuid) = ANY(r.user_ids), false)`;

/** The fact expressions over a person column, as the policy's SQL form and the facts query use them. */
export const factSql = {
  /** NULL when not related; true when related as lead; false otherwise (involvements first, then open referrals). */
  relationship: (p: string) =>
    `COALESCE((SELECT f.lead FROM ${F.involvementRelationship.name}(${p}, ${ORG}) f), (SELECT f.lead FROM ${F.referralRelationship.name}(${p}, ${ORG}) f))`,
  /** The ids of the people the organisation is related to (uncorrelated: lists start from the caseload). */
  relatedIds: () =>
    `SELECT f.person_id FROM ${F.involvementPeople.name}(${ORG}) f UNION ALL SELECT f.person_id FROM ${F.referralPeople.name}(${ORG}) f`,
  /** A consent in force covers `category` of the person for one of the request's areas (or any area). */
  consented: (p: string, category: string, anyPurpose = false) =>
    `EXISTS (SELECT 1 FROM ${F.consents.name}(${p}, ${ORG}, ${KIND}) c WHERE ${category} = ANY(c.categories)${anyPurpose ? '' : ` AND c.purpose = ANY(${AREAS})`})`,
  /** An agreement in force covers `category` for one of the request's areas (or any area). */
  agreed: (category: string, anyPurpose = false) =>
    `EXISTS (SELECT 1 FROM ${F.agreements.name}(${ORG}, ${KIND}) a WHERE ${category} = ANY(a.categories)${anyPurpose ? '' : ` AND a.purposes && ${AREAS}`})`,
  lawful: (p: string, category: string) => `(${factSql.agreed(category)} OR ${factSql.consented(p, category)})`,
  allocated: (p: string) =>
    `EXISTS (SELECT 1 FROM ${F.allocations.name}(${p}, ${ORG}) al WHERE al.case_owner_id = CAST(:accessUser AS uuid))`,
  teamOrRegion: (p: string) =>
    `(EXISTS (SELECT 1 FROM ${F.allocations.name}(${p}, ${ORG}) al WHERE al.team_id = ANY(CAST(:accessTeams AS uuid[])))
      OR EXISTS (SELECT 1 FROM ${F.personRegion.name}(${p}) rg WHERE rg.region = ANY(CAST(:accessRegions AS text[]))))`,
  /** A restriction in force on the person does not list the user. */
  restricted: (p: string) => `EXISTS (SELECT 1 FROM ${F.restrictions.name}(${p}) r WHERE r.kind = 'restriction' AND NOT ${LISTED})`,
  /** Every restriction in force that does not list the user lets a break-glass grant open the record. */
  restrictionYields: (p: string) =>
    `NOT EXISTS (SELECT 1 FROM ${F.restrictions.name}(${p}) r WHERE r.kind = 'restriction' AND NOT ${LISTED} AND NOT r.allows_break_glass)`,
  /** An exclusion in force on the person lists the user. */
  excluded: (p: string) => `EXISTS (SELECT 1 FROM ${F.restrictions.name}(${p}) r WHERE r.kind = 'exclusion' AND ${LISTED})`,
  /** The reader (`:accessActor`) holds a break-glass grant in force on the person. */
  grant: (p: string) => `EXISTS (SELECT 1 FROM ${F.breakGlassPeople.name}(CAST(:accessActor AS text)) g WHERE g.person_id = ${p})`,
  grantedIds: () => `SELECT g.person_id FROM ${F.breakGlassPeople.name}(CAST(:accessActor AS text)) g`,
};

/** The caseworker-level gates in the form compileScope and compileGates take (team: allocated to the user, or team or region). */
export const GATE_FACTS: Pick<ScopeFacts, 'teamSql' | 'restrictedSql' | 'restrictionYieldsSql' | 'excludedSql'> = {
  teamSql: (c) => `(${factSql.allocated(c)} OR ${factSql.teamOrRegion(c)})`,
  restrictedSql: factSql.restricted,
  restrictionYieldsSql: factSql.restrictionYields,
  excludedSql: factSql.excluded,
};
