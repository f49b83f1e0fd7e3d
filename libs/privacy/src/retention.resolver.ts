import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, audit, CurrentActor, type HubContext } from '@hub/common';
import { LegalHoldModel, PersonErasureModel, PersonReasonInput } from './retention.model.js';
import { RetentionService } from './retention.service.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver()
export class RetentionResolver {
  constructor(private readonly retention: RetentionService) {}

  @RequirePermission(Permission.PERSON_ERASE, { onObject: true })
  @Mutation(() => PersonErasureModel, {
    description:
      'Data protection officers of the lead organisation: erase a record on the person’s valid request (refused under a legal hold)',
  })
  erasePerson(@CurrentActor() actor: Actor, @Args('input') input: PersonReasonInput): Promise<PersonErasureModel> {
    return this.retention.erase(actor, input.personId, input.reason.trim());
  }

  @RequirePermission(Permission.LEGAL_HOLD_MANAGE, { onObject: true })
  @Mutation(() => LegalHoldModel, { description: 'Data protection officers: stop retention and erasure of a record' })
  placeLegalHold(@CurrentActor() actor: Actor, @Args('input') input: PersonReasonInput): Promise<LegalHoldModel> {
    return this.retention.placeHold(actor, input.personId, input.reason);
  }

  @RequirePermission(Permission.LEGAL_HOLD_MANAGE, { onObject: true })
  @Mutation(() => LegalHoldModel, { description: 'Data protection officers: release a legal hold' })
  releaseLegalHold(@CurrentActor() actor: Actor, @Args('holdId', { type: () => ID }) holdId: string): Promise<LegalHoldModel> {
    return this.retention.releaseHold(actor, holdId);
  }

  // A person the officer may not know of is NOT_FOUND before any role is looked at, as for placeLegalHold.
  @RequirePermission(Permission.LEGAL_HOLD_MANAGE, { onObject: true })
  @Query(() => [LegalHoldModel], {
    description: 'Data protection officers: the legal holds in force on a person, newest first (at most 50)',
  })
  async legalHolds(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('personId', { type: () => ID }) personId: string,
  ): Promise<LegalHoldModel[]> {
    const holds = await this.retention.holdsOn(actor, personId);
    audit(ctx, { action: 'read', personId, fields: ['Person.legalHolds'] });
    return holds;
  }
}
