import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
}
