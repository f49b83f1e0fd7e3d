import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { type Actor, type Connection, CurrentActor, type HubContext, PageArgs, requestLoader } from '@hub/common';
import { actorRef, personLoader, PersonModel, PersonsService } from '@hub/persons';
import { TeamsService, UsersService } from '@hub/organisations';
import { AssignTaskInput } from './assign-task.input.js';
import { COLLEAGUES_MAX, ColleagueModel, TaskConnection, TaskModel } from './referral.model.js';
import { TaskKind, TaskStatus } from './referral-vocabulary.js';
import { plainTask } from './plain-words.js';
import { TasksService } from './tasks.service.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver(() => TaskModel)
export class TasksResolver {
  constructor(
    private readonly tasks: TasksService,
    private readonly persons: PersonsService,
    private readonly users: UsersService,
    private readonly teams: TeamsService,
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
    @Args('assignedToMe', {
      type: () => Boolean,
      nullable: true,
      description: 'Only the tasks assigned to you or one of your teams ("My day")',
    })
    assignedToMe?: boolean,
  ): Promise<Connection<TaskModel>> {
    return this.tasks.list(actor, status ?? TaskStatus.OPEN, page, assignedToMe ?? false);
  }

  @RequirePermission(Permission.TASK_ASSIGN)
  @Mutation(() => TaskModel, {
    description:
      'Assigns a task about a person to a colleague or a team of your organisation, with a due date; they are told by email unless they chose otherwise. NOT_FOUND when you, or the assignee, may not see the person',
  })
  assignTask(@CurrentActor() actor: Actor, @Args('input') input: AssignTaskInput): Promise<TaskModel> {
    return this.tasks.assign(actor, input);
  }

  @RequirePermission(Permission.TASK_ASSIGN)
  @Query(() => [ColleagueModel], {
    description: `Whom you may assign a task to: your organisation's active caseworkers and managers (yourself included), by name; at most ${COLLEAGUES_MAX}`,
  })
  async colleagues(@CurrentActor() actor: Actor): Promise<ColleagueModel[]> {
    const staff = await this.users.caseworkerActors(actor.organisationId, {}, COLLEAGUES_MAX);
    return staff.map((a) => ({ id: a.id, name: a.displayName })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  @RequirePermission(Permission.TASK_READ)
  @ResolveField(() => String, {
    nullable: true,
    description: 'The name of the colleague who assigned it (kind ASSIGNED); null for a task the hub raised',
  })
  assignedBy(@Parent() t: TaskModel & { createdBy?: string | null }, @Context() ctx: HubContext): Promise<string | null> {
    const userId = t.createdBy?.startsWith('user:') ? t.createdBy.slice('user:'.length) : null;
    if (!userId) return Promise.resolve(null);
    // The same loader as the assignees' names: one query per page.
    return requestLoader(ctx, 'task-assignee-user', () => new DataLoader((ids: readonly string[]) => this.names(ids, this.users))).load(
      userId,
    );
  }

  @RequirePermission(Permission.TASK_READ)
  @ResolveField(() => String, {
    nullable: true,
    description: 'The name of the colleague or team it is assigned to (kind ASSIGNED); null otherwise',
  })
  async assignedTo(@Parent() t: TaskModel, @Context() ctx: HubContext): Promise<string | null> {
    // One query per page for each kind of name (the tasks' assignees are of the reader's organisation).
    if (t.assigneeUserId)
      return requestLoader(ctx, 'task-assignee-user', () => new DataLoader((ids: readonly string[]) => this.names(ids, this.users))).load(
        t.assigneeUserId,
      );
    if (t.assigneeTeamId)
      return requestLoader(ctx, 'task-assignee-team', () => new DataLoader((ids: readonly string[]) => this.names(ids, this.teams))).load(
        t.assigneeTeamId,
      );
    return null;
  }

  private async names(
    ids: readonly string[],
    from: { namesOf(ids: readonly string[]): Promise<Map<string, string>> },
  ): Promise<(string | null)[]> {
    const names = await from.namesOf(ids);
    return ids.map((id) => names.get(id) ?? null);
  }

  @RequirePermission(Permission.TASK_READ)
  @ResolveField('title', () => String, { description: 'What is to be done, in plain words' })
  title(@Parent() t: TaskModel): string {
    return t.kind === TaskKind.ASSIGNED ? t.title : plainTask(t.title, t.detail).title;
  }

  @RequirePermission(Permission.TASK_READ)
  @ResolveField('detail', () => String, { description: 'Why the task was raised, in plain words' })
  detail(@Parent() t: TaskModel): string {
    return t.kind === TaskKind.ASSIGNED ? t.detail : plainTask(t.title, t.detail).detail;
  }

  @RequirePermission(Permission.TASK_READ)
  @ResolveField(() => Boolean, { description: 'Whether you assigned it' })
  assignedByMe(@Parent() t: TaskModel & { createdBy?: string | null }, @CurrentActor() actor: Actor): boolean {
    return !!t.createdBy && t.createdBy === actorRef(actor);
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
