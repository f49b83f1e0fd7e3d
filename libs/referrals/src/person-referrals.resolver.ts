import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, audit, type Connection, CurrentActor, type HubContext, mapConnection, PageArgs, requestLoader } from '@hub/common';
import DataLoader from 'dataloader';
import { PersonModel } from '@hub/persons';
import { ReferralConnection } from './referral.model.js';
import { referralView } from './referral.view.js';
import type { Referral } from './referral.entity.js';
import { ReferralsService } from './referrals.service.js';
import { Permission, RequirePermission } from '@hub/access';

/** One page of the referrals of every person of the request in one statement (one loader per page asked for). */
function personReferralsLoader(
  ctx: HubContext,
  actor: Actor,
  service: ReferralsService,
  page: PageArgs,
): DataLoader<PersonModel, Connection<Referral>, string> {
  return requestLoader(
    ctx,
    `person.referrals:${page.first ?? ''}:${page.after ?? ''}`,
    () => new DataLoader((people: readonly PersonModel[]) => service.forPeople(actor, people, page), { cacheKeyFn: (p) => p.id }),
  );
}

/** A person's referrals, as the organisations that made or received them see them. */
@Resolver(() => PersonModel)
export class PersonReferralsResolver {
  constructor(private readonly referralsService: ReferralsService) {}

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => ReferralConnection, {
    description: 'Referrals about this person your organisation sent or received, newest first, a page at a time',
  })
  async referrals(
    @CurrentActor() actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
    @Args() page: PageArgs,
  ): Promise<InstanceType<typeof ReferralConnection>> {
    const rows = await personReferralsLoader(ctx, actor, this.referralsService, page).load(person);
    audit(ctx, { action: 'read', personId: person.id, categories: [], fields: ['Person.referrals'], breakGlass: person.breakGlass });
    return mapConnection(rows, (r) => referralView(r));
  }
}
