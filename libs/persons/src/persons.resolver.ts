import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, type HubContext } from '@hub/common';
import { CreatePersonInput } from './create-person.input.js';
import { CreatePersonResultModel } from './create-person-result.model.js';
import { PeopleFilter, PersonConnection } from './person-connection.model.js';
import { AddInvolvementInput, MergePeopleInput, PersonChangeModel, PersonMergeModel, UnmergePersonInput } from './person-history.model.js';
import { historyLoader, involvementsLoader } from './person-fields.loader.js';
import { InvolvementModel, PersonModel } from './person.model.js';
import { PersonRecordsService } from './person-records.service.js';
import { PersonsService } from './persons.service.js';
import { UpdatePersonInput } from './update-person.input.js';

function reportWithheld(ctx: HubContext, people: (PersonModel | null)[]): void {
  for (const p of people) for (const f of p?.withheldFields ?? []) ctx.withheld?.add(`Person.${f}`);
}

@Resolver(() => PersonModel)
export class PersonsResolver {
  constructor(
    private readonly persons: PersonsService,
    private readonly records: PersonRecordsService,
  ) {}

  @Query(() => PersonModel, { description: 'A person you may see; NOT_FOUND otherwise (whether or not it exists)' })
  async person(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Context() ctx: HubContext): Promise<PersonModel> {
    const person = await this.persons.get(actor, id);
    reportWithheld(ctx, [person]);
    return person;
  }

  @Query(() => PersonConnection, { description: 'People you may see, by name, identifier or date of birth' })
  async people(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('search', { nullable: true }) search?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { type: () => PeopleFilter, nullable: true }) filter?: PeopleFilter,
  ): Promise<PersonConnection> {
    const page = await this.persons.search(actor, { search, first, after, filter });
    reportWithheld(ctx, page.edges.map((e) => e.node));
    return page;
  }

  @Mutation(() => CreatePersonResultModel)
  createPerson(@CurrentActor() actor: Actor, @Args('input') input: CreatePersonInput): Promise<CreatePersonResultModel> {
    return this.persons.create(actor, input) as Promise<CreatePersonResultModel>;
  }

  @Mutation(() => PersonModel)
  updatePerson(@CurrentActor() actor: Actor, @Args('input') input: UpdatePersonInput): Promise<PersonModel> {
    return this.persons.update(actor, input);
  }

  @Mutation(() => InvolvementModel)
  addInvolvement(@CurrentActor() actor: Actor, @Args('input') input: AddInvolvementInput): Promise<InvolvementModel> {
    return this.records.addInvolvement(actor, input);
  }

  @Mutation(() => PersonMergeModel)
  mergePeople(@CurrentActor() actor: Actor, @Args('input') input: MergePeopleInput): Promise<PersonMergeModel> {
    return this.records.merge(actor, input);
  }

  @Mutation(() => PersonMergeModel)
  unmergePerson(@CurrentActor() actor: Actor, @Args('input') input: UnmergePersonInput): Promise<PersonMergeModel> {
    return this.records.unmerge(actor, input);
  }

  @ResolveField(() => [PersonChangeModel], { description: 'Every change to the record, oldest first' })
  history(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: HubContext): Promise<PersonChangeModel[]> {
    return historyLoader(ctx, actor, this.records).load(person);
  }

  @ResolveField(() => [InvolvementModel])
  involvements(@CurrentActor() _actor: Actor, @Parent() person: PersonModel, @Context() ctx: HubContext): Promise<InvolvementModel[]> {
    return involvementsLoader(ctx, this.records).load(person);
  }
}

