import { type Actor, OrganisationKind, type Purpose, Role, Scope, type SupportArea } from '@hub/common';
import { type AccessAction, DataCategory } from './data-category.js';
import type { PersonFacts } from './policy.js';
import { requestAreas } from './support-areas.js';

/**
 * The access table: (role, organisation kind, relationship, lawful basis, action, category) -> allowed.
 * It drives the unit test of the pure policy and the same cases through the SQL scope and GraphQL.
 */
export interface AccessCase {
  name: string;
  kind: OrganisationKind;
  roles: Role[];
  client?: Scope[];
  related: boolean;
  consented: DataCategory[];
  agreed: DataCategory[];
  own?: boolean;
  action: AccessAction;
  category: DataCategory;
  allowed: boolean;
  /** The organisation's visibility rule (default: the whole organisation). */
  visibility?: 'team_and_region';
  /** The person is allocated, in the actor's organisation, to the actor or to its team. */
  allocated?: 'me' | 'team';
  /** The person lives in one of the actor's regions. */
  inRegion?: boolean;
  /** A restriction in force: naming the actor, or not (and then letting break-glass open it, or not). */
  restriction?: 'listed' | 'unlisted' | 'unlisted_yields';
  /** An exclusion in force naming the actor. */
  excluded?: boolean;
  /** The actor holds a break-glass grant in force on the person. */
  breakGlass?: boolean;
  /** The request's purpose (default casework). */
  purpose?: Purpose;
  /** What the consents and agreements of the case were given for (default ete). */
  basisFor?: SupportArea;
}

const c = (
  name: string,
  kind: OrganisationKind,
  roles: Role[],
  related: boolean,
  consented: DataCategory[],
  agreed: DataCategory[],
  action: AccessAction,
  category: DataCategory,
  allowed: boolean,
  extra: Partial<AccessCase> = {},
): AccessCase => ({
  name,
  kind,
  roles,
  related,
  consented,
  agreed,
  action,
  category,
  allowed,
  ...extra,
});
const ALL = Object.values(DataCategory);
const { CASEWORKER, MANAGER, ORG_ADMIN, DATA_PROTECTION_OFFICER, HUB_ADMIN, COMMISSIONER } = Role;
const { PROBATION, PRISON, CHARITY, EMPLOYER, TRAINING_PROVIDER, JOBCENTRE } = OrganisationKind;
const { IDENTITY, OFFENDING, RISK, HEALTH, ETE, EMPLOYMENT, ACCOMMODATION } = DataCategory;

export const ACCESS_CASES: AccessCase[] = [
  // Probation under the statutory agreement sees everything of people it supervises.
  c('probation officer, involved, agreement: offending', PROBATION, [CASEWORKER], true, [], ALL, 'read', OFFENDING, true),
  c('probation officer, involved, agreement: health', PROBATION, [CASEWORKER], true, [], ALL, 'read', HEALTH, true),
  c('probation officer, not involved: identity', PROBATION, [CASEWORKER], false, [], ALL, 'read', IDENTITY, false),
  c('probation officer, not involved: offending', PROBATION, [CASEWORKER], false, [], ALL, 'read', OFFENDING, false),
  c('prison officer, involved, agreement: risk', PRISON, [CASEWORKER], true, [], ALL, 'read', RISK, true),
  // Charities: relationship AND consent for the category.
  c('charity, involved, no consent: identity', CHARITY, [CASEWORKER], true, [], [], 'read', IDENTITY, true),
  c('charity, involved, no consent: accommodation', CHARITY, [CASEWORKER], true, [], [], 'read', ACCOMMODATION, false),
  c('charity, involved, no consent: offending', CHARITY, [CASEWORKER], true, [], [], 'read', OFFENDING, false),
  c(
    'charity, involved, consent to accommodation: accommodation',
    CHARITY,
    [CASEWORKER],
    true,
    [ACCOMMODATION],
    [],
    'read',
    ACCOMMODATION,
    true,
  ),
  c('charity, involved, consent to accommodation: health', CHARITY, [CASEWORKER], true, [ACCOMMODATION], [], 'read', HEALTH, false),
  c('charity, consent but no involvement: accommodation', CHARITY, [CASEWORKER], false, [ACCOMMODATION], [], 'read', ACCOMMODATION, false),
  c('charity manager, involved, consent to health: health', CHARITY, [MANAGER], true, [HEALTH], [], 'read', HEALTH, true),
  c('charity, involved: writes its own work without consent', CHARITY, [CASEWORKER], true, [], [], 'write', ACCOMMODATION, true),
  c('charity, not involved: cannot write', CHARITY, [CASEWORKER], false, [], [], 'write', ACCOMMODATION, false),
  c('charity, its own data, no consent', CHARITY, [CASEWORKER], false, [], [], 'read', HEALTH, true, { own: true }),
  // Employers: employment outcomes of people they work with, never offence, health or risk.
  c('employer, involved, consent to ETE: employment', EMPLOYER, [CASEWORKER], true, [ETE, EMPLOYMENT], [], 'read', EMPLOYMENT, true),
  c('employer, involved, consent to ETE: ete', EMPLOYER, [CASEWORKER], true, [ETE, EMPLOYMENT], [], 'read', ETE, false),
  c('employer, involved, consent to everything: offending', EMPLOYER, [CASEWORKER], true, ALL, ALL, 'read', OFFENDING, false),
  c('employer, involved, consent to everything: health', EMPLOYER, [CASEWORKER], true, ALL, ALL, 'read', HEALTH, false),
  c('employer, involved, agreement on everything: risk', EMPLOYER, [MANAGER], true, [], ALL, 'read', RISK, false),
  c('employer, involved: identity', EMPLOYER, [CASEWORKER], true, [], [], 'read', IDENTITY, true),
  c('employer, involved: cannot write offending', EMPLOYER, [CASEWORKER], true, ALL, ALL, 'write', OFFENDING, false),
  c('employer, involved: writes employment', EMPLOYER, [CASEWORKER], true, [], [], 'write', EMPLOYMENT, true),
  // Training providers and Jobcentres follow consent and agreements.
  c('training provider, involved, consent to ETE: ete', TRAINING_PROVIDER, [CASEWORKER], true, [ETE, EMPLOYMENT], [], 'read', ETE, true),
  c(
    'training provider, involved, consent to ETE: offending',
    TRAINING_PROVIDER,
    [CASEWORKER],
    true,
    [ETE, EMPLOYMENT],
    [],
    'read',
    OFFENDING,
    false,
  ),
  c('jobcentre, involved, agreement on ETE: employment', JOBCENTRE, [CASEWORKER], true, [], [ETE, EMPLOYMENT], 'read', EMPLOYMENT, true),
  // Roles: administrators administer; the data protection officer reads but does not write.
  c('org admin, involved, agreement: identity', PROBATION, [ORG_ADMIN], true, [], ALL, 'read', IDENTITY, false),
  c('hub admin, involved, agreement: offending', PROBATION, [HUB_ADMIN], true, [], ALL, 'read', OFFENDING, false),
  c('hub admin: even own data', PROBATION, [HUB_ADMIN], true, [], ALL, 'read', OFFENDING, false, { own: true }),
  c('data protection officer, involved, agreement: health', PROBATION, [DATA_PROTECTION_OFFICER], true, [], ALL, 'read', HEALTH, true),
  c('data protection officer: cannot write', PROBATION, [DATA_PROTECTION_OFFICER], true, [], ALL, 'write', IDENTITY, false),
  // Commissioners read aggregate reports only: no person data, whatever the relationship, consent or agreement.
  c('commissioner, involved, consent and agreement: identity', PROBATION, [COMMISSIONER], true, ALL, ALL, 'read', IDENTITY, false),
  c('commissioner, involved, consent and agreement: employment', CHARITY, [COMMISSIONER], true, ALL, ALL, 'read', EMPLOYMENT, false),
  c('commissioner, involved, consent and agreement: cannot write', PROBATION, [COMMISSIONER], true, ALL, ALL, 'write', ETE, false),
  c('commissioner: not even its own data', PROBATION, [COMMISSIONER], true, ALL, ALL, 'read', OFFENDING, false, { own: true }),
  c('commissioner, not involved: identity', PROBATION, [COMMISSIONER], false, [], [], 'read', IDENTITY, false),
  // API clients act through scopes.
  c('client with people:read, involved, consent: accommodation', CHARITY, [], true, [ACCOMMODATION], [], 'read', ACCOMMODATION, true, {
    client: [Scope.PEOPLE_READ],
  }),
  c('client with people:read: cannot write', CHARITY, [], true, [ACCOMMODATION], [], 'write', ACCOMMODATION, false, {
    client: [Scope.PEOPLE_READ],
  }),
  c('client without person scopes: identity', CHARITY, [], true, [], [], 'read', IDENTITY, false, { client: [Scope.REPORTS_READ] }),
  // Team and region: within an organisation that chose it, a caseworker's or manager's own people only.
  ...(() => {
    const TR = { visibility: 'team_and_region' } as const;
    return [
      c('team/region caseworker, allocated to them: offending', PROBATION, [CASEWORKER], true, [], ALL, 'read', OFFENDING, true, {
        ...TR,
        allocated: 'me',
      }),
      c('team/region caseworker, allocated to their team: health', PROBATION, [CASEWORKER], true, [], ALL, 'read', HEALTH, true, {
        ...TR,
        allocated: 'team',
      }),
      c('team/region caseworker, person in their region: identity', PROBATION, [CASEWORKER], true, [], ALL, 'read', IDENTITY, true, {
        ...TR,
        inRegion: true,
      }),
      c('team/region caseworker, none of these: identity', PROBATION, [CASEWORKER], true, [], ALL, 'read', IDENTITY, false, TR),
      c('team/region caseworker, none of these: cannot write', PROBATION, [CASEWORKER], true, [], ALL, 'write', ETE, false, TR),
      c('team/region caseworker, none of these: not even own data', PROBATION, [CASEWORKER], true, [], ALL, 'read', OFFENDING, false, {
        ...TR,
        own: true,
      }),
      c('team/region manager, allocated to their team: writes', PROBATION, [MANAGER], true, [], ALL, 'write', RISK, true, {
        ...TR,
        allocated: 'team',
      }),
      c(
        'team/region data protection officer, none of these: health',
        PROBATION,
        [DATA_PROTECTION_OFFICER],
        true,
        [],
        ALL,
        'read',
        HEALTH,
        true,
        TR,
      ),
      c('team/region caseworker, none of these, break-glass: reads', PROBATION, [CASEWORKER], true, [], ALL, 'read', RISK, true, {
        ...TR,
        breakGlass: true,
      }),
      c(
        'team/region caseworker, allocated to them, not related: nothing',
        PROBATION,
        [CASEWORKER],
        false,
        [],
        ALL,
        'read',
        IDENTITY,
        false,
        { ...TR, allocated: 'me' },
      ),
      c('team/region API client, none of these: identity', PROBATION, [], true, [], ALL, 'read', IDENTITY, true, {
        ...TR,
        client: [Scope.PEOPLE_READ],
      }),
      c('team/region caseworker, in region, no consent: accommodation', CHARITY, [CASEWORKER], true, [], [], 'read', ACCOMMODATION, false, {
        ...TR,
        inRegion: true,
      }),
    ];
  })(),
  // Restrictions and exclusions: to everyone else the record does not exist.
  c('restricted, not named: identity', PROBATION, [CASEWORKER], true, [], ALL, 'read', IDENTITY, false, { restriction: 'unlisted' }),
  c('restricted, not named: not even own data', PROBATION, [CASEWORKER], true, [], ALL, 'read', OFFENDING, false, {
    restriction: 'unlisted',
    own: true,
  }),
  c('restricted, not named: cannot write', PROBATION, [MANAGER], true, [], ALL, 'write', IDENTITY, false, { restriction: 'unlisted' }),
  c('restricted, named: offending', PROBATION, [CASEWORKER], true, [], ALL, 'read', OFFENDING, true, { restriction: 'listed' }),
  c('restricted, not named, break-glass, restriction allows it: risk', PROBATION, [MANAGER], true, [], ALL, 'read', RISK, true, {
    restriction: 'unlisted_yields',
    breakGlass: true,
  }),
  c('restricted, not named, break-glass, restriction does not allow it', PROBATION, [MANAGER], true, [], ALL, 'read', IDENTITY, false, {
    restriction: 'unlisted',
    breakGlass: true,
  }),
  c('restricted, API client (never named): identity', PROBATION, [], true, [], ALL, 'read', IDENTITY, false, {
    restriction: 'unlisted',
    client: [Scope.PEOPLE_READ],
  }),
  c('excluded: identity', PROBATION, [CASEWORKER], true, [], ALL, 'read', IDENTITY, false, { excluded: true }),
  c('excluded: not even own data', CHARITY, [CASEWORKER], true, [], [], 'read', ACCOMMODATION, false, { excluded: true, own: true }),
  c('excluded, break-glass: still nothing', PROBATION, [MANAGER], true, [], ALL, 'read', IDENTITY, false, {
    excluded: true,
    breakGlass: true,
  }),
  c('excluded, also named on a restriction: nothing', PROBATION, [CASEWORKER], true, [], ALL, 'read', IDENTITY, false, {
    excluded: true,
    restriction: 'listed',
  }),
  // Purpose: a basis counts only for the purposes it was given for.
  c(
    'training provider, consent for accommodation covering health: health',
    TRAINING_PROVIDER,
    [CASEWORKER],
    true,
    [HEALTH, ACCOMMODATION],
    [],
    'read',
    HEALTH,
    false,
    {
      basisFor: 'accommodation',
    },
  ),
  c('charity, consent for health, request for accommodation: health', CHARITY, [CASEWORKER], true, [HEALTH], [], 'read', HEALTH, false, {
    basisFor: 'health',
    purpose: 'accommodation',
  }),
  c('charity, consent for health, request for health: health', CHARITY, [CASEWORKER], true, [HEALTH], [], 'read', HEALTH, true, {
    basisFor: 'health',
    purpose: 'health',
  }),
  c('charity, consent for health, casework: health', CHARITY, [CASEWORKER], true, [HEALTH], [], 'read', HEALTH, true, {
    basisFor: 'health',
  }),
  c(
    'jobcentre, agreement for ete, request for finance: employment',
    JOBCENTRE,
    [CASEWORKER],
    true,
    [],
    [EMPLOYMENT],
    'read',
    EMPLOYMENT,
    false,
    {
      purpose: 'finance',
    },
  ),
  c(
    'charity, consent for health, request for accommodation: writes its own work',
    CHARITY,
    [CASEWORKER],
    true,
    [HEALTH],
    [],
    'write',
    HEALTH,
    true,
    {
      basisFor: 'health',
      purpose: 'accommodation',
    },
  ),
  c('charity, consent for health, request for accommodation: identity', CHARITY, [CASEWORKER], true, [HEALTH], [], 'read', IDENTITY, true, {
    basisFor: 'health',
    purpose: 'accommodation',
  }),
];

export const CASE_ACTOR_ID = '00000000-0000-4000-8000-00000000a001';
export const CASE_TEAM_ID = '00000000-0000-4000-8000-00000000b001';
export const CASE_REGION = 'london';

export function caseActor(k: AccessCase, organisationId = 'org-actor', id = CASE_ACTOR_ID): Actor {
  return {
    kind: k.client ? 'client' : 'user',
    id,
    regions: [CASE_REGION],
    teamIds: [CASE_TEAM_ID],
    ...(k.visibility ? { visibility: k.visibility } : {}),
    displayName: k.name,
    organisationId,
    organisationKind: k.kind,
    organisationRegions: [],
    roles: k.roles,
    scopes: k.client ?? [],
    purpose: k.purpose ?? 'casework',
    requestId: 'test',
  };
}

/** The facts a case describes, for its actor: a basis counts only when given for one of the request's areas. */
export function caseFacts(k: AccessCase, actor: Actor = caseActor(k)): PersonFacts {
  const forRequest = requestAreas(actor).includes(k.basisFor ?? 'ete');
  return {
    related: k.related,
    lead: false,
    consented: new Set(forRequest ? k.consented : []),
    agreed: new Set(forRequest ? k.agreed : []),
    otherPurpose: new Set([...k.consented, ...k.agreed]),
    allocatedToMe: k.allocated === 'me',
    inTeamOrRegion: k.allocated === 'team' || k.inRegion === true,
    restricted: k.restriction === 'unlisted' || k.restriction === 'unlisted_yields',
    restrictionYields: k.restriction !== 'unlisted',
    excluded: k.excluded === true,
    breakGlass: k.breakGlass === true,
  };
}
