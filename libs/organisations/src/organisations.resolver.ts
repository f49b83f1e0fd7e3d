import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, boundedList, CurrentActor, type HubContext, PageArgs } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { CreateOrganisationInput } from './create-organisation.input.js';
import { OrganisationConnection, OrganisationModel } from './organisation.model.js';
import { OrganisationsService } from './organisations.service.js';
import { UpdateOrganisationInput } from './update-organisation.input.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver(() => OrganisationModel)
export class OrganisationsResolver {
  constructor(
    private readonly service: OrganisationsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @RequirePermission(Permission.DIRECTORY_READ)
  @Query(() => [OrganisationModel], {
    description:
      'The directory of partner organisations; at most LIST_DIRECTORY_MAX (500 by default), the field named in extensions.truncated when there are more',
  })
  async organisations(@CurrentActor() _actor: Actor, @Context() ctx: HubContext): Promise<OrganisationModel[]> {
    return boundedList(ctx, 'Query.organisations', await this.service.list(), this.config.lists.directoryMax);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @Query(() => OrganisationConnection, {
    description: 'The directory of partner organisations by name, a page at a time, with how many there are in all',
  })
  organisationPage(@CurrentActor() _actor: Actor, @Args() page: PageArgs): Promise<OrganisationConnection> {
    return this.service.page(page);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @Query(() => OrganisationModel)
  organisation(@CurrentActor() _actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<OrganisationModel> {
    return this.service.get(id);
  }

  @RequirePermission(Permission.ORGANISATION_MANAGE)
  @Mutation(() => OrganisationModel, { description: 'Hub admins only' })
  createOrganisation(@CurrentActor() actor: Actor, @Args('input') input: CreateOrganisationInput): Promise<OrganisationModel> {
    return this.service.create(actor, input);
  }

  @RequirePermission(Permission.ORGANISATION_MANAGE)
  @Mutation(() => OrganisationModel, { description: 'Hub admins only; refused with CONFLICT when the version is stale' })
  updateOrganisation(@CurrentActor() actor: Actor, @Args('input') input: UpdateOrganisationInput): Promise<OrganisationModel> {
    return this.service.update(actor, input);
  }
}
