import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';
import { connectionType } from '@hub/common';
import { InvolvementRole } from '@hub/persons';
import { ReferralBasis, ReferralOutcome, ReferralState, TaskKind, TaskStatus } from './referral-vocabulary.js';

@ObjectType('ReferralTransition', { description: 'One step of a referral: who, when, from what to what, why' })
export class ReferralTransitionModel {
  @Field()
  action: string;

  @Field(() => ReferralState, { nullable: true })
  fromState: ReferralState | null;

  @Field(() => ReferralState)
  toState: ReferralState;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field({ description: 'user:<id>, or client:system.<name> for the hub itself' })
  actor: string;

  @Field(() => ID, { nullable: true })
  organisationId: string | null;

  @Field()
  at: Date;
}

@ObjectType('Referral', { description: 'A referral of a person from one organisation to another for a service' })
export class ReferralModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  fromOrganisationId: string;

  @Field(() => ID)
  toOrganisationId: string;

  @Field()
  serviceCode: string;

  @Field()
  reason: string;

  @Field(() => [DataCategory])
  sharedCategories: DataCategory[];

  @Field(() => ReferralState)
  state: ReferralState;

  @Field(() => String, { nullable: true, description: 'Why it was declined or withdrawn' })
  stateReason: string | null;

  @Field(() => ReferralOutcome, { nullable: true, description: 'What came of it: the receiver says so when completing it' })
  outcome: ReferralOutcome | null;

  @Field(() => String, { nullable: true, description: "The receiver's note on the outcome" })
  outcomeNote: string | null;

  @Field({ description: 'Sent by the hub on a rule (on behalf of the person’s lead organisation), not by a person' })
  automatic: boolean;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the current step is due: sent, the answer (service SLA); accepted, the start (start SLA)',
  })
  dueAt: Date | null;

  @Field({ description: 'Sent and unanswered, or accepted and not started, past its due time' })
  overdue: boolean;

  @Field(() => Date, { nullable: true, description: 'When its current step was escalated to both managers as overdue' })
  escalatedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The rule that made it, when automatic' })
  ruleId: string | null;

  @Field(() => Int, { nullable: true })
  ruleVersion: number | null;

  @Field(() => ReferralBasis, { nullable: true, description: 'What it was sent on: consent, an agreement, or a safeguarding override' })
  basis: ReferralBasis | null;

  @Field(() => ID, { nullable: true, description: 'The consent or sharing agreement it was sent on' })
  basisId: string | null;

  @Field(() => String, { nullable: true, description: 'Why a manager overrode the consent gate for safeguarding' })
  safeguardingReason: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Int)
  version: number;
}

@ObjectType('Task', { description: 'Something for your organisation to do' })
export class TaskModel {
  @Field(() => ID)
  id: string;

  @Field(() => TaskKind)
  kind: TaskKind;

  @Field({ description: 'caseworker, manager or data_protection_officer' })
  forRole: string;

  @Field(() => ID, { nullable: true })
  personId: string | null;

  @Field(() => ID, { nullable: true })
  referralId: string | null;

  @Field()
  title: string;

  @Field({ description: 'Why the task was raised' })
  detail: string;

  @Field(() => TaskStatus)
  status: TaskStatus;

  @Field(() => Date, { nullable: true })
  dueAt: Date | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The colleague a person assigned it to (kind ASSIGNED)' })
  assigneeUserId: string | null;

  @Field(() => ID, { nullable: true, description: 'The team a person assigned it to (kind ASSIGNED)' })
  assigneeTeamId: string | null;
}

/** The most colleagues `colleagues` lists (an organisation's casework staff). */
export const COLLEAGUES_MAX = 500;

/** A colleague a task may be assigned to: an active caseworker or manager of the reader's organisation. */
@ObjectType('Colleague', { description: 'An active caseworker or manager of your organisation, whom you may assign a task to' })
export class ColleagueModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType('ReferralContact', { description: 'A named person to contact about a referral' })
export class ReferralContactModel {
  @Field()
  name: string;

  @Field({ description: 'Their work email address' })
  email: string;

  @Field(() => String, { nullable: true })
  organisationName: string | null;
}

@ObjectType('ReferralStateCount', { description: 'How many of your referrals (received or sent) are in a state' })
export class ReferralStateCountModel {
  @Field(() => ReferralState)
  state: ReferralState;

  @Field(() => Int)
  count: number;
}

@ObjectType('ReferralPreview', {
  description:
    'Before sending: what the receiver would see of the person once it works with them (decided by the access policy), what you may share, what the referral would be sent on, and whether the receiver already works with the person',
})
export class ReferralPreviewModel {
  @Field()
  receiverName: string;

  @Field(() => [DataCategory], {
    description:
      'The categories of the person the receiver could read once it works with them (consents and agreements in force for it, within its kind)',
  })
  receiverSees: DataCategory[];

  @Field(() => [DataCategory], { description: 'Of those, the categories beyond identity you may share with it (you may read them too)' })
  youMayShare: DataCategory[];

  @Field(() => ReferralBasis, {
    nullable: true,
    description:
      'What the referral would be sent on now (consent: confirm with the person that they agree); null: nothing, it cannot be sent',
  })
  basis: ReferralBasis | null;

  @Field(() => ID, { nullable: true, description: 'The consent or sharing agreement it would be sent on' })
  basisId: string | null;

  @Field({ description: 'The receiver already works with the person (an involvement in force)' })
  alreadyWorksWith: boolean;

  @Field(() => Date, { nullable: true, description: 'Since when the receiver has worked with the person' })
  worksWithSince: Date | null;

  @Field(() => InvolvementRole, { nullable: true, description: 'As what the receiver works with the person' })
  worksWithAs: InvolvementRole | null;

  @Field(() => Int, { description: 'Referrals of the person from your organisation to the receiver still open' })
  openReferralsFromYou: number;
}

export const TaskConnection = connectionType(TaskModel, 'Task');
export const ReferralConnection = connectionType(ReferralModel, 'Referral');
