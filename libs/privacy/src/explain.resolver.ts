import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DataCategory, Permission, RequirePermission } from '@hub/access';
import { type Actor, CurrentActor } from '@hub/common';
import { AccessExplanationModel } from './access-explanation.model.js';
import { ExplainService } from './explain.service.js';

@Resolver()
export class ExplainResolver {
  constructor(private readonly explainer: ExplainService) {}

  @RequirePermission(Permission.ACCESS_EXPLAIN)
  @Query(() => AccessExplanationModel, {
    description: 'Why you can or cannot see a category (or field) of a person’s data; reveals nothing you may not see',
  })
  explainAccess(
    @CurrentActor() actor: Actor,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('category', { type: () => DataCategory, nullable: true }) category?: DataCategory,
    @Args('field', { nullable: true, description: 'A Person field, e.g. offenceSummary' }) field?: string,
    @Args('write', { nullable: true, description: 'Explain writing instead of reading' }) write?: boolean,
  ): Promise<AccessExplanationModel> {
    return this.explainer.explain(actor, personId, { category, field, write });
  }
}
