import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  type Actor,
  type Connection,
  CurrentActor,
  type HubContext,
  mapConnection,
  PageArgs,
  requestLoader,
  ValidationError,
} from '@hub/common';
import DataLoader from 'dataloader';
import { organisationLoader, OrganisationModel, OrganisationsService } from '@hub/organisations';
import { personLoader, PersonModel, PersonsService } from '@hub/persons';
import {
  ReferralConnection,
  ReferralContactModel,
  ReferralModel,
  ReferralPreviewModel,
  ReferralStateCountModel,
  ReferralTransitionModel,
} from './referral.model.js';
import { referralView } from './referral.view.js';
import { OPEN_STATES, ReferralAction, ReferralDirection, ReferralState } from './referral-vocabulary.js';
import { plainReason, serviceWords } from './plain-words.js';
import { ReferralsService } from './referrals.service.js';
import { CompleteReferralInput, ReferralPreviewInput, ReferralReasonInput, SendReferralInput } from './send-referral.input.js';
import { UsersService } from '@hub/organisations';
import { Permission, RequirePermission } from '@hub/access';

@Resolver(() => ReferralModel)
export class ReferralsResolver {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly persons: PersonsService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
  ) {}

  @RequirePermission(Permission.REFERRAL_READ, { onObject: true })
  @Query(() => ReferralConnection, {
    description: 'Referrals to your organisation, newest first (open ones unless states are given; never drafts)',
  })
  async referralInbox(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('states', { type: () => [ReferralState], nullable: true }) states?: ReferralState[],
    @Args('serviceCode', { type: () => String, nullable: true, description: 'Only referrals for this service' }) serviceCode?: string,
  ): Promise<Connection<ReferralModel>> {
    return mapConnection(await this.referrals.inbox(actor, states, page, checkServiceCode(serviceCode)), (r) => referralView(r));
  }

  @RequirePermission(Permission.REFERRAL_READ, { onObject: true })
  @Query(() => ReferralConnection, { description: 'Referrals your organisation made, newest first (all states unless given)' })
  async sentReferrals(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('states', { type: () => [ReferralState], nullable: true }) states?: ReferralState[],
    @Args('serviceCode', { type: () => String, nullable: true, description: 'Only referrals for this service' }) serviceCode?: string,
  ): Promise<Connection<ReferralModel>> {
    return mapConnection(await this.referrals.sent(actor, states, page, checkServiceCode(serviceCode)), (r) => referralView(r));
  }

  @RequirePermission(Permission.REFERRAL_READ, { onObject: true })
  @Query(() => [ReferralStateCountModel], {
    description: 'How many referrals your organisation received (never drafts) or sent are in each state, for one service or all',
  })
  referralCounts(
    @CurrentActor() actor: Actor,
    @Args('direction', { type: () => ReferralDirection }) direction: ReferralDirection,
    @Args('serviceCode', { type: () => String, nullable: true }) serviceCode?: string,
  ): Promise<ReferralStateCountModel[]> {
    return this.referrals.counts(actor, direction, checkServiceCode(serviceCode));
  }

  @RequirePermission(Permission.REFERRAL_MAKE, { onObject: true })
  @Query(() => ReferralPreviewModel, {
    description:
      'Before sending a referral: what the receiver would see of the person, what you may share, what it would be sent on, and whether the receiver already works with the person. NOT_FOUND when you may not see the person',
  })
  referralPreview(@CurrentActor() actor: Actor, @Args('input') input: ReferralPreviewInput): Promise<ReferralPreviewModel> {
    return this.referrals.preview(actor, input.personId, input.toOrganisationId, input.sharedCategories ?? []);
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
  @Mutation(() => ReferralModel, {
    description: 'The receiver completes the work, saying what came of it (the referral stays in both lists’ history)',
  })
  async completeReferral(@CurrentActor() actor: Actor, @Args('input') input: CompleteReferralInput): Promise<ReferralModel> {
    return referralView(
      await this.referrals.transition(actor, input.referralId, ReferralAction.COMPLETE, null, { outcome: input.outcome, note: input.note }),
    );
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
    return this.transitionLoader(ctx).load(r.id);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField('reason', () => String, {
    description: 'Why the person was referred; an automatic referral says that the hub sent it, on whose behalf and why',
  })
  async reason(@Parent() r: ReferralModel, @Context() ctx: HubContext): Promise<string> {
    if (!r.automatic) return r.reason;
    const lead = await organisationLoader(ctx, this.organisations).load(r.fromOrganisationId);
    return plainReason(r.reason, true, lead?.name ?? null, r.serviceCode);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => String, { description: 'The service by its name, in words ("accommodation support")' })
  serviceName(@Parent() r: ReferralModel): string {
    const words = serviceWords(r.serviceCode);
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @ResolveField(() => ReferralContactModel, {
    nullable: true,
    description: 'Who sent it, to contact about it; null for an automatic referral (sent by the hub) or one an API client sent',
  })
  async sentBy(@Parent() r: ReferralModel & { createdBy?: string }, @Context() ctx: HubContext): Promise<ReferralContactModel | null> {
    const id = r.automatic ? null : userIdOf(r.createdBy ?? null);
    return id ? this.contact(ctx, id) : null;
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @ResolveField(() => ReferralContactModel, {
    nullable: true,
    description: 'Who accepted it at the receiver, to contact about it; null before it is accepted (or when an API client accepted it)',
  })
  async acceptedBy(@Parent() r: ReferralModel, @Context() ctx: HubContext): Promise<ReferralContactModel | null> {
    const steps = await this.transitionLoader(ctx).load(r.id);
    const id = userIdOf(steps.find((t) => t.action === ReferralAction.ACCEPT)?.actor ?? null);
    return id ? this.contact(ctx, id) : null;
  }

  private async contact(ctx: HubContext, userId: string): Promise<ReferralContactModel | null> {
    const loader = requestLoader(
      ctx,
      'referralContacts',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const found = await this.users.contactsOf(ids);
          return ids.map((id) => found.get(id) ?? null);
        }),
    );
    const user = await loader.load(userId);
    if (!user) return null;
    const organisation = await organisationLoader(ctx, this.organisations).load(user.organisationId);
    return { name: user.name, email: user.email, organisationName: organisation?.name ?? null };
  }

  private transitionLoader(ctx: HubContext) {
    return requestLoader(
      ctx,
      'referralTransitions',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const all = await this.referrals.transitionsOf(ids);
          return ids.map((id) => all.filter((t) => t.referralId === id) as unknown as ReferralTransitionModel[]);
        }),
    );
  }
}

/** The user behind an actor reference (`user:<id>`), or null for an API client or the hub. */
function userIdOf(ref: string | null): string | null {
  return ref?.startsWith('user:') ? ref.slice(5) : null;
}

/** A service code filter: the same form as a referral's service code, else BAD_USER_INPUT. */
function checkServiceCode(code: string | null | undefined): string | null {
  if (code === null || code === undefined || code === '') return null;
  if (!/^[a-z][a-z0-9_]{1,63}$/.test(code)) throw new ValidationError([{ field: 'serviceCode', messages: ['not a service code'] }]);
  return code;
}
