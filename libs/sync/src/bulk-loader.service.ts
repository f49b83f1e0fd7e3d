import type { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { type Actor, ConflictError, HubError, NotFoundError, PayloadTooLargeError, unstorableValue, ValidationError } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { allowLongStatements } from '@hub/database';
import { actorRef } from '@hub/persons';
import { BulkSlots } from './bulk-slots.js';
import { type CheckedRecord, copyRows, loadLockKey, type StagedRecord } from './bulk-stage.js';
import { ndjsonBatches } from './ndjson.js';
import { SyncJob } from './sync-job.entity.js';

/** Records (and lines) per chunk: each chunk is merged and committed with the job's progress. */
const CHUNK = 5000;
/** Lines per chunk at most, whatever they hold (rejected lines are bounded in memory anyway: see reject). */
const LINES_PER_CHUNK = 100_000;
const STALE_MS = 60_000;
const RESUME_FAILURE = 'Stopped part-way; send the same file with the same Idempotency-Key to resume';

type JobError = SyncJob['errors'][number];

export type BulkJob = SyncJob & { replayed: boolean };

/** One kind of record the streaming path loads: how a line is checked, staged and merged. */
export interface BulkKind<R extends StagedRecord> {
  /** sync_job.kind */
  readonly kind: 'people' | 'interventions' | 'ogrs_assessments' | 'reconvictions' | 'sustainments';
  /** The temporary staging table (one per connection, emptied at each commit) and its columns. */
  readonly stage: string;
  readonly stageColumns: string;
  /** The columns COPY fills, in the order of toCsv. */
  readonly copyColumns: string;
  toCsv(row: R): string;
  /**
   * Called once per load, before the load takes its connection (so anything it reads from the pool is
   * read now, never while the load holds one): the line check for this actor. Throws (FORBIDDEN) when
   * the actor may not load this kind at all.
   */
  checker(actor: Actor): Promise<(line: number, raw: unknown) => CheckedRecord<R>>;
  /**
   * Merges the staged chunk (`rows`, as staged) with set-based SQL, marking each staged row's action
   * (created, updated, unchanged) or reject_code. Uses `qr` alone: never another pooled connection.
   */
  merge(qr: QueryRunner, actor: Actor, system: string, rows: readonly R[]): Promise<void>;
  /** The code and message reported for a reject_code the merge set. */
  rejection(rejectCode: string): { code: string; message: string };
}

/**
 * The streaming bulk path, whatever the kind of record: NDJSON in, checked line by line, COPY into a
 * staging table a chunk at a time, merged with set-based SQL, each chunk committed with the job's
 * progress and errors, so memory stays flat and a load interrupted part-way resumes with the same
 * idempotency key. Loads of one kind into one system take turns chunk by chunk (an advisory lock), so
 * two loads naming the same external id cannot both create it.
 *
 * Bounded whatever is sent (HubConfig.loadLimits): the line length and body size (PAYLOAD_TOO_LARGE),
 * the rejected lines kept (the count goes on), and the loads running at once (BulkSlots). A load holds
 * one pooled connection from its first chunk to its end and never waits for a second one.
 */
@Injectable()
export class BulkLoader {
  private readonly logger = new Logger('BulkSync');
  private readonly slots: BulkSlots;
  private readonly limits: HubConfig['loadLimits'];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.limits = config.loadLimits;
    this.slots = new BulkSlots({
      running: this.limits.bulkMaxConcurrent,
      queued: this.limits.bulkMaxQueued,
      waitMs: this.limits.bulkQueueWaitMs,
    });
  }

  /** A declared body length (Content-Length) over the limit is refused before anything is read. */
  checkDeclaredLength(contentLength: string | undefined): void {
    const declared = Number(contentLength);
    if (contentLength && Number.isFinite(declared) && declared > this.limits.bulkMaxBodyBytes) {
      throw new PayloadTooLargeError(`The body is larger than ${this.limits.bulkMaxBodyBytes} bytes; split the load`, {
        reason: 'BODY_TOO_LARGE',
        maxBodyBytes: this.limits.bulkMaxBodyBytes,
      });
    }
  }

  async job(actor: Actor, id: string): Promise<SyncJob> {
    const job = await this.db.getRepository(SyncJob).findOneBy({ id, caller: actorRef(actor) });
    if (!job) throw new NotFoundError('Sync job');
    return job;
  }

  private async claim(actor: Actor, kind: string, system: string, key: string): Promise<{ job: SyncJob; replay: boolean }> {
    const caller = actorRef(actor);
    const inserted: SyncJob[] = await this.db.query(
      `INSERT INTO sync_job (caller, idempotency_key, kind, system, status) VALUES ($1, $2, $3, $4, 'running')
       ON CONFLICT (caller, idempotency_key) DO NOTHING RETURNING id`,
      [caller, key, kind, system],
    );
    if (inserted.length) return { job: await this.db.getRepository(SyncJob).findOneByOrFail({ id: inserted[0].id }), replay: false };
    // A claim that might be resumed: lock it so two resumptions cannot run at once.
    return this.db.transaction(async (m) => {
      const job = await m.findOneOrFail(SyncJob, { where: { caller, idempotencyKey: key }, lock: { mode: 'pessimistic_write' } });
      if (job.kind !== kind || job.system !== system)
        throw new ConflictError('This idempotency key was used for a different load', { reason: 'IDEMPOTENCY_KEY_REUSED' });
      if (job.status === 'completed') return { job, replay: true };
      if (job.status === 'running' && Date.now() - job.updatedAt.getTime() < STALE_MS) {
        throw new ConflictError('A load with this idempotency key is still running', { reason: 'IN_PROGRESS', jobId: job.id });
      }
      job.status = 'running';
      job.failure = null;
      return { job: await m.save(job), replay: false };
    });
  }

  async load<R extends StagedRecord>(spec: BulkKind<R>, actor: Actor, system: string, key: string, input: Readable): Promise<BulkJob> {
    if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(system))
      throw new ValidationError([{ field: 'system', messages: ['lower case letters, digits, dot, dash or underscore'] }]);
    if (!/^[\x21-\x7e]{8,200}$/.test(key))
      throw new ValidationError([{ field: 'Idempotency-Key', messages: ['8-200 visible characters'] }]);
    const check = await spec.checker(actor);
    const release = await this.slots.acquire();
    try {
      const { job, replay } = await this.claim(actor, spec.kind, system, key);
      if (replay) {
        input.resume();
        return { ...job, replayed: true };
      }
      return await this.run(spec, actor, job, check, input);
    } finally {
      release();
    }
  }

  private async run<R extends StagedRecord>(
    spec: BulkKind<R>,
    actor: Actor,
    job: SyncJob,
    check: (line: number, raw: unknown) => CheckedRecord<R>,
    input: Readable,
  ): Promise<BulkJob> {
    const maxKept = this.limits.bulkMaxRejections;
    const qr = this.db.createQueryRunner();
    let merging: Promise<void> = Promise.resolve();
    let failed: unknown;
    try {
      await qr.connect();
      await qr.query(`CREATE TEMP TABLE IF NOT EXISTS ${spec.stage} (${spec.stageColumns}, PRIMARY KEY (line)) ON COMMIT DELETE ROWS`);
      const skip = job.linesCommitted;
      const stage = { analysed: false };
      let rows = new Map<string, R>();
      // Rejections of the chunk being read: at most what the job may still keep; past that only counted.
      let errors: JobError[] = [];
      let uncounted = 0;
      let lastLine = skip;
      let chunkStart = skip;
      // One chunk merges in the database while the next is read and checked here (two chunks in memory at most).
      const nextChunk = async () => {
        await merging;
        merging = this.flush(qr, stage, spec, actor, job, [...rows.values()], errors, uncounted, lastLine);
        merging.catch(() => undefined); // observed by the next flush, or below
        rows = new Map();
        errors = [];
        uncounted = 0;
        chunkStart = lastLine;
      };
      const reject = (e: JobError) => {
        if (job.errors.length + errors.length < maxKept) errors.push(e);
        else uncounted++;
      };
      for await (const batch of ndjsonBatches(input, {
        maxLineBytes: this.limits.bulkMaxLineBytes,
        maxBodyBytes: this.limits.bulkMaxBodyBytes,
      })) {
        let sinceYield = 0;
        for (const item of batch) {
          if (item.line <= skip) continue;
          // Let the merge's database replies in between: a batch of lines never yields to the event loop by itself.
          if (++sinceYield % 256 === 0) await setImmediate();
          lastLine = item.line;
          const unstorable = item.error === undefined ? unstorableValue(item.value) : null;
          if (item.error !== undefined) {
            reject({ line: item.line, externalId: null, code: 'BAD_USER_INPUT', message: item.error });
          } else if (unstorable) {
            const id = (item.value as { externalId?: unknown } | null)?.externalId;
            reject({
              line: item.line,
              externalId: typeof id === 'string' && !unstorableValue(id) ? id.slice(0, 200) : null,
              code: 'BAD_USER_INPUT',
              message: unstorable.message,
            });
          } else {
            const checked = check(item.line, item.value);
            if ('problems' in checked) {
              reject({ line: item.line, externalId: checked.externalId, code: 'BAD_USER_INPUT', message: checked.problems.join('; ') });
            } else {
              const earlier = rows.get(checked.row.externalId);
              if (earlier)
                reject({
                  line: earlier.line,
                  externalId: earlier.externalId,
                  code: 'DUPLICATE_IN_BATCH',
                  message: 'A later line has the same externalId; it was used instead',
                });
              rows.set(checked.row.externalId, checked.row);
            }
          }
          // A chunk ends at CHUNK records, or (so that a long run of rejected lines commits its progress too) LINES_PER_CHUNK lines.
          if (rows.size >= CHUNK || lastLine - chunkStart >= LINES_PER_CHUNK) await nextChunk();
        }
      }
      await nextChunk();
      await merging;
      job.status = 'completed';
      job.finishedAt = new Date();
      // On the load's own connection: it never waits for a second one while holding this one.
      await qr.query(`UPDATE sync_job SET status = $2, finished_at = $3 WHERE id = $1`, [job.id, job.status, job.finishedAt]);
      return { ...job, replayed: false };
    } catch (err) {
      failed = err;
      await merging.catch(() => undefined);
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
      if (failed !== undefined) await this.recordFailure(spec, job, failed);
    }
  }

  /** Marks the job failed (after the load gave back its connection). */
  private async recordFailure(spec: BulkKind<StagedRecord>, job: SyncJob, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    this.logger.warn(`bulk load ${job.id} (${spec.kind}) stopped after line ${job.linesCommitted}: ${message}`);
    const failure = err instanceof HubError ? `${message}. Lines up to ${job.linesCommitted} were committed` : RESUME_FAILURE;
    await this.db
      .getRepository(SyncJob)
      .update({ id: job.id }, { status: 'failed', failure })
      .catch((e: unknown) =>
        this.logger.warn(`bulk load ${job.id}: its failure could not be recorded: ${e instanceof Error ? e.message : String(e)}`),
      );
  }

  /** Stages and merges one chunk, and records the job's progress, in one transaction. */
  private async flush<R extends StagedRecord>(
    qr: QueryRunner,
    stage: { analysed: boolean },
    spec: BulkKind<R>,
    actor: Actor,
    job: SyncJob,
    rows: R[],
    errors: JobError[],
    uncounted: number,
    lastLine: number,
  ): Promise<void> {
    if (rows.length === 0 && errors.length === 0 && uncounted === 0 && lastLine === job.linesCommitted) return;
    await qr.startTransaction();
    // A chunk's COPY and merge are long by nature: they run under the background limit, not a request's.
    await allowLongStatements(qr, this.config.statementTimeouts.backgroundMs);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const rejected = [...errors];
    if (rows.length) {
      // The merge's statements look costly to the planner (a probe per row), which would JIT-compile
      // them for every chunk: compiling takes longer than running them.
      await qr.query(`SET LOCAL jit = off`);
      await qr.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [loadLockKey(spec.kind, actor.organisationId, job.system)]);
      await copyRows(qr, spec.stage, spec.copyColumns, rows, (r) => spec.toCsv(r));
      // Statistics of a staged chunk, once per load: the planner keeps them for the chunks that follow
      // (of the same size), and without them it guesses and may loop over the stage for every row.
      if (!stage.analysed) {
        await qr.query(`ANALYZE ${spec.stage}`);
        stage.analysed = true;
      }
      await spec.merge(qr, actor, job.system, rows);
      const outcome = (await qr.query(
        `SELECT action, NULL AS reject_code, NULL::integer AS line, NULL AS external_id, count(*) AS n FROM ${spec.stage} WHERE reject_code IS NULL GROUP BY action
         UNION ALL SELECT NULL, reject_code, line, external_id, 1 FROM ${spec.stage} WHERE reject_code IS NOT NULL`,
      )) as { action: string | null; reject_code: string | null; line: number | null; external_id: string | null; n: string }[];
      for (const o of outcome) {
        if (o.reject_code) rejected.push({ line: o.line!, externalId: o.external_id, ...spec.rejection(o.reject_code) });
        else if (o.action && o.action in counts) counts[o.action as keyof typeof counts] = Number(o.n);
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    // The job keeps at most bulkMaxRejections of them (the first ones); `rejected` counts them all.
    const kept = rejected.slice(0, Math.max(0, this.limits.bulkMaxRejections - job.errors.length));
    const rejectedCount = rejected.length + uncounted;
    await qr.query(
      `UPDATE sync_job SET lines_committed = $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5, rejected = rejected + $6,
              errors = errors || $7::jsonb, updated_at = now()
        WHERE id = $1`,
      [job.id, lastLine, counts.created, counts.updated, counts.unchanged, rejectedCount, JSON.stringify(kept)],
    );
    await qr.commitTransaction();
    job.linesCommitted = lastLine;
    job.created += counts.created;
    job.updated += counts.updated;
    job.unchanged += counts.unchanged;
    job.rejected += rejectedCount;
    if (kept.length) job.errors = [...job.errors, ...kept];
  }
}
