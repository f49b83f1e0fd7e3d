import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type QueryRunner } from 'typeorm';
import { AccessService, DataCategory } from '@hub/access';
import { type Actor, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@hub/common';
import { OutboxService } from '@hub/events';
import { actorRef, PERSON_STAGE_COLUMNS, PersonsBulkService } from '@hub/persons';
import { ndjson } from './ndjson.js';
import { type PersonStageRow, STAGE_COPY_COLUMNS, stageCsv, toPersonStageRow } from './person-stage-row.js';
import { SyncJob } from './sync-job.entity.js';

const STAGE = 'sync_person_stage';
const CHUNK = 5000;
const MAX_ERRORS = 1000;
const STALE_MS = 60_000;

type JobError = SyncJob['errors'][number];

/**
 * The streaming bulk path for large loads: NDJSON in, validated line by line, COPY into a staging
 * table a chunk at a time, merged with set-based SQL, each chunk committed with the job's progress,
 * so memory stays flat and a load interrupted part-way resumes with the same idempotency key.
 */
@Injectable()
export class BulkPeopleService {
  private readonly logger = new Logger('BulkSync');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsBulkService,
    private readonly outbox: OutboxService,
    private readonly access: AccessService,
  ) {}

  async job(actor: Actor, id: string): Promise<SyncJob> {
    const job = await this.db.getRepository(SyncJob).findOneBy({ id, caller: actorRef(actor) });
    if (!job) throw new NotFoundError('Sync job');
    return job;
  }

  private async claim(actor: Actor, system: string, key: string): Promise<{ job: SyncJob; replay: boolean }> {
    const caller = actorRef(actor);
    const inserted: SyncJob[] = await this.db.query(
      `INSERT INTO sync_job (caller, idempotency_key, kind, system, status) VALUES ($1, $2, 'people', $3, 'running')
       ON CONFLICT (caller, idempotency_key) DO NOTHING RETURNING id`,
      [caller, key, system],
    );
    if (inserted.length) return { job: await this.db.getRepository(SyncJob).findOneByOrFail({ id: inserted[0].id }), replay: false };
    // A claim that might be resumed: lock it so two resumptions cannot run at once.
    return this.db.transaction(async (m) => {
      const job = await m.findOneOrFail(SyncJob, { where: { caller, idempotencyKey: key }, lock: { mode: 'pessimistic_write' } });
      if (job.kind !== 'people' || job.system !== system) throw new ConflictError('This idempotency key was used for a different load', { reason: 'IDEMPOTENCY_KEY_REUSED' });
      if (job.status === 'completed') return { job, replay: true };
      if (job.status === 'running' && Date.now() - job.updatedAt.getTime() < STALE_MS) {
        throw new ConflictError('A load with this idempotency key is still running', { reason: 'IN_PROGRESS', jobId: job.id });
      }
      job.status = 'running';
      job.failure = null;
      return { job: await m.save(job), replay: false };
    });
  }

  async load(actor: Actor, system: string, key: string, input: Readable): Promise<SyncJob & { replayed: boolean }> {
    if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(system)) throw new ValidationError([{ field: 'system', messages: ['lower case letters, digits, dot, dash or underscore'] }]);
    if (!/^[\x21-\x7e]{8,200}$/.test(key)) throw new ValidationError([{ field: 'Idempotency-Key', messages: ['8-200 visible characters'] }]);
    const writable = this.access.ceiling(actor, 'write');
    if (!writable.includes(DataCategory.IDENTITY)) throw new ForbiddenError('Your role or scopes cannot load records');
    const { job, replay } = await this.claim(actor, system, key);
    if (replay) {
      input.resume();
      return { ...job, replayed: true };
    }
    const qr = this.db.createQueryRunner();
    await qr.connect();
    try {
      await qr.query(`CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (${PERSON_STAGE_COLUMNS}) ON COMMIT DELETE ROWS`);
      let rows = new Map<string, PersonStageRow>();
      let errors: JobError[] = [];
      let lastLine = job.linesCommitted;
      for await (const item of ndjson(input)) {
        if (item.line <= job.linesCommitted) continue;
        lastLine = item.line;
        if (item.error !== undefined) {
          errors.push({ line: item.line, externalId: null, code: 'BAD_USER_INPUT', message: item.error });
        } else {
          const checked = toPersonStageRow(item.line, item.value, writable);
          if ('problems' in checked) {
            errors.push({ line: item.line, externalId: checked.externalId, code: 'BAD_USER_INPUT', message: checked.problems.join('; ') });
          } else {
            const earlier = rows.get(checked.row.externalId);
            if (earlier) errors.push({ line: earlier.line, externalId: earlier.externalId, code: 'DUPLICATE_IN_BATCH', message: 'A later line has the same externalId; it was used instead' });
            rows.set(checked.row.externalId, checked.row);
          }
        }
        if (rows.size >= CHUNK) {
          await this.flush(qr, actor, job, [...rows.values()], errors, lastLine);
          rows = new Map();
          errors = [];
        }
      }
      await this.flush(qr, actor, job, [...rows.values()], errors, lastLine);
      job.status = 'completed';
      job.finishedAt = new Date();
      await this.db.getRepository(SyncJob).update({ id: job.id }, { status: job.status, finishedAt: job.finishedAt });
      return { ...job, replayed: false };
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn(`bulk load ${job.id} stopped after line ${job.linesCommitted}: ${message}`);
      await this.db.getRepository(SyncJob).update({ id: job.id }, { status: 'failed', failure: 'Stopped part-way; send the same file with the same Idempotency-Key to resume' });
      throw err;
    } finally {
      await qr.release();
    }
  }

  /** Merges one chunk and records the job's progress in the same transaction. */
  private async flush(qr: QueryRunner, actor: Actor, job: SyncJob, rows: PersonStageRow[], errors: JobError[], lastLine: number): Promise<void> {
    if (rows.length === 0 && errors.length === 0 && lastLine === job.linesCommitted) return;
    await qr.startTransaction();
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const rejected = [...errors];
    if (rows.length) {
      const client = (qr as unknown as { databaseConnection: PoolClient }).databaseConnection;
      await pipeline(
        (async function* () {
          for (const r of rows) yield stageCsv(r);
        })(),
        client.query(copyFrom(`COPY ${STAGE} (${STAGE_COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`)),
      );
      await qr.query(
        `UPDATE ${STAGE} s SET person_id = r.entity_id FROM external_ref r WHERE r.system = $1 AND r.entity_type = 'person' AND r.external_id = s.external_id`,
        [job.system],
      );
      await this.persons.mergeStaged(qr, STAGE, { ref: actorRef(actor), organisationId: actor.organisationId, organisationKind: actor.organisationKind });
      await qr.query(
        `INSERT INTO external_ref (system, entity_type, external_id, entity_id, organisation_id)
         SELECT $1, 'person', external_id, person_id, $2 FROM ${STAGE} WHERE action IS NOT NULL ON CONFLICT ON CONSTRAINT uq_external_ref DO NOTHING`,
        [job.system, actor.organisationId],
      );
      await this.outbox.emitSelect(
        qr,
        actor,
        `SELECT CASE action WHEN 'created' THEN 'person.created' ELSE 'person.updated' END AS type, 'person' AS aggregate_type, person_id AS aggregate_id,
                person_id, jsonb_build_object('source', 'bulk', 'system', $1::text) AS payload
           FROM ${STAGE} WHERE action IN ('created', 'updated')`,
        [job.system],
      );
      const summary: { action: string | null; n: string }[] = await qr.query(`SELECT action, count(*) AS n FROM ${STAGE} GROUP BY action`);
      for (const s of summary) if (s.action && s.action in counts) counts[s.action as keyof typeof counts] = Number(s.n);
      const refused: { line: number; external_id: string; reject_code: string }[] = await qr.query(`SELECT line, external_id, reject_code FROM ${STAGE} WHERE reject_code IS NOT NULL ORDER BY line`);
      for (const r of refused) rejected.push({ line: r.line, externalId: r.external_id, code: r.reject_code, message: rejectMessage(r.reject_code) });
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

function rejectMessage(code: string): string {
  switch (code) {
    case 'IDENTIFIER_CONFLICT':
      return 'The identifiers belong to different people';
    case 'NOT_FOUND':
      return 'A person with these identifiers exists but your organisation does not work with them';
    case 'POSSIBLE_DUPLICATE':
      return 'Someone with the same name and date of birth exists and no identifier tells them apart';
    default:
      return code;
  }
}
