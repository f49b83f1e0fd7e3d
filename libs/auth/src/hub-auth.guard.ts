import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { type Permission, PERMISSION_ON_OBJECT, REQUIRED_PERMISSION, requirePermission } from '@hub/access';
import {
  type Actor,
  ALLOWED_BEFORE_PASSWORD_CHANGE,
  ErrorCode,
  ForbiddenError,
  HubError,
  isDatabaseUnavailable,
  IS_PUBLIC,
  PURPOSES,
  type Purpose,
  requestOf,
} from '@hub/common';

/**
 * The permission the handler (or its class) declares with @RequirePermission, required of the actor
 * (unless declared `onObject`: then the service requires it with the object); FORBIDDEN when it declares
 * none (deny by default).
 */
export function requireDeclaredPermission(
  reflector: Reflector,
  targets: Parameters<Reflector['getAllAndOverride']>[1],
  actor: Actor,
): void {
  const permission = reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
  if (!permission) throw new ForbiddenError('This operation declares no permission, so nobody may call it');
  // Checked by the service with the object in hand (after its NOT_FOUND for a person the actor may not see).
  if (reflector.getAllAndOverride<boolean | undefined>(PERMISSION_ON_OBJECT, targets)) return;
  requirePermission(actor, permission);
}

/**
 * Every route and every GraphQL operation needs a valid token unless marked @Public(), and the
 * permission it declares with @RequirePermission (libs/access): one without a declaration is refused
 * (deny by default). Also records the stated purpose of use (header `X-Purpose`) and the request id on the actor.
 */
@Injectable()
export class HubAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const allowed = (await super.canActivate(context)) as boolean;
    const actor = requestOf(context).user;
    if (
      allowed &&
      actor?.passwordChangeRequired &&
      !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, [context.getHandler(), context.getClass()])
    ) {
      throw new HubError(
        ErrorCode.PasswordChangeRequired,
        'Your password was reset: choose a new one with changePassword before anything else',
      );
    }
    if (!allowed || !actor) return allowed;
    requireDeclaredPermission(this.reflector, [context.getHandler(), context.getClass()], actor);
    return true;
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override handleRequest<T = Actor>(err: unknown, user: T | false, info: unknown, context: ExecutionContext): T {
    // The user or the signing key could not be looked up: the token may be good, and the caller must not be told otherwise.
    if (isDatabaseUnavailable(err)) throw err;
    if (isDatabaseUnavailable(info)) throw info;
    if (err || !user) throw new HubError(ErrorCode.Unauthenticated, 'A valid access token is required');
    const actor = user as unknown as Actor;
    const req = requestOf(context);
    const header = req.headers['x-purpose'];
    const purpose = (Array.isArray(header) ? header[0] : header)?.toLowerCase();
    if (purpose !== undefined) {
      if (!PURPOSES.includes(purpose as Purpose)) {
        throw new HubError(ErrorCode.BadUserInput, `X-Purpose must be one of ${PURPOSES.join(', ')}`);
      }
      actor.purpose = purpose as Purpose;
    }
    actor.requestId = req.id ?? '';
    return user;
  }
}
