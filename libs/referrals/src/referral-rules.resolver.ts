import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, audit, boundedList, type Connection, CurrentActor, type HubContext, PageArgs } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { ReferralRuleInput, UpdateReferralRuleInput } from './referral-rule.input.js';
import { ReferralRuleModel, RuleFiringConnection, RuleFiringModel } from './referral-rule.model.js';
import { ReferralRulesService } from './referral-rules.service.js';
import { DryRunReferralRuleInput, RuleDryRunModel } from './rule-dry-run.js';
import { RuleDryRunService } from './rule-dry-run.service.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver(() => ReferralRuleModel)
export class ReferralRulesResolver {
  constructor(
    private readonly rules: ReferralRulesService,
    private readonly dryRuns: RuleDryRunService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @RequirePermission(Permission.REFERRAL_RULE_MANAGE)
  @Query(() => [ReferralRuleModel], {
    description:
      'Hub admins: referral rules in force (every version with history: true), by name; at most LIST_DIRECTORY_MAX (500 by default), the field named in extensions.truncated when there are more',
  })
  async referralRules(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('history', { nullable: true }) history?: boolean,
  ): Promise<ReferralRuleModel[]> {
    const max = this.config.lists.directoryMax;
    return boundedList(ctx, 'Query.referralRules', await this.rules.list(actor, history ?? false, max + 1), max);
  }

  @RequirePermission(Permission.REFERRAL_RULE_MANAGE)
  @Query(() => RuleFiringConnection, { description: 'Hub admins: what a rule did, newest first' })
  ruleFirings(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('ruleId', { type: () => ID }) ruleId: string,
  ): Promise<Connection<RuleFiringModel>> {
    return this.rules.firings(actor, ruleId, page);
  }

  @RequirePermission(Permission.REFERRAL_RULE_MANAGE)
  @Mutation(() => ReferralRuleModel)
  createReferralRule(@CurrentActor() actor: Actor, @Args('input') input: ReferralRuleInput): Promise<ReferralRuleModel> {
    return this.rules.create(actor, input);
  }

  @RequirePermission(Permission.REFERRAL_RULE_MANAGE)
  @Mutation(() => ReferralRuleModel, { description: 'Saves a new version of the rule' })
  updateReferralRule(@CurrentActor() actor: Actor, @Args('input') input: UpdateReferralRuleInput): Promise<ReferralRuleModel> {
    return this.rules.update(actor, input);
  }

  @RequirePermission(Permission.REFERRAL_RULE_MANAGE)
  @Query(() => RuleDryRunModel, {
    description:
      'Hub admins: what a rule (as the form holds it, unsaved) would do now for each person with a trigger event in the last `days`: refer, or hold for consent. Writes nothing; each person listed is audited as read.',
  })
  async dryRunReferralRule(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('input') input: DryRunReferralRuleInput,
  ): Promise<RuleDryRunModel> {
    const result = await this.dryRuns.dryRun(actor, input);
    for (const p of result.people)
      audit(ctx, { action: 'read', personId: p.personId, fields: ['RuleDryRun.people'], detail: { channel: 'rule_dry_run' } });
    return result;
  }
}
