import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ReferralRuleInput } from './referral-rule.input.js';
import { RuleOutcome } from './referral-vocabulary.js';

/** The most people one dry run decides for (the newest events first). */
export const DRY_RUN_MAX_PEOPLE = 200;

@InputType({ description: 'A rule as the form holds it, to try against the recent events of its trigger without saving it' })
export class DryRunReferralRuleInput extends ReferralRuleInput {
  @Field(() => ID, { nullable: true, description: 'The rule being edited: its cool-down counts (its past referrals); none for a new rule' })
  @IsOptional()
  @IsUUID()
  ruleId?: string | null;

  @Field(() => Int, { defaultValue: 30, description: 'How far back to look for trigger events, in days (1 to 90)' })
  @IsInt()
  @Min(1)
  @Max(90)
  days: number;
}

@ObjectType('RuleDryRunPerson', { description: 'What the rule would do now for one person, on their newest trigger event' })
export class RuleDryRunPersonModel {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  eventId: string;

  @Field()
  occurredAt: Date;

  @Field(() => RuleOutcome, {
    description: 'REFERRED: would refer; CONSENT_MISSING or NO_REFERRAL_BASIS: would hold and ask the lead to seek consent',
  })
  outcome: RuleOutcome;

  @Field(() => ID, { nullable: true, description: 'The organisation it would refer to (or that the consent would be for)' })
  receiverOrganisationId: string | null;

  @Field(() => String, { nullable: true })
  receiverName: string | null;

  @Field({
    description: 'What it would do, in general words (never the lead, nor what the person has or has not agreed to beyond the outcome)',
  })
  detail: string;
}

@ObjectType('RuleDryRun', { description: 'What a rule would do now, nothing written' })
export class RuleDryRunModel {
  @Field({ description: 'Trigger events since this moment were looked at' })
  since: Date;

  @Field(() => Int, { description: 'People with a trigger event in the period (their newest event each)' })
  considered: number;

  @Field(() => Int, { description: 'Of those, the people whose newest event meets the conditions' })
  matched: number;

  @Field(() => Int)
  wouldRefer: number;

  @Field(() => Int, { description: 'Held for consent (a task to seek it would be raised)' })
  heldForConsent: number;

  @Field({ description: `More than ${DRY_RUN_MAX_PEOPLE} people had trigger events: only the newest were looked at` })
  truncated: boolean;

  @Field(() => [RuleDryRunPersonModel], { description: 'Each person the conditions match, with what the rule would do' })
  people: RuleDryRunPersonModel[];
}
