import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, type AuditEntry, type AuditAction, type Connection } from '@hub/common';
import type { DisclosureAuditSink, DomainEvent, WriteAuditSink } from '@hub/events';
import { keysetPage, namedQuery, type PageArgs } from '@hub/database';
import { AuditEvent } from './audit-event.entity.js';
import { AuditVerifierService, type VerifyResult } from './audit-verifier.service.js';

const INSERT_EVENTS = `INSERT INTO audit_event (actor, organisation_id, purpose, request_id, person_id, action, categories, fields, withheld, break_glass, detail)
  SELECT e->>0, CAST(e->>1 AS uuid), e->>2, e->>3, CAST(e->>4 AS uuid), e->>5,
         ARRAY(SELECT jsonb_array_elements_text(e->6)), ARRAY(SELECT jsonb_array_elements_text(e->7)), ARRAY(SELECT jsonb_array_elements_text(e->8)),
         CAST(e->>9 AS boolean), CASE WHEN jsonb_typeof(e->10) = 'null' THEN NULL ELSE e->10 END
    FROM jsonb_array_elements(CAST(:events AS jsonb)) WITH ORDINALITY AS x(e, n)
   ORDER BY n`;

/**
 * The person's disclosure log for a subject access export: every event on the records `$1` (uuid[]),
 * oldest first, without old and new values or hashes. `organisationName` names an organisation id
 * column in SQL (the organisations lib's, passed in by the caller).
 */
export function disclosureLogSql(organisationName: (column: string) => string): string {
  return `SELECT a.occurred_at, coalesce(${organisationName('a.organisation_id')}, 'the hub') AS organisation, split_part(a.actor, ':', 1) AS actor_kind, a.purpose, a.action, a.categories, a.fields, a.withheld, a.break_glass, a.detail->>'event' AS event
            FROM audit_event a WHERE a.person_id = ANY($1::uuid[]) ORDER BY a.id`;
}

export function auditActorRef(actor: Actor | null): string {
  return actor ? `${actor.kind}:${actor.id}` : 'system';
}

/** Domain events that are not plain writes in the audit's vocabulary. */
const EVENT_ACTIONS: Record<string, AuditAction> = { 'break_glass.opened': 'break_glass', 'person.erased': 'erase' };

/** The append-only audit log: writes in the caller's transaction (no lock: sealed later), reads batched per request. */
@Injectable()
export class AuditService implements WriteAuditSink, DisclosureAuditSink {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly verifier: AuditVerifierService,
  ) {}

  private rows(actor: Actor | null, entries: AuditEntry[]) {
    return entries.map((e) => ({
      actor: auditActorRef(actor),
      organisationId: actor?.organisationId ?? null,
      purpose: actor?.purpose ?? null,
      requestId: actor?.requestId || null,
      personId: e.personId,
      action: e.action,
      categories: [...e.categories].sort(),
      fields: [...e.fields].sort(),
      withheld: [...e.withheld].sort(),
      breakGlass: e.breakGlass,
      detail: e.detail as never,
    }));
  }

  /**
   * The events as one JSON parameter of one constant statement (whatever their number), in order: the
   * trigger gives each its id and digest; the sealer makes them leaves once the transaction has ended. Outside a transaction it runs as a prepared statement.
   */
  private async insert(m: EntityManager, rows: ReturnType<AuditService['rows']>): Promise<void> {
    if (!rows.length) return;
    const events = JSON.stringify(
      rows.map((r) => [
        r.actor,
        r.organisationId,
        r.purpose,
        r.requestId,
        r.personId,
        r.action,
        r.categories,
        r.fields,
        r.withheld,
        r.breakGlass,
        r.detail ?? null,
      ]),
    );
    if (m.queryRunner) await m.query(INSERT_EVENTS.replace(':events', '$1'), [events]);
    else await namedQuery(this.db, INSERT_EVENTS, { events });
  }

  /** Appends events in one INSERT, through `manager` to share its transaction. */
  async append(manager: EntityManager | null, actor: Actor | null, entries: AuditEntry[]): Promise<void> {
    await this.insert(manager ?? this.db.manager, this.rows(actor, entries));
  }

  private queue: { rows: ReturnType<AuditService['rows']>; done: (err?: unknown) => void }[] = [];
  private flushing = false;

  /**
   * Appends the reads of one request, sharing the INSERT (and its commit) with requests that end
   * meanwhile: one insert is in flight at a time and the next takes everything queued behind it
   * (group commit). Resolves once the request's events are committed; rejects if they are not.
   */
  appendReads(actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ rows: this.rows(actor, entries), done: (err) => (err ? reject(err) : resolve()) });
      if (!this.flushing) void this.flushQueue();
    });
  }

  private async flushQueue(): Promise<void> {
    this.flushing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.queue.length);
      try {
        await this.insert(
          this.db.manager,
          batch.flatMap((b) => b.rows),
        );
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    this.flushing = false;
  }

  /** The outbox's hook: one audit event per domain event, in the transaction of the change. */
  async recordWrites(manager: EntityManager, actor: Actor | null, events: DomainEvent[]): Promise<void> {
    await this.append(
      manager,
      actor,
      events.map((e) => ({
        action: EVENT_ACTIONS[e.type] ?? 'write',
        personId: e.personId ?? null,
        categories: new Set(e.categories ?? []),
        fields: new Set(Object.keys(e.changes ?? {})),
        withheld: new Set(),
        breakGlass: e.type === 'break_glass.opened',
        detail: {
          event: e.type,
          aggregateType: e.aggregateType,
          aggregateId: e.aggregateId,
          payload: e.payload,
          ...(e.changes ? { changes: e.changes } : {}),
        },
      })),
    );
  }

  /**
   * The audit of a bulk load's writes, as an INSERT … SELECT over the relation `source` of events (see
   * OutboxService.emitSelect), for a WITH clause: one audit event per person (and action), as the
   * reads of a request are one event per person. Its categories and fields are the union of the
   * events'; its detail lists every event (type, aggregate, payload, old and new values) under
   * `events`, with their types in `event`. Parameters are numbered from `firstParameter`.
   */
  bulkWritesSql(actor: Actor, source: string, firstParameter: number): { sql: string; parameters: unknown[] } {
    const $ = (k: number) => `$${firstParameter + k}`;
    const actions = Object.entries(EVENT_ACTIONS)
      .map(([type, action]) => `WHEN '${type}' THEN '${action}'`)
      .join(' ');
    // Categories (fields, event types) of a group: when its events all have the same sorted list, that
    // list; else the lists joined as text, split, deduplicated and sorted (as the JS audit sorts). No
    // DISTINCT aggregate: it would sort every group.
    const union = (column: string, first: string, last: string) =>
      `CASE WHEN g.${column} IS NULL THEN '{}'::text[] WHEN g.${first} = g.${last} THEN string_to_array(g.${first}, ',')
            ELSE ARRAY(SELECT DISTINCT v COLLATE "C" FROM unnest(string_to_array(g.${column}, ',')) v WHERE v <> '' ORDER BY 1) END`;
    const event = (withChanges: boolean) =>
      `json_build_object('event', e.type, 'aggregateType', e.aggregate_type, 'aggregateId', e.aggregate_id, 'payload', e.payload${withChanges ? `, 'changes', e.changes` : ''})`;
    return {
      sql: `INSERT INTO audit_event (actor, organisation_id, purpose, request_id, person_id, action, categories, fields, withheld, break_glass, detail)
            SELECT ${$(0)}, ${$(1)}::uuid, ${$(2)}, ${$(3)}, g.person_id, g.audit_action, ${union('categories', 'c1', 'c2')}, ${union('fields', 'f1', 'f2')}, '{}',
                   g.audit_action = 'break_glass',
                   jsonb_build_object('event', CASE WHEN g.t1 = g.t2 THEN g.t1 ELSE array_to_string(ARRAY(SELECT DISTINCT t FROM unnest(string_to_array(g.type_list, ',')) t ORDER BY 1), ', ') END,
                                      'events', g.events)
              FROM (SELECT e.person_id, CASE e.type ${actions} ELSE 'write' END AS audit_action,
                           string_agg(array_to_string(e.categories, ','), ',') AS categories,
                           min(array_to_string(e.categories, ',')) AS c1, max(array_to_string(e.categories, ',')) AS c2,
                           string_agg(array_to_string(e.fields, ','), ',') AS fields,
                           min(array_to_string(e.fields, ',')) AS f1, max(array_to_string(e.fields, ',')) AS f2,
                           min(e.type) AS t1, max(e.type) AS t2, string_agg(e.type, ',') AS type_list,
                           json_agg(CASE WHEN e.changes IS NULL THEN ${event(false)} ELSE ${event(true)} END)::jsonb AS events
                      FROM ${source} e
                     GROUP BY 1, 2) g`,
      parameters: [auditActorRef(actor), actor.organisationId, actor.purpose ?? null, actor.requestId || null],
    };
  }

  /**
   * The events on the given records (a person's, merged ones included), newest first: at most `first`
   * (1 to 500, 100 by default), older than `before` when given. The caller has checked who may see them.
   */
  async eventsOfRecords(recordIds: string[], args: { first?: number | null; before?: string | null }): Promise<AuditEvent[]> {
    const first = Math.min(Math.max(args.first ?? 100, 1), 500);
    const qb = this.db.getRepository(AuditEvent).createQueryBuilder('a').where('a.person_id = ANY(:ids)', { ids: recordIds });
    if (args.before) qb.andWhere('a.id < :before', { before: args.before });
    return qb.orderBy('a.id', 'DESC').take(first).getMany();
  }

  /**
   * Break-glass events, newest first: by the organisation, or on the records `personIdsSql` selects
   * (an SQL subquery over the parameter `:org`, the organisation's id). The caller has checked the role.
   */
  breakGlassEventsOf(
    organisationId: string,
    personIdsSql: string,
    page: PageArgs = {},
    also?: { where: string; parameters: Record<string, unknown> },
  ): Promise<Connection<AuditEvent>> {
    const qb = this.db
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where('a.break_glass')
      .andWhere(`(a.organisation_id = :org OR a.person_id IN ${personIdsSql})`, { org: organisationId });
    if (also) qb.andWhere(also.where, also.parameters);
    return keysetPage(qb, { alias: 'a', id: 'bigint' }, page);
  }

  /**
   * For erasure, in the caller's transaction: drops the old and new values (detail) of the events on
   * the records `recordIds` or, given `aggregateIds`, only of those about these items. Who accessed
   * what, when and why stays, and the chain still verifies (the trigger lets detail go while
   * hub.audit_erase_detail is on). Returns how many events lost their detail.
   */
  async eraseDetails(m: EntityManager, recordIds: string[], aggregateIds?: string[]): Promise<number> {
    // `detail.events` is a list of events on a write's audit, and a count on a change feed read's: only a list is looked into.
    await m.query(`SET LOCAL hub.audit_erase_detail = 'on'`);
    const [, count]: [unknown, number] = aggregateIds
      ? await m.query(
          `UPDATE audit_event SET detail = NULL
        WHERE person_id = ANY($1::uuid[])
          AND (detail->>'aggregateId' = ANY($2::text[]) OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(detail->'events') = 'array' THEN detail->'events' ELSE '[]'::jsonb END) x
                     WHERE x->>'aggregateId' = ANY($2::text[])))`,
          [recordIds, aggregateIds],
        )
      : await m.query('UPDATE audit_event SET detail = NULL WHERE person_id = ANY($1::uuid[]) AND detail IS NOT NULL', [recordIds]);
    await m.query(`SET LOCAL hub.audit_erase_detail = 'off'`);
    return count;
  }

  /** Whom an event is about and for which organisation (null when there is no such event). */
  async eventSubject(eventId: string): Promise<{ organisationId: string | null; personId: string | null } | null> {
    if (!/^[1-9][0-9]{0,17}$/.test(eventId)) return null;
    const [row]: { organisation_id: string | null; person_id: string | null }[] = await this.db.query(
      'SELECT organisation_id::text AS organisation_id, person_id::text AS person_id FROM audit_event WHERE id = $1::bigint',
      [eventId],
    );
    return row ? { organisationId: row.organisation_id, personId: row.person_id } : null;
  }

  /** `audit verify`: the whole log against its seals (see AuditVerifierService). */
  verify(pageSize = 5000): Promise<VerifyResult> {
    return this.verifier.verify({ pageSize });
  }
}
