import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { Inject } from '@nestjs/common';
import { type Actor, audit, boundedList, CurrentActor, type HubContext, requestLoader } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { PersonModel } from '@hub/persons';
import { ConsentModel, ConsentPurposeCoverageModel, SharingAgreementModel } from './consent.model.js';
import { ConsentsService } from './consents.service.js';
import { CreateSharingAgreementInput, EndSharingAgreementInput, GrantConsentInput, WithdrawConsentInput } from './grant-consent.input.js';
import { consentReach, DataCategory, Permission, RequirePermission } from '@hub/access';
import { organisationLoader, OrganisationsService } from '@hub/organisations';

@Resolver(() => PersonModel)
export class PersonConsentsResolver {
  constructor(
    private readonly service: ConsentsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [ConsentModel], {
    description:
      'Consents you may know of (yours, to you, or all for the lead organisation), newest first; at most LIST_PER_PERSON_MAX (100 by default), the field named in extensions.truncated when there are more',
  })
  async consents(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: HubContext): Promise<ConsentModel[]> {
    const max = this.config.lists.perPersonMax;
    const loader = requestLoader(
      ctx,
      'person.consents',
      () =>
        new DataLoader((people: readonly PersonModel[]) => this.service.forPeople(actor, people, max + 1), {
          cacheKeyFn: (p: PersonModel) => p.id,
        }),
    );
    const consents = boundedList(ctx, 'Person.consents', await loader.load(person), max);
    audit(ctx, { action: 'read', personId: person.id, fields: ['Person.consents'], breakGlass: person.breakGlass });
    return consents;
  }
}

@Resolver(() => ConsentModel)
export class ConsentsResolver {
  constructor(
    private readonly consents: ConsentsService,
    private readonly organisations: OrganisationsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [DataCategory], {
    description:
      'The categories this consent can open to its recipient under the access policy, while in force: of those it lists, not a category the recipient’s kind is never shown, and none when given for an area of support the recipient does not work in (explainAccess gives the same reasons)',
  })
  async opens(@Parent() consent: ConsentModel, @Context() ctx: HubContext): Promise<DataCategory[]> {
    const recipient = consent.organisationId
      ? await organisationLoader(ctx, this.organisations).load(consent.organisationId)
      : consent.organisationKind && { kind: consent.organisationKind, supportAreas: null };
    return recipient ? consentReach(recipient, consent.purpose, consent.categories).opens : [];
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @Query(() => [ConsentPurposeCoverageModel], {
    description: 'Each purpose a consent may be given for, with the data categories it covers when none are listed',
  })
  consentPurposes(): ConsentPurposeCoverageModel[] {
    return this.consents.purposes();
  }

  @RequirePermission(Permission.CONSENT_RECORD, { onObject: true })
  @Mutation(() => ConsentModel, { description: 'Record consent given by the person, who is present' })
  grantConsent(@CurrentActor() actor: Actor, @Args('input') input: GrantConsentInput): Promise<ConsentModel> {
    return this.consents.grant(actor, input);
  }

  @RequirePermission(Permission.CONSENT_WITHDRAW, { onObject: true })
  @Mutation(() => ConsentModel, { description: 'Takes effect from the next request' })
  withdrawConsent(@CurrentActor() actor: Actor, @Args('input') input: WithdrawConsentInput): Promise<ConsentModel> {
    return this.consents.withdraw(actor, input);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @Query(() => [SharingAgreementModel], {
    description:
      'Information sharing agreements, by name; at most LIST_DIRECTORY_MAX (500 by default), the field named in extensions.truncated when there are more',
  })
  async sharingAgreements(@CurrentActor() _actor: Actor, @Context() ctx: HubContext): Promise<SharingAgreementModel[]> {
    const max = this.config.lists.directoryMax;
    return boundedList(ctx, 'Query.sharingAgreements', await this.consents.agreements(max + 1), max);
  }

  @RequirePermission(Permission.SHARING_AGREEMENT_CREATE)
  @Mutation(() => SharingAgreementModel, { description: 'Hub admins and data protection officers' })
  createSharingAgreement(@CurrentActor() actor: Actor, @Args('input') input: CreateSharingAgreementInput): Promise<SharingAgreementModel> {
    return this.consents.createAgreement(actor, input);
  }

  @RequirePermission(Permission.SHARING_AGREEMENT_END)
  @Mutation(() => SharingAgreementModel, {
    description: 'Hub admins, and data protection officers of a party; from its end the agreement is no lawful basis',
  })
  endSharingAgreement(@CurrentActor() actor: Actor, @Args('input') input: EndSharingAgreementInput): Promise<SharingAgreementModel> {
    return this.consents.endAgreement(actor, input);
  }
}
