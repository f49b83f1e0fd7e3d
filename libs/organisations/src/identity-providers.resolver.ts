import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { Permission, RequirePermission } from '@hub/access';
import { LinkUserIdentityInput, SetIdentityProviderInput } from './identity-provider.inputs.js';
import { IdentityProviderModel, UserIdentityModel } from './identity-provider.model.js';
import { IdentityProvidersService } from './identity-providers.service.js';
import { UserModel } from './user.model.js';
import { UsersService } from './users.service.js';

/** Sign-in through an organisation's own identity provider: its configuration, and which user each identity is. */
@Resolver(() => UserModel)
export class IdentityProvidersResolver {
  constructor(
    private readonly providers: IdentityProvidersService,
    private readonly users: UsersService,
  ) {}

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Query(() => IdentityProviderModel, {
    nullable: true,
    description: "An organisation's (default: yours) identity provider, or null; org admins and hub admins",
  })
  identityProvider(
    @CurrentActor() actor: Actor,
    @Args('organisationId', { type: () => ID, nullable: true }) organisationId?: string,
  ): Promise<IdentityProviderModel | null> {
    return this.providers.get(actor, organisationId ?? actor.organisationId);
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => IdentityProviderModel, { description: "Sets an organisation's identity provider (staff sign in through it)" })
  setIdentityProvider(@CurrentActor() actor: Actor, @Args('input') input: SetIdentityProviderInput): Promise<IdentityProviderModel> {
    return this.providers.set(actor, input);
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => Boolean, { description: 'Removes the identity provider; password sign-in is turned back on. False when it had none' })
  removeIdentityProvider(
    @CurrentActor() actor: Actor,
    @Args('organisationId', { type: () => ID, nullable: true }) organisationId?: string,
  ): Promise<boolean> {
    return this.providers.remove(actor, organisationId ?? actor.organisationId);
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => UserModel, { description: "Links a user to its account at its own organisation's identity provider" })
  async linkUserIdentity(@CurrentActor() actor: Actor, @Args('input') input: LinkUserIdentityInput): Promise<UserModel> {
    const user = await this.users.findManaged(actor, input.userId);
    await this.users.linkIdentity(actor, user.id, await this.providers.issuerOf(user.organisationId), input.subject);
    return user;
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => UserModel, { description: "Removes a user's links to identity provider accounts" })
  async unlinkUserIdentity(@CurrentActor() actor: Actor, @Args('userId', { type: () => ID }) userId: string): Promise<UserModel> {
    const user = await this.users.findManaged(actor, userId);
    await this.users.unlinkIdentity(actor, user.id);
    return user;
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @ResolveField(() => [UserIdentityModel], { description: "The user's linked identity provider accounts; org admins and hub admins" })
  async identities(@CurrentActor() actor: Actor, @Parent() user: UserModel): Promise<UserIdentityModel[]> {
    await this.users.findManaged(actor, user.id);
    return this.users.identities(user.id);
  }
}
