import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { Permission, RequirePermission } from '@hub/access';
import { type Actor, audit, CurrentActor, type HubContext, requestLoader } from '@hub/common';
import { AllocatePersonInput, LiftRestrictionInput, PlaceRestrictionInput } from './case-access.inputs.js';
import { AllocationModel, CaseRestrictionModel } from './case-access.model.js';
import { CaseAccessService } from './case-access.service.js';
import { PersonModel } from './person.model.js';

@Resolver(() => PersonModel)
export class CaseAccessResolver {
  constructor(private readonly cases: CaseAccessService) {}

  @RequirePermission(Permission.CASE_ALLOCATE)
  @Mutation(() => AllocationModel, {
    description:
      'Managers: allocate (or reallocate) a person your organisation works with to a caseworker and/or team of it, with a reason',
  })
  allocatePerson(@CurrentActor() actor: Actor, @Args('input') input: AllocatePersonInput): Promise<AllocationModel> {
    return this.cases.allocate(actor, input);
  }

  @RequirePermission(Permission.CASE_RESTRICT, { onObject: true })
  @Mutation(() => CaseRestrictionModel, {
    description:
      'Managers and data protection officers of the lead organisation: restrict a record to named users (everyone else gets NOT_FOUND), or exclude named users from it',
  })
  placeRestriction(@CurrentActor() actor: Actor, @Args('input') input: PlaceRestrictionInput): Promise<CaseRestrictionModel> {
    return this.cases.place(actor, input);
  }

  @RequirePermission(Permission.CASE_RESTRICT, { onObject: true })
  @Mutation(() => CaseRestrictionModel, { description: 'Lift a restriction or exclusion your organisation placed' })
  liftRestriction(@CurrentActor() actor: Actor, @Args('input') input: LiftRestrictionInput): Promise<CaseRestrictionModel> {
    return this.cases.lift(actor, input);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => AllocationModel, { nullable: true, description: 'Who in your organisation owns the case, and in which team' })
  async allocation(
    @CurrentActor() actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
  ): Promise<AllocationModel | null> {
    const loader = requestLoader(
      ctx,
      'person.allocation',
      () => new DataLoader((ids: readonly string[]) => this.cases.currentFor(actor, ids)),
    );
    audit(ctx, { action: 'read', personId: person.id, categories: ['identity'], fields: ['Person.allocation'] });
    return loader.load(person.id);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [AllocationModel], { description: 'Allocations of the person in your organisation, newest first (at most 200)' })
  allocationHistory(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: HubContext): Promise<AllocationModel[]> {
    audit(ctx, { action: 'read', personId: person.id, categories: ['identity'], fields: ['Person.allocationHistory'] });
    return this.cases.historyOf(actor, person.id);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [CaseRestrictionModel], {
    description:
      'Restrictions and exclusions in force: all to the lead organisation’s managers and data protection officers, else those naming you',
  })
  restrictions(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: HubContext): Promise<CaseRestrictionModel[]> {
    audit(ctx, { action: 'read', personId: person.id, categories: ['identity'], fields: ['Person.restrictions'] });
    return this.cases.restrictionsOf(actor, person.id, person.facts.lead);
  }
}
