import { type Actor, ForbiddenError, Role } from '@hub/common';

/** Who may administer organisations, users and API clients. Pure functions over the actor. */
export const AdminPolicy = {
  canManageOrganisations(actor: Actor): boolean {
    return actor.kind === 'user' && actor.roles.includes(Role.HUB_ADMIN);
  },
  canManageMembersOf(actor: Actor, organisationId: string): boolean {
    if (actor.kind !== 'user') return false;
    if (actor.roles.includes(Role.HUB_ADMIN)) return true;
    return actor.roles.includes(Role.ORG_ADMIN) && actor.organisationId === organisationId;
  },
  /** Only hub admins can make hub admins. */
  canGrantRoles(actor: Actor, roles: Role[]): boolean {
    return !roles.includes(Role.HUB_ADMIN) || actor.roles.includes(Role.HUB_ADMIN);
  },
};

export function requireOrganisationAdmin(actor: Actor): void {
  if (!AdminPolicy.canManageOrganisations(actor)) throw new ForbiddenError('Only hub admins manage organisations');
}

export function requireMemberAdmin(actor: Actor, organisationId: string, roles: Role[] = []): void {
  if (!AdminPolicy.canManageMembersOf(actor, organisationId)) {
    throw new ForbiddenError("Only the organisation's admins (or hub admins) manage its users and clients");
  }
  if (!AdminPolicy.canGrantRoles(actor, roles)) throw new ForbiddenError('Only hub admins can grant the hub admin role');
}
