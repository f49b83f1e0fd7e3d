import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

export const REQUIRED_PERMISSION = 'hub:requiredPermission';
export const PERMISSION_ON_OBJECT = 'hub:permissionOnObject';

export interface RequirePermissionOptions {
  /**
   * The service checks the permission once it has the object (AccessService.require with a subject),
   * after answering NOT_FOUND for a person the actor may not see; the guard then checks only that the
   * operation declares one. For operations whose answer to a stranger must stay NOT_FOUND (or, for a
   * list or a subscription, empty: the service filters by the permission, AccessService.holds).
   */
  onObject?: boolean;
}

/**
 * Declares the permission a resolver operation or REST route needs (see PERMISSIONS). The global guard
 * (libs/auth hub-auth.guard.ts) refuses an operation whose actor does not hold it, and refuses every
 * operation that declares none (deny by default); routes reachable anonymously are @Public() instead.
 * On a field resolver it documents what gates the field (field resolvers run no guard; their parent
 * operation's declaration, and the per-object policy, do the gating), and the declaration test
 * (test/permissions.e2e-spec.ts) requires it there too.
 */
export const RequirePermission = (permission: Permission, options: RequirePermissionOptions = {}) =>
  // The flag is set either way, so a method's own declaration overrides its class's as a whole (a class
  // declared onObject must not let a method declared otherwise skip the guard's check).
  applyDecorators(SetMetadata(REQUIRED_PERMISSION, permission), SetMetadata(PERMISSION_ON_OBJECT, options.onObject === true));
