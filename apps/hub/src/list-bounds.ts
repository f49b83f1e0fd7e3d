import { DataCategory } from '@hub/access';
import { CASE_NOTE_MAX_CORRECTIONS } from '@hub/casenotes';
import { REGION_SYNONYMS_MAX, REGIONS_MAX } from '@hub/common';
import type { HubConfig } from '@hub/config';
import { ConsentPurpose } from '@hub/consent';
import { EVENT_PAYLOADS } from '@hub/events';
import { INTERVENTION_MAX_CORRECTIONS } from '@hub/interventions';
import {
  MEETING_MAX_ACTIONS,
  MEETING_MAX_AGENDA,
  MEETING_MAX_ATTENDANCE,
  MEETING_MAX_CARRIED_ACTIONS,
  MEETING_MAX_INVITED_ORGANISATIONS,
  MEETING_MAX_INVITED_PEOPLE,
  MEETING_MAX_NOTES,
} from '@hub/meetings';
import {
  ALLOCATION_HISTORY_MAX,
  CANDIDATES_MAX,
  IDENTIFIERS_MAX,
  PERSON_FIELD_CATEGORIES,
  RESTRICTION_USERS_MAX,
  RESTRICTIONS_PER_PERSON_MAX,
} from '@hub/persons';
import { MAX_TEAM_MEMBERS, MAX_TEAMS } from '@hub/organisations';
import { LEGAL_HOLDS_LISTED, UNUSUAL_ACCESS_MAX, UnusualAccessKind } from '@hub/privacy';
import { NOTIFICATION_KINDS } from '@hub/notifications';
import { COLLEAGUES_MAX, DRY_RUN_MAX_PEOPLE, REFERRAL_MEASURES, REFERRAL_STATES } from '@hub/referrals';
import { BREAKDOWN_MAX, REPORT_SERVICES_MAX } from '@hub/reporting';
import { ATTEMPTS_KEPT, MAX_BATCH } from '@hub/sync';

/**
 * A list field of the API that is not a page: the most items it ever holds, and why. Every list
 * field of the schema is either a page (a connection, or a list with a bounded `first`) or named
 * here; test/schema-lists.spec.ts fails on any other. The query cost limit counts an object list
 * named here as `max` items (page-cost.ts), as it counts a page as its `first`.
 */
export interface ListBound {
  max: number;
  why: string;
  /**
   * false: not multiplied in the query cost, with the reason in `why` (a mutation's answer with one
   * item per input record, already bounded by the input's own limit).
   */
  counted?: false;
}

/** `Type.field` -> its bound. Lists of enum values need no entry: the enum is their bound. */
export function listBounds(config: Pick<HubConfig, 'lists'>): ReadonlyMap<string, ListBound> {
  const perPerson = config.lists.perPersonMax;
  const directory = config.lists.directoryMax;
  const personFields = Object.keys(PERSON_FIELD_CATEGORIES).length;
  const payloadFields = Math.max(...Object.values(EVENT_PAYLOADS).map((schema) => Object.keys(schema).length));
  const categories = Object.keys(DataCategory).length;
  const entries: Record<string, ListBound> = {
    // Growing with use, cut at a configured maximum (the rest named in extensions.truncated).
    'Person.consents': { max: perPerson, why: 'LIST_PER_PERSON_MAX, read with a per-person limit' },
    'Person.involvements': { max: perPerson, why: 'LIST_PER_PERSON_MAX, read with a per-person limit' },
    'Person.sustainments': { max: perPerson, why: 'LIST_PER_PERSON_MAX, read with a per-person limit' },
    'Query.organisations': { max: directory, why: 'LIST_DIRECTORY_MAX' },
    'AuditProof.auditPath': { max: 64, why: 'one hash per level of the audit tree: at most 64 for 2^64 events' },
    'Query.interventionTypes': { max: directory, why: 'LIST_DIRECTORY_MAX' },
    'Query.sharingAgreements': { max: directory, why: 'LIST_DIRECTORY_MAX, read with a limit' },
    'Query.referralRules': { max: directory, why: 'LIST_DIRECTORY_MAX, read with a limit' },
    'Query.apiClients': { max: directory, why: 'LIST_DIRECTORY_MAX, read with a limit' },
    'Query.webhookEndpoints': { max: directory, why: 'LIST_DIRECTORY_MAX, read with a limit' },
    // Hard maxima in code.
    'NotificationSettingsModel.kinds': { max: NOTIFICATION_KINDS.length, why: 'one per kind of notification (notification-kinds.ts)' },
    'Query.colleagues': { max: COLLEAGUES_MAX, why: 'read with a limit (tasks.resolver.ts)' },
    'Query.referralCounts': { max: REFERRAL_STATES.length, why: 'one per referral state (referral-vocabulary.ts)' },
    'Person.allocationHistory': { max: ALLOCATION_HISTORY_MAX, why: 'read with a limit (case-access.service.ts)' },
    'Intervention.history': {
      max: INTERVENTION_MAX_CORRECTIONS,
      why: 'an intervention is corrected at most this many times (interventions.service.ts)',
    },
    'CaseNote.history': { max: CASE_NOTE_MAX_CORRECTIONS, why: 'a note is corrected at most this many times (case-notes.service.ts)' },
    'Person.restrictions': { max: RESTRICTIONS_PER_PERSON_MAX, why: 'at most this many in force on a record (case-access.service.ts)' },
    'CaseRestriction.userIds': {
      max: RESTRICTION_USERS_MAX + 1,
      why: 'input validation (case-access.inputs.ts), and the one who placed it',
    },
    'Query.teams': { max: MAX_TEAMS, why: 'an organisation has at most MAX_TEAMS teams (teams.service.ts)' },
    'Team.members': { max: MAX_TEAM_MEMBERS, why: 'a team has at most MAX_TEAM_MEMBERS members (teams.service.ts)' },
    'Person.identifiers': { max: IDENTIFIERS_MAX, why: 'read with a limit (persons.service.ts IDENTIFIERS_MAX)' },
    'CreatePersonResult.candidates': { max: CANDIDATES_MAX, why: 'read with a limit; the rest counted in hiddenCandidates' },
    'PersonChange.changes': { max: personFields + 4, why: 'the fields of a person, or of an involvement or merge' },
    'Referral.transitions': { max: 10, why: 'the referral state machine is acyclic: at most 5 steps, and an erasure' },
    'WebhookDelivery.attempts': { max: ATTEMPTS_KEPT, why: 'only the latest are kept' },
    'Query.consentPurposes': { max: Object.keys(ConsentPurpose).length, why: 'one per consent purpose (ConsentPurpose)' },
    'EteFunnel.steps': { max: 6, why: 'the six steps of the ETE funnel' },
    'FunnelStep.breakdown': { max: BREAKDOWN_MAX, why: 'the smallest cells past it are added up as one' },
    'OrganisationOutcomes.measures': { max: 4, why: "two for accommodation, two for training: the outcomes of the organisation's kind" },
    'ReferralReport.services': { max: REPORT_SERVICES_MAX, why: 'the busiest services; the total row counts all' },
    'Query.unusualAccess': {
      max: UNUSUAL_ACCESS_MAX.actorsPerKind * Object.keys(UnusualAccessKind).length,
      why: 'at most UNUSUAL_ACCESS_MAX.actorsPerKind users per kind of finding',
    },
    'Query.legalHolds': { max: LEGAL_HOLDS_LISTED, why: 'the holds in force on one person, read with a limit (retention.service.ts)' },
    'UnusualAccess.events': { max: UNUSUAL_ACCESS_MAX.eventsEach, why: 'the newest events behind a finding' },
    'RuleDryRun.people': {
      max: DRY_RUN_MAX_PEOPLE,
      why: 'the newest trigger event of at most DRY_RUN_MAX_PEOPLE people (rule-dry-run.ts)',
    },
    'SubjectAccessExport.counts': { max: 50, why: "one per section of the export (the libs' registered person data)" },
    'SyncResult.results': { max: MAX_BATCH, why: 'one per record sent, at most MAX_BATCH: the input limit pays for it', counted: false },
    // Lists of strings bounded by a vocabulary or by input validation.
    'AuditEvent.categories': { max: categories, why: 'data categories' },
    'AuditEvent.fields': { max: 1000, why: 'field names of the schema' },
    'AuditEvent.withheld': { max: 1000, why: 'field names of the schema' },
    'Person.withheldFields': { max: personFields, why: 'the fields of a person' },
    'Change.withheldFields': { max: payloadFields, why: 'the fields its event type declares (EVENT_PAYLOADS)' },
    'PersonErasure.categories': { max: categories, why: 'data categories' },
    'Organisation.regions': { max: REGIONS_MAX, why: 'the regions vocabulary (at most REGIONS_MAX)' },
    'User.regions': { max: REGIONS_MAX, why: 'the regions vocabulary (at most REGIONS_MAX)' },
    'Query.regions': { max: REGIONS_MAX, why: 'the regions vocabulary (at most REGIONS_MAX, read with a limit)' },
    'Query.eteFunnelByRegion': { max: 6, why: 'the six steps of the ETE funnel' },
    'RegionFunnelStep.regions': { max: REGIONS_MAX + 1, why: 'one per region of the vocabulary, and none' },
    'Region.synonyms': { max: REGION_SYNONYMS_MAX, why: 'at most REGION_SYNONYMS_MAX other names a region (RegionsService)' },
    'Organisation.services': { max: 100, why: 'input limit (ArrayMaxSize)' },
    'IdentityProvider.mfaAcrValues': { max: 10, why: 'input limit (ArrayMaxSize)' },
    'User.identities': { max: 20, why: 'UsersService.identities reads at most 20' },
    'WebhookEndpoint.eventTypes': { max: 100, why: 'input limit (ArrayMaxSize)' },
    'SharingAgreement.partyOrganisationIds': { max: 100, why: 'input limit (ArrayMaxSize)' },
    ...Object.fromEntries(
      ['Meeting', 'MeetingDetail'].flatMap((type) => [
        [`${type}.invitedOrganisationIds`, { max: MEETING_MAX_INVITED_ORGANISATIONS, why: 'input limit (ArrayMaxSize)' }],
        [`${type}.invitedUserIds`, { max: MEETING_MAX_INVITED_PEOPLE, why: 'input limit (ArrayMaxSize)' }],
      ]),
    ),
    'MeetingDetail.agenda': { max: MEETING_MAX_AGENDA, why: 'an agenda holds at most this many people (meetings.service.ts)' },
    'MeetingDetail.attendance': { max: MEETING_MAX_ATTENDANCE, why: 'at most this many attendance rows (meetings.service.ts)' },
    'MeetingAgendaItem.uncoveredOrganisationIds': { max: MEETING_MAX_INVITED_ORGANISATIONS, why: 'the invited organisations' },
    'MeetingDetail.notes': { max: MEETING_MAX_NOTES, why: 'at most this many notes at one meeting (meeting-notes.service.ts)' },
    'MeetingDetail.actions': { max: MEETING_MAX_ACTIONS, why: 'at most this many actions at one meeting (meeting-actions.service.ts)' },
    'MeetingDetail.carriedActions': { max: MEETING_MAX_CARRIED_ACTIONS, why: 'read with this limit (meeting-view.service.ts)' },
    'ReferralReportRow.suppressed': { max: REFERRAL_MEASURES.length + 2, why: 'the measures of a row and its two medians' },
  };
  return new Map(Object.entries(entries));
}
