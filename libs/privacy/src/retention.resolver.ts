import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
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
}
