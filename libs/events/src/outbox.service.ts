import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { Actor } from '@hub/common';
import { checkEventPayload } from './event-payloads.js';
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

/** Notified (once per transaction, delivered at commit) when a transaction adds outbox events: the relay wakes. */
export const OUTBOX_CHANNEL = 'hub_outbox';

/**
 * Query runners that have notified. `DataSource.transaction` gives each transaction a runner of its
 * own, so this is once per transaction (savepoints inside it share the runner). A runner kept across
 * several transactions (the bulk path) notifies on every emitSelect instead.
 */
const notified = new WeakSet<QueryRunner>();

async function notify(qr: QueryRunner | undefined, once: boolean): Promise<void> {
  if (!qr || (once && notified.has(qr))) return;
  await qr.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  if (once) notified.add(qr);
}

/** Records every write in the audit log, in the transaction of the change (provided by libs/audit). */
export interface WriteAuditSink {
  recordWrites(manager: EntityManager, actor: Actor | null, events: DomainEvent[]): Promise<void>;
  /**
   * For bulk loads, set-based: an INSERT … SELECT (for a WITH clause) auditing the events of the
   * relation `source` (the columns of OutboxService.emitSelect), parameters numbered from `firstParameter`.
   */
  bulkWritesSql(actor: Actor, source: string, firstParameter: number): { sql: string; parameters: unknown[] };
}
export const WRITE_AUDIT = Symbol('WRITE_AUDIT');

/**
 * What is left of an event's payload once what it was about is erased: the marks the feed's rule reads
 * (its data category, its parties), nothing the event said. Outbox rows are kept for the feed's order.
 */
export const ERASED_PAYLOAD_SQL = `jsonb_strip_nulls(jsonb_build_object('erased', true, 'dataCategory', payload->'dataCategory', 'parties', payload->'parties'))`;

/** Writes domain events into the outbox, and their audit events, through the caller's transaction. */
@Injectable()
export class OutboxService {
  private sink?: WriteAuditSink;

  constructor(private readonly moduleRef: ModuleRef) {}

  private get audit(): WriteAuditSink {
    this.sink ??= this.moduleRef.get<WriteAuditSink>(WRITE_AUDIT, { strict: false });
    return this.sink;
  }

  /** Erases what the events about these entities (interventions past their retention period, say) said; returns how many. */
  async erasePayloads(manager: EntityManager, aggregateIds: string[]): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(
      `UPDATE outbox_event SET payload = ${ERASED_PAYLOAD_SQL} WHERE aggregate_id = ANY($1::uuid[]) AND payload->'erased' IS NULL`,
      [aggregateIds],
    );
    return count;
  }

  /** One event of the outbox, or null. */
  event(manager: EntityManager, id: string): Promise<OutboxEvent | null> {
    return manager.findOneBy(OutboxEvent, { id });
  }

  /**
   * The newest event of `type` about each person since `since`, newest first, at most `limit` people
   * (a referral rule's dry run replays them). Erased payloads included: the caller skips what it cannot read.
   */
  latestPerPerson(manager: EntityManager, type: string, since: Date, limit: number): Promise<OutboxEvent[]> {
    return manager
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .where(
        `e.id IN (SELECT DISTINCT ON (o.person_id) o.id FROM outbox_event o
                   WHERE o.type = :type AND o.person_id IS NOT NULL AND o.occurred_at >= :since ORDER BY o.person_id, o.id DESC)`,
        { type, since },
      )
      .orderBy('e.id', 'DESC')
      .take(limit)
      .getMany();
  }

  async emit(manager: EntityManager, actor: Actor | null, ...events: DomainEvent[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Domain events must be emitted inside the transaction of the change');
    }
    // Every payload is declared field by field (event-payloads.ts), so every channel can mask it.
    for (const e of events) checkEventPayload(e.type, e.payload);
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
    await notify(manager.queryRunner, true);
  }

  /**
   * Set-based emit for bulk loads: `select` yields rows of (type, aggregate_type, aggregate_id,
   * person_id, payload, changes, categories, fields): `changes` (jsonb of { old, new } by field),
   * `categories` and `fields` (text[], each sorted and without duplicates) are for the audit only and
   * may be null. The events, and their audit (one audit event per person), are written by INSERT …
   * SELECT in the runner's open transaction: no row passes through the application.
   */
  async emitSelect(qr: QueryRunner, actor: Actor, select: string, parameters: unknown[] = []): Promise<number> {
    if (!qr.isTransactionActive) throw new Error('Domain events must be emitted inside the transaction of the change');
    const n = parameters.length;
    const audit = this.audit.bulkWritesSql(actor, 'e', n + 4);
    // One statement: the events are computed once, then written to the outbox and audited.
    const [{ events }] = (await qr.query(
      `WITH e AS MATERIALIZED (${select}),
            o AS (INSERT INTO outbox_event (type, aggregate_type, aggregate_id, person_id, payload, actor_id, organisation_id, request_id)
                  SELECT e.type, e.aggregate_type, e.aggregate_id, e.person_id, e.payload, $${n + 1}, $${n + 2}::uuid, $${n + 3} FROM e RETURNING 1),
            a AS (${audit.sql})
       SELECT count(*)::int AS events FROM o`,
      [...parameters, `${actor.kind}:${actor.id}`, actor.organisationId, actor.requestId || null, ...audit.parameters],
    )) as { events: number }[];
    if (events) await notify(qr, false);
    return events;
  }
}
