import { Injectable } from '@nestjs/common';
import { AccessService, Permission, requirePermission } from '@hub/access';
import { type AuditCondition, type AuditEvent, AuditSearchService, AuditService, auditEventView, type AuditFinding } from '@hub/audit';
import { type Actor, type AuditEntry, type Connection, hasRole, NotFoundError, Role, ValidationError } from '@hub/common';
import type { PageArgs } from '@hub/database';
import { allocatedAtSql, involvedAtSql, PersonsService } from '@hub/persons';
import { ACCESS_SEARCH_MAX_DAYS, type AccessPeriodInput, type AccessSearchInput, type UnusualAccessInput } from './access-search.input.js';
import { UNUSUAL_ACCESS_MAX, UnusualAccessKind, type UnusualAccessModel } from './access-search.model.js';

/** The most rows one CSV export holds (the rest: narrow the search). */
export const ACCESS_SEARCH_CSV_MAX = 5000;
const DAY_MS = 86_400_000;
/** The user's id in an actor (`user:<uuid>`); NULL for anything else, whatever order the database evaluates a WHERE in. */
const USER_OF = (actor: string) => `(CASE WHEN ${actor} ~ '^user:[0-9a-f-]{36}$' THEN CAST(substr(${actor}, 6) AS uuid) END)`;
const LONDON = (at: string) => `(${at} AT TIME ZONE 'Europe/London')`;

/**
 * The access search across records (who read or changed what) and the unusual-access review, for
 * data protection officers (their organisation's users, and the people their organisation works
 * with) and hub admins (hub-wide). Each search is itself audited, as a read of every person it shows.
 */
@Injectable()
export class AccessSearchService {
  constructor(
    private readonly searches: AuditSearchService,
    private readonly audits: AuditService,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
  ) {}

  private static hubWide(actor: Actor): boolean {
    return hasRole(actor, Role.HUB_ADMIN);
  }

  /** The period asked for, checked: from before to, at most ACCESS_SEARCH_MAX_DAYS. */
  static period(input: AccessPeriodInput): { from: Date; to: Date } {
    const from = new Date(input.from);
    const to = input.to ? new Date(input.to) : new Date();
    if (!(from < to)) throw new ValidationError([{ field: 'to', messages: ['must be after from'] }]);
    if (to.getTime() - from.getTime() > ACCESS_SEARCH_MAX_DAYS * DAY_MS)
      throw new ValidationError([{ field: 'to', messages: [`the period is at most ${ACCESS_SEARCH_MAX_DAYS} days`] }]);
    return { from, to };
  }

  /** Which events the actor may search: its own organisation's, and those about people it may know of (all for hub admins). */
  private scope(actor: Actor): AuditCondition | null {
    if (AccessSearchService.hubWide(actor)) return null;
    const people = this.access.personScope(actor, 'a.person_id');
    return {
      where: `(a.organisation_id = :scopeOrg OR ${people.where})`,
      parameters: { ...people.parameters, scopeOrg: actor.organisationId },
    };
  }

  /** The records of the person searched for: NOT_FOUND for one the actor may not know of, as for no person. */
  private async recordsOf(actor: Actor, personId: string): Promise<string[]> {
    if (!AccessSearchService.hubWide(actor)) return (await this.persons.requireAccess(actor, personId)).recordIds;
    const survivor = await this.persons.survivorId(personId);
    if (!survivor) throw new NotFoundError('Person');
    return this.persons.allRecordIds(survivor);
  }

  /** One page of the events matching the search, newest first; the search and every person shown are audited. */
  async search(actor: Actor, input: AccessSearchInput, page: PageArgs, channel = 'access_search'): Promise<Connection<AuditEvent>> {
    requirePermission(actor, Permission.ACCESS_SEARCH);
    const { from, to } = AccessSearchService.period(input);
    const recordIds = input.personId ? await this.recordsOf(actor, input.personId) : null;
    const actorRef = input.userId ? `user:${input.userId}` : input.clientId ? `client:${input.clientId}` : null;
    if (input.userId && input.clientId) throw new ValidationError([{ field: 'clientId', messages: ['give a user or a client, not both'] }]);
    const result = await this.searches.search(
      { actor: actorRef, organisationId: input.organisationId, recordIds, purpose: input.purpose, action: input.action, from, to },
      this.scope(actor),
      page,
    );
    const action = channel === 'access_search_csv' ? 'export' : 'read';
    await this.recordDisclosure(
      actor,
      { action, channel, filter: input, personId: input.personId ?? null },
      result.edges.map((e) => e.node),
    );
    return result;
  }

  /** Every event matching the search (at most ACCESS_SEARCH_CSV_MAX, newest first) for the CSV export; `truncated` when there were more. */
  async exportAll(actor: Actor, input: AccessSearchInput): Promise<{ events: AuditEvent[]; truncated: boolean }> {
    const events: AuditEvent[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.search(actor, input, { first: 500, after }, 'access_search_csv');
      events.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return { events, truncated: false };
      if (events.length >= ACCESS_SEARCH_CSV_MAX) return { events, truncated: true };
      after = page.pageInfo.endCursor;
    }
  }

  /** The search as one audit event (what was asked), and a read (or export) of each person whose events it showed. */
  private async recordDisclosure(
    actor: Actor,
    asked: { action: 'read' | 'export'; channel: string; filter: object; personId: string | null },
    shown: AuditEvent[],
  ): Promise<void> {
    const { action, channel } = asked;
    const entry = (personId: string | null, detail: Record<string, unknown>): AuditEntry => ({
      action,
      personId,
      categories: new Set(),
      fields: new Set(['AuditEvent.accessSearch']),
      withheld: new Set(),
      breakGlass: false,
      detail: { channel, ...detail },
    });
    const filter = Object.fromEntries(Object.entries(asked.filter).filter(([, v]) => v != null));
    const people = new Set(shown.map((e) => e.personId).filter((p): p is string => !!p));
    people.delete(asked.personId ?? '');
    await this.audits.append(null, actor, [
      entry(asked.personId, { filter, shown: shown.length }),
      ...[...people].map((p) => entry(p, { events: shown.filter((e) => e.personId === p).length })),
    ]);
  }

  /** The unusual-access review of the period: per kind, the users over its threshold, each with the newest events behind it. */
  async unusual(actor: Actor, input: UnusualAccessInput): Promise<UnusualAccessModel[]> {
    requirePermission(actor, Permission.ACCESS_SEARCH);
    const { from, to } = AccessSearchService.period(input);
    const dayStarts = input.dayStarts ?? 8;
    const dayEnds = input.dayEnds ?? 19;
    if (dayEnds <= dayStarts) throw new ValidationError([{ field: 'dayEnds', messages: ['must be after dayStarts'] }]);
    const scope = AccessSearchService.hubWide(actor)
      ? null
      : { where: 'a.organisation_id = :scopeOrg', parameters: { scopeOrg: actor.organisationId } };
    const base = { from, to, scope, maxActors: UNUSUAL_ACCESS_MAX.actorsPerKind, eventsEach: UNUSUAL_ACCESS_MAX.eventsEach };
    const minRecords = input.minRecords ?? 10;
    const kinds: [UnusualAccessKind, () => Promise<AuditFinding[]>][] = [
      [
        UnusualAccessKind.NOT_ALLOCATED,
        () =>
          this.searches.findings({
            ...base,
            count: 'records',
            min: minRecords,
            condition: {
              where: `NOT ${allocatedAtSql('a.person_id', 'a.organisation_id', USER_OF('a.actor'), 'a.occurred_at')}`,
              parameters: {},
            },
          }),
      ],
      [
        UnusualAccessKind.NO_INVOLVEMENT,
        () =>
          this.searches.findings({
            ...base,
            count: 'records',
            min: minRecords,
            condition: { where: `NOT ${involvedAtSql('a.person_id', 'a.organisation_id', 'a.occurred_at')}`, parameters: {} },
          }),
      ],
      [
        UnusualAccessKind.OUT_OF_HOURS,
        () =>
          this.searches.findings({
            ...base,
            count: 'events',
            min: input.minOutOfHours ?? 5,
            condition: {
              where: `(extract(isodow FROM ${LONDON('a.occurred_at')}) >= 6 OR extract(hour FROM ${LONDON('a.occurred_at')}) < CAST(:dayStarts AS int)
                     OR extract(hour FROM ${LONDON('a.occurred_at')}) >= CAST(:dayEnds AS int))`,
              parameters: { dayStarts, dayEnds },
            },
          }),
      ],
      [
        UnusualAccessKind.BREAK_GLASS,
        () =>
          this.searches.findings({
            ...base,
            count: 'grants',
            min: input.minBreakGlass ?? 3,
            allActions: true,
            condition: { where: 'a.break_glass', parameters: {} },
          }),
      ],
    ];
    const found: { kind: UnusualAccessKind; finding: AuditFinding }[] = [];
    for (const [kind, findings] of kinds) for (const finding of await findings()) found.push({ kind, finding });
    const shown = await this.searches.eventsByIds([...new Set(found.flatMap((f) => f.finding.eventIds))]);
    await this.recordDisclosure(actor, { action: 'read', channel: 'unusual_access', filter: input, personId: null }, shown);
    const events = new Map(shown.map((e) => [e.id, e]));
    return found.map(({ kind, finding }) => ({
      kind,
      actor: finding.actor,
      organisationId: finding.organisationId,
      count: finding.count,
      eventCount: finding.events,
      events: finding.eventIds
        .map((id) => events.get(id))
        .filter((e): e is AuditEvent => !!e)
        .map(auditEventView),
    }));
  }
}
