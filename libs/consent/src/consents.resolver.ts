import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { type Actor, audit, CurrentActor, type HubContext, requestLoader } from '@hub/common';
import { PersonModel } from '@hub/persons';
import { ConsentModel, SharingAgreementModel } from './consent.model.js';
import { ConsentsService } from './consents.service.js';
import { CreateSharingAgreementInput, EndSharingAgreementInput, GrantConsentInput, WithdrawConsentInput } from './grant-consent.input.js';

@Resolver(() => PersonModel)
export class PersonConsentsResolver {
  constructor(private readonly service: ConsentsService) {}

  @ResolveField(() => [ConsentModel], { description: 'Consents you may know of (yours, to you, or all for the lead organisation)' })
  async consents(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: HubContext): Promise<ConsentModel[]> {
    const loader = requestLoader(ctx, 'person.consents', () => new DataLoader((people: readonly PersonModel[]) => this.service.forPeople(actor, people), { cacheKeyFn: (p: PersonModel) => p.id }));
    const consents = await loader.load(person);
    audit(ctx, { action: 'read', personId: person.id, fields: ['Person.consents'], breakGlass: person.breakGlass });
    return consents;
  }
}

@Resolver(() => ConsentModel)
export class ConsentsResolver {
  constructor(private readonly consents: ConsentsService) {}

  @Mutation(() => ConsentModel, { description: 'Record consent given by the person, who is present' })
  grantConsent(@CurrentActor() actor: Actor, @Args('input') input: GrantConsentInput): Promise<ConsentModel> {
    return this.consents.grant(actor, input);
  }

  @Mutation(() => ConsentModel, { description: 'Takes effect from the next request' })
  withdrawConsent(@CurrentActor() actor: Actor, @Args('input') input: WithdrawConsentInput): Promise<ConsentModel> {
    return this.consents.withdraw(actor, input);
  }

  @Query(() => [SharingAgreementModel])
  sharingAgreements(@CurrentActor() _actor: Actor): Promise<SharingAgreementModel[]> {
    return this.consents.agreements();
  }

  @Mutation(() => SharingAgreementModel, { description: 'Hub admins and data protection officers' })
  createSharingAgreement(@CurrentActor() actor: Actor, @Args('input') input: CreateSharingAgreementInput): Promise<SharingAgreementModel> {
    return this.consents.createAgreement(actor, input);
  }

  @Mutation(() => SharingAgreementModel, { description: 'Hub admins, and data protection officers of a party; from its end the agreement is no lawful basis' })
  endSharingAgreement(@CurrentActor() actor: Actor, @Args('input') input: EndSharingAgreementInput): Promise<SharingAgreementModel> {
    return this.consents.endAgreement(actor, input);
  }
}
