import { registerEnumType } from '@nestjs/graphql';
import { ErrorCode, HubError } from '@hub/common';

export enum ReferralState {
  DRAFT = 'draft',
  SENT = 'sent',
  ACCEPTED = 'accepted',
  DECLINED = 'declined',
  IN_PROGRESS = 'in_progress',
  COMPLETED = 'completed',
  WITHDRAWN = 'withdrawn',
}
registerEnumType(ReferralState, { name: 'ReferralState' });
export const REFERRAL_STATES = Object.values(ReferralState);

export enum ReferralAction {
  SEND = 'send',
  ACCEPT = 'accept',
  DECLINE = 'decline',
  START = 'start',
  COMPLETE = 'complete',
  WITHDRAW = 'withdraw',
}
registerEnumType(ReferralAction, { name: 'ReferralAction' });
export const REFERRAL_ACTIONS = Object.values(ReferralAction);

/** What came of a completed referral: the receiver says so when completing it. */
export enum ReferralOutcome {
  /** What the referral asked for was done. */
  ACHIEVED = 'achieved',
  PARTLY_ACHIEVED = 'partly_achieved',
  NOT_ACHIEVED = 'not_achieved',
  /** The person stopped taking part. */
  PERSON_DISENGAGED = 'person_disengaged',
}
registerEnumType(ReferralOutcome, { name: 'ReferralOutcome', description: 'What came of a completed referral' });

/** Finished referrals: their history. */
export const FINISHED_STATES: readonly ReferralState[] = [ReferralState.DECLINED, ReferralState.COMPLETED, ReferralState.WITHDRAWN];

/** Which referrals of the organisation a list holds: those it received, or those it sent. */
export enum ReferralDirection {
  RECEIVED = 'received',
  SENT = 'sent',
}
registerEnumType(ReferralDirection, { name: 'ReferralDirection', description: 'Referrals to the organisation, or from it' });

/** States in which the receiving organisation works with the person (they count as a relationship). */
export const OPEN_STATES: readonly ReferralState[] = [ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS];

export interface TransitionRule {
  from: readonly ReferralState[];
  to: ReferralState;
  /** Which side may take the action. */
  by: 'sender' | 'receiver';
  /** A reason is required. */
  reason: boolean;
}

/** The whole lifecycle: any (state, action) pair not in here is refused. */
export const TRANSITIONS: Record<ReferralAction, TransitionRule> = {
  [ReferralAction.SEND]: { from: [ReferralState.DRAFT], to: ReferralState.SENT, by: 'sender', reason: false },
  [ReferralAction.ACCEPT]: { from: [ReferralState.SENT], to: ReferralState.ACCEPTED, by: 'receiver', reason: false },
  [ReferralAction.DECLINE]: { from: [ReferralState.SENT], to: ReferralState.DECLINED, by: 'receiver', reason: true },
  [ReferralAction.START]: { from: [ReferralState.ACCEPTED], to: ReferralState.IN_PROGRESS, by: 'receiver', reason: false },
  [ReferralAction.COMPLETE]: { from: [ReferralState.IN_PROGRESS], to: ReferralState.COMPLETED, by: 'receiver', reason: false },
  [ReferralAction.WITHDRAW]: {
    from: [ReferralState.DRAFT, ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS],
    to: ReferralState.WITHDRAWN,
    by: 'sender',
    reason: true,
  },
};

/** The state after `action`, or INVALID_STATE (with the state and action in the details). */
export function nextState(state: ReferralState, action: ReferralAction): ReferralState {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(state)) {
    throw new HubError(ErrorCode.InvalidState, `A ${state.replace('_', ' ')} referral cannot be ${PAST[action]}`, { state, action });
  }
  return rule.to;
}

const PAST: Record<ReferralAction, string> = {
  [ReferralAction.SEND]: 'sent',
  [ReferralAction.ACCEPT]: 'accepted',
  [ReferralAction.DECLINE]: 'declined',
  [ReferralAction.START]: 'started',
  [ReferralAction.COMPLETE]: 'completed',
  [ReferralAction.WITHDRAW]: 'withdrawn',
};

/** Hours from sending to the receiver's answer, per service; others get the default. */
export const SERVICE_SLA_HOURS: Record<string, number> = {
  accommodation_support: 72,
  mental_health_support: 72,
  resettlement: 120,
  employment: 120,
  in_work_support: 72,
};
export const DEFAULT_SLA_HOURS = 120;

export function dueAt(serviceCode: string, sentAt: Date): Date {
  return new Date(sentAt.getTime() + (SERVICE_SLA_HOURS[serviceCode] ?? DEFAULT_SLA_HOURS) * 3600_000);
}

/**
 * Once accepted, a referral is to be started (the first appointment, the support begun) within this
 * many hours, whatever the service: an accepted referral nobody starts is a referral lost.
 */
export const START_SLA_HOURS = 240;

export function startDueAt(acceptedAt: Date): Date {
  return new Date(acceptedAt.getTime() + START_SLA_HOURS * 3600_000);
}

/** The states with a due time the SLA sweep watches: sent (to be answered) and accepted (to be started). */
export const DUE_STATES = [ReferralState.SENT, ReferralState.ACCEPTED];

export enum TaskKind {
  SEEK_CONSENT = 'seek_consent',
  SUSTAINMENT_CHECK = 'sustainment_check',
  REFERRAL_OVERDUE = 'referral_overdue',
  CONSENT_EXPIRING = 'consent_expiring',
  /** For the lead organisation's data protection officers: a referral was sent under a safeguarding override. */
  SAFEGUARDING_OVERRIDE_REVIEW = 'safeguarding_override_review',
  /** For the managers of an organisation that became a person's lead (a transfer): allocate the case. */
  ALLOCATE_CASE = 'allocate_case',
  /** For the managers of the organisation that restricted a record: its review date has come. */
  RESTRICTION_REVIEW = 'restriction_review',
  /** A task a person assigned to a colleague or a team of their organisation (assignTask). */
  ASSIGNED = 'assigned',
  /** An action a multi-agency meeting gave the organisation (libs/meetings); closed when the action is completed. */
  MEETING_ACTION = 'meeting_action',
  /** A meeting action past its due date (raised by the meetings' overdue sweep). */
  MEETING_ACTION_OVERDUE = 'meeting_action_overdue',
}
registerEnumType(TaskKind, { name: 'TaskKind' });

export enum TaskStatus {
  OPEN = 'open',
  DONE = 'done',
}
registerEnumType(TaskStatus, { name: 'TaskStatus' });

/** What a rule did with an event that met its conditions. */
export enum RuleOutcome {
  REFERRED = 'referred',
  CONSENT_MISSING = 'consent_missing',
  COOLING_DOWN = 'cooling_down',
  NO_RECEIVER = 'no_receiver',
  /** The data could be shared, but nothing is a basis for the referral itself (no consent to be referred, no agreement of both). */
  NO_REFERRAL_BASIS = 'no_referral_basis',
}
registerEnumType(RuleOutcome, { name: 'RuleOutcome' });

/**
 * What a sent referral rests on: the person's consent (to be referred, or to the data it shares being
 * given to the receiver), a sharing agreement both organisations are party to, or a manager's
 * safeguarding override of the consent gate (with a reason).
 */
export enum ReferralBasis {
  CONSENT = 'consent',
  AGREEMENT = 'agreement',
  SAFEGUARDING_OVERRIDE = 'safeguarding_override',
}
registerEnumType(ReferralBasis, {
  name: 'ReferralBasis',
  description: 'The lawful basis a referral was sent on (null: sent before the hub recorded it, or not sent yet)',
});

/** The transition recorded (before `send`) when a manager overrides the consent gate for safeguarding. */
export const SAFEGUARDING_OVERRIDE_ACTION = 'safeguarding_override';

/** What a referral's events carry: ids, codes and the state, never anything about the person. */
export interface ReferralEventFacts {
  referralId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  serviceCode: string;
  /** Whether the referral has been sent: a draft is the sender's alone. */
  sent: boolean;
}

/**
 * The payload of a referral's event. Its `parties` (the sender, and once it is sent the receiver)
 * hear of each step through the change feed and webhooks even when they no longer work with the
 * person (a declined or withdrawn referral ends the receiver's relationship), without the person.
 */
export function referralEventPayload(r: ReferralEventFacts, extra: Record<string, unknown>): Record<string, unknown> {
  const parties = r.sent ? [r.fromOrganisationId, r.toOrganisationId] : [r.fromOrganisationId];
  return {
    referralId: r.referralId,
    fromOrganisationId: r.fromOrganisationId,
    toOrganisationId: r.toOrganisationId,
    serviceCode: r.serviceCode,
    ...extra,
    parties,
  };
}
