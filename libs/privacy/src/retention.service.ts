import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { DATA_CATEGORIES, DataCategory, Permission, requirePermission } from '@hub/access';
import { auditActorRef, AuditService } from '@hub/audit';
import { type Actor, ErrorCode, HubError, NotFoundError, type PersonErasureStep, type PersonRetentionRule } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { allowLongStatements } from '@hub/database';
import { EventHandlerRegistry, OutboxService } from '@hub/events';
import { PersonRetentionService, PersonsService, survivorSql } from '@hub/persons';
import { LegalHold } from './legal-hold.entity.js';
import { PersonDataRegistry } from './person-data.registry.js';
import { PersonErasure } from './person-erasure.entity.js';
import { retentionPolicy } from './retention-policy.js';

export interface RetentionReport {
  /** Items erased because their period expired: per retention rule (e.g. interventions), per data category. */
  expired: Record<string, Record<string, number>>;
  /** Whole records erased (no one works with the person and the record's retention expired). */
  records: string[];
  /** People skipped because of a legal hold. */
  held: number;
}

/** The audit lib's own erasure step (the audit log's old and new values go after every lib's step, below). */
const AUDIT_ERASURE_STEPS: PersonErasureStep[] = [
  { key: 'breakGlassGrants', order: 70, sql: 'DELETE FROM break_glass_grant WHERE person_id = ANY($1::uuid[])' },
];

/** The queue task that applies retention; scheduled by RETENTION_SCHEDULE (daily at 02:30 UTC by default). */
export const RETENTION_RUN_TASK = 'audit:retention_run';
/** The most holds in force on one person that legalHolds lists. */
export const LEGAL_HOLDS_LISTED = 50;

/**
 * Retention and erasure. What expired is removed, what identifies the person on the record is
 * replaced by a tombstone, the old and new values in the audit log are blanked (their digests stay,
 * so the chain still verifies), and a person_erasure row and an audit event say that it happened.
 * A legal hold stops both. Each lib holding person data answers for its own tables through its
 * `@PersonData()` provider (see PersonDataRegistry): erasure runs every lib's erasure steps, and
 * retention by period each lib's retention rules (what expired, how it goes, what counts as activity).
 */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly logger = new Logger('Retention');
  private readonly days: Record<DataCategory, number>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly persons: PersonsService,
    private readonly records: PersonRetentionService,
    private readonly outbox: OutboxService,
    private readonly registry: EventHandlerRegistry,
    private readonly personData: PersonDataRegistry,
    private readonly audits: AuditService,
  ) {
    this.days = retentionPolicy(config.retentionDays ?? {});
  }

  /** The worker runs retention on its schedule, once per tick whatever the number of processes (a queue cron entry). */
  onModuleInit(): void {
    this.registry.task(RETENTION_RUN_TASK, async (payload) => {
      const now = typeof payload.now === 'string' ? new Date(payload.now) : new Date();
      const report = await this.run(now);
      const expired = Object.entries(report.expired).map(([key, counts]) => `${Object.values(counts).reduce((a, b) => a + b, 0)} ${key}`);
      this.logger.log(`retention run: ${[...expired, `${report.records.length} records`].join(', ')} erased, ${report.held} held`);
    });
    if (this.config.retentionSchedule) this.registry.schedule(`${this.config.retentionSchedule} ${RETENTION_RUN_TASK}`);
  }

  policy(): Record<DataCategory, number> {
    return { ...this.days };
  }

  private async held(m: EntityManager, recordIds: string[]): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM legal_hold WHERE person_id = ANY($1::uuid[]) AND released_at IS NULL', [
      recordIds,
    ]);
    return rows.length > 0;
  }

  /** Applies the retention periods as of `now`. */
  async run(now = new Date()): Promise<RetentionReport> {
    const report: RetentionReport = { expired: {}, records: [], held: 0 };
    const held = new Set<string>();
    const rules = this.personData.retentionRules();
    // 1. Items past their category's period (each lib's rule), grouped by person: one transaction per person.
    const cutoffs = JSON.stringify(
      Object.fromEntries(DATA_CATEGORIES.map((c) => [c, new Date(now.getTime() - this.days[c] * 86_400_000).toISOString()])),
    );
    for (const rule of rules) {
      // A sweep over every record: long by nature, so under the background limit rather than a request's.
      const expired: { person_id: string; ids: string[]; categories: string[] }[] = await this.db.transaction(async (m) => {
        await allowLongStatements(m, this.config.statementTimeouts.backgroundMs);
        return m.query(
          `SELECT ${survivorSql('x.record_id')} AS person_id, array_agg(x.id) AS ids, array_agg(DISTINCT x.data_category) AS categories
             FROM (${rule.expiredSql}) x GROUP BY 1`,
          [cutoffs],
        );
      });
      // What other libs erase with this rule's items (their ids in partners' systems), the same for every person.
      const followUps = this.personData.retentionFollowUps(rule.key).map((f) => f.sql);
      for (const group of expired) {
        const done = await this.db.transaction((m) => this.eraseExpired(m, rule, followUps, group));
        if (!done) {
          held.add(group.person_id);
          continue;
        }
        const tally = (report.expired[rule.key] ??= {});
        for (const [c, n] of Object.entries(done)) tally[c] = (tally[c] ?? 0) + n;
      }
    }
    // 2. Whole records: no active involvement, and no activity within the identity period.
    const cutoff = new Date(now.getTime() - this.days[DataCategory.IDENTITY] * 86_400_000);
    for (const id of await this.records.inactiveSince(
      cutoff,
      rules.map((r) => r.activitySql),
    )) {
      try {
        await this.erase(null, id, 'retention period expired', 'retention');
        report.records.push(id);
      } catch (err) {
        if (err instanceof HubError && err.code === ErrorCode.InvalidState) held.add(id);
        else throw err;
      }
    }
    report.held = held.size;
    return report;
  }

  /** Erases one person's expired items of one rule, with their audit details; null under a legal hold. */
  private async eraseExpired(
    m: EntityManager,
    rule: PersonRetentionRule,
    followUps: string[],
    group: { person_id: string; ids: string[]; categories: string[] },
  ): Promise<Record<string, number> | null> {
    const recordIds = await this.persons.allRecordIds(group.person_id, m);
    if (await this.held(m, recordIds)) return null;
    const [first, ...rest] = rule.eraseSql;
    const [rows]: [{ data_category: string }[], number] = await m.query(first, [group.ids]);
    const alongside: string[] = [];
    for (const sql of rest) {
      const [erased]: [{ id?: string }[], number] = await m.query(sql, [group.ids]);
      for (const r of erased) if (r.id) alongside.push(r.id);
    }
    for (const sql of followUps) await m.query(sql, [group.ids]);
    await this.audits.eraseDetails(m, recordIds, group.ids);
    // And what the domain events about those items, and about what went with them, said (an intervention's type, a check's outcome).
    await this.outbox.erasePayloads(m, [...group.ids, ...alongside]);
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.data_category] = (counts[r.data_category] ?? 0) + 1;
    await m.insert(PersonErasure, {
      personId: group.person_id,
      kind: 'retention',
      categories: group.categories.sort(),
      reason: 'retention period expired',
      erasedBy: 'system',
      counts,
    });
    await this.outbox.emit(m, null, {
      type: 'person.erased',
      aggregateType: 'person',
      aggregateId: group.person_id,
      personId: group.person_id,
      payload: { kind: 'retention', counts },
      categories: group.categories,
    });
    return counts;
  }

  /**
   * Erases a whole record: on the person's valid request (a data protection officer of the lead
   * organisation, or the operator's CLI), or when retention expired. Refused under a legal hold.
   */
  async erase(actor: Actor | null, personId: string, reason: string, kind: 'request' | 'retention' = 'request'): Promise<PersonErasure> {
    let survivor: string | null;
    if (actor) {
      requirePermission(actor, Permission.PERSON_ERASE);
      const access = await this.persons.requireAccess(actor, personId);
      requirePermission(actor, Permission.PERSON_ERASE, { facts: access.facts });
      survivor = access.personId;
    } else {
      survivor = await this.persons.survivorId(personId);
    }
    if (!survivor) throw new NotFoundError('Person');
    const personIdToErase = survivor;
    return this.db.transaction(async (m) => {
      const ids = await this.persons.allRecordIds(personIdToErase, m);
      await this.records.lockRecords(m, ids);
      if (await this.held(m, ids)) throw new HubError(ErrorCode.InvalidState, 'A legal hold stops erasure of this record');
      const counts: Record<string, number> = {};
      const remove = async (step: Pick<PersonErasureStep, 'key' | 'sql' | 'after'>) => {
        const [rows, count]: [Record<string, unknown>[], number] = await m.query(step.sql, [ids]);
        counts[step.key] = count;
        await step.after?.(m, rows);
      };
      // Each lib erases what it holds (its @PersonData() provider), in order; the persons lib last leaves the record as a tombstone.
      for (const step of this.personData.erasureSteps(AUDIT_ERASURE_STEPS)) await remove(step);
      // Old and new values in the audit log go too; who accessed what, when and why stays, and the chain still verifies.
      counts.auditDetails = await this.audits.eraseDetails(m, ids);
      const erasure = await m.save(
        m.create(PersonErasure, {
          personId: personIdToErase,
          kind,
          categories: [...DATA_CATEGORIES],
          reason,
          erasedBy: auditActorRef(actor),
          counts,
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'person.erased',
        aggregateType: 'person',
        aggregateId: personIdToErase,
        personId: personIdToErase,
        payload: { kind, erasureId: erasure.id, counts },
      });
      return erasure;
    });
  }

  /** Data protection officers of an organisation working with the person place a hold; it stops retention and erasure. */
  async placeHold(actor: Actor | null, personId: string, reason: string): Promise<LegalHold> {
    const survivor = actor ? await this.dpoAccess(actor, personId) : await this.persons.survivorId(personId);
    if (!survivor) throw new NotFoundError('Person');
    return this.db.transaction(async (m) => {
      const hold = await m.save(
        m.create(LegalHold, {
          personId: survivor,
          reason: reason.trim(),
          placedBy: auditActorRef(actor),
          organisationId: actor?.organisationId ?? null,
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'legal_hold.placed',
        aggregateType: 'legal_hold',
        aggregateId: hold.id,
        personId: survivor,
        payload: { holdId: hold.id },
      });
      return hold;
    });
  }

  /** The holds in force on a person (at most LEGAL_HOLDS_LISTED, newest first), for data protection officers who may know of the person. */
  async holdsOn(actor: Actor, personId: string): Promise<LegalHold[]> {
    const survivor = await this.dpoAccess(actor, personId);
    const records = await this.persons.allRecordIds(survivor);
    return this.db.getRepository(LegalHold).find({
      where: { personId: In(records), releasedAt: IsNull() },
      order: { placedAt: 'DESC' },
      take: LEGAL_HOLDS_LISTED,
    });
  }

  async releaseHold(actor: Actor | null, holdId: string): Promise<LegalHold> {
    return this.db.transaction(async (m) => {
      const hold = await m.findOne(LegalHold, { where: { id: holdId, releasedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!hold) throw new NotFoundError('Legal hold');
      if (actor) await this.dpoAccess(actor, hold.personId).catch(() => Promise.reject(new NotFoundError('Legal hold')));
      hold.releasedAt = new Date();
      hold.releasedBy = auditActorRef(actor);
      const saved = await m.save(hold);
      await this.outbox.emit(m, actor, {
        type: 'legal_hold.released',
        aggregateType: 'legal_hold',
        aggregateId: hold.id,
        personId: hold.personId,
        payload: { holdId: hold.id },
      });
      return saved;
    });
  }

  private async dpoAccess(actor: Actor, personId: string): Promise<string> {
    requirePermission(actor, Permission.LEGAL_HOLD_MANAGE);
    return (await this.persons.requireAccess(actor, personId)).personId;
  }
}
