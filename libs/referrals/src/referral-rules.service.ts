import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { type Actor, ConflictError, type Connection, NotFoundError, ValidationError, type FieldProblem } from '@hub/common';
import type { ConsentPurpose } from '@hub/consent';
import { keysetPage, type PageArgs } from '@hub/database';
import { OutboxService } from '@hub/events';
import { OrganisationsService } from '@hub/organisations';
import { actorRef } from '@hub/persons';
import { ReferralRule } from './referral-rule.entity.js';
import type { ReferralRuleInput, UpdateReferralRuleInput } from './referral-rule.input.js';
import type { ReferralRuleModel, RuleFiringModel } from './referral-rule.model.js';
import { RuleFiring } from './rule-firing.entity.js';
import { type RuleCondition, validateCondition } from './rule-conditions.js';
import { Permission, requirePermission } from '@hub/access';

export function ruleView(r: ReferralRule): ReferralRuleModel {
  return {
    ...r,
    current: !r.supersededAt,
    conditions: JSON.stringify(r.conditions),
    consentPurpose: r.consentPurpose as ConsentPurpose | null,
  };
}

/** Referral rules as data: hub admins add and edit them; every edit is a new version. */
/** The fingerprint forTrigger computes in SQL, of the same ids: `<count>:<md5 of the sorted ids, comma-separated>`. */
export function ruleFingerprint(ids: string[]): string {
  if (ids.length === 0) return '0:';
  return `${ids.length}:${createHash('md5')
    .update([...ids].sort().join(','))
    .digest('hex')}`;
}

@Injectable()
export class ReferralRulesService {
  /** Per trigger event type: the rules last loaded and their fingerprint (see forTrigger). */
  private readonly inForce = new Map<string, { fingerprint: string; rules: readonly ReferralRule[] }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly outbox: OutboxService,
  ) {}

  private requireAdmin(actor: Actor | null): void {
    if (actor) requirePermission(actor, Permission.REFERRAL_RULE_MANAGE);
  }

  /** Checks a rule before it is saved; every problem at once. */
  private async validate(input: ReferralRuleInput): Promise<RuleCondition> {
    const problems: FieldProblem[] = [];
    let conditions: unknown;
    try {
      conditions = JSON.parse(input.conditions);
    } catch {
      problems.push({ field: 'conditions', messages: ['must be JSON'] });
    }
    if (!problems.length) {
      const found = validateCondition(conditions);
      if (found.length) problems.push({ field: 'conditions', messages: found });
    }
    const offered = (await this.organisations.list()).some((o) => o.active && o.services.includes(input.serviceCode));
    if (!offered) problems.push({ field: 'serviceCode', messages: ['no active organisation offers this service'] });
    if (problems.length) throw new ValidationError(problems);
    return conditions as RuleCondition;
  }

  /** A rule as it would be saved (checked as a save checks it), not saved: for the dry run. */
  async draft(input: ReferralRuleInput, ruleId?: string | null): Promise<ReferralRule> {
    const conditions = await this.validate(input);
    let version = 0;
    if (ruleId) {
      const current = await this.db.getRepository(ReferralRule).findOneBy({ ruleId, supersededAt: IsNull() });
      if (!current) throw new NotFoundError('Referral rule');
      version = current.version;
    }
    return Object.assign(new ReferralRule(), {
      ...this.fields(input, conditions),
      id: randomUUID(),
      ruleId: ruleId ?? randomUUID(),
      version,
      createdBy: 'dry-run',
      createdAt: new Date(),
      supersededAt: null,
    });
  }

  private fields(input: ReferralRuleInput, conditions: RuleCondition) {
    return {
      name: input.name.trim(),
      active: input.active,
      triggerEvent: input.triggerEvent,
      conditions,
      serviceCode: input.serviceCode,
      matchRegion: input.matchRegion,
      consentPurpose: input.consentPurpose ?? null,
      cooldownDays: input.cooldownDays,
    };
  }

  /** `actor` null: the hub itself (demo seeding). */
  async create(actor: Actor | null, input: ReferralRuleInput): Promise<ReferralRuleModel> {
    this.requireAdmin(actor);
    const conditions = await this.validate(input);
    return this.db.transaction(async (m) => {
      const rule = await m.save(
        m.create(ReferralRule, {
          ...this.fields(input, conditions),
          ruleId: randomUUID(),
          version: 1,
          createdBy: actor ? actorRef(actor) : 'system',
          supersededAt: null,
        }),
      );
      await this.emit(m, actor, rule);
      return ruleView(rule);
    });
  }

  async update(actor: Actor, input: UpdateReferralRuleInput): Promise<ReferralRuleModel> {
    this.requireAdmin(actor);
    const conditions = await this.validate(input);
    return this.db.transaction(async (m) => {
      const current = await m.findOne(ReferralRule, {
        where: { ruleId: input.ruleId, supersededAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFoundError('Referral rule');
      if (current.version !== input.version)
        throw new ConflictError('The rule was changed by someone else; reload and try again', { currentVersion: current.version });
      current.supersededAt = new Date();
      await m.save(current);
      const next = await m.save(
        m.create(ReferralRule, {
          ...this.fields(input, conditions),
          ruleId: current.ruleId,
          version: current.version + 1,
          createdBy: actorRef(actor),
          supersededAt: null,
        }),
      );
      await this.emit(m, actor, next);
      return ruleView(next);
    });
  }

  private async emit(m: EntityManager, actor: Actor | null, rule: ReferralRule): Promise<void> {
    await this.outbox.emit(m, actor, {
      type: 'referral_rule.saved',
      aggregateType: 'referral_rule',
      aggregateId: rule.ruleId,
      payload: { version: rule.version, active: rule.active, triggerEvent: rule.triggerEvent },
    });
  }

  /** Current versions (or every version with history). */
  /** `limit`: read at most so many (a response's list; the hub's own reads take them all). */
  async list(actor: Actor | null, history = false, limit?: number): Promise<ReferralRuleModel[]> {
    this.requireAdmin(actor);
    const qb = this.db.getRepository(ReferralRule).createQueryBuilder('r');
    if (!history) qb.where('r.superseded_at IS NULL');
    qb.orderBy('r.name').addOrderBy('r.version', 'DESC').addOrderBy('r.id');
    if (limit !== undefined) qb.take(limit);
    return (await qb.getMany()).map(ruleView);
  }

  /** What a rule did, newest first. */
  async firings(actor: Actor, ruleId: string, page: PageArgs = {}): Promise<Connection<RuleFiringModel>> {
    this.requireAdmin(actor);
    const qb = this.db.getRepository(RuleFiring).createQueryBuilder('f').where('f.rule_id = :ruleId', { ruleId });
    return keysetPage(qb, { alias: 'f', at: 'fired_at', id: 'uuid' }, page);
  }

  /**
   * The rules in force for each of these triggers (as forTrigger, for a delivery's events at once):
   * one statement fingerprints every trigger, and one more loads the triggers whose rules changed.
   * A trigger with no rule in force maps to an empty list.
   */
  async forTriggers(m: EntityManager, eventTypes: readonly string[]): Promise<Map<string, readonly ReferralRule[]>> {
    const types = [...new Set(eventTypes)];
    const found = new Map<string, readonly ReferralRule[]>(types.map((t) => [t, []]));
    if (!types.length) return found;
    const prints: { trigger_event: string; fingerprint: string }[] = await m.query(
      `SELECT trigger_event, count(*) || ':' || coalesce(md5(string_agg(CAST(id AS text), ',' ORDER BY id)), '') AS fingerprint
         FROM referral_rule WHERE superseded_at IS NULL AND active AND trigger_event = ANY($1::text[]) GROUP BY trigger_event`,
      [types],
    );
    const stale: string[] = [];
    for (const { trigger_event: type, fingerprint } of prints) {
      const held = this.inForce.get(type);
      if (held?.fingerprint === fingerprint) found.set(type, held.rules);
      else stale.push(type);
    }
    if (!stale.length) return found;
    const loaded = await m
      .getRepository(ReferralRule)
      .createQueryBuilder('r')
      .where('r.superseded_at IS NULL AND r.active AND r.trigger_event = ANY(:types)', { types: stale })
      .orderBy('r.name')
      .getMany();
    for (const type of stale) {
      const rules = loaded.filter((r) => r.triggerEvent === type);
      this.inForce.set(type, { fingerprint: ruleFingerprint(rules.map((r) => r.id)), rules });
      found.set(type, rules);
    }
    return found;
  }

  /** Rules in force for an event type. */
  /**
   * The rules in force for a trigger, as this transaction sees them. Rule versions are immutable (a
   * change supersedes the row with a new one), so the set of current row ids identifies the rules: it
   * is fingerprinted in SQL on every event (one row back), and the rules are loaded again only when
   * the fingerprint differs from the one of the rules this process holds for the trigger. Whatever
   * process changed them, the next event sees the change. The rules returned are shared: read only.
   */
  async forTrigger(m: EntityManager, eventType: string): Promise<readonly ReferralRule[]> {
    const [{ fingerprint }]: { fingerprint: string }[] = await m.query(
      `SELECT count(*) || ':' || coalesce(md5(string_agg(CAST(id AS text), ',' ORDER BY id)), '') AS fingerprint
         FROM referral_rule WHERE superseded_at IS NULL AND active AND trigger_event = $1`,
      [eventType],
    );
    const held = this.inForce.get(eventType);
    if (held?.fingerprint === fingerprint) return held.rules;
    const rules = await m
      .getRepository(ReferralRule)
      .createQueryBuilder('r')
      .where('r.superseded_at IS NULL AND r.active AND r.trigger_event = :t', { t: eventType })
      .orderBy('r.name')
      .getMany();
    this.inForce.set(eventType, { fingerprint: ruleFingerprint(rules.map((r) => r.id)), rules });
    return rules;
  }
}
