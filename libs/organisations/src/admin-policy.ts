import { type Actor, ForbiddenError, Role } from '@hub/common';

/**
 * Roles only hub admins may grant, change or take away: hub admins, and commissioners (who read
 * reports over every organisation, so an organisation's admin must not make one of its own users one).
 */
export const HUB_GRANTED_ROLES: readonly Role[] = [Role.HUB_ADMIN, Role.COMMISSIONER];

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
  /** Only hub admins can make hub admins and commissioners. */
  canGrantRoles(actor: Actor, roles: Role[]): boolean {
    return !roles.some((r) => HUB_GRANTED_ROLES.includes(r)) || (actor.kind === 'user' && actor.roles.includes(Role.HUB_ADMIN));
  },
  /** Only hub admins can change a user who holds a hub-granted role. */
  canChangeUser(actor: Actor, userRoles: Role[]): boolean {
    return AdminPolicy.canGrantRoles(actor, userRoles);
  },
};

export function requireOrganisationAdmin(actor: Actor): void {
  if (!AdminPolicy.canManageOrganisations(actor)) throw new ForbiddenError('Only hub admins manage organisations');
}

export function requireMemberAdmin(actor: Actor, organisationId: string, roles: Role[] = []): void {
  if (!AdminPolicy.canManageMembersOf(actor, organisationId)) {
    throw new ForbiddenError("Only the organisation's admins (or hub admins) manage its users and clients");
  }
  if (!AdminPolicy.canGrantRoles(actor, roles)) throw new ForbiddenError('Only hub admins can grant the hub admin and commissioner roles');
}
