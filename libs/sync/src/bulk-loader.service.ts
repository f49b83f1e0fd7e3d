import type { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { type Actor, ConflictError, NotFoundError, ValidationError } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { allowLongStatements } from '@hub/database';
import { actorRef } from '@hub/persons';
import { type CheckedRecord, copyRows, type StagedRecord } from './bulk-stage.js';
import { ndjson } from './ndjson.js';
import { SyncJob } from './sync-job.entity.js';

const CHUNK = 5000;
const MAX_ERRORS = 1000;
const STALE_MS = 60_000;

type JobError = SyncJob['errors'][number];

export type BulkJob = SyncJob & { replayed: boolean };

/** One kind of record the streaming path loads: how a line is checked, staged and merged. */
export interface BulkKind<R extends StagedRecord> {
  /** sync_job.kind */
  readonly kind: 'people' | 'interventions';
  /** The temporary staging table (one per connection, emptied at each commit) and its columns. */
  readonly stage: string;
  readonly stageColumns: string;
  /** The columns COPY fills, in the order of toCsv. */
  readonly copyColumns: string;
  toCsv(row: R): string;
  /** Called once per load: the line check for this actor. Throws (FORBIDDEN) when the actor may not load this kind at all. */
  checker(actor: Actor): Promise<(line: number, raw: unknown) => CheckedRecord<R>>;
  /** Merges the staged chunk (`rows`, as staged) with set-based SQL, marking each staged row's action (created, updated, unchanged) or reject_code. */
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
 */
@Injectable()
export class BulkLoader {
  private readonly logger = new Logger('BulkSync');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

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
      if (job.kind !== kind || job.system !== system) throw new ConflictError('This idempotency key was used for a different load', { reason: 'IDEMPOTENCY_KEY_REUSED' });
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
    if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(system)) throw new ValidationError([{ field: 'system', messages: ['lower case letters, digits, dot, dash or underscore'] }]);
    if (!/^[\x21-\x7e]{8,200}$/.test(key)) throw new ValidationError([{ field: 'Idempotency-Key', messages: ['8-200 visible characters'] }]);
    const check = await spec.checker(actor);
    const { job, replay } = await this.claim(actor, spec.kind, system, key);
    if (replay) {
      input.resume();
      return { ...job, replayed: true };
    }
    const qr = this.db.createQueryRunner();
    await qr.connect();
    let merging: Promise<void> = Promise.resolve();
    try {
      await qr.query(`CREATE TEMP TABLE IF NOT EXISTS ${spec.stage} (${spec.stageColumns}, PRIMARY KEY (line)) ON COMMIT DELETE ROWS`);
      const skip = job.linesCommitted;
      const stage = { analysed: false };
      let rows = new Map<string, R>();
      let errors: JobError[] = [];
      let lastLine = skip;
      // One chunk merges in the database while the next is read and checked here (two chunks in memory at most).
      const nextChunk = async () => {
        await merging;
        merging = this.flush(qr, stage, spec, actor, job, [...rows.values()], errors, lastLine);
        merging.catch(() => undefined); // observed by the next flush, or below
        rows = new Map();
        errors = [];
      };
      for await (const item of ndjson(input)) {
        if (item.line <= skip) continue;
        // Let the merge's database replies in between: buffered lines never yield to the event loop by themselves.
        if (item.line % 256 === 0) await setImmediate();
        lastLine = item.line;
        if (item.error !== undefined) {
          errors.push({ line: item.line, externalId: null, code: 'BAD_USER_INPUT', message: item.error });
        } else {
          const checked = check(item.line, item.value);
          if ('problems' in checked) {
            errors.push({ line: item.line, externalId: checked.externalId, code: 'BAD_USER_INPUT', message: checked.problems.join('; ') });
          } else {
            const earlier = rows.get(checked.row.externalId);
            if (earlier) errors.push({ line: earlier.line, externalId: earlier.externalId, code: 'DUPLICATE_IN_BATCH', message: 'A later line has the same externalId; it was used instead' });
            rows.set(checked.row.externalId, checked.row);
          }
        }
        if (rows.size >= CHUNK) await nextChunk();
      }
      await nextChunk();
      await merging;
      job.status = 'completed';
      job.finishedAt = new Date();
      await this.db.getRepository(SyncJob).update({ id: job.id }, { status: job.status, finishedAt: job.finishedAt });
      return { ...job, replayed: false };
    } catch (err) {
      await merging.catch(() => undefined);
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn(`bulk load ${job.id} (${spec.kind}) stopped after line ${job.linesCommitted}: ${message}`);
      await this.db.getRepository(SyncJob).update({ id: job.id }, { status: 'failed', failure: 'Stopped part-way; send the same file with the same Idempotency-Key to resume' });
      throw err;
    } finally {
      await qr.release();
    }
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
    lastLine: number,
  ): Promise<void> {
    if (rows.length === 0 && errors.length === 0 && lastLine === job.linesCommitted) return;
    await qr.startTransaction();
    // A chunk's COPY and merge are long by nature: they run under the background limit, not a request's.
    await allowLongStatements(qr, this.config.statementTimeouts.backgroundMs);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const rejected = [...errors];
    if (rows.length) {
      // The merge's statements look costly to the planner (a probe per row), which would JIT-compile
      // them for every chunk: compiling takes longer than running them.
      await qr.query(`SET LOCAL jit = off`);
      await qr.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sync_bulk:${spec.kind}:${job.system}`]);
      await copyRows(qr, spec.stage, spec.copyColumns, rows, (r) => spec.toCsv(r));
      // Statistics of a staged chunk, once per load: the planner keeps them for the chunks that follow
      // (of the same size), and without them it guesses and may loop over the stage for every row.
      if (!stage.analysed) {
        await qr.query(`ANALYZE ${spec.stage}`);
        stage.analysed = true;
      }
      await spec.merge(qr, actor, job.system, rows);
      const outcome: { action: string | null; reject_code: string | null; line: number | null; external_id: string | null; n: string }[] = await qr.query(
        `SELECT action, NULL AS reject_code, NULL::integer AS line, NULL AS external_id, count(*) AS n FROM ${spec.stage} WHERE reject_code IS NULL GROUP BY action
         UNION ALL SELECT NULL, reject_code, line, external_id, 1 FROM ${spec.stage} WHERE reject_code IS NOT NULL`,
      );
      for (const o of outcome) {
        if (o.reject_code) rejected.push({ line: o.line!, externalId: o.external_id, ...spec.rejection(o.reject_code) });
        else if (o.action && o.action in counts) counts[o.action as keyof typeof counts] = Number(o.n);
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    await qr.query(
      `UPDATE sync_job SET lines_committed = $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5, rejected = rejected + $6,
              errors = CASE WHEN jsonb_array_length(errors) >= ${MAX_ERRORS} THEN errors ELSE errors || $7::jsonb END, updated_at = now()
        WHERE id = $1`,
      [job.id, lastLine, counts.created, counts.updated, counts.unchanged, rejected.length, JSON.stringify(rejected.slice(0, MAX_ERRORS))],
    );
    await qr.commitTransaction();
    job.linesCommitted = lastLine;
    job.created += counts.created;
    job.updated += counts.updated;
    job.unchanged += counts.unchanged;
    job.rejected += rejected.length;
    if (job.errors.length < MAX_ERRORS) job.errors = [...job.errors, ...rejected].slice(0, MAX_ERRORS);
  }
}
