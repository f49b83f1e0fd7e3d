import type { Actor, Purpose } from './actor.js';
import { type OrganisationKind, Role, Scope } from './domain.js';

/**
 * The actor handlers use: the hub itself acting for an organisation (never a user). Its reach is a
 * caseworker's within that organisation, so the access policy applies to it as to anyone.
 */
export function systemActor(org: { id: string; kind: string; regions?: string[] }, name: string, purpose: Purpose = 'referral'): Actor {
  return {
    kind: 'client',
    id: `system.${name}`,
    displayName: `Hub (${name})`,
    organisationId: org.id,
    organisationKind: org.kind as OrganisationKind,
    organisationRegions: org.regions ?? [],
    roles: [Role.CASEWORKER],
    scopes: [Scope.PEOPLE_WRITE, Scope.REFERRALS_WRITE],
    purpose,
    requestId: `system.${name}`,
  };
}
