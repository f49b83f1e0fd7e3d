import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from './outbox-event.entity.js';

/** Runs inside a transaction that also records the delivery: commit means "handled once". */
export type EventHandlerFn = (manager: EntityManager, event: OutboxEvent) => Promise<void>;
/**
 * A handler of several events at once, in event order, inside the one transaction that records all
 * their deliveries: what the events share (the rules in force, the endpoints) is read once for all.
 */
export type EventBatchHandlerFn = (manager: EntityManager, events: readonly OutboxEvent[]) => Promise<void>;
/** A queue task (timers, sweeps): payload as enqueued. */
export type TaskFn = (payload: Record<string, unknown>) => Promise<void>;

export interface RegisteredHandler {
  name: string;
  types: ReadonlySet<string>;
  /** The events given are in event order, all delivered in the caller's transaction. */
  fn: EventBatchHandlerFn;
}

/** Task names are namespaced by the lib that owns them: `referrals:sla_sweep` (crontab syntax allows no dots). */
const TASK_NAME = /^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$/;

/**
 * Where libs plug their event handlers, queue tasks and schedules in (in `onModuleInit`); the
 * worker reads it when it starts. Libs never talk to the queue library directly.
 */
@Injectable()
export class EventHandlerRegistry {
  private readonly handlers = new Map<string, RegisteredHandler>();
  private readonly tasks = new Map<string, TaskFn>();
  private readonly schedules: string[] = [];

  /** `name` must stay stable: deliveries are recorded under it. */
  onEvent(name: string, types: string[], fn: EventHandlerFn): void {
    this.onEvents(name, types, async (m, events) => {
      for (const event of events) await fn(m, event);
    });
  }

  /** As `onEvent`, for a handler that takes the events of a delivery together (see EventBatchHandlerFn). */
  onEvents(name: string, types: string[], fn: EventBatchHandlerFn): void {
    if (this.handlers.has(name)) throw new Error(`event handler "${name}" registered twice`);
    this.handlers.set(name, { name, types: new Set(types), fn });
  }

  task(name: string, fn: TaskFn): void {
    if (!TASK_NAME.test(name)) throw new Error(`task name "${name}" must look like lib:task_name`);
    if (this.tasks.has(name)) throw new Error(`task "${name}" registered twice`);
    this.tasks.set(name, fn);
  }

  /** A crontab line (`*\/5 * * * * referrals:sla_sweep`): run at most once per tick across all processes. */
  schedule(crontabLine: string): void {
    this.schedules.push(crontabLine);
  }

  /**
   * A sweep run on a schedule (`minute hour dom month dow`) as of a moment: the cron tick's own time, or
   * `now` (an ISO time) in the payload when the task is run by hand or by a test.
   */
  sweep(name: string, cron: string, fn: (now: Date) => Promise<unknown>): void {
    this.task(name, async (payload) => {
      const tick = payload._cron as { ts?: string } | undefined;
      const at = typeof payload.now === 'string' ? payload.now : tick?.ts;
      await fn(at ? new Date(at) : new Date());
    });
    this.schedule(`${cron} ${name}`);
  }

  handlersFor(type: string): RegisteredHandler[] {
    return [...this.handlers.values()].filter((h) => h.types.has(type) || h.types.has('*'));
  }

  taskList(): ReadonlyMap<string, TaskFn> {
    return this.tasks;
  }

  crontab(): string {
    return this.schedules.join('\n');
  }
}
