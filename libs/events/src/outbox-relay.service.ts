import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { EventDelivery } from './event-delivery.entity.js';
import { EventHandlerRegistry } from './event-handlers.js';
import { QUEUE_SCHEMA } from './job-queue.service.js';
import { OutboxEvent } from './outbox-event.entity.js';

/** The queue task that delivers one outbox event to its handlers. */
export const DELIVER_EVENT_TASK = 'events:deliver';

/**
 * Moves unpublished outbox events to the job queue. One transaction per batch: the rows are locked
 * with FOR UPDATE SKIP LOCKED (so concurrent relays in other processes take other rows), a job is
 * added per event (keyed by the event id), and the rows are marked published; either all of it
 * commits or none. Each event is thus enqueued exactly once, whatever the number of relays.
 */
@Injectable()
export class OutboxRelay {
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
      const ids = rows.map((r) => r.id);
      await m.query(
        `SELECT ${QUEUE_SCHEMA}.add_job($1, json_build_object('eventId', id::text), max_attempts => 10, job_key => 'outbox:' || id::text, job_key_mode => 'preserve_run_at')
           FROM unnest($2::bigint[]) AS id ORDER BY id`,
        [DELIVER_EVENT_TASK, ids],
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
        await handler.fn(m, event);
      });
    }
  }
}
