import { type Actor } from '@hub/common';
import { DataCategory, decide, type PersonFacts } from '@hub/access';

/**
 * What one field of an event's payload is, for the field policy:
 * - a data category: person data of that category, masked exactly as the person page masks a field
 *   of that category (`stage` is ETE, `releaseDate` identity);
 * - `event`: a detail of the row the event is about, of that row's own category (`payload.dataCategory`),
 *   masked as that row is (its writer always sees it, others by the policy);
 * - `party`: a detail of a dealing between organisations (a referral: who referred to whom, for which
 *   service) that only its parties see, as only they see the referral itself: the organisations in
 *   `payload.parties`, and the event's writer;
 * - `consent`: the terms of a person's consent (its purpose, categories, recipient), seen as the person's
 *   consents list shows them: by the lead organisation, the consent's recipient (named, or by kind) and
 *   the organisation that recorded it (the event's writer);
 * - `meta`: not person data (ids, codes of the hub's vocabularies, names of fields, counts).
 */
export type PayloadField = DataCategory | 'event' | 'party' | 'consent' | 'meta';
export type PayloadSchema = Readonly<Record<string, PayloadField>>;

const { IDENTITY, ETE } = DataCategory;
const M = 'meta' as const;
const E = 'event' as const;
const P = 'party' as const;

// Everything about a referral is its parties' only (a referral to a mental health service says much).
const referral: PayloadSchema = {
  referralId: P,
  fromOrganisationId: P,
  toOrganisationId: P,
  serviceCode: P,
  state: P,
  ruleId: P,
  dueAt: P,
  parties: P,
};

// A meeting's action: who owns it and when it is due, to its parties only.
const meetingAction: PayloadSchema = { audience: M, meetingId: M, actionId: M, ownerOrganisationId: P, dueOn: P, parties: P };

/**
 * Every event type the hub emits, with every field its payload may carry. OutboxService refuses to
 * emit an event whose type or field is not here, and every channel that hands events out (change
 * feed, webhooks) masks the payload through it for the receiving actor (`maskPayload`): a field of a
 * category the actor may not read goes out as null and is named in `withheldFields`.
 */
export const EVENT_PAYLOADS: Readonly<Record<string, PayloadSchema>> = {
  // People
  'person.created': { region: IDENTITY, releaseDate: IDENTITY, source: M, system: M },
  'person.updated': { fields: M, source: M, system: M },
  'person.stage_changed': { from: ETE, to: ETE },
  'person.release_date_set': { releaseDate: IDENTITY },
  'person.ogrs_scored': { dataCategory: M, assessedOn: E },
  'person.involvement_added': { organisationId: IDENTITY, role: IDENTITY, source: IDENTITY },
  // The ended organisation is a party: what it hears is its own involvement.
  'person.involvement_ended': { involvementId: M, organisationId: M, role: M, endedAt: M, parties: M },
  'person.merged': { mergeId: IDENTITY, mergedId: IDENTITY, withRecords: IDENTITY },
  'person.unmerged': { mergeId: IDENTITY, mergedId: IDENTITY, withRecords: IDENTITY },
  'person.erased': { kind: M, erasureId: M, counts: M },
  // Consent and agreements
  'consent.granted': { purpose: 'consent', categories: 'consent', organisationId: 'consent', organisationKind: 'consent' },
  'consent.withdrawn': { purpose: 'consent' },
  'sharing_agreement.created': { categories: M, lawfulBasis: M },
  'sharing_agreement.ended': { endsAt: M, categories: M },
  // Interventions and outcomes: details of the row, of its category
  'intervention.logged': { typeCode: E, status: E, dataCategory: M, source: M },
  'intervention.updated': { status: E, dataCategory: M, source: M, reason: E },
  'outcome.recorded': { typeCode: E, outcome: E, dataCategory: M },
  'job.started': { sustainmentId: M, dueOn: E, sector: E, dataCategory: M },
  'job.rescheduled': { sustainmentId: M, dueOn: E, dataCategory: M },
  'job.withdrawn': { sustainmentId: M, status: E, dataCategory: M },
  // Appointments, contact and case notes: details of the row, of its category
  'appointment.booked': { serviceCode: E, startsAt: E, mode: E, rescheduledFromId: M, dataCategory: M },
  'appointment.outcome_recorded': { status: E, serviceCode: E, dataCategory: M },
  // A missed appointment (did not attend): referral rules may name it as their trigger.
  'appointment.missed': { serviceCode: E, startsAt: E, dataCategory: M },
  'contact.attempted': { channel: E, result: E, dataCategory: M },
  'case_note.written': { aboutKind: M, dataCategory: M },
  'case_note.corrected': { version: M, dataCategory: M },
  'ete_contact.lapsed': { lastContactAt: E, daysSinceContact: E, dataCategory: M },
  'ogrs.recorded': { assessedOn: E, dataCategory: M, source: M },
  'reconviction.recorded': { convictedOn: E, dataCategory: M, source: M },
  // Referrals and tasks (their parties see them without the person: nothing about the person here)
  'referral.created': referral,
  'referral.sent': referral,
  'referral.accepted': referral,
  'referral.declined': referral,
  'referral.started': referral,
  'referral.completed': referral,
  'referral.withdrawn': referral,
  'referral.overdue': referral,
  // Sent without consent or agreement on a manager's safeguarding override (the reason stays on the referral).
  'referral.safeguarding_override': referral,
  // A task is its organisation's own (`audience: 'parties'`, the organisation): other partners who may see the person never hear of it.
  'task.raised': { audience: M, kind: M, organisationId: M, forRole: M, parties: M },
  'task.completed': { audience: M, kind: M, parties: M },
  // Within the organisation that assigned it only (`audience`): who is to do what.
  'task.assigned': { audience: M, kind: M, organisationId: M, assigneeUserId: M, assigneeTeamId: M, dueOn: M },
  // Multi-agency meetings (libs/meetings): their parties (the organiser, and the invitees or the action's
  // owner) only. `audience: 'parties'` keeps an action's events from anyone else who may see the person:
  // that the person was discussed at a panel is the panel's own business.
  'meeting.scheduled': { meetingId: M, startsAt: P, recurrence: P, parties: P },
  // To the organiser alone: who was put on the agenda, and which invitees no basis covers for them.
  'meeting.agenda_item_added': { audience: M, meetingId: M, agendaItemId: M, uncoveredOrganisationIds: P },
  // To its writer alone (its readers read the note under their own access, not through events).
  'meeting.note_written': { audience: M, meetingId: M, kind: M, dataCategory: M, parties: M },
  'meeting.attendance_recorded': { meetingId: M, organisationId: P, attended: P, parties: P },
  'meeting.action_assigned': meetingAction,
  'meeting.action_overdue': meetingAction,
  'meeting.action_completed': meetingAction,
  // Notifications (libs/notifications). `notification.requested` is the seam any lib emits to have
  // named staff of its own organisation told of something (an appointment reminder): the kind, who,
  // and the portal page to link to; never any person data (the person is the event's person_id).
  'notification.requested': { audience: M, kind: M, userIds: M, path: M },
  'notification_settings.updated': { delivery: M, disabledKinds: M },
  // Privacy
  'break_glass.opened': { grantId: M, organisationId: M, notify: M, purpose: M, expiresAt: M },
  'break_glass.reviewed': { grantId: M },
  // Within the organisation that wrote them only (`audience`: see ChangeFeedService): who owns a case, who may open a record.
  'person.allocated': { audience: M, allocationId: M, caseOwnerId: M, teamId: M },
  'person.restriction_placed': { audience: M, restrictionId: M, kind: M, reviewOn: M },
  'person.restriction_lifted': { audience: M, restrictionId: M },
  'legal_hold.placed': { holdId: M },
  'legal_hold.released': { holdId: M },
  // About no person: the directory, the catalogue, rules, reports, integrations
  'organisation.created': { name: M, kind: M },
  'organisation.updated': { changed: M },
  'team.created': { name: M },
  'team.member_added': { userId: M },
  'team.member_removed': { userId: M },
  'user.created': { organisationId: M, roles: M },
  'user.updated': { changed: M },
  'user.identity_linked': { issuer: M },
  'user.identity_unlinked': { issuer: M },
  'user.provisioned': { organisationId: M, issuer: M },
  'organisation.identity_provider_set': { issuer: M, changed: M },
  'organisation.identity_provider_removed': {},
  'user.password_changed': {},
  'user.password_reset': {},
  'api_client.created': { organisationId: M, scopes: M },
  'api_client.revoked': {},
  'api_client.secret_rotated': {},
  'webhook.created': { eventTypes: M },
  'webhook.updated': { fields: M },
  'webhook.secret_rotated': {},
  'intervention_type.created': { code: M },
  'intervention_type.updated': { code: M, fields: M },
  'region.saved': { code: M, fields: M },
  'region.synonym_added': { code: M, synonym: M },
  'region.synonym_removed': { code: M, synonym: M },
  'referral_rule.saved': { version: M, active: M, triggerEvent: M },
  'report.run': { report: M, parameters: M },
};

/** What an erased payload keeps (ERASED_PAYLOAD_SQL): marks only, whatever the type. */
const ERASED_FIELDS: PayloadSchema = { erased: M, dataCategory: M, parties: M };

export class UndeclaredEventPayloadError extends Error {}

/** Throws unless the type is declared and every field of the payload is declared for it. */
export function checkEventPayload(type: string, payload: Record<string, unknown> | null | undefined): void {
  const schema = EVENT_PAYLOADS[type];
  if (!schema) throw new UndeclaredEventPayloadError(`event type ${type} has no declared payload (libs/events/src/event-payloads.ts)`);
  const undeclared = Object.keys(payload ?? {}).filter((f) => !Object.hasOwn(schema, f));
  if (undeclared.length)
    throw new UndeclaredEventPayloadError(
      `event type ${type} carries undeclared payload fields: ${undeclared.join(', ')} (libs/events/src/event-payloads.ts)`,
    );
}

export interface MaskedPayload {
  payload: Record<string, unknown>;
  /** Fields withheld (null in `payload`), sorted; undeclared fields are dropped and named here too. */
  withheld: string[];
}

/**
 * The payload as the actor may receive it: `meta` fields as they are, the others only when `mayRead`
 * says so for their category (null and named as withheld otherwise). Fails closed: an undeclared
 * type or field is withheld.
 */
export function maskPayload(
  type: string,
  payload: Record<string, unknown> | null | undefined,
  mayRead: (field: Exclude<PayloadField, 'meta'>) => boolean,
): MaskedPayload {
  const given = payload ?? {};
  const schema = given.erased === true ? ERASED_FIELDS : (EVENT_PAYLOADS[type] ?? {});
  const out: Record<string, unknown> = {};
  const withheld: string[] = [];
  for (const [field, value] of Object.entries(given)) {
    const kind = schema[field];
    if (kind === undefined) {
      withheld.push(field);
      continue;
    }
    if (kind === 'meta' || mayRead(kind)) out[field] = value;
    else {
      out[field] = null;
      withheld.push(field);
    }
  }
  return { payload: out, withheld: withheld.sort() };
}

/** The data category an event's row is of: `payload.dataCategory`, else identity (as the feed's SQL scope reads it). */
export function eventCategory(payload: Record<string, unknown> | null | undefined): string {
  const category = payload?.dataCategory;
  return category === undefined || category === null ? 'identity' : String(category);
}

/**
 * The read decision for one event's payload fields, for `actor` with its `facts` about the event's
 * person now: the person page's decision for a field of a category (no owner: a field of the shared
 * record is nobody's own), the row's decision for an `event` detail (its category, its writer as
 * owner, as the feed's SQL scope and the row's own page decide).
 */
export function eventFieldReader(
  actor: Actor,
  facts: PersonFacts,
  event: { payload: Record<string, unknown> | null; organisationId: string | null },
): (field: Exclude<PayloadField, 'meta'>) => boolean {
  return (field) => {
    if (field === 'event') return decide(actor, 'read', eventCategory(event.payload) as DataCategory, facts, event.organisationId).allowed;
    if (field === 'party') return isParty(actor, event);
    if (field === 'consent') return mayKnowConsent(actor, facts, event);
    return decide(actor, 'read', field, facts).allowed;
  };
}

/** The rule of the person's consents list (libs/consent): the lead, the consent's recipient, its recorder; all only with the person in view. */
export function mayKnowConsent(
  actor: Actor,
  facts: PersonFacts,
  event: { payload: Record<string, unknown> | null; organisationId: string | null },
): boolean {
  if (!decide(actor, 'read', DataCategory.IDENTITY, facts).allowed) return false;
  const p = event.payload ?? {};
  return (
    facts.lead ||
    event.organisationId === actor.organisationId ||
    p.organisationId === actor.organisationId ||
    p.organisationKind === actor.organisationKind
  );
}

/** The actor's organisation is a party to the event (named in `payload.parties`) or wrote it. */
export function isParty(actor: Actor, event: { payload: Record<string, unknown> | null; organisationId: string | null }): boolean {
  const parties = event.payload?.parties;
  return event.organisationId === actor.organisationId || (Array.isArray(parties) && parties.includes(actor.organisationId));
}

/** maskPayload with eventFieldReader: what one channel may hand `actor` of this event. */
export function maskEventFor(
  actor: Actor,
  facts: PersonFacts,
  event: { type: string; payload: Record<string, unknown> | null; organisationId: string | null },
): MaskedPayload {
  return maskPayload(event.type, event.payload, eventFieldReader(actor, facts, event));
}
