import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Connection } from '@hub/common';
import { keysetPage, namedQuery, type PageArgs } from '@hub/database';
import { AuditEvent } from './audit-event.entity.js';

/** An SQL condition over the audit event `a` with its named parameters (the caller's: a scope, a fact of another lib). */
export interface AuditCondition {
  where: string;
  parameters: Record<string, unknown>;
}

/** What an access search asks for: every field optional but the period. */
export interface AuditSearchFilter {
  /** `user:<id>` or `client:<id>`. */
  actor?: string | null;
  organisationId?: string | null;
  /** The person's records (a survivor and the records merged into it). */
  recordIds?: string[] | null;
  purpose?: string | null;
  action?: string | null;
  from: Date;
  to: Date;
}

/** How a finding counts: distinct people read, events, or break-glass grants opened. */
export type FindingCount = 'records' | 'events' | 'grants';

const COUNTS: Record<FindingCount, string> = {
  records: 'count(DISTINCT h.person_id)',
  events: 'count(*)',
  grants: `count(*) FILTER (WHERE h.action = 'break_glass')`,
};

/** One actor whose events matched a review condition often enough, with the newest of those events. */
export interface AuditFinding {
  actor: string;
  organisationId: string | null;
  count: number;
  events: number;
  eventIds: string[];
}

/**
 * Searches of the audit log across records, for the privacy lib's access search and unusual-access
 * review. The caller has checked the permission and passes the scope (which events the actor may
 * see) and any fact of another lib as SQL over `a`.
 */
@Injectable()
export class AuditSearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Events matching the filter within the scope, newest first (keyset pages by id). */
  search(filter: AuditSearchFilter, scope: AuditCondition | null, page: PageArgs): Promise<Connection<AuditEvent>> {
    const qb = this.db
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where('a.occurred_at >= :searchFrom AND a.occurred_at < :searchTo', { searchFrom: filter.from, searchTo: filter.to });
    if (filter.actor) qb.andWhere('a.actor = :searchActor', { searchActor: filter.actor });
    if (filter.organisationId) qb.andWhere('a.organisation_id = :searchOrg', { searchOrg: filter.organisationId });
    if (filter.recordIds) qb.andWhere('a.person_id = ANY(:searchRecords)', { searchRecords: filter.recordIds });
    if (filter.purpose) qb.andWhere('a.purpose = :searchPurpose', { searchPurpose: filter.purpose });
    if (filter.action) qb.andWhere('a.action = :searchAction', { searchAction: filter.action });
    if (scope) qb.andWhere(scope.where, scope.parameters);
    return keysetPage(qb, { alias: 'a', id: 'bigint' }, page);
  }

  /**
   * Users (never API clients or the hub) whose events in the period match `condition` within `scope`
   * at least `min` times as counted by `count`, most first: at most `maxActors`, each with the ids of
   * its newest `eventsEach` matching events. Only reads count, unless `allActions`.
   */
  async findings(args: {
    from: Date;
    to: Date;
    scope: AuditCondition | null;
    condition: AuditCondition;
    count: FindingCount;
    min: number;
    maxActors: number;
    eventsEach: number;
    allActions?: boolean;
  }): Promise<AuditFinding[]> {
    const parameters: Record<string, unknown> = {
      ...(args.scope?.parameters ?? {}),
      ...args.condition.parameters,
      findFrom: args.from,
      findTo: args.to,
      findMin: args.min,
      findActors: args.maxActors,
      findEach: args.eventsEach,
    };
    const rows = await namedQuery<{ actor: string; organisation_id: string | null; n: number; events: number; event_ids: string[] }>(
      this.db,
      `WITH h AS (
         SELECT a.id, a.actor, a.organisation_id, a.person_id, a.action FROM audit_event a
          WHERE a.occurred_at >= :findFrom AND a.occurred_at < :findTo AND a.actor LIKE 'user:%' AND a.person_id IS NOT NULL
            ${args.allActions ? '' : `AND a.action = 'read'`}
            ${args.scope ? `AND ${args.scope.where}` : ''} AND ${args.condition.where})
       SELECT h.actor, h.organisation_id::text AS organisation_id, ${COUNTS[args.count]}::int AS n, count(*)::int AS events,
              (array_agg(h.id::text ORDER BY h.id DESC))[1:CAST(:findEach AS int)] AS event_ids
         FROM h GROUP BY h.actor, h.organisation_id
        HAVING ${COUNTS[args.count]} >= CAST(:findMin AS int)
        ORDER BY 3 DESC, 1 LIMIT CAST(:findActors AS int)`,
      parameters,
    );
    return rows.map((r) => ({ actor: r.actor, organisationId: r.organisation_id, count: r.n, events: r.events, eventIds: r.event_ids }));
  }

  /** The events of the given ids, newest first. */
  async eventsByIds(ids: string[]): Promise<AuditEvent[]> {
    if (!ids.length) return [];
    return this.db.getRepository(AuditEvent).find({ where: { id: In(ids) }, order: { id: 'DESC' } });
  }
}
