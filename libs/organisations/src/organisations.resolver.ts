import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { CreateOrganisationInput } from './create-organisation.input.js';
import { OrganisationModel } from './organisation.model.js';
import { OrganisationsService } from './organisations.service.js';
import { UpdateOrganisationInput } from './update-organisation.input.js';

@Resolver(() => OrganisationModel)
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Query(() => [OrganisationModel], { description: 'The directory of partner organisations' })
  organisations(@CurrentActor() _actor: Actor): Promise<OrganisationModel[]> {
    return this.service.list();
  }

  @Query(() => OrganisationModel)
  organisation(@CurrentActor() _actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<OrganisationModel> {
    return this.service.get(id);
  }

  @Mutation(() => OrganisationModel, { description: 'Hub admins only' })
  createOrganisation(@CurrentActor() actor: Actor, @Args('input') input: CreateOrganisationInput): Promise<OrganisationModel> {
    return this.service.create(actor, input);
  }

  @Mutation(() => OrganisationModel, { description: 'Hub admins only; refused with CONFLICT when the version is stale' })
  updateOrganisation(@CurrentActor() actor: Actor, @Args('input') input: UpdateOrganisationInput): Promise<OrganisationModel> {
    return this.service.update(actor, input);
  }
}
