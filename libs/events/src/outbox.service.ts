import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager, QueryRunner } from 'typeorm';
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
  /** The same, set-based: one audit event per row of `select` (see OutboxService.emitSelect), by INSERT … SELECT. */
  recordWritesSelect(qr: QueryRunner, actor: Actor, select: string, parameters: unknown[]): Promise<number>;
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

  /**
   * Set-based emit for bulk loads: `select` yields rows of (type, aggregate_type, aggregate_id,
   * person_id, payload, changes, categories), `changes` (jsonb of { old, new } by field, for the audit
   * only) and `categories` (text[]) possibly null. The events and their audit events are written by
   * INSERT … SELECT in the runner's open transaction: no row passes through the application.
   */
  async emitSelect(qr: QueryRunner, actor: Actor, select: string, parameters: unknown[] = []): Promise<number> {
    if (!qr.isTransactionActive) throw new Error('Domain events must be emitted inside the transaction of the change');
    const n = parameters.length;
    const inserted: { affected?: number } = await qr.query(
      `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, person_id, payload, actor_id, organisation_id, request_id)
       SELECT e.type, e.aggregate_type, e.aggregate_id, e.person_id, e.payload, $${n + 1}, $${n + 2}::uuid, $${n + 3} FROM (${select}) e`,
      [...parameters, `${actor.kind}:${actor.id}`, actor.organisationId, actor.requestId || null],
      true,
    );
    if (inserted.affected) await this.audit.recordWritesSelect(qr, actor, select, parameters);
    return inserted.affected ?? 0;
  }
}
