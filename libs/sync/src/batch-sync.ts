import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  ConflictError,
  ErrorCode,
  HubError,
  isConcurrentWriteError,
  isUnstorableValueError,
  UNSTORABLE_VALUE_MESSAGE,
  unstorableValue,
} from '@hub/common';
import type { IdempotencyService } from './idempotency.service.js';
import { type SyncRecordResultModel, type SyncResultModel, SyncStatus } from './sync.models.js';

export interface SyncBatch<R> {
  idempotencyKey: string;
  system: string;
  records: R[];
}

function rejected(externalId: string, err: unknown): SyncRecordResultModel {
  if (err instanceof HubError) return { externalId, status: SyncStatus.REJECTED, id: null, code: err.code, message: err.message };
  // A value PostgreSQL refused (its savepoint rolled back): that record alone is refused.
  if (isUnstorableValueError(err))
    return { externalId, status: SyncStatus.REJECTED, id: null, code: ErrorCode.BadUserInput, message: UNSTORABLE_VALUE_MESSAGE };
  throw err;
}

/**
 * One record in its own savepoint. A write that collides with another transaction (the same new
 * external id sent by two batches at once: the second waits for the first, then finds its key taken;
 * or a deadlock between them) rolls back to the savepoint and runs once more, now seeing what the
 * other committed, so it becomes an update of the same record instead of a duplicate or a failed
 * batch. A second collision rejects the record alone, as CONFLICT.
 */
async function upsertOne<R>(
  m: EntityManager,
  record: R,
  upsert: (savepoint: EntityManager, record: R) => Promise<SyncRecordResultModel>,
): Promise<SyncRecordResultModel> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await m.transaction((sp) => upsert(sp, record));
    } catch (err) {
      if (!isConcurrentWriteError(err)) throw err;
      if (attempt === 2)
        throw new ConflictError(
          'Another change to this record was being written at the same time; nothing of this record was written: send it again',
        );
    }
  }
}

/**
 * Runs a batch upsert: the idempotency key is claimed in the same transaction as the work (a replay
 * returns the first answer); a record repeated in the batch is rejected for its last occurrence; each
 * record runs in its own savepoint, so a bad one is rejected alone and never half-written (and one
 * that collided with a concurrent batch is run again: upsertOne).
 */
export async function runSyncBatch<R extends { externalId: string }>(
  db: DataSource,
  idempotency: IdempotencyService,
  actor: Actor,
  operation: string,
  input: SyncBatch<R>,
  upsert: (savepoint: EntityManager, record: R) => Promise<SyncRecordResultModel>,
): Promise<SyncResultModel> {
  return db.transaction(async (m) => {
    const claim = await idempotency.claim<SyncResultModel>(m, actor, operation, input.idempotencyKey, input);
    if (!claim.claimed) return { ...claim.response, replayed: true };
    const last = new Map<string, number>();
    input.records.forEach((r, i) => last.set(r?.externalId, i));
    const results: SyncRecordResultModel[] = [];
    for (const [i, record] of input.records.entries()) {
      // A value no text column can hold (NUL, an unpaired surrogate) is refused here, naming its field and the record's position.
      const unstorable = unstorableValue(record);
      const externalId = unstorableValue(record?.externalId) ? '' : (record?.externalId ?? '');
      if (unstorable) {
        results.push({
          externalId,
          status: SyncStatus.REJECTED,
          id: null,
          code: ErrorCode.BadUserInput,
          message: `records[${i}].${unstorable.message}`,
        });
        continue;
      }
      if (last.get(record?.externalId) !== i) {
        results.push({
          externalId,
          status: SyncStatus.REJECTED,
          id: null,
          code: 'DUPLICATE_IN_BATCH',
          message: 'A later record of this batch has the same externalId; it was used instead',
        });
        continue;
      }
      try {
        results.push(await upsertOne(m, record, upsert));
      } catch (err) {
        results.push(rejected(externalId, err));
      }
    }
    const response: SyncResultModel = { idempotencyKey: input.idempotencyKey, replayed: false, results };
    await idempotency.complete(m, actor, input.idempotencyKey, response);
    return response;
  });
}

/** Whether a time the hub holds (or none) is the one an external record states (or none). */
export function sameInstant(held: Date | null, stated: string | null | undefined): boolean {
  return held === null ? !stated : !!stated && held.getTime() === new Date(stated).getTime();
}
