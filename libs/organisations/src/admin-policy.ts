import { holdsPermission, Permission, requirePermission } from '@hub/access';
import type { Actor, Role } from '@hub/common';

export { HUB_GRANTED_ROLES } from '@hub/access';

/**
 * Who may administer organisations, users and API clients, as questions to the permission table
 * (libs/access permissions.ts: ORGANISATION_MANAGE, MEMBER_MANAGE). Pure functions over the actor.
 */
export const AdminPolicy = {
  canManageOrganisations(actor: Actor): boolean {
    return holdsPermission(actor, Permission.ORGANISATION_MANAGE);
  },
  canManageMembersOf(actor: Actor, organisationId: string): boolean {
    return holdsPermission(actor, Permission.MEMBER_MANAGE, { organisationId });
  },
  /** Only hub admins can make hub admins and commissioners. */
  canGrantRoles(actor: Actor, roles: Role[]): boolean {
    return holdsPermission(actor, Permission.MEMBER_MANAGE, { organisationId: actor.organisationId, grantsRoles: roles });
  },
  /** Only hub admins can change a user who holds a hub-granted role. */
  canChangeUser(actor: Actor, userRoles: Role[]): boolean {
    return holdsPermission(actor, Permission.MEMBER_MANAGE, { organisationId: actor.organisationId, targetRoles: userRoles });
  },
};

export function requireOrganisationAdmin(actor: Actor): void {
  requirePermission(actor, Permission.ORGANISATION_MANAGE);
}

/** An admin of the organisation (or a hub admin); `roles`: those being granted; `targetRoles`: those the changed user holds. */
export function requireMemberAdmin(
  actor: Actor,
  organisationId: string,
  roles: readonly Role[] = [],
  targetRoles: readonly Role[] = [],
): void {
  requirePermission(actor, Permission.MEMBER_MANAGE, { organisationId, grantsRoles: roles, targetRoles });
}
