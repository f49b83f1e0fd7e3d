import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

export const REQUIRED_PERMISSION = 'hub:requiredPermission';

/**
 * Declares the permission a resolver operation or REST route needs (see PERMISSIONS). The global guard
 * (libs/auth hub-auth.guard.ts) refuses an operation whose actor does not hold it, and refuses every
 * operation that declares none (deny by default); routes reachable anonymously are @Public() instead.
 * On a field resolver it documents what gates the field (field resolvers run no guard; their parent
 * operation's declaration, and the per-object policy, do the gating), and the declaration test
 * (test/permissions.e2e-spec.ts) requires it there too.
 */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);
