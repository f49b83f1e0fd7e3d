import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { SyncInterventionsService } from './sync-interventions.service.js';
import { SyncPeopleService } from './sync-people.service.js';
import { SyncInterventionsInput, SyncPeopleInput } from './sync.inputs.js';
import { SyncResultModel } from './sync.models.js';

@Resolver()
export class SyncResolver {
  constructor(
    private readonly people: SyncPeopleService,
    private readonly interventions: SyncInterventionsService,
  ) {}

  @Mutation(() => SyncResultModel, { description: 'Upsert up to 5,000 people by external id; idempotent by key; a result per record' })
  syncPeople(@CurrentActor() actor: Actor, @Args('input') input: SyncPeopleInput): Promise<SyncResultModel> {
    return this.people.sync(actor, input);
  }

  @Mutation(() => SyncResultModel, { description: 'Upsert up to 5,000 interventions by external id; idempotent by key; a result per record' })
  syncInterventions(@CurrentActor() actor: Actor, @Args('input') input: SyncInterventionsInput): Promise<SyncResultModel> {
    return this.interventions.sync(actor, input);
  }
}
