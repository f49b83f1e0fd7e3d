import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, type Connection, CurrentActor, type HubContext, mapConnection, PageArgs, requestLoader } from '@hub/common';
import DataLoader from 'dataloader';
import { organisationLoader, OrganisationModel, OrganisationsService } from '@hub/organisations';
import { personLoader, PersonModel, PersonsService } from '@hub/persons';
import { ReferralConnection, ReferralModel, ReferralTransitionModel } from './referral.model.js';
import { referralView } from './referral.view.js';
import { OPEN_STATES, ReferralAction, ReferralState } from './referral-vocabulary.js';
import { ReferralsService } from './referrals.service.js';
import { ReferralReasonInput, SendReferralInput } from './send-referral.input.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver(() => ReferralModel)
export class ReferralsResolver {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly persons: PersonsService,
    private readonly organisations: OrganisationsService,
  ) {}

  @RequirePermission(Permission.REFERRAL_READ, { onObject: true })
  @Query(() => ReferralConnection, {
    description: 'Referrals to your organisation, newest first (open ones unless states are given; never drafts)',
  })
  async referralInbox(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('states', { type: () => [ReferralState], nullable: true }) states?: ReferralState[],
  ): Promise<Connection<ReferralModel>> {
    return mapConnection(await this.referrals.inbox(actor, states, page), (r) => referralView(r));
  }

  @RequirePermission(Permission.REFERRAL_READ, { onObject: true })
  @Query(() => ReferralConnection, { description: 'Referrals your organisation made, newest first (all states unless given)' })
  async sentReferrals(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('states', { type: () => [ReferralState], nullable: true }) states?: ReferralState[],
  ): Promise<Connection<ReferralModel>> {
    return mapConnection(await this.referrals.sent(actor, states, page), (r) => referralView(r));
  }

  @RequirePermission(Permission.REFERRAL_READ, { onObject: true })
  @Query(() => ReferralModel, { description: 'A referral your organisation sent or received; NOT_FOUND otherwise' })
  async referral(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ReferralModel> {
    return referralView(await this.referrals.get(actor, id));
  }

  @RequirePermission(Permission.REFERRAL_MAKE, { onObject: true })
  @Mutation(() => ReferralModel, { description: 'Makes a referral and sends it' })
  async sendReferral(@CurrentActor() actor: Actor, @Args('input') input: SendReferralInput): Promise<ReferralModel> {
    return referralView(await this.referrals.create(actor, input, true));
  }

  @RequirePermission(Permission.REFERRAL_MAKE, { onObject: true })
  @Mutation(() => ReferralModel, { description: 'Makes a referral kept as a draft (send it with sendDraftReferral)' })
  async draftReferral(@CurrentActor() actor: Actor, @Args('input') input: SendReferralInput): Promise<ReferralModel> {
    return referralView(await this.referrals.create(actor, input, false));
  }

  @RequirePermission(Permission.REFERRAL_ACT, { onObject: true })
  @Mutation(() => ReferralModel)
  async sendDraftReferral(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ReferralModel> {
    return referralView(await this.referrals.transition(actor, id, ReferralAction.SEND));
  }

  @RequirePermission(Permission.REFERRAL_ACT, { onObject: true })
  @Mutation(() => ReferralModel, { description: 'The receiver accepts: it becomes involved with the person' })
  async acceptReferral(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ReferralModel> {
    return referralView(await this.referrals.transition(actor, id, ReferralAction.ACCEPT));
  }

  @RequirePermission(Permission.REFERRAL_ACT, { onObject: true })
  @Mutation(() => ReferralModel)
  async declineReferral(@CurrentActor() actor: Actor, @Args('input') input: ReferralReasonInput): Promise<ReferralModel> {
    return referralView(await this.referrals.transition(actor, input.referralId, ReferralAction.DECLINE, input.reason));
  }

  @RequirePermission(Permission.REFERRAL_ACT, { onObject: true })
  @Mutation(() => ReferralModel)
  async startReferral(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ReferralModel> {
    return referralView(await this.referrals.transition(actor, id, ReferralAction.START));
  }

  @RequirePermission(Permission.REFERRAL_ACT, { onObject: true })
  @Mutation(() => ReferralModel)
  async completeReferral(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ReferralModel> {
    return referralView(await this.referrals.transition(actor, id, ReferralAction.COMPLETE));
  }

  @RequirePermission(Permission.REFERRAL_ACT, { onObject: true })
  @Mutation(() => ReferralModel)
  async withdrawReferral(@CurrentActor() actor: Actor, @Args('input') input: ReferralReasonInput): Promise<ReferralModel> {
    return referralView(await this.referrals.transition(actor, input.referralId, ReferralAction.WITHDRAW, input.reason));
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => PersonModel, { nullable: true, description: 'Null when you may no longer see the person (declined, withdrawn)' })
  person(@Parent() r: ReferralModel, @CurrentActor() actor: Actor, @Context() ctx: HubContext): Promise<PersonModel | null> {
    return personLoader(ctx, actor, this.persons).load(r.personId);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @ResolveField(() => OrganisationModel)
  fromOrganisation(@Parent() r: ReferralModel, @Context() ctx: HubContext): Promise<OrganisationModel | null> {
    return organisationLoader(ctx, this.organisations).load(r.fromOrganisationId);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @ResolveField(() => OrganisationModel)
  toOrganisation(@Parent() r: ReferralModel, @Context() ctx: HubContext): Promise<OrganisationModel | null> {
    return organisationLoader(ctx, this.organisations).load(r.toOrganisationId);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => Boolean, { description: 'Sent, accepted or in progress: the receiving organisation works with the person' })
  open(@Parent() r: ReferralModel): boolean {
    return OPEN_STATES.includes(r.state);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [ReferralAction], {
    description:
      'The steps your organisation may take on it now (accept, decline, start and complete for the receiver; send and withdraw for the sender)',
  })
  actions(@Parent() r: ReferralModel, @CurrentActor() actor: Actor): ReferralAction[] {
    return this.referrals.actionsFor(actor, r);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [ReferralTransitionModel])
  transitions(@Parent() r: ReferralModel, @Context() ctx: HubContext): Promise<ReferralTransitionModel[]> {
    const loader = requestLoader(
      ctx,
      'referralTransitions',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const all = await this.referrals.transitionsOf(ids);
          return ids.map((id) => all.filter((t) => t.referralId === id) as unknown as ReferralTransitionModel[]);
        }),
    );
    return loader.load(r.id);
  }
}
