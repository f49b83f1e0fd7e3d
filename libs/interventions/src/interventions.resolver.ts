import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataCategory, Permission, RequirePermission } from '@hub/access';
import { type Actor, audit, boundedList, CurrentActor, type HubContext, pageSize } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { organisationLoader, OrganisationModel, OrganisationsService } from '@hub/organisations';
import { PersonModel } from '@hub/persons';
import {
  interventionRevisionsLoader,
  interventionTypeLoader,
  personInterventionsLoader,
  personSustainmentsLoader,
} from './intervention.loader.js';
import {
  InterventionConnection,
  InterventionModel,
  InterventionRevisionModel,
  InterventionTypeModel,
  JobSustainmentModel,
  TimelineEntryModel,
} from './intervention.model.js';
import { INTERVENTION_MAX_CORRECTIONS, InterventionsService } from './interventions.service.js';
import {
  CreateInterventionTypeInput,
  LogInterventionInput,
  RecordSustainmentInput,
  UpdateInterventionInput,
  UpdateInterventionTypeInput,
} from './log-intervention.input.js';
import { SustainmentsService } from './sustainments.service.js';
import { TimelineService } from './timeline.service.js';

@Resolver(() => InterventionModel)
export class InterventionsResolver {
  constructor(
    private readonly interventions: InterventionsService,
    private readonly sustainments: SustainmentsService,
    private readonly organisations: OrganisationsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @RequirePermission(Permission.DIRECTORY_READ)
  @Query(() => [InterventionTypeModel], {
    description:
      'The intervention catalogue (the entries offered, unless includeInactive); at most LIST_DIRECTORY_MAX (500 by default), the field named in extensions.truncated when there are more',
  })
  async interventionTypes(
    @CurrentActor() _actor: Actor,
    @Context() ctx: HubContext,
    @Args('includeInactive', { type: () => Boolean, nullable: true, defaultValue: false }) includeInactive: boolean,
  ): Promise<InterventionTypeModel[]> {
    return boundedList(
      ctx,
      'Query.interventionTypes',
      (await this.interventions.catalogue(includeInactive)) as InterventionTypeModel[],
      this.config.lists.directoryMax,
    );
  }

  @RequirePermission(Permission.CATALOGUE_MAINTAIN)
  @Mutation(() => InterventionTypeModel, {
    description: 'Hub admins rename a catalogue entry, move it to another group, or stop (and resume) offering it',
  })
  updateInterventionType(@CurrentActor() actor: Actor, @Args('input') input: UpdateInterventionTypeInput): Promise<InterventionTypeModel> {
    return this.interventions.updateType(actor, input) as Promise<InterventionTypeModel>;
  }

  @RequirePermission(Permission.CATALOGUE_EXTEND)
  @Mutation(() => InterventionTypeModel, { description: 'Hub admins extend the catalogue' })
  createInterventionType(@CurrentActor() actor: Actor, @Args('input') input: CreateInterventionTypeInput): Promise<InterventionTypeModel> {
    return this.interventions.createType(actor, input) as Promise<InterventionTypeModel>;
  }

  @RequirePermission(Permission.INTERVENTION_LOG, { onObject: true })
  @Mutation(() => InterventionModel)
  logIntervention(@CurrentActor() actor: Actor, @Args('input') input: LogInterventionInput): Promise<InterventionModel> {
    return this.interventions.log(actor, input);
  }

  @RequirePermission(Permission.INTERVENTION_UPDATE, { onObject: true })
  @Mutation(() => InterventionModel)
  updateIntervention(@CurrentActor() actor: Actor, @Args('input') input: UpdateInterventionInput): Promise<InterventionModel> {
    return this.interventions.update(actor, input);
  }

  @RequirePermission(Permission.SUSTAINMENT_RECORD, { onObject: true })
  @Mutation(() => JobSustainmentModel, {
    description:
      'Whether a job was sustained 13 weeks; a recorded outcome is corrected by the organisation that logged the job, with a note saying why',
  })
  recordSustainment(@CurrentActor() actor: Actor, @Args('input') input: RecordSustainmentInput): Promise<JobSustainmentModel> {
    return this.sustainments.record(actor, input);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @ResolveField(() => InterventionTypeModel, { nullable: true })
  type(@Parent() i: InterventionModel, @Context() ctx: HubContext) {
    return interventionTypeLoader(ctx, this.interventions).load(i.typeCode);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @ResolveField(() => OrganisationModel, { nullable: true })
  organisation(@Parent() i: InterventionModel, @Context() ctx: HubContext) {
    return organisationLoader(ctx, this.organisations).load(i.organisationId);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [InterventionRevisionModel], {
    description: `The intervention as it was before each correction, oldest first (at most ${INTERVENTION_MAX_CORRECTIONS}); read wherever the intervention is (a correction keeps its category)`,
  })
  async history(@Parent() i: InterventionModel, @Context() ctx: HubContext): Promise<InterventionRevisionModel[]> {
    const rows = await interventionRevisionsLoader(ctx, this.interventions).load(i.id);
    if (rows.length) audit(ctx, { action: 'read', personId: i.personId, categories: [i.dataCategory], fields: ['Intervention.history'] });
    return rows;
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => Boolean, { description: 'Whether it was corrected after it was logged (its earlier versions in history)' })
  async corrected(@Parent() i: InterventionModel, @Context() ctx: HubContext): Promise<boolean> {
    return (await interventionRevisionsLoader(ctx, this.interventions).load(i.id)).length > 0;
  }
}

@Resolver(() => PersonModel)
export class PersonInterventionsResolver {
  constructor(
    private readonly interventionsService: InterventionsService,
    private readonly sustainmentsService: SustainmentsService,
    private readonly timelines: TimelineService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => InterventionConnection, { description: 'Interventions you may see, newest first' })
  async interventions(
    @CurrentActor() actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50, description: 'How many (at most 200)' }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('category', { type: () => DataCategory, nullable: true }) category?: DataCategory,
  ): Promise<InterventionConnection> {
    const page = after
      ? await this.interventionsService.list(actor, person.id, { first, after, category })
      : await personInterventionsLoader(ctx, actor, this.interventionsService, { first, category }).load(person);
    audit(ctx, {
      action: 'read',
      personId: person.id,
      categories: page.edges.map((e) => e.node.dataCategory),
      fields: ['Person.interventions'],
      breakGlass: person.breakGlass,
    });
    return page;
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [JobSustainmentModel], {
    description:
      '13-week windows opened by job starts, newest first; at most LIST_PER_PERSON_MAX (100 by default), the field named in extensions.truncated when there are more',
  })
  async sustainments(
    @CurrentActor() actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
  ): Promise<JobSustainmentModel[]> {
    const max = this.config.lists.perPersonMax;
    const rows = boundedList(
      ctx,
      'Person.sustainments',
      await personSustainmentsLoader(ctx, actor, this.sustainmentsService, max + 1).load(person),
      max,
    );
    audit(ctx, {
      action: 'read',
      personId: person.id,
      categories: rows.length ? [DataCategory.EMPLOYMENT] : [],
      fields: ['Person.sustainments'],
      breakGlass: person.breakGlass,
    });
    return rows;
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [TimelineEntryModel], { description: 'Interventions, consents and stage changes, newest first' })
  async timeline(
    @CurrentActor() actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100, description: 'How many (at most 200)' }) first?: number,
  ): Promise<TimelineEntryModel[]> {
    const entries = await this.timelines.forPerson(actor, person.id, pageSize(first, 100, 200));
    audit(ctx, { action: 'read', personId: person.id, fields: ['Person.timeline'], breakGlass: person.breakGlass });
    return entries;
  }
}
