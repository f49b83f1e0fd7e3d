import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, type Connection, CurrentActor, type HubContext, PageArgs } from '@hub/common';
import { personLoader, PersonModel, PersonsService } from '@hub/persons';
import { TaskConnection, TaskModel } from './referral.model.js';
import { TaskStatus } from './referral-vocabulary.js';
import { TasksService } from './tasks.service.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver(() => TaskModel)
export class TasksResolver {
  constructor(
    private readonly tasks: TasksService,
    private readonly persons: PersonsService,
  ) {}

  @RequirePermission(Permission.TASK_READ, { onObject: true })
  @Query(() => TaskConnection, {
    name: 'tasks',
    description:
      "Your organisation's tasks addressed to your roles (a manager and an API client see them all), newest first; open ones unless a status is given",
  })
  listTasks(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('status', { type: () => TaskStatus, nullable: true }) status?: TaskStatus,
  ): Promise<Connection<TaskModel>> {
    return this.tasks.list(actor, status ?? TaskStatus.OPEN, page);
  }

  @RequirePermission(Permission.TASK_COMPLETE, { onObject: true })
  @Mutation(() => TaskModel)
  completeTask(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<TaskModel> {
    return this.tasks.complete(actor, id);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => PersonModel, {
    nullable: true,
    description: 'The person the task is about; null when there is none, or you may not see them',
  })
  person(@Parent() t: TaskModel, @CurrentActor() actor: Actor, @Context() ctx: HubContext): Promise<PersonModel | null> {
    return t.personId ? personLoader(ctx, actor, this.persons).load(t.personId) : Promise.resolve(null);
  }
}
