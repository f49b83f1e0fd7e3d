import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventHandlerRegistry } from '@hub/events';

export const COMPACT_COUNTS_TASK = 'referrals:compact_counts';

/**
 * Folds the referral report's deltas (appended by every write, in its transaction) into the counts
 * per day, once a minute on one worker: the report reads the folded rows and whatever deltas are
 * left, so this keeps the report's reading small, never its answer right.
 */
@Injectable()
export class ReferralCountsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: EventHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.task(COMPACT_COUNTS_TASK, () => this.compact().then(() => undefined));
    this.registry.schedule(`* * * * * ${COMPACT_COUNTS_TASK}`);
  }

  /** Folds the deltas committed so far; returns how many. */
  async compact(): Promise<number> {
    const [{ moved }] = (await this.db.query(`SELECT referral_count_compact() AS moved`)) as { moved: number }[];
    return moved;
  }
}
