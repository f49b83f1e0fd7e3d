import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataCategory } from '@hub/access';
import { type Actor, ErrorCode, HubError, systemActor } from '@hub/common';
import { type ConsentPurpose, PURPOSE_CATEGORIES } from '@hub/consent';
import { EventHandlerRegistry, type OutboxEvent } from '@hub/events';
import { AppointmentsService, InterventionsService } from '@hub/interventions';
import { type Organisation, OrganisationsService } from '@hub/organisations';
import { InvolvementRole, PersonRecordsService, PersonsService } from '@hub/persons';
import { eligibleReceivers, type ReceiverCandidate } from './receiver-choice.js';
import { automaticReason, eventWords, purposeWords, serviceWords } from './plain-words.js';
import type { ReferralRule } from './referral-rule.entity.js';
import { ReferralRulesService } from './referral-rules.service.js';
import { RuleOutcome, TaskKind } from './referral-vocabulary.js';
import { ReferralsService } from './referrals.service.js';
import { evaluateCondition, type RuleFacts } from './rule-conditions.js';
import { RuleFiring } from './rule-firing.entity.js';
import { TasksService } from './tasks.service.js';

const DAY = 86_400_000;
/** The rule's ($1) last referral of the person ($2) within its cool-down ($3 days), if any. */
const COOLING_SQL = `SELECT fired_at FROM rule_firing WHERE rule_id = $1 AND person_id = $2 AND outcome = 'referred' AND fired_at > now() - make_interval(days => $3) ORDER BY fired_at DESC LIMIT 1`;

/** Who the person is to the rules. */
export interface RuleSubject {
  lead: Organisation;
  actor: Actor;
  facts: RuleFacts;
}
type Subject = RuleSubject;

/**
 * What the events of one delivery share, read once for all of them in its transaction: the
 * organisations, and the open referrals of each (counted once, then kept up to date as the delivery
 * refers people, so the least loaded receiver is chosen as if each event were handled on its own).
 */
export interface RuleBatch {
  organisations: Organisation[];
  openCounts?: Map<string, number>;
}

/** What a rule does for an event: refer (to whom, sharing what, on what basis), hold for consent (raising a task), or nothing. */
export type RuleDecision =
  | {
      outcome: RuleOutcome.REFERRED;
      detail: string;
      receiver: ReceiverCandidate;
      shared: DataCategory[];
      basis: NonNullable<Awaited<ReturnType<ReferralsService['basisFor']>>>;
      task?: undefined;
    }
  | {
      outcome: RuleOutcome.CONSENT_MISSING | RuleOutcome.NO_REFERRAL_BASIS;
      detail: string;
      receiver: ReceiverCandidate;
      task: { key: 'consent' | 'referral-consent'; title: string };
    }
  | { outcome: RuleOutcome.COOLING_DOWN | RuleOutcome.NO_RECEIVER; detail: string; receiver: null; task?: undefined };

/**
 * Turns events into referrals: for each rule in force whose trigger and conditions an event meets,
 * refers the person to the least loaded eligible receiver that may lawfully be told, on behalf of the
 * person's lead organisation; or, without consent, raises a task for the lead to seek it. Each
 * (rule, event) is decided once and recorded with its reason in rule_firing.
 */
@Injectable()
export class RuleEngine implements OnModuleInit {
  private readonly logger = new Logger('ReferralRules');

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly rules: ReferralRulesService,
    private readonly referrals: ReferralsService,
    private readonly tasks: TasksService,
    private readonly persons: PersonsService,
    private readonly records: PersonRecordsService,
    private readonly interventions: InterventionsService,
    private readonly appointments: AppointmentsService,
    private readonly organisations: OrganisationsService,
  ) {}

  onModuleInit(): void {
    this.registry.onEvents('referrals.rules', ['*'], (m, events) => this.handleAll(m, events));
  }

  /** Whether any rule could be triggered by the event (rules never fire on referral or task events, nor on events about no one). */
  private static triggers(event: OutboxEvent): boolean {
    return !!event.personId && !event.type.startsWith('referral') && !event.type.startsWith('task.');
  }

  async handle(m: EntityManager, event: OutboxEvent): Promise<void> {
    await this.handleAll(m, [event]);
  }

  /**
   * The events of one delivery, in order: the rules in force for all their types are read in one
   * statement (and the organisations and open referral counts once, when any rule applies); the rest
   * is decided event by event as before.
   */
  async handleAll(m: EntityManager, events: readonly OutboxEvent[]): Promise<void> {
    const candidates = events.filter((e) => RuleEngine.triggers(e));
    if (!candidates.length) return;
    const rulesOf = await this.rules.forTriggers(
      m,
      candidates.map((e) => e.type),
    );
    const due = candidates.filter((e) => rulesOf.get(e.type)?.length);
    if (!due.length) return;
    const batch: RuleBatch = { organisations: await this.organisations.list() };
    for (const event of due) {
      const subject = await this.subject(event, batch, m);
      if (!subject) continue;
      for (const rule of rulesOf.get(event.type)!) {
        if (!evaluateCondition(rule.conditions, subject.facts)) continue;
        await this.fire(m, rule, event, subject, batch);
      }
    }
  }

  /** Who the person is to the rules: lead organisation, person facts and record facts. */
  async subject(event: OutboxEvent, batch?: RuleBatch, m?: EntityManager): Promise<Subject | null> {
    const all = batch?.organisations ?? (await this.organisations.list());
    const byId = new Map(all.map((o) => [o.id, o]));
    const source = event.organisationId ? byId.get(event.organisationId) : undefined;
    if (!source) return null;
    try {
      const sourceActor = systemActor(source, 'referral-rules');
      const now = Date.now();
      const involvements = await this.records.involvements(sourceActor, event.personId!, m);
      const leadId = involvements.find((i) => i.role === InvolvementRole.LEAD && (!i.endedAt || i.endedAt.getTime() > now))?.organisationId;
      const lead = (leadId && byId.get(leadId)) || source;
      const actor = systemActor(lead, 'referral-rules');
      const person = await this.persons.get(actor, event.personId!, m);
      // The last ETE contact: an ETE intervention, an attended ETE appointment or an ETE contact that reached the person.
      const [ete, met] = await Promise.all([
        this.interventions.list(actor, person.id, { first: 1, category: DataCategory.ETE }, m),
        this.appointments.latestContact(actor, person.id, DataCategory.ETE, m),
      ]);
      const logged = ete.edges[0]?.node.occurredAt;
      const lastEte = [logged ? new Date(logged) : null, met].reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
      const release = person.releaseDate ? new Date(`${String(person.releaseDate).slice(0, 10)}T00:00:00Z`).getTime() : null;
      const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime();
      return {
        lead,
        actor,
        facts: {
          event: { ...event.payload, type: event.type, organisationKind: source.kind },
          person: {
            region: person.region ?? null,
            stage: person.stage ?? null,
            riskLevel: person.riskLevel ?? null,
            daysUntilRelease: release === null ? null : Math.round((release - today) / DAY),
          },
          record: { daysSinceEteContact: lastEte ? Math.floor((now - new Date(lastEte).getTime()) / DAY) : null },
        },
      };
    } catch (err) {
      // Only "not there" or "not yours" means no subject; anything else (a lost connection) fails the
      // delivery, which is retried, rather than passing the event by.
      if (!(err instanceof HubError && (err.code === ErrorCode.NotFound || err.code === ErrorCode.Forbidden))) throw err;
      this.logger.warn(`event ${event.id}: person not readable for rules (${(err as Error).message})`);
      return null;
    }
  }

  private async fire(m: EntityManager, rule: ReferralRule, event: OutboxEvent, s: Subject, batch: RuleBatch): Promise<void> {
    const personId = event.personId!;
    // One decision at a time per rule and person, across every worker: the cool-down holds under concurrency.
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rule:${rule.ruleId}:${personId}`]);
    // Whether this (rule, event) is decided already, and the rule's last referral of the person within its cool-down, in one statement.
    const [state]: { done: boolean; cooling: Date | null }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM rule_firing WHERE rule_id = $1 AND event_id = $4) AS done, (${COOLING_SQL}) AS cooling`,
      [rule.ruleId, personId, rule.cooldownDays, event.id],
    );
    if (state.done) return;
    const record = (outcome: RuleOutcome, detail: string, extra: { referralId?: string; taskId?: string | null } = {}) =>
      m.insert(RuleFiring, {
        ruleId: rule.ruleId,
        ruleVersion: rule.version,
        eventId: event.id,
        personId,
        outcome,
        detail,
        referralId: extra.referralId ?? null,
        taskId: extra.taskId ?? null,
      });
    const d = await this.decide(m, rule, event, s, batch, state.cooling);
    if (d.outcome === RuleOutcome.REFERRED) {
      batch.openCounts?.set(d.receiver.id, (batch.openCounts.get(d.receiver.id) ?? 0) + 1);
      const referral = await this.referrals.createWithin(
        m,
        s.actor,
        {
          personId,
          toOrganisationId: d.receiver.id,
          serviceCode: rule.serviceCode,
          reason: automaticReason(s.lead.name, rule.serviceCode, eventWords(event.type, event.payload)),
          sharedCategories: d.shared,
          ruleId: rule.ruleId,
          ruleVersion: rule.version,
          basis: d.basis,
        },
        true,
      );
      await record(RuleOutcome.REFERRED, d.detail, { referralId: referral.id });
      return;
    }
    if (!d.task) {
      await record(d.outcome, d.detail);
      return;
    }
    // Held for consent: the lead is asked to seek it (one open task per rule and person).
    const existing = await this.tasks.openFor(
      m,
      s.lead.id,
      TaskKind.SEEK_CONSENT,
      personId,
      `${d.task.key}:${rule.ruleId}:`,
      `Rule "${rule.name}"`,
    );
    const task =
      existing ??
      (await this.tasks.raiseWithin(m, s.actor, {
        organisationId: s.lead.id,
        forRole: 'caseworker',
        personId,
        kind: TaskKind.SEEK_CONSENT,
        title: d.task.title,
        detail: d.detail,
        sourceKey: `${d.task.key}:${rule.ruleId}:${event.id}`,
      }));
    await record(d.outcome, d.detail, { taskId: task?.id ?? null });
  }

  /**
   * What the rule does for the event now, reading only (the rule's firing and its writes are fire's):
   * refer to a receiver on a basis, hold for consent (with the task to raise), or nothing, with why.
   * The dry run asks the same, so its answer is what turning the rule on would do.
   */
  async decide(
    m: EntityManager,
    rule: ReferralRule,
    event: OutboxEvent,
    s: Subject,
    batch?: RuleBatch,
    /** The rule's last referral of the person within its cool-down, when the caller has read it (COOLING_SQL). */
    coolingSince?: Date | null,
  ): Promise<RuleDecision> {
    const personId = event.personId!;
    const cooling =
      coolingSince === undefined
        ? ((await m.query(COOLING_SQL, [rule.ruleId, personId, rule.cooldownDays])) as { fired_at: Date }[])[0]?.fired_at
        : coolingSince;
    if (cooling) {
      const detail = `already referred on ${new Date(cooling).toISOString()} (cool-down ${rule.cooldownDays} days)`;
      return { outcome: RuleOutcome.COOLING_DOWN, detail, receiver: null };
    }

    let counts = batch?.openCounts;
    if (!counts) {
      counts = await this.referrals.openCounts(m);
      if (batch) batch.openCounts = counts;
    }
    const organisations = batch?.organisations ?? (await this.organisations.list());
    const candidates = organisations.map((o) => ({ ...o, openReferrals: counts.get(o.id) ?? 0 }));
    const eligible = eligibleReceivers(candidates, {
      serviceCode: rule.serviceCode,
      region: s.facts.person.region,
      matchRegion: rule.matchRegion,
      excludeOrganisationId: s.lead.id,
    });
    if (!eligible.length) {
      const detail = `no active organisation offering ${rule.serviceCode}${rule.matchRegion ? ` in ${s.facts.person.region ?? 'any region'}` : ''} has capacity`;
      return { outcome: RuleOutcome.NO_RECEIVER, detail, receiver: null };
    }

    const purpose = rule.consentPurpose as ConsentPurpose | null;
    // Receivers the data could go to but the referral itself has no basis for (no consent to be referred, no agreement of both).
    const withoutBasis: (typeof eligible)[number][] = [];
    for (const receiver of eligible) {
      const lawful = await this.referrals.lawfulFor(receiver, personId);
      // The purpose's categories this kind of receiver could see must all be covered (consent or agreement).
      const needed = purpose ? PURPOSE_CATEGORIES[purpose].filter((c) => this.kindMaySee(receiver, c)) : [];
      if (purpose && (needed.length === 0 || needed.some((c) => !lawful.has(c)))) continue;
      const shared = [...new Set([DataCategory.IDENTITY, ...needed])];
      const basis = await this.referrals.basisFor(m, s.lead, receiver, personId, shared);
      if (!basis) {
        withoutBasis.push(receiver);
        continue;
      }
      return { outcome: RuleOutcome.REFERRED, detail: `referred to ${receiver.name}`, receiver, shared, basis };
    }

    const service = serviceWords(rule.serviceCode);
    if (withoutBasis.length) {
      // Not sent: nothing lets the person be referred. The lead is asked to seek their consent to be referred.
      const to = withoutBasis[0];
      const why = `The hub would have referred this person automatically to ${to.name} for ${service}, because ${eventWords(event.type, event.payload)}, but they have not agreed to be referred and no information sharing agreement of ${s.lead.name} and ${to.name} covers it. Ask them: if they agree, record their consent to be referred, and the hub can refer them.`;
      const title = `Ask the person whether they agree to be referred to ${to.name} for ${service}`;
      return { outcome: RuleOutcome.NO_REFERRAL_BASIS, detail: why, receiver: to, task: { key: 'referral-consent', title } };
    }

    const first = eligible[0];
    const about = purpose ? purposeWords(purpose) : 'the information it needs';
    const why = `The hub would have referred this person automatically to ${first.name} for ${service}, because ${eventWords(event.type, event.payload)}, but they have not consented to share ${about} information with it or any other organisation offering it. Ask them: if they agree, record their consent, and the hub can refer them.`;
    const title = `Ask the person whether they agree to share ${about} information, to refer them for ${service}`;
    return { outcome: RuleOutcome.CONSENT_MISSING, detail: why, receiver: first, task: { key: 'consent', title } };
  }

  /** Whether the receiver's kind could ever see the category (an employer never sees accommodation). */
  private kindMaySee(receiver: { id: string; kind: string }, category: DataCategory): boolean {
    return this.referrals.kindCeiling(receiver).has(category);
  }
}
