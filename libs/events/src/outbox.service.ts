import { Injectable } from '@nestjs/common';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { Actor } from '@hub/common';
import { OutboxEvent } from './outbox-event.entity.js';

export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  personId?: string | null;
  payload: Record<string, unknown>;
}

/** Writes domain events into the outbox through the caller's transaction. */
@Injectable()
export class OutboxService {
  async emit(manager: EntityManager, actor: Actor | null, ...events: DomainEvent[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Domain events must be emitted inside the transaction of the change');
    }
    await manager.insert(
      OutboxEvent,
      events.map((e) => ({
        type: e.type,
        aggregateType: e.aggregateType,
        aggregateId: e.aggregateId,
        personId: e.personId ?? null,
        payload: e.payload as never,
        actorId: actor ? `${actor.kind}:${actor.id}` : null,
        organisationId: actor?.organisationId ?? null,
        requestId: actor?.requestId ?? null,
      })),
    );
  }

  /**
   * Set-based emit for bulk loads: `select` yields (type, aggregate_type, aggregate_id, person_id,
   * payload) rows; inserted in the runner's open transaction.
   */
  async emitSelect(qr: QueryRunner, actor: Actor, select: string, parameters: unknown[] = []): Promise<number> {
    if (!qr.isTransactionActive) throw new Error('Domain events must be emitted inside the transaction of the change');
    const n = parameters.length;
    const rows: unknown[] = await qr.query(
      `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, person_id, payload, actor_id, organisation_id, request_id)
       SELECT e.type, e.aggregate_type, e.aggregate_id, e.person_id, e.payload, $${n + 1}, $${n + 2}::uuid, $${n + 3} FROM (${select}) e RETURNING id`,
      [...parameters, `${actor.kind}:${actor.id}`, actor.organisationId, actor.requestId || null],
    );
    return rows.length;
  }
}
