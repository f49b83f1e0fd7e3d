import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import graphileWorker, { type Runner, type TaskList } from 'graphile-worker';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { DatabaseServer } from '@hub/database';
import { AuditSealerService } from '@hub/audit';
import {
  DELIVER_BATCH_TASK,
  DELIVER_EVENT_TASK,
  EventHandlerRegistry,
  MAX_EVENTS_PER_BATCH,
  OUTBOX_CHANNEL,
  OutboxRelay,
  QUEUE_SCHEMA,
} from '@hub/events';

const { run, runMigrations, Logger: GraphileLogger } = graphileWorker;

type Level = 'error' | 'warning' | 'info' | 'debug';

/** Errors of a connection lost (a restart, a network cut), whatever pg or the server calls them. */
const CONNECTION_LOST = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);
const lost = (err: unknown) => {
  const e = err as { code?: string; message?: string } | null;
  return (
    !!e &&
    (CONNECTION_LOST.has(e.code ?? '') ||
      /connection terminated|terminating connection|connection error|connection is closed|not queryable/i.test(e.message ?? ''))
  );
};
/**
 * As an error with the code graphile-worker retries on a fresh connection, with backoff
 * (`cannot_connect_now`); a new Error, since it checks `instanceof Error` and socket errors may come
 * from another realm (under jest).
 */
const RETRY = (err: unknown) => (lost(err) ? Object.assign(new Error((err as Error).message, { cause: err }), { code: '57P03' }) : err);

/**
 * The queue's pool. graphile-worker 0.17 writes a finished job's outcome (completeJob, failJob) with
 * retries on a fresh connection for the codes it knows, and without handling the rejection when it
 * gives up: a job finishing while PostgreSQL restarts ended the process (an unhandled rejection). Here a
 * lost connection carries the code it retries on, so the outcome is written once the database is back.
 */
class QueuePool extends pg.Pool {
  override async connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) {
      super.connect(callback);
      return;
    }
    return super.connect().then(
      (client) => {
        const marked = client as pg.PoolClient & { hubRetry?: true };
        if (!marked.hubRetry) {
          marked.hubRetry = true;
          const query = client.query.bind(client) as (...args: unknown[]) => unknown;
          (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
            const result = query(...args) as Promise<unknown> | undefined;
            return typeof result?.then === 'function' ? result.catch((err: unknown) => Promise.reject(RETRY(err))) : result;
          };
        }
        return client;
      },
      (err: unknown) => Promise.reject(RETRY(err)),
    );
  }
}

/**
 * The worker: relays the outbox to the queue, runs queue jobs (event handlers, timers, schedules) and
 * seals the audit log (AuditSealerService).
 * Runs inside the hub (WORKER_MODE=embedded, the default) and in `npm run worker`; never in the CLI.
 * Any number of processes may run it against one database.
 */
@Injectable()
export class HubWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private runner?: Runner;
  private relayTimer?: NodeJS.Timeout;
  private relaying?: Promise<void>;
  private relayRunning = false;
  /** An outbox notification came while the relay was running: run again at once. */
  private wake = false;
  private listener?: pg.Client;
  private stopping = false;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly server: DatabaseServer,
    private readonly registry: EventHandlerRegistry,
    private readonly relay: OutboxRelay,
    private readonly sealer: AuditSealerService,
  ) {}

  private pool?: pg.Pool;

  get running(): boolean {
    return !!this.runner;
  }

  async onApplicationBootstrap(): Promise<void> {
    const role = process.env.HUB_ROLE;
    if (role === 'cli') return;
    // The queue's own schema (installed and upgraded by graphile-worker itself) is needed to enqueue
    // even where no jobs run.
    await runMigrations({ connectionString: await this.server.url(), schema: QUEUE_SCHEMA, logger: this.graphileLogger() });
    if (this.config.worker.mode === 'embedded' || role === 'worker') await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    if (this.runner) return;
    this.stopping = false;
    const taskList: TaskList = {
      [DELIVER_EVENT_TASK]: (payload) => this.deliver(String((payload as { eventId: string }).eventId)),
      [DELIVER_BATCH_TASK]: (payload) => this.deliverBatch(payload),
    };
    for (const [name, fn] of this.registry.taskList()) taskList[name] = (payload) => fn((payload ?? {}) as Record<string, unknown>);
    // Our own pool, so a connection dropped by a database restart is logged and replaced rather than
    // raised as an unhandled error that would bring the process down.
    this.pool = new QueuePool({ connectionString: await this.server.url(), max: this.config.worker.concurrency + 2 });
    this.pool.on('error', (err) => this.connectionLost(`queue connection lost: ${err.message}`));
    this.pool.on('connect', (client) => client.on('error', (err) => this.connectionLost(`queue connection lost: ${err.message}`)));
    // Ctrl+C in a terminal reaches the embedded PostgreSQL too (one process group), which then ends our
    // connections while the hub stops: expected then, so not warned about.
    process.once('SIGINT', this.markStopping);
    process.once('SIGTERM', this.markStopping);
    this.runner = await run({
      pgPool: this.pool,
      schema: QUEUE_SCHEMA,
      concurrency: this.config.worker.concurrency,
      pollInterval: this.config.worker.pollIntervalMs,
      noHandleSignals: true,
      logger: this.graphileLogger(),
      taskList,
      crontab: this.registry.crontab(),
    });
    this.scheduleRelay(0);
    this.sealer.start();
    await this.listenForOutbox();
    this.logger.log(`worker ${this.workerId} running (${this.config.worker.concurrency} at once, ${Object.keys(taskList).length} tasks)`);
  }

  private readonly markStopping = (): void => {
    this.stopping = true;
  };

  /** A lost connection is worth a warning, except while stopping (when the database may stop first). */
  private connectionLost(message: string): void {
    if (this.stopping) this.logger.debug(message);
    else this.logger.warn(message);
  }

  async stop(): Promise<void> {
    process.removeListener('SIGINT', this.markStopping);
    process.removeListener('SIGTERM', this.markStopping);
    if (!this.runner) return;
    this.stopping = true;
    clearTimeout(this.relayTimer);
    await this.sealer.stop();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.relaying;
    const runner = this.runner;
    this.runner = undefined;
    await runner.stop();
    await this.pool?.end().catch(() => undefined);
    this.pool = undefined;
    this.logger.log(`worker ${this.workerId} stopped`);
  }

  /**
   * Writes notify `hub_outbox` when they commit (OutboxService): the relay runs at once instead of at
   * its next poll. The poll stays as the fallback (a lost connection, a missed notification).
   */
  private async listenForOutbox(): Promise<void> {
    if (this.stopping) return;
    const client = new pg.Client({ connectionString: await this.server.url() });
    const retry = (err?: Error) => {
      if (err) this.connectionLost(`outbox notifications lost: ${err.message}; polling until reconnected`);
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listenForOutbox().catch(() => retry()), 5000).unref();
    };
    client.on('error', retry);
    client.on('end', () => retry());
    client.on('notification', () => this.nudge());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (err) {
      retry(err as Error);
    }
  }

  private nudge(): void {
    if (this.stopping || !this.runner) return;
    if (this.relayRunning) {
      this.wake = true;
      return;
    }
    clearTimeout(this.relayTimer);
    this.scheduleRelay(0);
  }

  private scheduleRelay(delay: number): void {
    if (this.stopping) return;
    clearTimeout(this.relayTimer);
    this.relayTimer = setTimeout(() => {
      this.relayRunning = true;
      this.wake = false;
      this.relaying = this.relay
        .drain()
        .then((moved) => moved)
        .catch((err: Error) => {
          this.logger.error(`outbox relay failed: ${err.message}`);
          return 0;
        })
        .then((moved) => {
          this.relayRunning = false;
          this.scheduleRelay(moved >= this.config.worker.relayBatchSize || this.wake ? 0 : this.config.worker.pollIntervalMs);
        });
    }, delay);
  }

  /** A relayed batch (the events lib's delivery, recorded under this worker); a payload not of the relay's shape is refused. */
  deliverBatch(payload: unknown): Promise<void> {
    const ids = (payload as { eventIds?: unknown } | null)?.eventIds;
    if (!Array.isArray(ids) || ids.length > MAX_EVENTS_PER_BATCH || !ids.every((id) => typeof id === 'string' && /^[0-9]{1,19}$/.test(id)))
      return Promise.reject(new Error(`${DELIVER_BATCH_TASK}: eventIds must be at most ${MAX_EVENTS_PER_BATCH} event ids`));
    return this.relay.deliverBatch(ids as string[], this.workerId);
  }

  /** Hands one event to each of its handlers (the events lib's delivery, recorded under this worker). */
  deliver(eventId: string): Promise<void> {
    return this.relay.deliver(eventId, this.workerId);
  }

  private graphileLogger() {
    return new GraphileLogger((scope) => (level: Level, message: string) => {
      const text = scope.taskIdentifier ? `${message} (${scope.taskIdentifier})` : message;
      if (this.stopping && (level === 'error' || level === 'warning')) this.logger.debug(text);
      else if (level === 'error') this.logger.error(text);
      else if (level === 'warning') this.logger.warn(text);
      else this.logger.debug(text);
    });
  }
}
