import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { type Actor, audit, boundedList, CurrentActor, type HubContext, PurposeOfUse } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { reportRead } from './person.loader.js';
import { CreatePersonInput } from './create-person.input.js';
import { CreatePersonResultModel } from './create-person-result.model.js';
import { PeopleFilter, PersonConnection } from './person-connection.model.js';
import {
  AddInvolvementInput,
  EndInvolvementInput,
  MergePeopleInput,
  PersonChangeConnection,
  PersonMergeModel,
  UnmergePersonInput,
} from './person-history.model.js';
import { historyLoader, involvementsLoader } from './person-fields.loader.js';
import { InvolvementModel, PersonModel } from './person.model.js';
import { HISTORY_PAGE, PersonRecordsService } from './person-records.service.js';
import { PersonsService } from './persons.service.js';
import { UpdatePersonInput } from './update-person.input.js';
import { Permission, RequirePermission } from '@hub/access';

/** A purpose stated as an argument overrides the X-Purpose header for the whole request. */
function statePurpose(actor: Actor, purpose?: PurposeOfUse | null): void {
  if (purpose) actor.purpose = purpose;
}

@Resolver(() => PersonModel)
export class PersonsResolver {
  constructor(
    private readonly persons: PersonsService,
    private readonly records: PersonRecordsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @RequirePermission(Permission.PERSON_READ)
  @Query(() => PersonModel, { description: 'A person you may see; NOT_FOUND otherwise (whether or not it exists)' })
  async person(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: HubContext,
    @Args('purpose', { type: () => PurposeOfUse, nullable: true, description: 'Why you need the record (instead of the X-Purpose header)' })
    purpose?: PurposeOfUse,
  ): Promise<PersonModel> {
    statePurpose(actor, purpose);
    const person = await this.persons.get(actor, id); // a refusal is audited as a denial (libs/audit audit.plugin.ts)
    reportRead(ctx, [person]);
    return person;
  }

  @RequirePermission(Permission.PERSON_READ)
  @Query(() => PersonConnection, { description: 'People you may see, by name, identifier or date of birth' })
  async people(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('search', { nullable: true }) search?: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: 'How many (at most 100)' }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { type: () => PeopleFilter, nullable: true }) filter?: PeopleFilter,
    @Args('purpose', { type: () => PurposeOfUse, nullable: true, description: 'Why you search (instead of the X-Purpose header)' })
    purpose?: PurposeOfUse,
  ): Promise<PersonConnection> {
    statePurpose(actor, purpose);
    const page = await this.persons.search(actor, { search, first, after, filter });
    reportRead(
      ctx,
      page.edges.map((e) => e.node),
    );
    return page;
  }

  @RequirePermission(Permission.PERSON_CREATE)
  @Mutation(() => CreatePersonResultModel)
  async createPerson(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreatePersonInput,
    @Context() ctx: HubContext,
  ): Promise<CreatePersonResultModel> {
    const result = await this.persons.create(actor, input);
    // An existing record or candidates shown instead of a new record are reads of them.
    if (result.outcome !== 'created') reportRead(ctx, [result.person, ...result.candidates]);
    return result as CreatePersonResultModel;
  }

  @RequirePermission(Permission.PERSON_UPDATE, { onObject: true })
  @Mutation(() => PersonModel)
  updatePerson(@CurrentActor() actor: Actor, @Args('input') input: UpdatePersonInput): Promise<PersonModel> {
    return this.persons.update(actor, input);
  }

  @RequirePermission(Permission.INVOLVEMENT_ADD, { onObject: true })
  @Mutation(() => InvolvementModel)
  addInvolvement(@CurrentActor() actor: Actor, @Args('input') input: AddInvolvementInput): Promise<InvolvementModel> {
    return this.records.addInvolvement(actor, input);
  }

  @RequirePermission(Permission.INVOLVEMENT_END, { onObject: true })
  @Mutation(() => InvolvementModel, {
    description:
      "Ends an organisation's work with a person (its own, or as the lead any organisation's); what the relationship let it see ends with it",
  })
  endInvolvement(@CurrentActor() actor: Actor, @Args('input') input: EndInvolvementInput): Promise<InvolvementModel> {
    return this.records.endInvolvement(actor, input);
  }

  @RequirePermission(Permission.PERSON_MERGE, { onObject: true })
  @Mutation(() => PersonMergeModel)
  mergePeople(@CurrentActor() actor: Actor, @Args('input') input: MergePeopleInput): Promise<PersonMergeModel> {
    return this.records.merge(actor, input);
  }

  @RequirePermission(Permission.PERSON_UNMERGE, { onObject: true })
  @Mutation(() => PersonMergeModel)
  unmergePerson(@CurrentActor() actor: Actor, @Args('input') input: UnmergePersonInput): Promise<PersonMergeModel> {
    return this.records.unmerge(actor, input);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => PersonChangeConnection, {
    description: `Every change to the record, oldest first, a page at a time (at most ${HISTORY_PAGE.max} a page), with totalCount`,
  })
  async history(
    @CurrentActor() actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
    @Args('first', {
      type: () => Int,
      nullable: true,
      defaultValue: HISTORY_PAGE.fallback,
      description: `How many (at most ${HISTORY_PAGE.max})`,
    })
    first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'pageInfo.endCursor of the page before' }) after?: string,
  ): Promise<PersonChangeConnection> {
    const page = await historyLoader(ctx, actor, this.records, { first, after }).load(person);
    audit(ctx, {
      action: 'read',
      personId: person.id,
      fields: ['Person.history'],
      withheld: page.edges.some((e) => e.node.changes.some((c) => c.withheld)) ? ['PersonChange.values'] : [],
    });
    return page;
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [InvolvementModel], {
    description:
      'Organisations working or having worked with the person, oldest first; at most LIST_PER_PERSON_MAX (100 by default), the field named in extensions.truncated when there are more',
  })
  async involvements(
    @CurrentActor() _actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
  ): Promise<InvolvementModel[]> {
    const max = this.config.lists.perPersonMax;
    const involvements = boundedList(ctx, 'Person.involvements', await involvementsLoader(ctx, this.records, max + 1).load(person), max);
    audit(ctx, { action: 'read', personId: person.id, categories: ['identity'], fields: ['Person.involvements'] });
    return involvements;
  }
}
