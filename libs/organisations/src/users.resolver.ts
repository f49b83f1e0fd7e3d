import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, type HubContext, PageArgs } from '@hub/common';
import { CreateUserInput } from './create-user.input.js';
import { organisationLoader } from './organisation.loader.js';
import { OrganisationModel } from './organisation.model.js';
import { OrganisationsService } from './organisations.service.js';
import { UpdateUserInput } from './update-user.input.js';
import { UserConnection, UserModel } from './user.model.js';
import { UsersService } from './users.service.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Query(() => UserConnection, {
    name: 'users',
    description: 'Users of an organisation (default: yours) by name, a page at a time; org admins and hub admins',
  })
  listUsers(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('organisationId', { type: () => ID, nullable: true }) organisationId?: string,
  ): Promise<UserConnection> {
    return this.users.list(actor, organisationId ?? actor.organisationId, page);
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => UserModel)
  createUser(@CurrentActor() actor: Actor, @Args('input') input: CreateUserInput): Promise<UserModel> {
    return this.users.create(actor, input);
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => UserModel)
  updateUser(@CurrentActor() actor: Actor, @Args('input') input: UpdateUserInput): Promise<UserModel> {
    return this.users.update(actor, input);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @ResolveField(() => OrganisationModel)
  async organisation(@Parent() user: UserModel, @Context() ctx: HubContext): Promise<OrganisationModel | null> {
    return organisationLoader(ctx, this.organisations).load(user.organisationId);
  }
}
