import type { DataSource } from 'typeorm';
import { type Actor, ErrorCode, unstorableValue } from '@hub/common';
import type { SyncBatch } from './batch-sync.js';
import { copyRows, loadLockKey } from './bulk-stage.js';
import type { IdempotencyService } from './idempotency.service.js';
import type { OutcomeKind } from './bulk-outcomes.service.js';
import { type SyncRecordResultModel, type SyncResultModel, SyncStatus } from './sync.models.js';

const rejected = (externalId: string, code: string, message: string): SyncRecordResultModel => ({
  externalId,
  status: SyncStatus.REJECTED,
  id: null,
  code,
  message,
});

/**
 * The GraphQL batch form of a kind the streaming path loads: the same line check, staging table and
 * set-based merge, so the two forms answer alike; in one transaction with the idempotency key (a
 * replay returns the first answer). A record repeated in the batch is rejected for its earlier
 * occurrences (the last is used), as on the streaming path. Loads of the kind into the system take
 * turns with the streaming path's (the same advisory lock).
 */
export async function runStagedBatch<R extends { line: number; externalId: string }>(
  db: DataSource,
  idempotency: IdempotencyService,
  actor: Actor,
  kind: OutcomeKind<R>,
  input: SyncBatch<unknown>,
): Promise<SyncResultModel> {
  const check = await kind.checker(actor);
  return db.transaction(async (m) => {
    const claim = await idempotency.claim<SyncResultModel>(m, actor, kind.operation, input.idempotencyKey, input);
    if (!claim.claimed) return { ...claim.response, replayed: true };
    const results: SyncRecordResultModel[] = [];
    const staged = new Map<string, R>();
    for (const [i, record] of input.records.entries()) {
      const unstorable = unstorableValue(record);
      const checked = check(i + 1, record);
      const id = (record as { externalId?: unknown } | null)?.externalId;
      const externalId = typeof id === 'string' && !unstorableValue(id) ? id.slice(0, 200) : '';
      if (unstorable) results.push(rejected(externalId, ErrorCode.BadUserInput, `records[${i}].${unstorable.message}`));
      else if ('problems' in checked) results.push(rejected(externalId, ErrorCode.BadUserInput, checked.problems.join('; ')));
      else {
        const row = checked.row;
        const earlier = staged.get(row.externalId);
        if (earlier)
          results[earlier.line - 1] = rejected(
            earlier.externalId,
            'DUPLICATE_IN_BATCH',
            'A later record of this batch has the same externalId; it was used instead',
          );
        staged.set(row.externalId, row);
        results.push(rejected(row.externalId, 'PENDING', ''));
      }
    }
    const rows = [...staged.values()];
    const qr = m.queryRunner;
    if (rows.length && qr) {
      await qr.query(`CREATE TEMP TABLE IF NOT EXISTS ${kind.stage} (${kind.stageColumns}, PRIMARY KEY (line)) ON COMMIT DELETE ROWS`);
      await qr.query(`DELETE FROM ${kind.stage}`);
      await qr.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [loadLockKey(kind.kind, actor.organisationId, input.system)]);
      await copyRows(qr, kind.stage, kind.copyColumns, rows, (r) => kind.toCsv(r));
      await kind.merge(qr, actor, input.system, rows);
      const outcome = (await qr.query(`SELECT s.line, s.action, s.reject_code, ${kind.resultIdSql} AS id FROM ${kind.stage} s`)) as {
        line: number;
        action: string | null;
        reject_code: string | null;
        id: string | null;
      }[];
      for (const o of outcome) {
        const externalId = results[o.line - 1].externalId;
        if (o.reject_code) {
          const r = kind.rejection(o.reject_code);
          results[o.line - 1] = rejected(externalId, r.code, r.message);
        } else results[o.line - 1] = { externalId, status: o.action as SyncStatus, id: o.id, code: null, message: null };
      }
      await qr.query(`DELETE FROM ${kind.stage}`);
    }
    const response: SyncResultModel = { idempotencyKey: input.idempotencyKey, replayed: false, results };
    await idempotency.complete(m, actor, input.idempotencyKey, response);
    return response;
  });
}
