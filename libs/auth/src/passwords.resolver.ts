import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, AllowedBeforePasswordChange, CurrentActor, ErrorCode, type HubContext, HubError } from '@hub/common';
import { UserModel, UsersService } from '@hub/organisations';
import { ChangePasswordInput, ResetUserPasswordInput } from './password.inputs.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { Permission, RequirePermission } from '@hub/access';

/** Changing one's own password, and an admin's reset of a member's. */
@Resolver()
export class PasswordsResolver {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: SignInThrottle,
  ) {}

  @AllowedBeforePasswordChange()
  @RequirePermission(Permission.PASSWORD_CHANGE)
  @Mutation(() => Boolean, {
    description:
      'Changes your password (the current one is needed). Every token issued before, this one included, stops working: sign in again with the new password',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Args('input') input: ChangePasswordInput,
    @Context() ctx: HubContext,
  ): Promise<boolean> {
    // The current password is guessed no faster here than at sign-in (a stolen token must not become a guessing oracle).
    const keys = this.throttle.keys('user', actor.email ?? actor.id, (ctx.req as { ip?: string }).ip);
    const wait = await this.throttle.retryAfter(keys);
    if (wait > 0)
      throw new HubError(ErrorCode.RateLimited, `Too many wrong passwords; try again in ${wait} s`, { retryAfterSeconds: wait });
    try {
      await this.users.changePassword(actor, input.currentPassword, input.newPassword);
    } catch (err) {
      if (err instanceof HubError && err.details.reason === 'WRONG_PASSWORD') await this.throttle.fail(keys);
      throw err;
    }
    await this.throttle.succeed(keys);
    return true;
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => UserModel, {
    description:
      "Sets a temporary password for a member of your organisation (org admins; hub admins for anyone): the user's tokens stop working and its next sign-in allows only choosing a new password",
  })
  resetUserPassword(@CurrentActor() actor: Actor, @Args('input') input: ResetUserPasswordInput): Promise<UserModel> {
    return this.users.resetPassword(actor, input.userId, input.temporaryPassword);
  }
}
