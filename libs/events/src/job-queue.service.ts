import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export const QUEUE_SCHEMA = 'graphile_worker';

export interface JobOptions {
  runAt?: Date;
  /** At most one pending job per key: adding again replaces it; removing cancels it. */
  jobKey?: string;
  maxAttempts?: number;
}

/**
 * Enqueues jobs on the PostgreSQL queue (graphile-worker) through SQL, so a job can be added in the
 * same transaction as the change that causes it.
 */
@Injectable()
export class JobQueue {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async addWithin(m: EntityManager, task: string, payload: Record<string, unknown>, options: JobOptions = {}): Promise<void> {
    await m.query(`SELECT ${QUEUE_SCHEMA}.add_job($1, $2::json, run_at => $3::timestamptz, max_attempts => $4::int, job_key => $5::text)`, [
      task,
      JSON.stringify(payload),
      options.runAt?.toISOString() ?? null,
      options.maxAttempts ?? 10,
      options.jobKey ?? null,
    ]);
  }

  /** Several jobs of one task (no run time or key), in one statement of the caller's transaction. */
  async addManyWithin(m: EntityManager, task: string, payloads: readonly Record<string, unknown>[], maxAttempts = 10): Promise<void> {
    if (!payloads.length) return;
    await m.query(
      `SELECT ${QUEUE_SCHEMA}.add_job($1, p::json, max_attempts => $3::int) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n`,
      [task, payloads.map((p) => JSON.stringify(p)), maxAttempts],
    );
  }

  add(task: string, payload: Record<string, unknown> = {}, options: JobOptions = {}): Promise<void> {
    return this.db.transaction((m) => this.addWithin(m, task, payload, options));
  }

  /** Cancels a pending job by key (a running one finishes). */
  async removeWithin(m: EntityManager, jobKey: string): Promise<void> {
    await m.query(`SELECT ${QUEUE_SCHEMA}.remove_job($1)`, [jobKey]);
  }
}
