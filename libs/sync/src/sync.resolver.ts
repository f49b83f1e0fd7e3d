import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { SyncConsentsService } from './sync-consents.service.js';
import { SyncInterventionsService } from './sync-interventions.service.js';
import { SyncInvolvementsService } from './sync-involvements.service.js';
import { SyncPeopleService } from './sync-people.service.js';
import { SyncOutcomesService } from './sync-outcomes.service.js';
import {
  SyncConsentsInput,
  SyncInterventionsInput,
  SyncInvolvementsInput,
  SyncOgrsAssessmentsInput,
  SyncPeopleInput,
  SyncReconvictionsInput,
  SyncSustainmentsInput,
} from './sync.inputs.js';
import { SyncResultModel } from './sync.models.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver()
export class SyncResolver {
  constructor(
    private readonly people: SyncPeopleService,
    private readonly interventions: SyncInterventionsService,
    private readonly consents: SyncConsentsService,
    private readonly involvements: SyncInvolvementsService,
    private readonly outcomes: SyncOutcomesService,
  ) {}

  @RequirePermission(Permission.SYNC_LOAD)
  @Mutation(() => SyncResultModel, { description: 'Upsert up to 5,000 people by external id; idempotent by key; a result per record' })
  syncPeople(@CurrentActor() actor: Actor, @Args('input') input: SyncPeopleInput): Promise<SyncResultModel> {
    return this.people.sync(actor, input);
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Mutation(() => SyncResultModel, {
    description: 'Upsert up to 5,000 interventions by external id; idempotent by key; a result per record',
  })
  syncInterventions(@CurrentActor() actor: Actor, @Args('input') input: SyncInterventionsInput): Promise<SyncResultModel> {
    return this.interventions.sync(actor, input);
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Mutation(() => SyncResultModel, {
    description: 'Upsert up to 5,000 consents by external id (given, or withdrawn since); idempotent by key; a result per record',
  })
  syncConsents(@CurrentActor() actor: Actor, @Args('input') input: SyncConsentsInput): Promise<SyncResultModel> {
    return this.consents.sync(actor, input);
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Mutation(() => SyncResultModel, {
    description:
      'Upsert up to 5,000 involvements by external id (the lead organisation; an end sent later ends one); idempotent by key; a result per record',
  })
  syncInvolvements(@CurrentActor() actor: Actor, @Args('input') input: SyncInvolvementsInput): Promise<SyncResultModel> {
    return this.involvements.sync(actor, input);
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Mutation(() => SyncResultModel, {
    description:
      'Upsert up to 5,000 OGRS assessments (with their dates) by external id, people by theirs; offending data; idempotent by key; a result per record',
  })
  syncOgrsAssessments(@CurrentActor() actor: Actor, @Args('input') input: SyncOgrsAssessmentsInput): Promise<SyncResultModel> {
    return this.outcomes.syncOgrsAssessments(actor, input);
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Mutation(() => SyncResultModel, {
    description:
      'Upsert up to 5,000 proven reconvictions by external id, people by theirs; offending data; idempotent by key; a result per record',
  })
  syncReconvictions(@CurrentActor() actor: Actor, @Args('input') input: SyncReconvictionsInput): Promise<SyncResultModel> {
    return this.outcomes.syncReconvictions(actor, input);
  }

  @RequirePermission(Permission.SYNC_LOAD)
  @Mutation(() => SyncResultModel, {
    description:
      'Record up to 5,000 13-week outcomes of job starts, each named by the job start’s external id; a different outcome for a recorded one corrects it (with a note saying why); idempotent by key; a result per record',
  })
  syncSustainments(@CurrentActor() actor: Actor, @Args('input') input: SyncSustainmentsInput): Promise<SyncResultModel> {
    return this.outcomes.syncSustainments(actor, input);
  }
}
