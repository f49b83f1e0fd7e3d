import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Permission, requirePermission } from '@hub/access';
import type { Actor } from '@hub/common';
import { OutboxService } from '@hub/events';
import { ReferralRulesService } from './referral-rules.service.js';
import { RuleOutcome } from './referral-vocabulary.js';
import { evaluateCondition } from './rule-conditions.js';
import { DRY_RUN_MAX_PEOPLE, type DryRunReferralRuleInput, type RuleDryRunModel, type RuleDryRunPersonModel } from './rule-dry-run.js';
import { RuleEngine } from './rule-engine.service.js';

const DAY = 86_400_000;

/**
 * A referral rule tried without saving it: for each person with a trigger event in the period (their
 * newest), the engine's own decision (RuleEngine.decide, reads only) as if the event came now. Nothing
 * is written: no rule, firing, referral, task or event.
 */
const DRY_RUN_DETAIL: Record<RuleOutcome, string> = {
  [RuleOutcome.REFERRED]: 'Would refer',
  [RuleOutcome.CONSENT_MISSING]:
    'Would hold: no consent or agreement covers sharing with the receiver; the lead would be asked to seek consent',
  [RuleOutcome.NO_REFERRAL_BASIS]: 'Would hold: nothing is a basis for the referral itself; the lead would be asked to seek consent',
  [RuleOutcome.COOLING_DOWN]: 'Would not refer again yet: the rule referred this person recently',
  [RuleOutcome.NO_RECEIVER]: 'Would not refer: no organisation offers the service',
};

@Injectable()
export class RuleDryRunService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: ReferralRulesService,
    private readonly engine: RuleEngine,
    private readonly outbox: OutboxService,
  ) {}

  async dryRun(actor: Actor, input: DryRunReferralRuleInput): Promise<RuleDryRunModel> {
    requirePermission(actor, Permission.REFERRAL_RULE_MANAGE);
    const { ruleId, days, ...fields } = input;
    const rule = await this.rules.draft(fields, ruleId);
    const since = new Date(Date.now() - days * DAY);
    const events =
      rule.triggerEvent.startsWith('referral') || rule.triggerEvent.startsWith('task.')
        ? [] // the engine never reacts to its own kind of event
        : await this.outbox.latestPerPerson(this.db.manager, rule.triggerEvent, since, DRY_RUN_MAX_PEOPLE + 1);
    const people: RuleDryRunPersonModel[] = [];
    for (const event of events.slice(0, DRY_RUN_MAX_PEOPLE)) {
      if (!event.personId) continue;
      const subject = await this.engine.subject(event);
      if (!subject || !evaluateCondition(rule.conditions, subject.facts)) continue;
      const decision = await this.engine.decide(this.db.manager, rule, event, subject);
      people.push({
        personId: event.personId,
        eventId: event.id,
        occurredAt: event.occurredAt,
        outcome: decision.outcome,
        receiverOrganisationId: decision.receiver?.id ?? null,
        receiverName: decision.receiver?.name ?? null,
        // The outcome in general words: a firing's own words name the lead and what it lacks, which the
        // rule's author (a hub admin, who reads no person data) is not told.
        detail: DRY_RUN_DETAIL[decision.outcome],
      });
    }
    const held = [RuleOutcome.CONSENT_MISSING, RuleOutcome.NO_REFERRAL_BASIS];
    return {
      since,
      considered: Math.min(events.length, DRY_RUN_MAX_PEOPLE),
      matched: people.length,
      wouldRefer: people.filter((p) => p.outcome === RuleOutcome.REFERRED).length,
      heldForConsent: people.filter((p) => held.includes(p.outcome)).length,
      truncated: events.length > DRY_RUN_MAX_PEOPLE,
      people,
    };
  }
}
