import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@hub/common';
import { OutboxEvent } from './outbox-event.entity.js';

export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  personId?: string | null;
  payload: Record<string, unknown>;
  /** For the audit log only (never relayed): old and new values of what changed. */
  changes?: Record<string, { old: unknown; new: unknown }>;
  /** For the audit log only: the data categories the change touches. */
  categories?: string[];
}

/** Records every write in the audit log, in the transaction of the change (provided by libs/audit). */
export interface WriteAuditSink {
  recordWrites(manager: EntityManager, actor: Actor | null, events: DomainEvent[]): Promise<void>;
}
export const WRITE_AUDIT = Symbol('WRITE_AUDIT');

/** Writes domain events into the outbox, and their audit events, through the caller's transaction. */
@Injectable()
export class OutboxService {
  private sink?: WriteAuditSink;

  constructor(private readonly moduleRef: ModuleRef) {}

  private get audit(): WriteAuditSink {
    this.sink ??= this.moduleRef.get<WriteAuditSink>(WRITE_AUDIT, { strict: false });
    return this.sink;
  }

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
    await this.audit.recordWrites(manager, actor, events);
  }
}
