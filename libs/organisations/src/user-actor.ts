import { type Actor, type CaseVisibility, Scope, type SupportArea } from '@hub/common';

/**
 * A signed-in user as an actor: the one mapping from a user and its organisation to what the access
 * policy reads. Sign-in builds it for each request; the hub's own work on a user's behalf (deciding
 * whether an email may go to them) builds it the same way, so both are decided alike.
 */
export function userActor(
  user: { id: string; name: string; email: string; roles: Actor['roles']; regions: string[]; passwordChangeRequired?: boolean },
  organisation: { id: string; kind: Actor['organisationKind']; regions: string[]; visibility: CaseVisibility; supportAreas: SupportArea[] },
  teamIds: string[] = [],
): Actor {
  return {
    kind: 'user',
    id: user.id,
    displayName: user.name,
    email: user.email,
    organisationId: organisation.id,
    organisationKind: organisation.kind,
    organisationRegions: organisation.regions,
    regions: user.regions,
    teamIds,
    visibility: organisation.visibility,
    supportAreas: organisation.supportAreas,
    roles: user.roles,
    scopes: Object.values(Scope),
    purpose: 'casework',
    requestId: '',
    ...(user.passwordChangeRequired ? { passwordChangeRequired: true } : {}),
  };
}
