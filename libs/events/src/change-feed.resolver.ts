import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { type Actor, audit, CurrentActor, type HubContext } from '@hub/common';
import { ChangeFeedService, disclosures } from './change-feed.service.js';
import { ChangePageModel } from './change.model.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver()
export class ChangeFeedResolver {
  constructor(private readonly feed: ChangeFeedService) {}

  @RequirePermission(Permission.PERSON_READ)
  @Query(() => ChangePageModel, { description: 'What changed that you may see, in global order; resume with `after`' })
  async changes(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('after', { nullable: true }) after?: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100, description: 'How many (at most 1,000)' }) first?: number,
    @Args('types', { type: () => [String], nullable: true }) types?: string[],
  ): Promise<ChangePageModel> {
    const page = await this.feed.changes(actor, { after, first, types });
    // A page is a disclosure of the people it is about: one read per person in the request's audit,
    // written before the response leaves (libs/audit audit.plugin.ts), as for every read of a person.
    for (const entry of disclosures(page.rows, { channel: 'change_feed' })) audit(ctx, entry);
    return {
      changes: page.rows.map((r) => ({ ...r, payload: JSON.stringify(r.payload) })),
      endCursor: page.endCursor,
      hasMore: page.hasMore,
    };
  }
}
