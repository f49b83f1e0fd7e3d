import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, HubError } from '@hub/common';
import type { IdempotencyService } from './idempotency.service.js';
import { type SyncRecordResultModel, type SyncResultModel, SyncStatus } from './sync.models.js';

export interface SyncBatch<R> {
  idempotencyKey: string;
  system: string;
  records: R[];
}

function rejected(externalId: string, err: unknown): SyncRecordResultModel {
  if (err instanceof HubError) return { externalId, status: SyncStatus.REJECTED, id: null, code: err.code, message: err.message };
  throw err;
}

/**
 * Runs a batch upsert: the idempotency key is claimed in the same transaction as the work (a replay
 * returns the first answer); a record repeated in the batch is rejected for its last occurrence; each
 * record runs in its own savepoint, so a bad one is rejected alone and never half-written.
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
      const externalId = record?.externalId ?? '';
      if (last.get(record?.externalId) !== i) {
        results.push({ externalId, status: SyncStatus.REJECTED, id: null, code: 'DUPLICATE_IN_BATCH', message: 'A later record of this batch has the same externalId; it was used instead' });
        continue;
      }
      try {
        results.push(await m.transaction((sp) => upsert(sp, record)));
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
