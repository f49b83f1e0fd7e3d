import { type Actor, OrganisationKind, Role, Scope } from '@hub/common';
import { type AccessAction, DataCategory } from './data-category.js';
import type { PersonFacts } from './policy.js';

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
];

export function caseActor(k: AccessCase, organisationId = 'org-actor'): Actor {
  return {
    kind: k.client ? 'client' : 'user',
    id: 'actor',
    displayName: k.name,
    organisationId,
    organisationKind: k.kind,
    organisationRegions: [],
    roles: k.roles,
    scopes: k.client ?? [],
    purpose: 'casework',
    requestId: 'test',
  };
}

export function caseFacts(k: AccessCase): PersonFacts {
  return { related: k.related, lead: false, consented: new Set(k.consented), agreed: new Set(k.agreed) };
}
