import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, Permission } from '@hub/access';
import { type Actor, type Connection, ErrorCode, hasRole, HubError, NotFoundError, Role } from '@hub/common';
import { emptyPage, keysetPage, type PageArgs } from '@hub/database';
import { OutboxService } from '@hub/events';
import { actorRef } from '@hub/persons';
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

function addressedTo(actor: Actor, task: Task): boolean {
  const roles = taskRoles(actor);
  return task.organisationId === actor.organisationId && (roles === null || roles.includes(task.forRole));
}

/** Tasks for an organisation's staff, raised by rules and timers. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
  ) {}

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
      payload: { kind: task.kind, organisationId: task.organisationId, forRole: task.forRole },
    });
    return row;
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

  async openFor(m: EntityManager, organisationId: string, kind: TaskKind, personId: string, detailPrefix: string): Promise<Task | null> {
    return m
      .getRepository(Task)
      .createQueryBuilder('t')
      .where(
        't.organisation_id = :organisationId AND t.kind = :kind AND t.person_id = :personId AND t.status = :open AND t.detail LIKE :prefix',
        { organisationId, kind, personId, open: TaskStatus.OPEN, prefix: `${detailPrefix}%` },
      )
      .getOne();
  }

  /** The tasks of the actor's organisation addressed to its roles (for those who do casework). */
  async list(actor: Actor, status: TaskStatus | null = TaskStatus.OPEN, page: PageArgs = {}): Promise<Connection<Task>> {
    if (!this.access.holds(actor, Permission.TASK_READ)) return emptyPage();
    const qb = this.db.getRepository(Task).createQueryBuilder('t').where('t.organisation_id = :org', { org: actor.organisationId });
    const roles = taskRoles(actor);
    if (roles) qb.andWhere('t.for_role = ANY(:roles)', { roles });
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
        payload: { kind: task.kind },
      });
      return saved;
    });
  }
}
