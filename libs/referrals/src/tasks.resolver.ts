import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { TaskModel } from './referral.model.js';
import { TaskStatus } from './referral-vocabulary.js';
import { TasksService } from './tasks.service.js';

@Resolver(() => TaskModel)
export class TasksResolver {
  constructor(private readonly tasks: TasksService) {}

  @Query(() => [TaskModel], { name: 'tasks', description: "Your organisation's tasks (open ones unless a status is given)" })
  listTasks(@CurrentActor() actor: Actor, @Args('status', { type: () => TaskStatus, nullable: true }) status?: TaskStatus): Promise<TaskModel[]> {
    return this.tasks.list(actor, status ?? TaskStatus.OPEN);
  }

  @Mutation(() => TaskModel)
  completeTask(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<TaskModel> {
    return this.tasks.complete(actor, id);
  }
}
