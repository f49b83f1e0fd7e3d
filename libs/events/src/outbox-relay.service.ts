import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { EventDelivery } from './event-delivery.entity.js';
import { EventHandlerRegistry, type RegisteredHandler } from './event-handlers.js';
import { QUEUE_SCHEMA } from './job-queue.service.js';
import { OutboxEvent } from './outbox-event.entity.js';

/** The queue task that delivers one outbox event to its handlers (an event a batch could not deliver, retried on its own). */
export const DELIVER_EVENT_TASK = 'events:deliver';
/** The queue task that delivers a relayed batch of outbox events, in order, to their handlers. */
export const DELIVER_BATCH_TASK = 'events:deliver_batch';
/** How many events of a batch share one transaction (and so one commit) of their handlers' work. */
const EVENTS_PER_TRANSACTION = 25;
/**
 * Event delivery runs before any other due job (lower runs first; the queue's default is 0): the jobs
 * handlers add (emails, webhook deliveries, timers) wait behind the events that feed them, so a burst
 * of emails never holds up the referrals the next events should make.
 */
const DELIVERY_PRIORITY = -10;
/** The most events one batch job may name (the relay's batch size is capped lower, by configuration). */
export const MAX_EVENTS_PER_BATCH = 10_000;

/**
 * Moves unpublished outbox events to the job queue. One transaction per batch: the rows are locked
 * with FOR UPDATE SKIP LOCKED (so concurrent relays in other processes take other rows), one job is
 * added for the batch (keyed by its first event id), and the rows are marked published; either all
 * of it commits or none. Each event is thus enqueued exactly once, whatever the number of relays.
 *
 * A batch is delivered a few events per transaction: one commit for all their handlers' work instead
 * of one per event and handler (at 100 writes a second, each raising four events with two or three
 * handlers each, that is the difference between a dozen commits a second and a thousand). Should any
 * handler fail, that transaction is rolled back and its events are delivered one at a time as before,
 * each handler in its own transaction; an event that fails again gets a job of its own, retried with
 * the queue's backoff, and the rest of the batch goes on.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly registry: EventHandlerRegistry,
  ) {}

  /** Relays one batch; returns how many events it moved. */
  async relayBatch(limit = this.config.worker.relayBatchSize): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => String(r.id));
      await m.query(
        `SELECT ${QUEUE_SCHEMA}.add_job($1, json_build_object('eventIds', $2::text[]), max_attempts => 10, job_key => 'outbox-batch:' || $3::text, job_key_mode => 'preserve_run_at', priority => ${DELIVERY_PRIORITY})`,
        [DELIVER_BATCH_TASK, ids, ids[0]],
      );
      await m.query(`UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
      return ids.length;
    });
  }

  /** Relays until nothing is left (or `maxBatches`). */
  async drain(maxBatches = 50): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.relayBatch();
      total += n;
      if (n < this.config.worker.relayBatchSize) break;
    }
    return total;
  }

  /** Delivers a relayed batch in order, EVENTS_PER_TRANSACTION events to a transaction (see the class). */
  async deliverBatch(eventIds: readonly string[], workerId: string): Promise<void> {
    for (let i = 0; i < eventIds.length; i += EVENTS_PER_TRANSACTION) {
      const chunk = eventIds.slice(i, i + EVENTS_PER_TRANSACTION);
      try {
        await this.deliverTogether(chunk, workerId);
      } catch (err) {
        this.logger.warn(`events ${chunk[0]} to ${chunk.at(-1)}: delivered one at a time (${(err as Error).message})`);
        for (const id of chunk) {
          try {
            await this.deliver(id, workerId);
          } catch (err) {
            this.logger.warn(`event ${id}: retried as a job of its own (${(err as Error).message})`);
            await this.db.query(
              `SELECT ${QUEUE_SCHEMA}.add_job($1, json_build_object('eventId', $2::text), max_attempts => 10, job_key => 'outbox:' || $2::text, job_key_mode => 'preserve_run_at', priority => ${DELIVERY_PRIORITY})`,
              [DELIVER_EVENT_TASK, id],
            );
          }
        }
      }
    }
  }

  /**
   * Every handler of these events in one transaction with all their delivery records: each handler
   * is given, at once and in event order, the events it has no delivery record of yet.
   */
  private async deliverTogether(eventIds: readonly string[], workerId: string): Promise<void> {
    const events = await this.db.getRepository(OutboxEvent).find({ where: { id: In([...eventIds]) }, order: { id: 'ASC' } });
    const work = events.flatMap((event) => this.registry.handlersFor(event.type).map((handler) => ({ event, handler })));
    if (!work.length) return;
    await this.db.transaction(async (m) => {
      const fresh: { event_id: string; handler: string }[] = await m.query(
        `INSERT INTO event_delivery (event_id, handler, worker_id)
         SELECT e, h, $3 FROM unnest($1::bigint[], $2::text[]) AS t(e, h)
         ON CONFLICT DO NOTHING RETURNING event_id::text, handler`,
        [work.map((w) => w.event.id), work.map((w) => w.handler.name), workerId],
      );
      const todo = new Set(fresh.map((r) => `${r.event_id} ${r.handler}`));
      const byHandler = new Map<RegisteredHandler, OutboxEvent[]>();
      for (const { event, handler } of work) {
        if (!todo.has(`${event.id} ${handler.name}`)) continue;
        const list = byHandler.get(handler) ?? [];
        if (!list.length) byHandler.set(handler, list);
        list.push(event);
      }
      for (const [handler, list] of byHandler) await handler.fn(m, list);
    });
  }

  /**
   * Hands one event to each of its handlers, each in its own transaction with its delivery record
   * (kept under `workerId`): a handler that already has its record is not run again.
   */
  async deliver(eventId: string, workerId: string): Promise<void> {
    const event = await this.db.getRepository(OutboxEvent).findOneBy({ id: eventId });
    if (!event) return;
    for (const handler of this.registry.handlersFor(event.type)) {
      await this.db.transaction(async (m) => {
        const fresh = await m
          .createQueryBuilder()
          .insert()
          .into(EventDelivery)
          .values({ eventId, handler: handler.name, workerId })
          .orIgnore()
          .returning(['eventId'])
          .execute();
        if ((fresh.raw as unknown[]).length === 0) return;
        await handler.fn(m, [event]);
      });
    }
  }
}
