import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { connectionType } from '@hub/common';
import { ConsentPurpose } from '@hub/consent';
import { RuleOutcome } from './referral-vocabulary.js';

@ObjectType('ReferralRule', { description: 'One version of a referral rule' })
export class ReferralRuleModel {
  @Field(() => ID, { description: 'The rule (the same across versions)' })
  ruleId: string;

  @Field(() => Int)
  version: number;

  @Field({ description: 'Whether this is the version in force' })
  current: boolean;

  @Field()
  name: string;

  @Field()
  active: boolean;

  @Field()
  triggerEvent: string;

  @Field({ description: 'JSON' })
  conditions: string;

  @Field()
  serviceCode: string;

  @Field()
  matchRegion: boolean;

  @Field(() => ConsentPurpose, { nullable: true })
  consentPurpose: ConsentPurpose | null;

  @Field(() => Int)
  cooldownDays: number;

  @Field()
  createdBy: string;

  @Field()
  createdAt: Date;
}

@ObjectType('RuleFiring', { description: 'A rule met by an event, and what came of it' })
export class RuleFiringModel {
  @Field(() => ID)
  ruleId: string;

  @Field(() => Int)
  ruleVersion: number;

  @Field(() => ID)
  personId: string;

  @Field(() => RuleOutcome)
  outcome: RuleOutcome;

  @Field(() => ID, { nullable: true })
  referralId: string | null;

  @Field(() => ID, { nullable: true })
  taskId: string | null;

  @Field()
  detail: string;

  @Field()
  firedAt: Date;
}

export const RuleFiringConnection = connectionType(RuleFiringModel, 'RuleFiring');
