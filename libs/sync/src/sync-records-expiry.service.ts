import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { EventHandlerRegistry } from '@hub/events';

export const SYNC_EXPIRY_TASK = 'sync:expire_records';

export interface SyncRecordsExpired {
  /** Everything older than this went. */
  before: Date;
  idempotencyKeys: number;
  bulkLoads: number;
}

/**
 * A sync's bookkeeping is kept for SYNC_RECORDS_DAYS, then deleted: the idempotency keys of batches
 * with the answers replayed for them, and bulk loads (finished, or left unfinished) with their first
 * errors. Both name external ids, so an erased person's id sent again is held no longer than that.
 * A key past it may be used again (for another request, too); a load past it starts from its first
 * line when sent again, and as its records are keyed by external id nothing is written twice.
 */
@Injectable()
export class SyncRecordsExpiryService implements OnModuleInit {
  private readonly logger = new Logger('SyncRecordsExpiry');

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: EventHandlerRegistry,
  ) {}

  /** Hourly, once per tick whatever the number of processes. */
  onModuleInit(): void {
    this.registry.task(SYNC_EXPIRY_TASK, async () => {
      const expired = await this.expire();
      if (expired.idempotencyKeys || expired.bulkLoads)
        this.logger.log(
          `sync records before ${expired.before.toISOString()}: ${expired.idempotencyKeys} idempotency keys, ${expired.bulkLoads} bulk loads deleted`,
        );
    });
    this.registry.schedule(`40 * * * * ${SYNC_EXPIRY_TASK}`);
  }

  async expire(now = new Date()): Promise<SyncRecordsExpired> {
    const before = new Date(now.getTime() - this.config.syncRecordsDays * 86_400_000);
    return this.db.transaction(async (m) => {
      const [, idempotencyKeys]: [unknown, number] = await m.query('DELETE FROM idempotency_key WHERE created_at < $1', [before]);
      const [, bulkLoads]: [unknown, number] = await m.query('DELETE FROM sync_job WHERE coalesce(finished_at, updated_at) < $1', [before]);
      return { before, idempotencyKeys, bulkLoads };
    });
  }
}
