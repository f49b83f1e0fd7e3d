import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, audit, CurrentActor, type HubContext, requestLoader } from '@hub/common';
import DataLoader from 'dataloader';
import { PersonModel } from '@hub/persons';
import { ReferralModel } from './referral.model.js';
import { referralView } from './referral.view.js';
import type { Referral } from './referral.entity.js';
import { ReferralsService } from './referrals.service.js';

/** One statement per request for the referrals of every person on the page. */
function personReferralsLoader(ctx: HubContext, actor: Actor, service: ReferralsService): DataLoader<PersonModel, Referral[], string> {
  return requestLoader(ctx, 'person.referrals', () => new DataLoader((people: readonly PersonModel[]) => service.forPeople(actor, people), { cacheKeyFn: (p) => p.id }));
}

/** A person's referrals, as the organisations that made or received them see them. */
@Resolver(() => PersonModel)
export class PersonReferralsResolver {
  constructor(private readonly referralsService: ReferralsService) {}

  @ResolveField(() => [ReferralModel], { description: 'Referrals about this person your organisation sent or received, newest first' })
  async referrals(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: HubContext): Promise<ReferralModel[]> {
    const rows = await personReferralsLoader(ctx, actor, this.referralsService).load(person);
    audit(ctx, { action: 'read', personId: person.id, categories: [], fields: ['Person.referrals'], breakGlass: person.breakGlass });
    return rows.map((r) => referralView(r));
  }
}
