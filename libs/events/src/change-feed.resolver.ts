import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { ChangeFeedService } from './change-feed.service.js';
import { ChangePageModel } from './change.model.js';

@Resolver()
export class ChangeFeedResolver {
  constructor(private readonly feed: ChangeFeedService) {}

  @Query(() => ChangePageModel, { description: 'What changed that you may see, in global order; resume with `after`' })
  async changes(
    @CurrentActor() actor: Actor,
    @Args('after', { nullable: true }) after?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('types', { type: () => [String], nullable: true }) types?: string[],
  ): Promise<ChangePageModel> {
    const page = await this.feed.changes(actor, { after, first, types });
    return { changes: page.rows.map((r) => ({ ...r, payload: JSON.stringify(r.payload) })), endCursor: page.endCursor, hasMore: page.hasMore };
  }
}
