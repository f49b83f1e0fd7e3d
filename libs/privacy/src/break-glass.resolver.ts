import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, type Connection, CurrentActor, PageArgs } from '@hub/common';
import { BreakGlassGrantConnection, BreakGlassGrantModel } from './break-glass.model.js';
import { OpenBreakGlassInput, ReviewBreakGlassInput } from './break-glass.input.js';
import { BreakGlassService } from './break-glass.service.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver()
export class BreakGlassResolver {
  constructor(private readonly breakGlass: BreakGlassService) {}

  @RequirePermission(Permission.BREAK_GLASS_OPEN)
  @Mutation(() => BreakGlassGrantModel, {
    description:
      'Managers and data protection officers: open a record you could not otherwise see, for a reason, for a limited time. Flagged, reviewed, and the lead organisation is notified.',
  })
  openBreakGlass(@CurrentActor() actor: Actor, @Args('input') input: OpenBreakGlassInput): Promise<BreakGlassGrantModel> {
    return this.breakGlass.open(actor, input);
  }

  @RequirePermission(Permission.BREAK_GLASS_LIST)
  @Query(() => BreakGlassGrantConnection, {
    description:
      'Break-glass grants opened by your organisation or on people it leads, newest first, for review (unreviewed ones unless includeReviewed)',
  })
  breakGlassGrants(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('includeReviewed', { nullable: true }) includeReviewed?: boolean,
  ): Promise<Connection<BreakGlassGrantModel>> {
    return this.breakGlass.forReview(actor, !!includeReviewed, page);
  }

  @RequirePermission(Permission.BREAK_GLASS_REVIEW)
  @Mutation(() => BreakGlassGrantModel, { description: 'Data protection officers record the review of a break-glass grant' })
  reviewBreakGlass(@CurrentActor() actor: Actor, @Args('input') input: ReviewBreakGlassInput): Promise<BreakGlassGrantModel> {
    return this.breakGlass.review(actor, input);
  }
}
