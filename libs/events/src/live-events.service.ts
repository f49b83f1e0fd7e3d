import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { DatabaseServer } from '@hub/database';
import type { OutboxEvent } from './outbox-event.entity.js';

/**
 * What a live notification carries: the event's identity and its payload (names and codes, never
 * personal values). Receivers re-load what it names through a service as their own actor, so a
 * notification never shows more than a query would.
 */
export interface LiveEvent {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  personId: string | null;
  organisationId: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export type LiveListener = (event: LiveEvent) => void;

export function liveEventOf(e: OutboxEvent): LiveEvent {
  return {
    id: String(e.id),
    type: e.type,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    personId: e.personId,
    organisationId: e.organisationId,
    occurredAt: new Date(e.occurredAt).toISOString(),
    payload: e.payload ?? {},
  };
}

/**
 * Live events for GraphQL subscriptions. Event handlers (run once each, by whichever worker took
 * the job) publish here; subscriptions listen. Without REDIS_URL the bus is this process's own, so a
 * subscriber only hears events handled in its process; with REDIS_URL every process publishes to
 * one Redis channel per database and every process listening hears every event.
 */
@Injectable()
export class LiveEvents implements OnApplicationShutdown {
  private readonly logger = new Logger('LiveEvents');
  private readonly local = new EventEmitter();
  private publisher?: Redis;
  private subscriber?: Promise<Redis>;
  private channelName?: Promise<string>;
  private warned = false;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly server: DatabaseServer,
  ) {
    // Every subscription adds a listener: many subscribers are normal, not a leak.
    this.local.setMaxListeners(0);
  }

  /** `redis` when events cross processes through Redis, `process` otherwise. */
  get transport(): 'redis' | 'process' {
    return this.config.redisUrl ? 'redis' : 'process';
  }

  /** One channel per database, so hubs of different databases sharing a Redis never hear each other. */
  private channel(): Promise<string> {
    this.channelName ??= this.server.url().then((url) => `rehab-hub:live:${new URL(url).host}${new URL(url).pathname}`);
    return this.channelName;
  }

  private connect(role: string): Redis {
    const redis = new Redis(this.config.redisUrl!, {
      lazyConnect: false,
      maxRetriesPerRequest: 3,
      connectionName: `rehab-hub-live-${role}`,
    });
    redis.on('error', (err: Error) => this.logger.warn(`redis (${role}): ${err.message}`));
    return redis;
  }

  async publish(event: LiveEvent): Promise<void> {
    if (!this.config.redisUrl) {
      this.local.emit('event', event);
      return;
    }
    this.publisher ??= this.connect('publish');
    await this.publisher.publish(await this.channel(), JSON.stringify(event));
  }

  /** How many live subscriptions this process serves now. */
  get listeners(): number {
    return this.local.listenerCount('event');
  }

  /** Calls `listener` for every live event until the returned function is called. */
  listen(listener: LiveListener): () => void {
    if (!this.config.redisUrl && this.config.worker.mode === 'off' && !this.warned) {
      this.warned = true;
      this.logger.warn(
        'this hub runs no jobs (WORKER_MODE=off) and has no REDIS_URL: its subscribers hear nothing that other processes handle; set REDIS_URL',
      );
    }
    this.local.on('event', listener);
    if (this.config.redisUrl) this.subscriber ??= this.subscribe();
    return () => this.local.off('event', listener);
  }

  /** Resolves when this process hears the bus (with Redis: once its subscription is confirmed). */
  async ready(): Promise<void> {
    if (this.config.redisUrl) await (this.subscriber ??= this.subscribe());
  }

  private async subscribe(): Promise<Redis> {
    const redis = this.connect('subscribe');
    const channel = await this.channel();
    redis.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      try {
        this.local.emit('event', JSON.parse(message) as LiveEvent);
      } catch (err) {
        this.logger.warn(`unreadable live event: ${(err as Error).message}`);
      }
    });
    await redis.subscribe(channel);
    return redis;
  }

  async onApplicationShutdown(): Promise<void> {
    this.local.removeAllListeners();
    const subscriber = await this.subscriber?.catch(() => undefined);
    await Promise.all([this.publisher?.quit().catch(() => undefined), subscriber?.quit().catch(() => undefined)]);
    this.publisher = undefined;
    this.subscriber = undefined;
  }
}
