import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, NO_FACTS } from '@hub/access';
import { type Actor, type AuditEntry, decodeCursor, encodeCursor, pageSize } from '@hub/common';
import { TRANSACTION_HORIZON } from '@hub/database';
import { eventCategory, maskEventFor, type MaskedPayload } from './event-payloads.js';

export interface ChangeRow {
  sequence: string;
  type: string;
  entityType: string;
  entityId: string;
  personId: string | null;
  organisationId: string | null;
  occurredAt: Date;
  payload: Record<string, unknown>;
  /** Payload fields withheld from the reader (null in `payload`), as the person page names its withheld fields. */
  withheldFields: string[];
  tombstone: boolean;
}

export { eventCategory };

/**
 * What handing events out discloses of people, for the audit log: one read per person, with the
 * categories of that person's events and `detail` (the channel) plus the number and types of its
 * events. Events about no person (the directory, the catalogue) disclose no person data.
 */
export function disclosures(
  events: { type: string; personId: string | null; payload: Record<string, unknown> | null }[],
  detail: Record<string, unknown>,
): AuditEntry[] {
  const byPerson = new Map<string, { categories: Set<string>; types: Set<string>; events: number }>();
  for (const e of events) {
    if (!e.personId) continue;
    let p = byPerson.get(e.personId);
    if (!p) byPerson.set(e.personId, (p = { categories: new Set(), types: new Set(), events: 0 }));
    p.categories.add(eventCategory(e.payload));
    p.types.add(e.type);
    p.events++;
  }
  return [...byPerson].map(([personId, p]) => ({
    action: 'read',
    personId,
    categories: p.categories,
    fields: new Set(),
    withheld: new Set(),
    breakGlass: false,
    detail: { ...detail, events: p.events, event: [...p.types].sort().join(', ') },
  }));
}

/**
 * Records disclosures made outside a request (webhook deliveries) in the audit log, through the
 * caller's transaction (provided by libs/audit). Requests record theirs in the request's audit buffer.
 */
export interface DisclosureAuditSink {
  append(manager: EntityManager | null, actor: Actor | null, entries: AuditEntry[]): Promise<void>;
}
export const DISCLOSURE_AUDIT = Symbol('DISCLOSURE_AUDIT');

/** Events that remove something from the caller's view: the feed shows them as tombstones. */
export const TOMBSTONE_TYPES = ['person.merged', 'person.erased', 'intervention.erased', 'consent.erased'];

/** How an actor may see an event: with its person, or only as a party to it (without its person). */
export type EventVisibility = 'person' | 'notice';

/** Events about no person that every partner may see (the directory and the catalogue). */
const PUBLIC_TYPES = ['organisation.created', 'organisation.updated', 'intervention_type.created', 'sharing_agreement.created'];

/** The feed's visibility horizon: events of transactions at or past it are held back, so a late commit with a smaller sequence is never skipped. */
const FEED_HORIZON = TRANSACTION_HORIZON;

/**
 * The change feed: every domain event in a global order, filtered by the same SQL scope as every
 * list (an event about a person is seen only by those who may see that category of that person).
 */
@Injectable()
export class ChangeFeedService {
  private sink?: DisclosureAuditSink;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Records in the audit log, through `manager`, what `events` disclosed of people to `actor` (see `disclosures`). */
  async recordDisclosures(
    manager: EntityManager,
    actor: Actor,
    events: { type: string; personId: string | null; payload: Record<string, unknown> | null }[],
    detail: Record<string, unknown>,
  ): Promise<void> {
    const entries = disclosures(events, detail);
    if (entries.length === 0) return;
    this.sink ??= this.moduleRef.get<DisclosureAuditSink>(DISCLOSURE_AUDIT, { strict: false });
    await this.sink.append(manager, actor, entries);
  }

  async changes(
    actor: Actor,
    args: { after?: string | null; first?: number | null; types?: string[] | null },
  ): Promise<{ rows: ChangeRow[]; hasMore: boolean; endCursor: string | null }> {
    const first = pageSize(args.first, 100, 1000);
    const after = args.after ? String(decodeCursor(args.after, 1)[0]) : '0';
    const seen = this.seen(actor);
    const qb = this.db
      .createQueryBuilder()
      .select([
        'e.id AS sequence',
        'e.type AS type',
        'e.aggregate_type AS "entityType"',
        'e.aggregate_id AS "entityId"',
        `CASE WHEN ${seen.person} THEN e.person_id END AS "personId"`,
        'e.person_id AS "aboutPersonId"',
      ])
      .addSelect(['e.organisation_id AS "organisationId"', 'e.occurred_at AS "occurredAt"', 'e.payload AS payload'])
      .from('outbox_event', 'e')
      .where('e.id > :after', { after })
      .andWhere(`e.tx_id < ${FEED_HORIZON}`)
      .andWhere(seen.event, seen.parameters);
    if (args.types?.length) qb.andWhere('e.type = ANY(:types)', { types: args.types });
    const rows: (ChangeRow & { aboutPersonId: string | null })[] = await qb
      .orderBy('e.id', 'ASC')
      .limit(first + 1)
      .getRawMany();
    const found = rows.slice(0, first);
    const masked = await this.mask(
      actor,
      found.map((r) => ({ type: r.type, personId: r.aboutPersonId, organisationId: r.organisationId, payload: r.payload })),
    );
    const page = found.map(({ aboutPersonId: _about, ...r }, i) => ({
      ...r,
      sequence: String(r.sequence),
      payload: masked[i].payload,
      withheldFields: masked[i].withheld,
      tombstone: TOMBSTONE_TYPES.includes(r.type),
    }));
    return {
      rows: page,
      hasMore: rows.length > first,
      endCursor: page.length ? encodeCursor([page.at(-1)!.sequence]) : (args.after ?? null),
    };
  }

  /**
   * Each event's payload as `actor` may receive it now: every field through the field policy
   * (event-payloads.ts) with the actor's facts about the event's person read fresh, in one statement
   * for all the people of the batch. The feed and webhooks both hand out only what this returns.
   */
  async mask(
    actor: Actor,
    events: readonly { type: string; personId: string | null; organisationId: string | null; payload: Record<string, unknown> | null }[],
  ): Promise<MaskedPayload[]> {
    const people = [...new Set(events.flatMap((e) => (e.personId ? [e.personId] : [])))];
    const facts = await this.access.facts(actor, people);
    return events.map((e) => maskEventFor(actor, (e.personId && facts.get(e.personId)) || NO_FACTS, e));
  }

  /**
   * Whether the actor may see this event, by the feed's rule: `person` when with its person, `notice`
   * when only as a party to it (to be handed out without its person), null when not at all. Webhook
   * fan-out asks it, and each delivery asks again before the body goes out.
   */
  async visibility(actor: Actor, eventId: string, m: EntityManager = this.db.manager): Promise<EventVisibility | null> {
    const seen = this.seen(actor);
    const [row]: { person: boolean }[] = await m
      .createQueryBuilder()
      .select(seen.person, 'person')
      .from('outbox_event', 'e')
      .where('e.id = :eventId', { eventId })
      .andWhere(seen.event, seen.parameters)
      .getRawMany();
    return row ? (row.person ? 'person' : 'notice') : null;
  }

  /**
   * The feed's rule, as SQL over `outbox_event e`. An event about no person: public types to all, the
   * rest to the organisation that wrote it and those it names as its parties (a meeting's invitees). An event about a person: to those the access policy lets
   * read that category of that person (`person`), and to the organisations the event names as its
   * parties (`payload.parties`), who see it without its person whatever their relationship to them
   * (put nothing about the person in such a payload).
   */
  private seen(actor: Actor): { event: string; person: string; parameters: Record<string, unknown> } {
    const category = `COALESCE(e.payload->>'dataCategory', 'identity')`;
    const scope = this.access.scope(actor, 'read', { person: 'e.person_id', category, owner: 'e.organisation_id' });
    // An event addressed to its organisation only (an allocation, a restriction) goes to nobody else, whatever they may see of the person.
    // An event addressed to its parties only (a meeting's action) goes to the organisations it names and its writer.
    const named = `COALESCE(e.payload->'parties' @> jsonb_build_array(CAST(:accessOrg AS text)), false)`;
    const audience = `(COALESCE(e.payload->>'audience', '') NOT IN ('organisation', 'parties') OR e.organisation_id = CAST(:accessOrg AS uuid) OR (e.payload->>'audience' = 'parties' AND ${named}))`;
    const person = `(e.person_id IS NOT NULL AND ${scope.where} AND ${audience})`;
    // A role that may read nothing about people (its ceiling is empty) is party to nothing.
    // A party never past the caseworker-level gates: nothing of a restricted record's referrals to those it does not name.
    const gates = this.access.gates(actor, 'e.person_id');
    const party = this.access.ceiling(actor, 'read').length
      ? `(COALESCE(e.payload->'parties' @> jsonb_build_array(CAST(:accessOrg AS text)), false) AND ${gates.where})`
      : 'false';
    return {
      event: `((e.person_id IS NULL AND (e.type = ANY(:publicTypes) OR e.organisation_id = CAST(:accessOrg AS uuid) OR ${named})) OR (e.person_id IS NOT NULL AND ((${scope.where} AND ${audience}) OR ${party})))`,
      person,
      parameters: { ...scope.parameters, accessOrg: actor.organisationId ?? null, publicTypes: PUBLIC_TYPES },
    };
  }
}
