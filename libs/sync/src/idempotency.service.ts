import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, ConflictError } from '@hub/common';
import { actorRef } from '@hub/persons';
import { IdempotencyKey } from './idempotency-key.entity.js';

export function requestHash(operation: string, body: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(JSON.stringify(body)).digest('hex');
}

export type Claim<T> = { claimed: true } | { claimed: false; response: T };

/**
 * Claims an idempotency key inside the caller's transaction, so the claim commits (or rolls back)
 * with the work. A concurrent request with the same key waits on the key's row lock, then sees the
 * committed answer. The same key with a different body is a CONFLICT.
 */
@Injectable()
export class IdempotencyService {
  async claim<T>(m: EntityManager, actor: Actor, operation: string, key: string, body: unknown): Promise<Claim<T>> {
    const hash = requestHash(operation, body);
    const caller = actorRef(actor);
    const inserted: unknown[] = await m.query(
      `INSERT INTO idempotency_key (caller, key, operation, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (caller, key) DO NOTHING RETURNING key`,
      [caller, key, operation, hash],
    );
    if (inserted.length) return { claimed: true };
    const existing = await m.findOneByOrFail(IdempotencyKey, { caller, key });
    if (existing.operation !== operation || existing.requestHash !== hash) {
      throw new ConflictError('This idempotency key was used for a different request', { reason: 'IDEMPOTENCY_KEY_REUSED' });
    }
    return { claimed: false, response: existing.response as T };
  }

  async complete(m: EntityManager, actor: Actor, key: string, response: unknown): Promise<void> {
    await m.update(IdempotencyKey, { caller: actorRef(actor), key }, { response: response as never });
  }
}
