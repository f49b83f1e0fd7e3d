import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, Permission } from '@hub/access';
import { type Actor, type Connection, ErrorCode, hasRole, HubError, NotFoundError, Role, ValidationError } from '@hub/common';
import { emptyPage, keysetPage, type PageArgs } from '@hub/database';
import { OutboxService } from '@hub/events';
import { TeamsService, UsersService } from '@hub/organisations';
import { actorRef, PersonsService } from '@hub/persons';
import type { AssignTaskInput } from './assign-task.input.js';
import { TaskKind, TaskStatus } from './referral-vocabulary.js';
import { Task } from './task.entity.js';

export interface NewTask {
  organisationId: string;
  forRole: string;
  personId?: string | null;
  referralId?: string | null;
  kind: TaskKind;
  title: string;
  detail: string;
  dueAt?: Date | null;
  sourceKey?: string | null;
  /** The colleague it is for, when one is named (a meeting action's owner). */
  assigneeUserId?: string | null;
}

/**
 * The roles whose tasks the actor works on, or null for every task of its organisation. A task is
 * addressed to a role: a caseworker sees the caseworkers' tasks, not the managers' escalations. A
 * manager oversees the organisation's whole queue, and an API client routes every task into its
 * organisation's own case system.
 */
export function taskRoles(actor: Actor): string[] | null {
  if (actor.kind === 'client' || hasRole(actor, Role.MANAGER)) return null;
  return actor.roles;
}

/**
 * Whether the task is the actor's to see: every task of its organisation for a manager or API client;
 * for anyone else, a task addressed to one of their roles that nobody assigned, or one assigned to
 * them or one of their teams, or one they assigned.
 */
function addressedTo(actor: Actor, task: Task): boolean {
  if (task.organisationId !== actor.organisationId) return false;
  const roles = taskRoles(actor);
  if (roles === null) return true;
  if (task.assigneeUserId || task.assigneeTeamId)
    return (
      task.assigneeUserId === actor.id ||
      (!!task.assigneeTeamId && (actor.teamIds ?? []).includes(task.assigneeTeamId)) ||
      task.createdBy === actorRef(actor)
    );
  return roles.includes(task.forRole);
}

/** A task may be due from today for up to this many days. */
export const TASK_DUE_MAX_DAYS = 731;

/** Tasks for an organisation's staff, raised by rules and timers. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly persons: PersonsService,
    private readonly users: UsersService,
    private readonly teams: TeamsService,
  ) {}

  /**
   * A task a person assigns to a colleague or a team of their organisation, about a person. The actor
   * must see the person, and so must the assignee (for a team: at least one of its caseworkers or
   * managers): otherwise NOT_FOUND, the same answer as for a person that does not exist, so that the
   * refusal tells nothing of the record. A colleague or team of another organisation is NOT_FOUND too.
   */
  async assign(actor: Actor, input: AssignTaskInput, now = new Date()): Promise<Task> {
    this.access.require(actor, Permission.TASK_ASSIGN);
    const title = input.title.trim();
    const description = input.description.trim();
    if (title.length < 3) throw new ValidationError([{ field: 'title', messages: ['say what is to be done (at least 3 characters)'] }]);
    if (!input.assigneeUserId === !input.assigneeTeamId)
      throw new ValidationError([{ field: 'assigneeUserId', messages: ['assign it to a colleague or to a team (one of the two)'] }]);
    const today = now.toISOString().slice(0, 10);
    const dueDay = Date.parse(`${input.dueOn}T00:00:00Z`);
    if (!(input.dueOn >= today && dueDay <= Date.parse(`${today}T00:00:00Z`) + TASK_DUE_MAX_DAYS * 86_400_000))
      throw new ValidationError([{ field: 'dueOn', messages: [`today or later, at most ${TASK_DUE_MAX_DAYS} days ahead`] }]);
    return this.db.transaction(async (m) => {
      const { personId } = await this.persons.requireAccess(actor, input.personId, m);
      if (input.assigneeTeamId && !(await this.teams.ofOrganisation(actor.organisationId, input.assigneeTeamId, m)))
        throw new NotFoundError('Team');
      const candidates = await this.users.caseworkerActors(
        actor.organisationId,
        input.assigneeUserId ? { userIds: [input.assigneeUserId] } : { teamId: input.assigneeTeamId! },
        50,
        m,
      );
      if (input.assigneeUserId && !candidates.length) throw new NotFoundError('User');
      if (!(await this.anyMaySee(candidates, personId, m))) throw new NotFoundError('Person');
      const row = await m.save(
        m.create(Task, {
          organisationId: actor.organisationId,
          forRole: Role.CASEWORKER,
          personId,
          referralId: null,
          kind: TaskKind.ASSIGNED,
          title,
          detail: description,
          status: TaskStatus.OPEN,
          dueAt: new Date(dueDay + 86_400_000 - 1000),
          sourceKey: null,
          assigneeUserId: input.assigneeUserId ?? null,
          assigneeTeamId: input.assigneeTeamId ?? null,
          createdBy: actorRef(actor),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'task.assigned',
        aggregateType: 'task',
        aggregateId: row.id,
        personId,
        // Within the organisation only: who works on what is the organisation's own business.
        payload: {
          audience: 'organisation',
          kind: TaskKind.ASSIGNED,
          organisationId: actor.organisationId,
          assigneeUserId: row.assigneeUserId,
          assigneeTeamId: row.assigneeTeamId,
          dueOn: input.dueOn,
        },
        changes: { title: { old: null, new: title }, dueOn: { old: null, new: input.dueOn } },
      });
      return row;
    });
  }

  /** Whether any of these actors may see the person (identity, past every gate), as each of them would open the record. */
  private async anyMaySee(actors: Actor[], personId: string, m: EntityManager): Promise<boolean> {
    for (const a of actors) {
      try {
        await this.persons.requireAccess(a, personId, m);
        return true;
      } catch (err) {
        if (!(err instanceof HubError) || (err.code !== ErrorCode.NotFound && err.code !== ErrorCode.Forbidden)) throw err;
      }
    }
    return false;
  }

  /** Raises a task in the caller's transaction; with a sourceKey already used, returns null and adds nothing. */
  async raiseWithin(m: EntityManager, actor: Actor | null, task: NewTask): Promise<Task | null> {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(Task)
      .values({
        ...task,
        personId: task.personId ?? null,
        referralId: task.referralId ?? null,
        dueAt: task.dueAt ?? null,
        sourceKey: task.sourceKey ?? null,
        status: TaskStatus.OPEN,
      })
      .orIgnore()
      .returning('*')
      .execute();
    const [inserted] = result.raw as ({ id: string; created_at: Date } | undefined)[];
    if (!inserted) return null;
    const row = m.create(Task, { ...task, id: inserted.id, status: TaskStatus.OPEN, createdAt: inserted.created_at });
    await this.outbox.emit(m, actor, {
      type: 'task.raised',
      aggregateType: 'task',
      aggregateId: row.id,
      personId: task.personId ?? null,
      // A task is its organisation's own business: only it (and the writer) hear of it, never every partner who may see the person.
      payload: {
        audience: 'parties',
        kind: task.kind,
        organisationId: task.organisationId,
        forRole: task.forRole,
        parties: [task.organisationId],
      },
    });
    return row;
  }

  /** The key a task was raised under (no access check: for the lib that raised it, in its handler's transaction). */
  async sourceKeyWithin(m: EntityManager, taskId: string): Promise<string | null> {
    return (await m.findOne(Task, { where: { id: taskId }, select: { id: true, sourceKey: true } }))?.sourceKey ?? null;
  }

  /** Closes the open tasks raised under keys starting with `prefix` (and ending with `suffix`, but for `except`): the work they asked for was done. */
  async closeBySourceWithin(
    m: EntityManager,
    prefix: string,
    by: string,
    options: { suffix?: string; except?: string } = {},
  ): Promise<void> {
    await m.query(
      `UPDATE task SET status = 'done', closed_at = now(), closed_by = $2 WHERE status = 'open' AND source_key LIKE $1 || '%' || $3 AND source_key IS DISTINCT FROM $4`,
      [prefix, by, options.suffix ?? '', options.except ?? null],
    );
  }

  /**
   * An open task of the kind about the person whose source key starts with `sourceKeyPrefix` (tasks
   * raised before their words were plain are found by the start of their detail, `legacyDetailPrefix`).
   */
  async openFor(
    m: EntityManager,
    organisationId: string,
    kind: TaskKind,
    personId: string,
    sourceKeyPrefix: string,
    legacyDetailPrefix: string,
  ): Promise<Task | null> {
    return m
      .getRepository(Task)
      .createQueryBuilder('t')
      .where('t.organisation_id = :organisationId AND t.kind = :kind AND t.person_id = :personId AND t.status = :open', {
        organisationId,
        kind,
        personId,
        open: TaskStatus.OPEN,
      })
      .andWhere('(starts_with(t.source_key, :key) OR starts_with(t.detail, :legacy))', { key: sourceKeyPrefix, legacy: legacyDetailPrefix })
      .getOne();
  }

  /** The tasks of the actor's organisation addressed to its roles (for those who do casework). */
  async list(
    actor: Actor,
    status: TaskStatus | null = TaskStatus.OPEN,
    page: PageArgs = {},
    assignedToMe = false,
  ): Promise<Connection<Task>> {
    if (!this.access.holds(actor, Permission.TASK_READ)) return emptyPage();
    const qb = this.db.getRepository(Task).createQueryBuilder('t').where('t.organisation_id = :org', { org: actor.organisationId });
    const roles = taskRoles(actor);
    const mine = { me: actor.kind === 'user' ? actor.id : null, myTeams: actor.teamIds ?? [], ref: actorRef(actor) };
    const assignedToActor = '(t.assignee_user_id = CAST(:me AS uuid) OR t.assignee_team_id = ANY(CAST(:myTeams AS uuid[])))';
    if (assignedToMe) qb.andWhere(assignedToActor, mine);
    else if (roles)
      qb.andWhere(
        `((t.assignee_user_id IS NULL AND t.assignee_team_id IS NULL AND t.for_role = ANY(:roles)) OR ${assignedToActor} OR t.created_by = :ref)`,
        { roles, ...mine },
      );
    if (status) qb.andWhere('t.status = :status', { status });
    // A task about a restricted record, or a person outside the user's teams and regions, is not the user's.
    const gates = this.access.gates(actor, 't.person_id');
    qb.andWhere(gates.where, gates.parameters);
    return keysetPage(qb, { alias: 't', at: 'created_at', id: 'uuid' }, page);
  }

  /** One task of the actor's organisation addressed to its roles (the same rule as the list); NOT_FOUND otherwise. */
  async get(actor: Actor, id: string): Promise<Task> {
    if (!this.access.holds(actor, Permission.TASK_READ)) throw new NotFoundError('Task');
    const task = await this.db.getRepository(Task).findOneBy({ id });
    if (!task || !addressedTo(actor, task) || !(await this.access.passesGates(actor, task.personId))) throw new NotFoundError('Task');
    return task;
  }

  async complete(actor: Actor, id: string): Promise<Task> {
    return this.db.transaction(async (m) => {
      if (!this.access.holds(actor, Permission.TASK_READ)) throw new NotFoundError('Task');
      const task = await m.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!task || !addressedTo(actor, task) || !(await this.access.passesGates(actor, task.personId))) throw new NotFoundError('Task');
      this.access.require(actor, Permission.TASK_COMPLETE);
      if (task.status !== TaskStatus.OPEN) throw new HubError(ErrorCode.InvalidState, 'This task is already done');
      task.status = TaskStatus.DONE;
      task.closedAt = new Date();
      task.closedBy = actorRef(actor);
      const saved = await m.save(task);
      await this.outbox.emit(m, actor, {
        type: 'task.completed',
        aggregateType: 'task',
        aggregateId: task.id,
        personId: task.personId,
        payload: { audience: 'parties', kind: task.kind, parties: [task.organisationId] },
      });
      return saved;
    });
  }
}
