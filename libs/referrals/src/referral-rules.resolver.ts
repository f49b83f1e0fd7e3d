import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, type Connection, CurrentActor, PageArgs } from '@hub/common';
import { ReferralRuleInput, UpdateReferralRuleInput } from './referral-rule.input.js';
import { ReferralRuleModel, RuleFiringConnection, RuleFiringModel } from './referral-rule.model.js';
import { ReferralRulesService } from './referral-rules.service.js';

@Resolver(() => ReferralRuleModel)
export class ReferralRulesResolver {
  constructor(private readonly rules: ReferralRulesService) {}

  @Query(() => [ReferralRuleModel], { description: 'Hub admins: referral rules in force (every version with history: true)' })
  referralRules(@CurrentActor() actor: Actor, @Args('history', { nullable: true }) history?: boolean): Promise<ReferralRuleModel[]> {
    return this.rules.list(actor, history ?? false);
  }

  @Query(() => RuleFiringConnection, { description: 'Hub admins: what a rule did, newest first' })
  ruleFirings(@CurrentActor() actor: Actor, @Args() page: PageArgs, @Args('ruleId', { type: () => ID }) ruleId: string): Promise<Connection<RuleFiringModel>> {
    return this.rules.firings(actor, ruleId, page);
  }

  @Mutation(() => ReferralRuleModel)
  createReferralRule(@CurrentActor() actor: Actor, @Args('input') input: ReferralRuleInput): Promise<ReferralRuleModel> {
    return this.rules.create(actor, input);
  }

  @Mutation(() => ReferralRuleModel, { description: 'Saves a new version of the rule' })
  updateReferralRule(@CurrentActor() actor: Actor, @Args('input') input: UpdateReferralRuleInput): Promise<ReferralRuleModel> {
    return this.rules.update(actor, input);
  }
}
