/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Who read or changed what: every filter optional but the period; they all apply together */
export type AccessSearchInput = {
  /** read, write, deny, export, break_glass or erase */
  action?: string | null | undefined;
  /** Events by this API client */
  clientId?: string | number | null | undefined;
  /** Start of the period (ISO 8601 date or date and time, inclusive) */
  from: string;
  /** Events by this organisation's users and clients */
  organisationId?: string | number | null | undefined;
  /** Events about this person (and the records merged into theirs) */
  personId?: string | number | null | undefined;
  /** The stated purpose (casework, referral, safeguarding, reporting …) */
  purpose?: string | null | undefined;
  /** End of the period (exclusive; now when left out); at most 366 days after from */
  to?: string | null | undefined;
  /** Events by this user */
  userId?: string | number | null | undefined;
};

/** A person to discuss at a meeting, and why */
export type AddAgendaItemInput = {
  meetingId: string | number;
  personId: string | number;
  /** Why the person is on the agenda (3 to 1000 characters) */
  reason: string;
};

export type AllocatePersonInput = {
  /** The caseworker of your organisation who owns the case (give this, a team, or both) */
  caseOwnerId?: string | number | null | undefined;
  personId: string | number;
  /** Why (recorded in the history) */
  reason: string;
  /** A team of your organisation */
  teamId?: string | number | null | undefined;
};

export type AppointmentMode =
  | 'IN_PERSON'
  | 'PHONE'
  | 'VIDEO';

export type AppointmentStatus =
  | 'ATTENDED'
  | 'BOOKED'
  | 'CANCELLED'
  | 'DID_NOT_ATTEND'
  | 'RESCHEDULED';

/** An action the meeting gives an organisation about a person on its agenda */
export type AssignMeetingActionInput = {
  agendaItemId: string | number;
  /** ISO date (YYYY-MM-DD) it is due: within two years */
  dueOn: string;
  linkId?: string | number | null | undefined;
  /** With linkId: the referral or intervention that results from it */
  linkKind?: MeetingActionLink | null | undefined;
  /** The organisation that owns it: the organiser or an invitee the basis covers */
  ownerOrganisationId: string | number;
  /** A member of its staff who owns it */
  ownerUserId?: string | number | null | undefined;
  /** What is to be done (3 to 300 characters) */
  title: string;
};

/** A task for a colleague or a team of your organisation, about a person you and they may see: exactly one of assigneeUserId and assigneeTeamId */
export type AssignTaskInput = {
  /** A team of your organisation (its members see the task) */
  assigneeTeamId?: string | number | null | undefined;
  /** A caseworker or manager of your organisation (yourself included) */
  assigneeUserId?: string | number | null | undefined;
  /** Anything the assignee needs to know (at most 2000 characters; never sent by email) */
  description: string;
  /** ISO date (YYYY-MM-DD) it is due: today or later, within two years */
  dueOn: string;
  personId: string | number;
  /** What to do, in a line (at most 120 characters) */
  title: string;
};

export type BookAppointmentInput = {
  /** Minutes (at most 480) */
  durationMinutes?: number;
  /** Where (in person), or the number or link (phone, video) */
  location?: string | null | undefined;
  mode: AppointmentMode;
  personId: string | number;
  /** The service (an intervention type code of the catalogue); its data category is the appointment’s */
  serviceCode: string;
  /** ISO date-time */
  startsAt: string;
  /** Whom the person meets: a caseworker or manager of your organisation (you, if not given) */
  withUserId?: string | number | null | undefined;
};

/** The person, or the organisation that booked it */
export type CancelledBy =
  | 'ORGANISATION'
  | 'PERSON';

export type CaseNoteAbout =
  | 'APPOINTMENT'
  | 'INTERVENTION'
  | 'REFERRAL';

/** Who among an organisation’s staff opens a person it works with */
export type CaseVisibilityRule =
  | 'ORGANISATION'
  | 'TEAM_AND_REGION';

/** Whose people a list shows, within what you may see */
export type Caseload =
  | 'MINE'
  | 'MY_TEAMS'
  | 'ORGANISATION';

export type ChangePasswordInput = {
  currentPassword: string;
  /** At least PASSWORD_MIN_LENGTH (12) characters, hard to guess (not common, not made of your name, email or organisation) */
  newPassword: string;
};

/** An action done */
export type CompleteMeetingActionInput = {
  actionId: string | number;
  linkId?: string | number | null | undefined;
  /** With linkId: the referral or intervention that resulted */
  linkKind?: MeetingActionLink | null | undefined;
  /** What was done (at most 1000 characters) */
  note?: string | null | undefined;
};

/** Completing a referral says what came of it */
export type CompleteReferralInput = {
  /** A note on the outcome (optional) */
  note?: string | null | undefined;
  outcome: ReferralOutcome;
  referralId: string | number;
};

/** How the person gave consent */
export type ConsentMethod =
  | 'ELECTRONIC'
  | 'SIGNED_FORM'
  | 'VERBAL';

/** What the person agreed their data may be shared for (REFERRAL: to be referred to the organisation or kind) */
export type ConsentPurpose =
  | 'ACCOMMODATION'
  | 'ETE'
  | 'FAMILY'
  | 'FINANCE'
  | 'HEALTH'
  | 'REFERRAL'
  | 'SUBSTANCE_MISUSE';

export type ConsentStatus =
  | 'EXPIRED'
  | 'IN_FORCE'
  | 'WITHDRAWN';

export type ContactChannel =
  | 'EMAIL'
  | 'LETTER'
  | 'PHONE'
  | 'TEXT'
  | 'VISIT';

export type ContactResult =
  | 'LEFT_MESSAGE'
  | 'NO_ANSWER'
  | 'REACHED'
  | 'SENT'
  | 'WRONG_DETAILS';

/** A correction of a case note: the note as it was is kept in its history */
export type CorrectCaseNoteInput = {
  /** The corrected note (at most 10000 characters) */
  body: string;
  /** A corrected category (the note filed under the wrong one) */
  dataCategory?: DataCategory | null | undefined;
  noteId: string | number;
  /** Why it is corrected */
  reason: string;
  version: number;
};

export type CreateApiClientInput = {
  name: string;
  /** Defaults to the caller's organisation; only hub admins may name another */
  organisationId?: string | number | null | undefined;
  scopes: Array<Scope>;
};

export type CreateInterventionTypeInput = {
  code: string;
  dataCategory: DataCategory;
  groupName: string;
  name: string;
  outcomeKind?: OutcomeKind;
};

export type CreateOrganisationInput = {
  capacity?: number | null | undefined;
  kind: OrganisationKind;
  name: string;
  regions?: Array<string>;
  services?: Array<string>;
};

export type CreatePersonInput = {
  /** Create even though records with the same name and date of birth exist */
  confirmNew?: boolean;
  /** ISO date (YYYY-MM-DD) */
  dateOfBirth: string;
  familyName: string;
  givenName: string;
  healthNotes?: string | null | undefined;
  identifiers?: Array<PersonIdentifierInput>;
  offenceSummary?: string | null | undefined;
  /** When the OGRS score was assessed (ISO date, not after today; default the day it is written): kept with the score as an assessment of that date. Read only with a new ogrsScore */
  ogrsAssessedOn?: string | null | undefined;
  ogrsScore?: number | null | undefined;
  region?: string | null | undefined;
  releaseDate?: string | null | undefined;
  riskLevel?: RiskLevel | null | undefined;
};

export type CreatePersonOutcome =
  /** Records with the same name and date of birth exist: confirm one, or send again with confirmNew */
  | 'CANDIDATES'
  /** A new record was created */
  | 'CREATED'
  /** A record with one of these identifiers exists: it is returned */
  | 'EXISTING';

export type CreateSharingAgreementInput = {
  categories: Array<DataCategory>;
  lawfulBasis: LawfulBasis;
  name: string;
  partyKinds?: Array<OrganisationKind>;
  /** At most 100 */
  partyOrganisationIds?: Array<string | number>;
  purposes: Array<ConsentPurpose>;
  statutoryReference?: string | null | undefined;
  /** ISO date-time */
  validFrom: string;
  validTo?: string | null | undefined;
};

export type CreateTeamInput = {
  name: string;
};

export type CreateUserInput = {
  email: string;
  name: string;
  /** Defaults to the caller's organisation; only hub admins may name another */
  organisationId?: string | number | null | undefined;
  /** At least PASSWORD_MIN_LENGTH (12) characters, hard to guess (not common, not made of the name, email or organisation). Omit for users who sign in through an identity provider */
  password?: string | null | undefined;
  regions?: Array<string>;
  roles: Array<Role>;
  team?: string | null | undefined;
};

export type CreateWebhookEndpointInput = {
  /** Event types (person.created, referral.sent, ...) or '*' */
  eventTypes: Array<string>;
  url: string;
};

/** The kind of person data, the unit of access control */
export type DataCategory =
  | 'ACCOMMODATION'
  | 'EMPLOYMENT'
  | 'ETE'
  | 'FAMILY'
  | 'FINANCE'
  | 'HEALTH'
  | 'IDENTITY'
  | 'OFFENDING'
  | 'RISK'
  | 'SUBSTANCE_MISUSE';

/** A rule as the form holds it, to try against the recent events of its trigger without saving it */
export type DryRunReferralRuleInput = {
  active?: boolean;
  /** Conditions as JSON: {"all"|"any": [...]}, {"not": ...} or {"fact","operator","value"} (see the README) */
  conditions: string;
  /** Consent the receiver needs (an agreement covering the same categories also does); none when null */
  consentPurpose?: ConsentPurpose | null | undefined;
  /** Days within which the rule never refers the same person twice */
  cooldownDays: number;
  /** How far back to look for trigger events, in days (1 to 90) */
  days?: number;
  /** The receiver must cover the person's region */
  matchRegion?: boolean;
  name: string;
  /** The rule being edited: its cool-down counts (its past referrals); none for a new rule */
  ruleId?: string | number | null | undefined;
  /** The service to refer to (an organisation must offer it) */
  serviceCode: string;
  /** The event type that triggers the rule, e.g. intervention.logged, outcome.recorded, job.started, person.release_date_set */
  triggerEvent: string;
};

/** Ends an organisation's work with a person: its own involvement, or (the lead) any on the record */
export type EndInvolvementInput = {
  /** ISO date-time; default now. A later time plans the end */
  endedAt?: string | null | undefined;
  involvementId: string | number;
  /** Why the work ends (case closed, support completed, moved away, lead transferred …); kept in the record's history */
  reason: string;
};

/** Ends an information sharing agreement: from then on it is no lawful basis for anything */
export type EndSharingAgreementInput = {
  agreementId: string | number;
  /** ISO date-time; default now. A later time plans the end */
  endsAt?: string | null | undefined;
  /** Why it ends (terminated, replaced, a party withdrew …); kept with the agreement */
  reason: string;
};

export type GrantConsentInput = {
  /** Defaults to the categories of the purpose */
  categories?: Array<DataCategory> | null | undefined;
  evidenceNote?: string | null | undefined;
  /** ISO date-time; must be in the future */
  expiresAt?: string | null | undefined;
  method: ConsentMethod;
  /** The organisation the person consents to share with (or give organisationKind) */
  organisationId?: string | number | null | undefined;
  /** Every organisation of this kind */
  organisationKind?: OrganisationKind | null | undefined;
  personId: string | number;
  /** Consent is recorded with the person present: must be true */
  personPresent: boolean;
  purpose: ConsentPurpose;
};

export type IdentifierScheme =
  | 'NATIONAL_INSURANCE_NUMBER'
  | 'PNC'
  | 'PRISON_NUMBER'
  | 'PROBATION_CASE_REFERENCE';

export type InterventionStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'DID_NOT_ATTEND'
  | 'PLANNED'
  | 'STARTED';

export type InvolvementRole =
  | 'LEAD'
  | 'PROVIDER';

export type JobOutcomeInput = {
  employer: string;
  hoursPerWeek: number;
  sector: string;
  /** ISO date */
  startDate: string;
};

/** UK GDPR Article 6 basis of a sharing agreement */
export type LawfulBasis =
  | 'CONSENT'
  | 'LEGAL_OBLIGATION'
  | 'LEGITIMATE_INTERESTS'
  | 'PUBLIC_TASK';

export type LinkUserIdentityInput = {
  /** The value of the provider's identity claim for this user (its subject, or its email) */
  subject: string;
  userId: string | number;
};

export type LogContactAttemptInput = {
  /** The appointment it was about, if any (one of your organisation’s, with the same person) */
  appointmentId?: string | number | null | undefined;
  channel: ContactChannel;
  note?: string | null | undefined;
  /** ISO date-time; not in the future */
  occurredAt: string;
  personId: string | number;
  result: ContactResult;
  /** The service it was for (an intervention type code); its data category is the attempt’s */
  serviceCode: string;
};

export type LogInterventionInput = {
  /** Required for a job start */
  job?: JobOutcomeInput | null | undefined;
  notes?: string | null | undefined;
  /** ISO date-time */
  occurredAt: string;
  personId: string | number;
  /** For training and skills types */
  qualification?: QualificationOutcomeInput | null | undefined;
  status: InterventionStatus;
  typeCode: string;
};

export type MeetingActionLink =
  | 'INTERVENTION'
  | 'REFERRAL';

export type MeetingActionStatus =
  | 'DONE'
  | 'OPEN';

export type MeetingNoteKind =
  | 'DECISION'
  | 'NOTE';

export type MeetingRecurrence =
  | 'FORTNIGHTLY'
  | 'MONTHLY'
  | 'WEEKLY';

export type MinutesFormat =
  | 'JSON'
  | 'MARKDOWN';

export type NotificationDelivery =
  | 'DAILY_DIGEST'
  | 'IMMEDIATE'
  | 'OFF';

/** What the hub may email you about */
export type NotificationKind =
  | 'APPOINTMENT_REMINDER'
  | 'MEETING_ACTION'
  | 'REFERRAL_ANSWERED'
  | 'REFERRAL_OVERDUE'
  | 'REFERRAL_RECEIVED'
  | 'TASK_ASSIGNED';

export type NotificationSettingsInput = {
  delivery: NotificationDelivery;
  /** The kinds you do not want (every other kind is sent) */
  disabledKinds: Array<NotificationKind>;
};

/** What kind of organisation a partner is */
export type OrganisationKind =
  | 'CHARITY'
  | 'EMPLOYER'
  | 'HEALTH'
  | 'HOUSING'
  | 'JOBCENTRE'
  | 'LOCAL_AUTHORITY'
  | 'PRISON'
  | 'PROBATION'
  | 'TRAINING_PROVIDER';

export type OrganisationOutcomesInput = {
  /** Start of the period (ISO date, inclusive) */
  from: string;
  /** Hub admins and commissioners: one organisation (others always report on their own) */
  organisationId?: string | number | null | undefined;
  /** Suppression threshold (default 5; never lower than 5) */
  threshold?: number | null | undefined;
  /** End of the period (ISO date, exclusive) */
  to: string;
};

export type OutcomeKind =
  | 'JOB'
  | 'NONE'
  | 'QUALIFICATION';

export type PeopleFilter = {
  /** MINE: allocated to you; MY_TEAMS: to you or your teams; ORGANISATION (or none): all you may see */
  caseload?: Caseload | null | undefined;
  /** ISO date */
  dateOfBirth?: string | null | undefined;
  region?: string | null | undefined;
  stage?: ProgressionStage | null | undefined;
};

export type PersonIdentifierInput = {
  scheme: IdentifierScheme;
  value: string;
};

export type PersonReasonInput = {
  personId: string | number;
  reason: string;
};

/** ETE progression stage */
export type ProgressionStage =
  | 'ADAPTING_TO_WORK'
  | 'FINDING_YOUR_FEET'
  | 'READY_AND_SEARCHING'
  | 'READY_FOR_INTERVIEW'
  | 'SETTING_ACTIONS'
  | 'TAKING_STEPS';

/** Why the data is used: recorded with every access */
export type PurposeOfUse =
  | 'ACCOMMODATION'
  | 'CASEWORK'
  | 'ETE'
  | 'FAMILY'
  | 'FINANCE'
  | 'HEALTH'
  | 'REFERRAL'
  | 'REPORTING'
  | 'SAFEGUARDING'
  | 'SUBSTANCE_MISUSE';

export type QualificationOutcomeInput = {
  /** ISO date */
  awardedOn?: string | null | undefined;
  level?: string | null | undefined;
  qualification: string;
};

/** What came of a booked appointment: ATTENDED or DID_NOT_ATTEND (once it has begun), CANCELLED (with cancelledBy), or RESCHEDULED (with rescheduledTo: a new appointment is booked, linked to this one) */
export type RecordAppointmentOutcomeInput = {
  appointmentId: string | number;
  cancelledBy?: CancelledBy | null | undefined;
  note?: string | null | undefined;
  /** ISO date-time of the new appointment (RESCHEDULED) */
  rescheduledTo?: string | null | undefined;
  status: AppointmentStatus;
  version: number;
};

/** Whether an organisation (or one of its staff) attended */
export type RecordAttendanceInput = {
  attended: boolean;
  meetingId: string | number;
  /** The organiser or an invited organisation */
  organisationId: string | number;
  /** A member of its staff (else the organisation as a whole) */
  userId?: string | number | null | undefined;
};

export type RecordSustainmentInput = {
  note?: string | null | undefined;
  sustained: boolean;
  sustainmentId: string | number;
};

export type ReferralAction =
  | 'ACCEPT'
  | 'COMPLETE'
  | 'DECLINE'
  | 'SEND'
  | 'START'
  | 'WITHDRAW';

/** The lawful basis a referral was sent on (null: sent before the hub recorded it, or not sent yet) */
export type ReferralBasis =
  | 'AGREEMENT'
  | 'CONSENT'
  | 'SAFEGUARDING_OVERRIDE';

/** Referrals to the organisation, or from it */
export type ReferralDirection =
  | 'RECEIVED'
  | 'SENT';

/** What came of a completed referral */
export type ReferralOutcome =
  | 'ACHIEVED'
  | 'NOT_ACHIEVED'
  | 'PARTLY_ACHIEVED'
  | 'PERSON_DISENGAGED';

/** A referral about to be made: to whom, about whom */
export type ReferralPreviewInput = {
  personId: string | number;
  /** What you mean to share beyond identity: the basis is the one sending with them would find */
  sharedCategories?: Array<DataCategory> | null | undefined;
  toOrganisationId: string | number;
};

/** The referrals sent in the period */
export type ReferralReportInput = {
  /** For one organisation: the referrals it received (default) or sent */
  direction?: ReferralDirection;
  /** Start of the period (ISO date, inclusive) */
  from: string;
  /** Hub admins and commissioners: one organisation (others always report on their own) */
  organisationId?: string | number | null | undefined;
  /** Suppression threshold (default 5; never lower than 5) */
  threshold?: number | null | undefined;
  /** End of the period (ISO date, exclusive) */
  to: string;
};

export type ReferralRuleInput = {
  active?: boolean;
  /** Conditions as JSON: {"all"|"any": [...]}, {"not": ...} or {"fact","operator","value"} (see the README) */
  conditions: string;
  /** Consent the receiver needs (an agreement covering the same categories also does); none when null */
  consentPurpose?: ConsentPurpose | null | undefined;
  /** Days within which the rule never refers the same person twice */
  cooldownDays: number;
  /** The receiver must cover the person's region */
  matchRegion?: boolean;
  name: string;
  /** The service to refer to (an organisation must offer it) */
  serviceCode: string;
  /** The event type that triggers the rule, e.g. intervention.logged, outcome.recorded, job.started, person.release_date_set */
  triggerEvent: string;
};

export type ReferralState =
  | 'ACCEPTED'
  | 'COMPLETED'
  | 'DECLINED'
  | 'DRAFT'
  | 'IN_PROGRESS'
  | 'SENT'
  | 'WITHDRAWN';

export type RegionSynonymInput = {
  regionCode: string;
  /** Another name for the region (a county, a partner system’s spelling); matched case-insensitively */
  synonym: string;
};

export type ReoffendingCohort =
  | 'ETE_SUPPORT'
  | 'FOUND_WORK'
  | 'SUSTAINED_WORK';

export type ReoffendingInput = {
  /** Judge follow-up as at this ISO date (default today; never after today: BAD_USER_INPUT) */
  asOf?: string | null | undefined;
  cohort: ReoffendingCohort;
  /** Start of the period (ISO date, inclusive) */
  from: string;
  /** Only people who have had this intervention type (from the organisation reported on, or from any for all organisations) */
  interventionType?: string | null | undefined;
  /** Hub admins and commissioners: one organisation (others always report on their own) */
  organisationId?: string | number | null | undefined;
  /** Which date starts the year of follow-up (default STEP_DATE); cohort membership is by the step date either way */
  reference?: ReoffendingReference | null | undefined;
  /** Only people of this region (the person's region now): a code or another name of one (the regions query) */
  region?: string | null | undefined;
  /** Suppression threshold (default 5; never lower than 5) */
  threshold?: number | null | undefined;
  /** End of the period (ISO date, exclusive) */
  to: string;
};

/** Which date starts the year of follow-up: the cohort's step, or the person's programme start */
export type ReoffendingReference =
  /** The programme start: the first attended ETE contact (take-up), for every cohort */
  | 'PROGRAMME_START'
  /** The date the person first reached the cohort step (the default) */
  | 'STEP_DATE';

export type ReportFilterInput = {
  /** Start of the period (ISO date, inclusive) */
  from: string;
  /** Only people who have had this intervention type (from the organisation reported on, or from any for all organisations) */
  interventionType?: string | null | undefined;
  /** Hub admins and commissioners: one organisation (others always report on their own) */
  organisationId?: string | number | null | undefined;
  /** Only people of this region (the person's region now): a code or another name of one (the regions query) */
  region?: string | null | undefined;
  /** Suppression threshold (default 5; never lower than 5) */
  threshold?: number | null | undefined;
  /** End of the period (ISO date, exclusive) */
  to: string;
};

export type ResetUserPasswordInput = {
  /** Given to the user by a safe channel; the user must replace it at its next sign-in. Same rule as any password */
  temporaryPassword: string;
  userId: string | number;
};

/** A restriction (only the listed may open) or an exclusion (the listed may not) */
export type RestrictionKind =
  | 'EXCLUSION'
  | 'RESTRICTION';

export type ReviewBreakGlassInput = {
  grantId: string | number;
  note: string;
};

export type RiskLevel =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'VERY_HIGH';

/** What a user may do within its organisation */
export type Role =
  | 'CASEWORKER'
  | 'COMMISSIONER'
  | 'DATA_PROTECTION_OFFICER'
  | 'HUB_ADMIN'
  | 'MANAGER'
  | 'ORG_ADMIN';

export type RuleOutcome =
  | 'CONSENT_MISSING'
  | 'COOLING_DOWN'
  | 'NO_RECEIVER'
  | 'NO_REFERRAL_BASIS'
  | 'REFERRED';

/** A manager sends a referral with no consent to be referred and no agreement, for safeguarding: recorded, audited and told to the lead organisation’s data protection officers */
export type SafeguardingOverrideInput = {
  /** Why the referral cannot wait for consent (kept with the referral; in the person’s subject access export) */
  reason: string;
};

export type SaveRegionInput = {
  /** False: kept for the records that name it, refused for new ones (default true) */
  active?: boolean | null | undefined;
  /** lower_snake_case; a new code adds a region, a known one changes it */
  code: string;
  name: string;
};

/** A multi-agency meeting (a panel) your organisation organises */
export type ScheduleMeetingInput = {
  /** The organisations invited (at most 20) */
  invitedOrganisationIds: Array<string | number>;
  /** Named staff invited, of yours or of an invited organisation (at most 50) */
  invitedUserIds?: Array<string | number> | null | undefined;
  /** A link to join it online (https, at most 500 characters) */
  link?: string | null | undefined;
  /** Where (at most 300 characters) */
  place?: string | null | undefined;
  recurrence?: MeetingRecurrence | null | undefined;
  /** When it starts (ISO date and time): from a year back to two years ahead */
  startsAt: string;
  /** What it is called (3 to 200 characters) */
  title: string;
};

/** What an API client may do */
export type Scope =
  | 'PEOPLE_READ'
  | 'PEOPLE_WRITE'
  | 'REFERRALS_WRITE'
  | 'REPORTS_READ'
  | 'SYNC';

export type SendReferralInput = {
  /** The sender confirms that the person agreed to this referral (the portal asks when consent is its basis); recorded as the reason of the send step */
  personAgreed?: boolean | null | undefined;
  personId: string | number;
  reason: string;
  /** Managers only (referral.safeguardingOverride), on sendReferral only, and only when no consent or agreement is a basis for the referral: sends it on a safeguarding override */
  safeguardingOverride?: SafeguardingOverrideInput | null | undefined;
  /** A service code the receiver offers (Organisation.services) */
  serviceCode: string;
  /** Categories shared with the receiver; each must be covered for it by consent or agreement (identity always is) */
  sharedCategories: Array<DataCategory>;
  toOrganisationId: string | number;
};

export type SetCaseVisibilityInput = {
  visibility: CaseVisibilityRule;
};

export type SustainmentStatus =
  | 'NOT_SUSTAINED'
  | 'OPEN'
  | 'SUSTAINED';

export type TaskKind =
  | 'ALLOCATE_CASE'
  | 'ASSIGNED'
  | 'CONSENT_EXPIRING'
  | 'MEETING_ACTION'
  | 'MEETING_ACTION_OVERDUE'
  | 'REFERRAL_OVERDUE'
  | 'RESTRICTION_REVIEW'
  | 'SAFEGUARDING_OVERRIDE_REVIEW'
  | 'SEEK_CONSENT'
  | 'SUSTAINMENT_CHECK';

export type TaskStatus =
  | 'DONE'
  | 'OPEN';

export type TeamMemberInput = {
  teamId: string | number;
  userId: string | number;
};

/** What counts as unusual access in a period (each threshold has a default) */
export type UnusualAccessInput = {
  /** Working hours end (hour, Europe/London, 1 to 24); weekends are out of hours */
  dayEnds?: number | null | undefined;
  /** Working hours start (hour, Europe/London, 0 to 23) */
  dayStarts?: number | null | undefined;
  /** Start of the period (ISO 8601 date or date and time, inclusive) */
  from: string;
  /** A user is named when they broke the glass this many times (1 to 100) */
  minBreakGlass?: number | null | undefined;
  /** A user is named when they read this many times out of hours (1 to 1000) */
  minOutOfHours?: number | null | undefined;
  /** A user is named when they read at least this many records they were not allocated to, or whose organisation had no open involvement (1 to 1000) */
  minRecords?: number | null | undefined;
  /** End of the period (exclusive; now when left out); at most 366 days after from */
  to?: string | null | undefined;
};

export type UnusualAccessKind =
  | 'BREAK_GLASS'
  | 'NOT_ALLOCATED'
  | 'NO_INVOLVEMENT'
  | 'OUT_OF_HOURS';

export type UpdateInterventionInput = {
  id: string | number;
  /** A job start corrected: employer, sector, hours, start date (an open 13-week window moves with the start date) */
  job?: JobOutcomeInput | null | undefined;
  notes?: string | null | undefined;
  occurredAt?: string | null | undefined;
  qualification?: QualificationOutcomeInput | null | undefined;
  /** Why it is corrected (kept with the intervention as it was, in its history) */
  reason?: string | null | undefined;
  status?: InterventionStatus | null | undefined;
  version: number;
};

/** What to change of a catalogue entry; its data category and outcome kind stay (recorded interventions keep them) */
export type UpdateInterventionTypeInput = {
  /** false: no longer offered for new interventions (those recorded stay); true: offered again */
  active?: boolean | null | undefined;
  code: string;
  /** The group reports count it under (skills, training, employment …): the funnel is recounted for its people */
  groupName?: string | null | undefined;
  name?: string | null | undefined;
};

export type UpdateOrganisationInput = {
  active?: boolean | null | undefined;
  capacity?: number | null | undefined;
  id: string | number;
  name?: string | null | undefined;
  regions?: Array<string> | null | undefined;
  services?: Array<string> | null | undefined;
  /** The areas of support its casework is for; empty: its kind’s */
  supportAreas?: Array<PurposeOfUse> | null | undefined;
  /** The version you read; a stale version is refused with CONFLICT */
  version: number;
};

export type UpdatePersonInput = {
  /** ISO date (YYYY-MM-DD) */
  dateOfBirth?: string | null | undefined;
  familyName?: string | null | undefined;
  givenName?: string | null | undefined;
  healthNotes?: string | null | undefined;
  id: string | number;
  offenceSummary?: string | null | undefined;
  /** When the OGRS score was assessed (ISO date, not after today; default the day it is written): kept with the score as an assessment of that date. Read only with a new ogrsScore */
  ogrsAssessedOn?: string | null | undefined;
  ogrsScore?: number | null | undefined;
  /** Why the record is changed (kept in its history) */
  reason: string;
  region?: string | null | undefined;
  releaseDate?: string | null | undefined;
  riskLevel?: RiskLevel | null | undefined;
  /** ETE progression stage */
  stage?: ProgressionStage | null | undefined;
  version: number;
};

export type UpdateReferralRuleInput = {
  active?: boolean;
  /** Conditions as JSON: {"all"|"any": [...]}, {"not": ...} or {"fact","operator","value"} (see the README) */
  conditions: string;
  /** Consent the receiver needs (an agreement covering the same categories also does); none when null */
  consentPurpose?: ConsentPurpose | null | undefined;
  /** Days within which the rule never refers the same person twice */
  cooldownDays: number;
  /** The receiver must cover the person's region */
  matchRegion?: boolean;
  name: string;
  ruleId: string | number;
  /** The service to refer to (an organisation must offer it) */
  serviceCode: string;
  /** The event type that triggers the rule, e.g. intervention.logged, outcome.recorded, job.started, person.release_date_set */
  triggerEvent: string;
  /** The version being edited; a stale one is refused with CONFLICT */
  version: number;
};

export type UpdateUserInput = {
  /** false signs the user out at its next request and blocks sign-in */
  active?: boolean | null | undefined;
  id: string | number;
  name?: string | null | undefined;
  regions?: Array<string> | null | undefined;
  roles?: Array<Role> | null | undefined;
};

/** What to change of a webhook endpoint; fields left out stay as they are */
export type UpdateWebhookEndpointInput = {
  /** false: send nothing more to it (deliveries due meanwhile are paused, events meanwhile make none); true: in use again, the paused deliveries go */
  active?: boolean | null | undefined;
  /** Event types (person.created, referral.sent, ...) or '*' */
  eventTypes?: Array<string> | null | undefined;
  id: string | number;
  url?: string | null | undefined;
};

export type WithdrawConsentInput = {
  consentId: string | number;
  reason: string;
};

export type WriteCaseNoteInput = {
  aboutId?: string | number | null | undefined;
  /** With aboutId: the intervention, referral or appointment it is about */
  aboutKind?: CaseNoteAbout | null | undefined;
  /** The note (at most 10000 characters) */
  body: string;
  /** What the note is about, which decides who may read it (a HEALTH note only where health data may be read) */
  dataCategory: DataCategory;
  personId: string | number;
};

/** What your organisation brought on a person on the agenda, or a decision the meeting took */
export type WriteMeetingNoteInput = {
  agendaItemId: string | number;
  /** The note (at most 10000 characters) */
  body: string;
  /** What it is about, which decides who may read it (as for a case note) */
  dataCategory: DataCategory;
  kind?: MeetingNoteKind;
};

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: boolean };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { id: string, name: string, roles: Array<Role>, organisation: { id: string, name: string, kind: OrganisationKind }, reportAccess: { acrossOrganisations: boolean } | null } };

export type SchemaFieldsQueryVariables = Exact<{ [key: string]: never; }>;


export type SchemaFieldsQuery = { __schema: { queryType: { fields: Array<{ name: string }> | null }, mutationType: { fields: Array<{ name: string }> | null } | null } };

export type ProbeReferralInboxQueryVariables = Exact<{ [key: string]: never; }>;


export type ProbeReferralInboxQuery = { referralInbox: { __typename: 'ReferralConnection' } };

export type ProbeSentReferralsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProbeSentReferralsQuery = { sentReferrals: { __typename: 'ReferralConnection' } };

export type ProbeTasksQueryVariables = Exact<{ [key: string]: never; }>;


export type ProbeTasksQuery = { tasks: { __typename: 'TaskConnection' } };

export type MyDayQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type MyDayQuery = { myAppointments: Array<{ id: string, startsAt: string, durationMinutes: number, mode: AppointmentMode, location: string | null, status: AppointmentStatus, serviceCode: string, service: { name: string } | null, person: { id: string, givenName: string | null, familyName: string | null } | null }> };

export type NewReferralsQueryVariables = Exact<{ [key: string]: never; }>;


export type NewReferralsQuery = { referralInbox: { edges: Array<{ node: { id: string, createdAt: string, dueAt: string | null, service: string, person: { id: string, givenName: string | null, familyName: string | null } | null, fromOrganisation: { name: string } } }>, pageInfo: { hasNextPage: boolean } } };

export type MyOpenTasksQueryVariables = Exact<{
  mine?: boolean | null | undefined;
}>;


export type MyOpenTasksQuery = { tasks: { edges: Array<{ node: { id: string, dueAt: string | null, summary: string, person: { id: string, givenName: string | null, familyName: string | null } | null } }>, pageInfo: { hasNextPage: boolean } } };

export type ServicesQueryVariables = Exact<{ [key: string]: never; }>;


export type ServicesQuery = { interventionTypes: Array<{ code: string, name: string, groupName: string, dataCategory: DataCategory, active: boolean }> };

export type PersonDayWorkQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonDayWorkQuery = { person: { id: string, givenName: string | null, familyName: string | null, readableCategories: Array<DataCategory>, appointments: Array<{ id: string, version: number, startsAt: string, durationMinutes: number, mode: AppointmentMode, location: string | null, status: AppointmentStatus, cancelledBy: CancelledBy | null, outcomeNote: string | null, organisationId: string, serviceCode: string, dataCategory: DataCategory, withUserName: string | null, rescheduledFromId: string | null, rescheduledToId: string | null, service: { name: string } | null }> } };

export type PersonContactAttemptsQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonContactAttemptsQuery = { person: { id: string, contactAttempts: Array<{ id: string, channel: ContactChannel, result: ContactResult, occurredAt: string, note: string | null, organisationId: string, serviceCode: string, dataCategory: DataCategory, appointmentId: string | null }> } };

export type PersonCaseNotesQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type PersonCaseNotesQuery = { person: { id: string, caseNotes: { next: string | null, notes: Array<{ id: string, version: number, body: string, dataCategory: DataCategory, aboutKind: CaseNoteAbout | null, aboutId: string | null, organisationId: string, writtenBy: string, createdAt: string, updatedAt: string, history: Array<{ version: number, body: string, dataCategory: DataCategory, reason: string, correctedAt: string }> }> } } };

export type PersonInterventionListQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonInterventionListQuery = { person: { id: string, interventions: { edges: Array<{ node: { id: string, occurredAt: string, typeCode: string, type: { name: string } | null } }> } } };

export type BookAppointmentMutationVariables = Exact<{
  input: BookAppointmentInput;
}>;


export type BookAppointmentMutation = { bookAppointment: { id: string, startsAt: string } };

export type RecordAppointmentOutcomeMutationVariables = Exact<{
  input: RecordAppointmentOutcomeInput;
}>;


export type RecordAppointmentOutcomeMutation = { recordAppointmentOutcome: { id: string, status: AppointmentStatus, rescheduledToId: string | null } };

export type LogContactAttemptMutationVariables = Exact<{
  input: LogContactAttemptInput;
}>;


export type LogContactAttemptMutation = { logContactAttempt: { id: string } };

export type WriteCaseNoteMutationVariables = Exact<{
  input: WriteCaseNoteInput;
}>;


export type WriteCaseNoteMutation = { writeCaseNote: { id: string } };

export type CorrectCaseNoteMutationVariables = Exact<{
  input: CorrectCaseNoteInput;
}>;


export type CorrectCaseNoteMutation = { correctCaseNote: { id: string, version: number } };

export type LiveReferralsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type LiveReferralsSubscription = { referralInboxChanged: { id: string, state: ReferralState, overdue: boolean } };

export type LiveTasksSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type LiveTasksSubscription = { taskRaised: { id: string, kind: TaskKind, assigneeUserId: string | null, assigneeTeamId: string | null } };

export type MeetingsQueryVariables = Exact<{ [key: string]: never; }>;


export type MeetingsQuery = { meetings: Array<{ id: string, title: string, startsAt: string, place: string | null, organiser: boolean, organiserOrganisationId: string }>, organisations: Array<{ id: string, name: string }> };

export type MeetingPageQueryVariables = Exact<{
  id: string | number;
}>;


export type MeetingPageQuery = { meeting: { id: string, title: string, startsAt: string, place: string | null, link: string | null, recurrence: MeetingRecurrence | null, organiser: boolean, organiserOrganisationId: string, invitedOrganisationIds: Array<string>, agenda: Array<{ id: string, personId: string, personLabel: string, reason: string | null, uncoveredOrganisationIds: Array<string> }>, notes: Array<{ id: string, agendaItemId: string, kind: MeetingNoteKind, organisationId: string, dataCategory: DataCategory, body: string, createdAt: string }>, actions: Array<{ id: string, agendaItemId: string, ownerOrganisationId: string, title: string, dueOn: string, status: MeetingActionStatus, overdue: boolean }>, carriedActions: Array<{ id: string, personId: string, ownerOrganisationId: string, title: string, dueOn: string, overdue: boolean }>, attendance: Array<{ organisationId: string, userId: string | null, attended: boolean }> }, organisations: Array<{ id: string, name: string }> };

export type MyMeetingActionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyMeetingActionsQuery = { myMeetingActions: Array<{ id: string, meetingId: string, personId: string, personLabel: string, title: string, dueOn: string, status: MeetingActionStatus, overdue: boolean }> };

export type MeetingMinutesQueryVariables = Exact<{
  id: string | number;
  format?: MinutesFormat | null | undefined;
}>;


export type MeetingMinutesQuery = { meetingMinutes: { filename: string, contentType: string, content: string } };

export type RecordMeetingAttendanceMutationVariables = Exact<{
  input: RecordAttendanceInput;
}>;


export type RecordMeetingAttendanceMutation = { recordMeetingAttendance: { attended: boolean } };

export type WriteMeetingNoteMutationVariables = Exact<{
  input: WriteMeetingNoteInput;
}>;


export type WriteMeetingNoteMutation = { writeMeetingNote: { id: string } };

export type AssignMeetingActionMutationVariables = Exact<{
  input: AssignMeetingActionInput;
}>;


export type AssignMeetingActionMutation = { assignMeetingAction: { id: string } };

export type CompleteMeetingActionMutationVariables = Exact<{
  input: CompleteMeetingActionInput;
}>;


export type CompleteMeetingActionMutation = { completeMeetingAction: { id: string, status: MeetingActionStatus } };

export type ScheduleMeetingMutationVariables = Exact<{
  input: ScheduleMeetingInput;
}>;


export type ScheduleMeetingMutation = { scheduleMeeting: { id: string } };

export type ScheduleNextMeetingMutationVariables = Exact<{
  id: string | number;
}>;


export type ScheduleNextMeetingMutation = { scheduleNextMeeting: { id: string, startsAt: string } };

export type AddAgendaItemMutationVariables = Exact<{
  input: AddAgendaItemInput;
}>;


export type AddAgendaItemMutation = { addAgendaItem: { id: string, uncoveredOrganisationIds: Array<string> } };

export type FindPeopleForAgendaQueryVariables = Exact<{
  search: string;
}>;


export type FindPeopleForAgendaQuery = { people: { edges: Array<{ node: { id: string, givenName: string | null, familyName: string | null, dateOfBirth: string | null } }> } };

export type CreatePersonMutationVariables = Exact<{
  input: CreatePersonInput;
}>;


export type CreatePersonMutation = { createPerson: { outcome: CreatePersonOutcome, hiddenCandidates: number, person: { id: string, givenName: string | null, familyName: string | null } | null, candidates: Array<{ id: string, givenName: string | null, familyName: string | null, dateOfBirth: string | null, region: string | null, withheldFields: Array<string> }> } };

export type ChangeStageMutationVariables = Exact<{
  input: UpdatePersonInput;
}>;


export type ChangeStageMutation = { updatePerson: { id: string, stage: ProgressionStage | null, version: number } };

export type PersonStageQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonStageQuery = { person: { id: string, givenName: string | null, familyName: string | null, stage: ProgressionStage | null, version: number, withheldFields: Array<string> } };

export type PersonHistoryQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type PersonHistoryQuery = { person: { id: string, givenName: string | null, familyName: string | null, history: { totalCount: number, edges: Array<{ node: { action: string, version: number, changedAt: string, changedBy: string, organisationId: string, reason: string | null, changes: Array<{ field: string, oldValue: string | null, newValue: string | null, withheld: boolean }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type InterventionHistoryQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type InterventionHistoryQuery = { person: { id: string, givenName: string | null, familyName: string | null, interventions: { edges: Array<{ node: { id: string, version: number, typeCode: string, status: InterventionStatus, occurredAt: string, notes: string | null, organisationId: string, corrected: boolean, type: { name: string } | null, history: Array<{ version: number, status: InterventionStatus, occurredAt: string, notes: string | null, correctedByName: string, correctedAt: string, reason: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type CorrectInterventionMutationVariables = Exact<{
  input: UpdateInterventionInput;
}>;


export type CorrectInterventionMutation = { updateIntervention: { id: string, version: number, corrected: boolean } };

export type PersonReferralsQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonReferralsQuery = { person: { id: string, referrals: { edges: Array<{ node: { id: string, open: boolean, stateReason: string | null, createdAt: string, status: ReferralState, service: string, person: { id: string, givenName: string | null, familyName: string | null } | null, fromOrganisation: { name: string }, toOrganisation: { name: string } } }> } } };

export type ReferralInboxQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  states?: Array<ReferralState> | ReferralState | null | undefined;
  serviceCode?: string | null | undefined;
}>;


export type ReferralInboxQuery = { referralInbox: { edges: Array<{ node: { id: string, serviceName: string, reason: string, stateReason: string | null, automatic: boolean, outcome: ReferralOutcome | null, outcomeNote: string | null, sentAt: string | null, dueAt: string | null, open: boolean, actions: Array<ReferralAction>, status: ReferralState, service: string, sentBy: { name: string, email: string, organisationName: string | null } | null, acceptedBy: { name: string, email: string, organisationName: string | null } | null, person: { id: string, givenName: string | null, familyName: string | null } | null, fromOrganisation: { name: string }, toOrganisation: { name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SentReferralsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  states?: Array<ReferralState> | ReferralState | null | undefined;
  serviceCode?: string | null | undefined;
}>;


export type SentReferralsQuery = { sentReferrals: { edges: Array<{ node: { id: string, serviceName: string, reason: string, stateReason: string | null, automatic: boolean, outcome: ReferralOutcome | null, outcomeNote: string | null, sentAt: string | null, dueAt: string | null, open: boolean, actions: Array<ReferralAction>, status: ReferralState, service: string, sentBy: { name: string, email: string, organisationName: string | null } | null, acceptedBy: { name: string, email: string, organisationName: string | null } | null, person: { id: string, givenName: string | null, familyName: string | null } | null, fromOrganisation: { name: string }, toOrganisation: { name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReferralCountsQueryVariables = Exact<{
  direction: ReferralDirection;
  serviceCode?: string | null | undefined;
}>;


export type ReferralCountsQuery = { referralCounts: Array<{ state: ReferralState, count: number }> };

export type ReferralPreviewQueryVariables = Exact<{
  input: ReferralPreviewInput;
}>;


export type ReferralPreviewQuery = { referralPreview: { receiverName: string, receiverSees: Array<DataCategory>, youMayShare: Array<DataCategory>, basis: ReferralBasis | null, alreadyWorksWith: boolean, worksWithAs: InvolvementRole | null, worksWithSince: string | null, openReferralsFromYou: number } };

export type TasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  assignedToMe?: boolean | null | undefined;
}>;


export type TasksQuery = { tasks: { edges: Array<{ node: { id: string, kind: TaskKind, detail: string, dueAt: string | null, assigneeUserId: string | null, assignedTo: string | null, assignedBy: string | null, assignedByMe: boolean, summary: string, person: { id: string, givenName: string | null, familyName: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AcceptReferralMutationVariables = Exact<{
  id: string | number;
}>;


export type AcceptReferralMutation = { acceptReferral: { id: string, status: ReferralState } };

export type DeclineReferralMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type DeclineReferralMutation = { declineReferral: { id: string, status: ReferralState } };

export type StartReferralMutationVariables = Exact<{
  id: string | number;
}>;


export type StartReferralMutation = { startReferral: { id: string, status: ReferralState } };

export type CompleteReferralMutationVariables = Exact<{
  input: CompleteReferralInput;
}>;


export type CompleteReferralMutation = { completeReferral: { id: string, status: ReferralState } };

export type WithdrawReferralMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type WithdrawReferralMutation = { withdrawReferral: { id: string, status: ReferralState } };

export type CompleteTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type CompleteTaskMutation = { completeTask: { id: string, status: TaskStatus } };

export type PartnersQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnersQuery = { organisations: Array<{ id: string, name: string, regions: Array<string>, services: Array<string>, active: boolean }> };

export type SendReferralMutationVariables = Exact<{
  input: SendReferralInput;
}>;


export type SendReferralMutation = { sendReferral: { id: string } };

export type PortalRegionsQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalRegionsQuery = { regions: Array<{ code: string, name: string, active: boolean, synonyms: Array<string> }> };

export type EteFunnelQueryVariables = Exact<{
  input: ReportFilterInput;
}>;


export type EteFunnelQuery = { eteFunnel: { scope: string, suppressionThreshold: number, steps: Array<{ step: string, label: string, people: number | null, suppressed: boolean, conversion: number | null, breakdown: Array<{ key: string, count: number | null, suppressed: boolean }> }> } };

export type OrganisationOutcomesQueryVariables = Exact<{
  input: OrganisationOutcomesInput;
}>;


export type OrganisationOutcomesQuery = { organisationOutcomes: { organisationKind: string | null, counted: string, suppressionThreshold: number, measures: Array<{ key: string, label: string, people: number | null, suppressed: boolean, shown: boolean, note: string | null }> } };

export type ReoffendingQueryVariables = Exact<{
  input: ReoffendingInput;
}>;


export type ReoffendingQuery = { reoffendingAnalysis: { cohort: string, cohortSize: number | null, excludedFollowUpPending: number | null, excludedNoOgrs: number | null, actualRate: number | null, predictedRate: number | null, differencePoints: number | null, fewerReoffenders: number | null, suppressed: boolean } };

export type ReferralReportRowFieldsFragment = { serviceCode: string | null, sent: number | null, accepted: number | null, declined: number | null, withdrawnBeforeAnswer: number | null, awaitingAnswer: number | null, answeredInTime: number | null, awaitingAnswerPastDue: number | null, started: number | null, startedInTime: number | null, acceptedNotStartedPastDue: number | null, completed: number | null, withdrawnAfterAcceptance: number | null, medianHoursToAnswer: number | null, medianHoursToStart: number | null, suppressed: Array<string> };

export type ReferralReportQueryVariables = Exact<{
  input: ReferralReportInput;
}>;


export type ReferralReportQuery = { referralReport: { from: string, to: string, scope: string, direction: ReferralDirection | null, suppressionThreshold: number, total: { serviceCode: string | null, sent: number | null, accepted: number | null, declined: number | null, withdrawnBeforeAnswer: number | null, awaitingAnswer: number | null, answeredInTime: number | null, awaitingAnswerPastDue: number | null, started: number | null, startedInTime: number | null, acceptedNotStartedPastDue: number | null, completed: number | null, withdrawnAfterAcceptance: number | null, medianHoursToAnswer: number | null, medianHoursToStart: number | null, suppressed: Array<string> }, services: Array<{ serviceCode: string | null, sent: number | null, accepted: number | null, declined: number | null, withdrawnBeforeAnswer: number | null, awaitingAnswer: number | null, answeredInTime: number | null, awaitingAnswerPastDue: number | null, started: number | null, startedInTime: number | null, acceptedNotStartedPastDue: number | null, completed: number | null, withdrawnAfterAcceptance: number | null, medianHoursToAnswer: number | null, medianHoursToStart: number | null, suppressed: Array<string> }> } };

export type ReportChoicesQueryVariables = Exact<{
  withOrganisations: boolean;
}>;


export type ReportChoicesQuery = { interventionTypes: Array<{ code: string, name: string, groupName: string }>, organisations?: Array<{ id: string, name: string }> };

export type AccessSearchQueryVariables = Exact<{
  input: AccessSearchInput;
  after?: string | null | undefined;
}>;


export type AccessSearchQuery = { accessSearch: { edges: Array<{ node: { id: string, occurredAt: string, actor: string, organisationId: string | null, purpose: string | null, personId: string | null, action: string, fields: Array<string>, breakGlass: boolean } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AccessOrganisationsQueryVariables = Exact<{ [key: string]: never; }>;


export type AccessOrganisationsQuery = { organisations: Array<{ id: string, name: string }> };

export type OrgApiClientsQueryVariables = Exact<{ [key: string]: never; }>;


export type OrgApiClientsQuery = { apiClients: Array<{ id: string, name: string, clientId: string, scopes: Array<Scope>, active: boolean, createdAt: string }> };

export type CreateApiClientMutationVariables = Exact<{
  input: CreateApiClientInput;
}>;


export type CreateApiClientMutation = { createApiClient: { clientSecret: string, client: { id: string, name: string, clientId: string } } };

export type RotateApiClientSecretMutationVariables = Exact<{
  id: string | number;
}>;


export type RotateApiClientSecretMutation = { rotateApiClientSecret: { clientSecret: string, client: { id: string, name: string, clientId: string } } };

export type RevokeApiClientMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiClientMutation = { revokeApiClient: { id: string, active: boolean } };

export type AssignTaskFormQueryVariables = Exact<{
  id: string | number;
}>;


export type AssignTaskFormQuery = { person: { id: string, givenName: string | null, familyName: string | null }, colleagues: Array<{ id: string, name: string }>, teams: Array<{ id: string, name: string, members: Array<{ userId: string }> }> };

export type AssignTaskMutationVariables = Exact<{
  input: AssignTaskInput;
}>;


export type AssignTaskMutation = { assignTask: { id: string, assignedTo: string | null } };

export type BreakGlassReviewQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type BreakGlassReviewQuery = { breakGlassGrants: { edges: Array<{ node: { id: string, actor: string, personId: string, reason: string, purpose: string, openedAt: string, expiresAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReadDuringGrantQueryVariables = Exact<{
  input: AccessSearchInput;
  after?: string | null | undefined;
}>;


export type ReadDuringGrantQuery = { accessSearch: { edges: Array<{ node: { id: string, occurredAt: string, personId: string | null, action: string, fields: Array<string> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReviewBreakGlassMutationVariables = Exact<{
  input: ReviewBreakGlassInput;
}>;


export type ReviewBreakGlassMutation = { reviewBreakGlass: { id: string, reviewedAt: string | null } };

export type ConsentFormQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsentFormQuery = { person: { id: string, givenName: string | null, familyName: string | null }, organisations: Array<{ id: string, name: string, kind: OrganisationKind }>, consentPurposes: Array<{ purpose: ConsentPurpose, categories: Array<DataCategory> }> };

export type GrantConsentMutationVariables = Exact<{
  input: GrantConsentInput;
}>;


export type GrantConsentMutation = { grantConsent: { id: string, status: ConsentStatus } };

export type WithdrawConsentFormQueryVariables = Exact<{
  id: string | number;
}>;


export type WithdrawConsentFormQuery = { person: { id: string, givenName: string | null, familyName: string | null, consents: Array<{ id: string, purpose: ConsentPurpose, status: ConsentStatus }> } };

export type WithdrawConsentMutationVariables = Exact<{
  input: WithdrawConsentInput;
}>;


export type WithdrawConsentMutation = { withdrawConsent: { id: string, status: ConsentStatus } };

export type HubCatalogueQueryVariables = Exact<{ [key: string]: never; }>;


export type HubCatalogueQuery = { interventionTypes: Array<{ code: string, name: string, groupName: string, dataCategory: DataCategory, outcomeKind: OutcomeKind, active: boolean }> };

export type CreateInterventionTypeMutationVariables = Exact<{
  input: CreateInterventionTypeInput;
}>;


export type CreateInterventionTypeMutation = { createInterventionType: { code: string, name: string } };

export type UpdateInterventionTypeMutationVariables = Exact<{
  input: UpdateInterventionTypeInput;
}>;


export type UpdateInterventionTypeMutation = { updateInterventionType: { code: string, name: string, groupName: string, active: boolean } };

export type LegalHoldsQueryVariables = Exact<{
  personId: string | number;
}>;


export type LegalHoldsQuery = { legalHolds: Array<{ id: string, reason: string, placedAt: string, placedBy: string }> };

export type PlaceLegalHoldMutationVariables = Exact<{
  input: PersonReasonInput;
}>;


export type PlaceLegalHoldMutation = { placeLegalHold: { id: string } };

export type ReleaseLegalHoldMutationVariables = Exact<{
  holdId: string | number;
}>;


export type ReleaseLegalHoldMutation = { releaseLegalHold: { id: string, releasedAt: string | null } };

export type LogInterventionFormQueryVariables = Exact<{
  id: string | number;
}>;


export type LogInterventionFormQuery = { person: { id: string, givenName: string | null, familyName: string | null }, interventionTypes: Array<{ code: string, name: string, groupName: string, outcomeKind: OutcomeKind, active: boolean }> };

export type LogInterventionMutationVariables = Exact<{
  input: LogInterventionInput;
}>;


export type LogInterventionMutation = { logIntervention: { id: string } };

export type NotificationSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationSettingsQuery = { notificationSettings: { delivery: NotificationDelivery, emailConfigured: boolean, kinds: Array<{ kind: NotificationKind, label: string, enabled: boolean }> } };

export type NotificationsSentQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type NotificationsSentQuery = { notificationsSent: { edges: Array<{ node: { id: string, kind: NotificationKind, status: string, reason: string | null, path: string, createdAt: string, sentAt: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type UpdateNotificationSettingsMutationVariables = Exact<{
  input: NotificationSettingsInput;
}>;


export type UpdateNotificationSettingsMutation = { updateNotificationSettings: { delivery: NotificationDelivery, emailConfigured: boolean, kinds: Array<{ kind: NotificationKind, label: string, enabled: boolean }> } };

export type HubOrganisationsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type HubOrganisationsQuery = { organisationPage: { totalCount: number, edges: Array<{ node: { id: string, name: string, kind: OrganisationKind, active: boolean, capacity: number | null, regions: Array<string>, services: Array<string>, version: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateOrganisationMutationVariables = Exact<{
  input: CreateOrganisationInput;
}>;


export type CreateOrganisationMutation = { createOrganisation: { id: string, name: string } };

export type UpdateOrganisationMutationVariables = Exact<{
  input: UpdateOrganisationInput;
}>;


export type UpdateOrganisationMutation = { updateOrganisation: { id: string, active: boolean, version: number } };

export type PeopleQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  filter?: PeopleFilter | null | undefined;
}>;


export type PeopleQuery = { people: { edges: Array<{ node: { id: string, givenName: string | null, familyName: string | null, dateOfBirth: string | null, stage: ProgressionStage | null, withheldFields: Array<string>, allocation: { caseOwnerName: string | null, teamName: string | null } | null, interventions: { edges: Array<{ node: { occurredAt: string, typeCode: string, type: { name: string } | null } }> } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type PrivacyPersonQueryVariables = Exact<{
  id: string | number;
}>;


export type PrivacyPersonQuery = { person: { id: string, givenName: string | null, familyName: string | null } };

export type PersonAccessLogQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonAccessLogQuery = { personAccessLog: Array<{ id: string, occurredAt: string, actor: string, organisationId: string | null, action: string, purpose: string | null, breakGlass: boolean }> };

export type SubjectAccessExportMutationVariables = Exact<{
  personId: string | number;
}>;


export type SubjectAccessExportMutation = { subjectAccessExport: { json: string, document: string, generatedAt: string, counts: Array<{ section: string, rows: number }> } };

export type ErasePersonMutationVariables = Exact<{
  input: PersonReasonInput;
}>;


export type ErasePersonMutation = { erasePerson: { id: string, erasedAt: string } };

export type PersonAllocationQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonAllocationQuery = { person: { id: string, allocation: { id: string, caseOwnerId: string | null, caseOwnerName: string | null, teamId: string | null, teamName: string | null, reason: string, allocatedAt: string, allocatedBy: string } | null, allocationHistory: Array<{ id: string, caseOwnerId: string | null, caseOwnerName: string | null, teamId: string | null, teamName: string | null, reason: string, allocatedAt: string, allocatedBy: string, endedAt: string | null }>, restrictions: Array<{ id: string, kind: RestrictionKind, userIds: Array<string>, reason: string, reviewOn: string, allowsBreakGlass: boolean, placedAt: string }> } };

export type TeamsQueryVariables = Exact<{ [key: string]: never; }>;


export type TeamsQuery = { teams: Array<{ id: string, name: string, members: Array<{ userId: string, name: string }> }> };

export type AllocatePersonMutationVariables = Exact<{
  input: AllocatePersonInput;
}>;


export type AllocatePersonMutation = { allocatePerson: { id: string, caseOwnerName: string | null, teamName: string | null } };

export type UpdateInterventionMutationVariables = Exact<{
  input: UpdateInterventionInput;
}>;


export type UpdateInterventionMutation = { updateIntervention: { id: string, version: number, status: InterventionStatus } };

export type EndInvolvementMutationVariables = Exact<{
  input: EndInvolvementInput;
}>;


export type EndInvolvementMutation = { endInvolvement: { id: string, endedAt: string | null } };

export type PersonRecordQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonRecordQuery = { person: { id: string, givenName: string | null, familyName: string | null, dateOfBirth: string | null, region: string | null, releaseDate: string | null, offenceSummary: string | null, ogrsScore: number | null, riskLevel: RiskLevel | null, healthNotes: string | null, stage: ProgressionStage | null, withheldFields: Array<string>, readableCategories: Array<DataCategory>, identifiers: Array<{ scheme: IdentifierScheme, value: string }> | null, interventions: { edges: Array<{ node: { id: string, typeCode: string, version: number, status: InterventionStatus, occurredAt: string, notes: string | null, corrected: boolean, dataCategory: DataCategory, organisationId: string, organisation: { name: string } | null, type: { name: string } | null, outcome:
            | { __typename: 'JobOutcome', employer: string, sector: string, hoursPerWeek: number, startDate: string }
            | { __typename: 'QualificationOutcome', qualification: string, level: string | null, awardedOn: string | null }
           | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, consents: Array<{ id: string, purpose: ConsentPurpose, categories: Array<DataCategory>, opens: Array<DataCategory>, organisationId: string | null, organisationKind: OrganisationKind | null, status: ConsentStatus, givenAt: string, method: ConsentMethod, expiresAt: string | null }>, sustainments: Array<{ id: string, interventionId: string, startDate: string, dueOn: string, status: SustainmentStatus }>, involvements: Array<{ id: string, organisationId: string, role: InvolvementRole, startedAt: string, endedAt: string | null }> } };

export type MoreInterventionsQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type MoreInterventionsQuery = { person: { id: string, interventions: { edges: Array<{ node: { id: string, typeCode: string, version: number, status: InterventionStatus, occurredAt: string, notes: string | null, corrected: boolean, dataCategory: DataCategory, organisationId: string, organisation: { name: string } | null, type: { name: string } | null, outcome:
            | { __typename: 'JobOutcome', employer: string, sector: string, hoursPerWeek: number, startDate: string }
            | { __typename: 'QualificationOutcome', qualification: string, level: string | null, awardedOn: string | null }
           | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type OrganisationNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type OrganisationNamesQuery = { organisations: Array<{ id: string, name: string }> };

export type RecordSustainmentMutationVariables = Exact<{
  input: RecordSustainmentInput;
}>;


export type RecordSustainmentMutation = { recordSustainment: { id: string, status: SustainmentStatus } };

export type ReferPersonQueryVariables = Exact<{
  id: string | number;
}>;


export type ReferPersonQuery = { person: { id: string, givenName: string | null, familyName: string | null, region: string | null } };

export type ReferralRulesAdminQueryVariables = Exact<{ [key: string]: never; }>;


export type ReferralRulesAdminQuery = { referralRules: Array<{ ruleId: string, version: number, name: string, active: boolean, triggerEvent: string, conditions: string, serviceCode: string, matchRegion: boolean, consentPurpose: ConsentPurpose | null, cooldownDays: number }>, organisations: Array<{ id: string, services: Array<string> }> };

export type RuleDryRunQueryVariables = Exact<{
  input: DryRunReferralRuleInput;
}>;


export type RuleDryRunQuery = { dryRunReferralRule: { considered: number, matched: number, wouldRefer: number, heldForConsent: number, truncated: boolean, people: Array<{ personId: string, outcome: RuleOutcome, receiverName: string | null, detail: string }> } };

export type CreateReferralRuleMutationVariables = Exact<{
  input: ReferralRuleInput;
}>;


export type CreateReferralRuleMutation = { createReferralRule: { ruleId: string, version: number } };

export type SwitchReferralRuleMutationVariables = Exact<{
  input: UpdateReferralRuleInput;
}>;


export type SwitchReferralRuleMutation = { updateReferralRule: { ruleId: string, version: number, active: boolean } };

export type SaveRegionMutationVariables = Exact<{
  input: SaveRegionInput;
}>;


export type SaveRegionMutation = { saveRegion: { code: string, name: string, active: boolean } };

export type AddRegionSynonymMutationVariables = Exact<{
  input: RegionSynonymInput;
}>;


export type AddRegionSynonymMutation = { addRegionSynonym: { code: string, synonyms: Array<string> } };

export type RemoveRegionSynonymMutationVariables = Exact<{
  input: RegionSynonymInput;
}>;


export type RemoveRegionSynonymMutation = { removeRegionSynonym: { code: string, synonyms: Array<string> } };

export type RuleVersionsQueryVariables = Exact<{ [key: string]: never; }>;


export type RuleVersionsQuery = { referralRules: Array<{ ruleId: string, version: number, name: string, active: boolean, triggerEvent: string, conditions: string, serviceCode: string, matchRegion: boolean, consentPurpose: ConsentPurpose | null, cooldownDays: number, createdBy: string, createdAt: string }> };

export type SharingAgreementsAdminQueryVariables = Exact<{ [key: string]: never; }>;


export type SharingAgreementsAdminQuery = { sharingAgreements: Array<{ id: string, name: string, lawfulBasis: LawfulBasis, categories: Array<DataCategory>, purposes: Array<ConsentPurpose>, partyOrganisationIds: Array<string>, partyKinds: Array<OrganisationKind>, validFrom: string, validTo: string | null, inForce: boolean, endedReason: string | null }>, organisations: Array<{ id: string, name: string }> };

export type CreateSharingAgreementMutationVariables = Exact<{
  input: CreateSharingAgreementInput;
}>;


export type CreateSharingAgreementMutation = { createSharingAgreement: { id: string } };

export type EndSharingAgreementMutationVariables = Exact<{
  input: EndSharingAgreementInput;
}>;


export type EndSharingAgreementMutation = { endSharingAgreement: { id: string, inForce: boolean } };

export type TeamAdminQueryVariables = Exact<{ [key: string]: never; }>;


export type TeamAdminQuery = { viewer: { organisation: { id: string, visibility: CaseVisibilityRule } }, teams: Array<{ id: string, name: string, members: Array<{ userId: string, name: string }> }> };

export type OrgUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type OrgUsersQuery = { users: { edges: Array<{ node: { id: string, name: string, active: boolean } }> } };

export type CreateTeamMutationVariables = Exact<{
  input: CreateTeamInput;
}>;


export type CreateTeamMutation = { createTeam: { id: string, name: string } };

export type AddTeamMemberMutationVariables = Exact<{
  input: TeamMemberInput;
}>;


export type AddTeamMemberMutation = { addTeamMember: { id: string } };

export type RemoveTeamMemberMutationVariables = Exact<{
  input: TeamMemberInput;
}>;


export type RemoveTeamMemberMutation = { removeTeamMember: { id: string } };

export type SetCaseVisibilityMutationVariables = Exact<{
  input: SetCaseVisibilityInput;
}>;


export type SetCaseVisibilityMutation = { setCaseVisibility: { id: string, visibility: CaseVisibilityRule } };

export type UnusualAccessReviewQueryVariables = Exact<{
  input: UnusualAccessInput;
}>;


export type UnusualAccessReviewQuery = { unusualAccess: Array<{ kind: UnusualAccessKind, actor: string, organisationId: string | null, count: number, eventCount: number, events: Array<{ id: string, occurredAt: string, personId: string | null, action: string, breakGlass: boolean }> }> };

export type OrgAdminUsersQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type OrgAdminUsersQuery = { users: { edges: Array<{ node: { id: string, name: string, email: string, roles: Array<Role>, active: boolean, identities: Array<{ issuer: string, subject: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, identityProvider: { issuer: string, identityClaim: string } | null };

export type LinkUserIdentityMutationVariables = Exact<{
  input: LinkUserIdentityInput;
}>;


export type LinkUserIdentityMutation = { linkUserIdentity: { id: string } };

export type UnlinkUserIdentityMutationVariables = Exact<{
  userId: string | number;
}>;


export type UnlinkUserIdentityMutation = { unlinkUserIdentity: { id: string } };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { id: string, name: string } };

export type UpdateUserMutationVariables = Exact<{
  input: UpdateUserInput;
}>;


export type UpdateUserMutation = { updateUser: { id: string, active: boolean, roles: Array<Role> } };

export type ResetUserPasswordMutationVariables = Exact<{
  input: ResetUserPasswordInput;
}>;


export type ResetUserPasswordMutation = { resetUserPassword: { id: string, passwordChangeRequired: boolean } };

export type OrgWebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type OrgWebhooksQuery = { webhookEndpoints: Array<{ id: string, url: string, eventTypes: Array<string>, active: boolean }> };

export type WebhookDeliveriesQueryVariables = Exact<{
  endpointId: string | number;
  after?: string | null | undefined;
}>;


export type WebhookDeliveriesQuery = { webhookDeliveries: { edges: Array<{ node: { id: string, eventId: string, status: string, deliveredAt: string | null, attempts: Array<{ at: string, statusCode: number | null, error: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint: { secret: string, endpoint: { id: string } } };

export type UpdateWebhookEndpointMutationVariables = Exact<{
  input: UpdateWebhookEndpointInput;
}>;


export type UpdateWebhookEndpointMutation = { updateWebhookEndpoint: { id: string, active: boolean } };

export type ReplayWebhookDeliveryMutationVariables = Exact<{
  id: string | number;
}>;


export type ReplayWebhookDeliveryMutation = { replayWebhookDelivery: { id: string, status: string } };

export type WhyPersonQueryVariables = Exact<{
  id: string | number;
}>;


export type WhyPersonQuery = { person: { id: string, givenName: string | null, familyName: string | null, readableCategories: Array<DataCategory> } };

export type ExplainAccessQueryVariables = Exact<{
  id: string | number;
  category: DataCategory;
}>;


export type ExplainAccessQuery = { explainAccess: { allowed: boolean, reason: string, explanation: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ReferralReportRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment ReferralReportRowFields on ReferralReportRow {
  serviceCode
  sent
  accepted
  declined
  withdrawnBeforeAnswer
  awaitingAnswer
  answeredInTime
  awaitingAnswerPastDue
  started
  startedInTime
  acceptedNotStartedPastDue
  completed
  withdrawnAfterAcceptance
  medianHoursToAnswer
  medianHoursToStart
  suppressed
}
    `, {"fragmentName":"ReferralReportRowFields"}) as unknown as TypedDocumentString<ReferralReportRowFieldsFragment, unknown>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input)
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    id
    name
    roles
    organisation {
      id
      name
      kind
    }
    reportAccess {
      acrossOrganisations
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const SchemaFieldsDocument = new TypedDocumentString(`
    query SchemaFields {
  __schema {
    queryType {
      fields {
        name
      }
    }
    mutationType {
      fields {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SchemaFieldsQuery, SchemaFieldsQueryVariables>;
export const ProbeReferralInboxDocument = new TypedDocumentString(`
    query ProbeReferralInbox {
  referralInbox(first: 1) {
    __typename
  }
}
    `) as unknown as TypedDocumentString<ProbeReferralInboxQuery, ProbeReferralInboxQueryVariables>;
export const ProbeSentReferralsDocument = new TypedDocumentString(`
    query ProbeSentReferrals {
  sentReferrals(first: 1) {
    __typename
  }
}
    `) as unknown as TypedDocumentString<ProbeSentReferralsQuery, ProbeSentReferralsQueryVariables>;
export const ProbeTasksDocument = new TypedDocumentString(`
    query ProbeTasks {
  tasks(first: 1) {
    __typename
  }
}
    `) as unknown as TypedDocumentString<ProbeTasksQuery, ProbeTasksQueryVariables>;
export const MyDayDocument = new TypedDocumentString(`
    query MyDay($from: String!, $to: String!) {
  myAppointments(from: $from, to: $to, first: 200) {
    id
    startsAt
    durationMinutes
    mode
    location
    status
    serviceCode
    service {
      name
    }
    person {
      id
      givenName
      familyName
    }
  }
}
    `) as unknown as TypedDocumentString<MyDayQuery, MyDayQueryVariables>;
export const NewReferralsDocument = new TypedDocumentString(`
    query NewReferrals {
  referralInbox(first: 100, states: [SENT]) {
    edges {
      node {
        id
        service: serviceCode
        createdAt
        dueAt
        person {
          id
          givenName
          familyName
        }
        fromOrganisation {
          name
        }
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<NewReferralsQuery, NewReferralsQueryVariables>;
export const MyOpenTasksDocument = new TypedDocumentString(`
    query MyOpenTasks($mine: Boolean) {
  tasks(first: 200, status: OPEN, assignedToMe: $mine) {
    edges {
      node {
        id
        summary: title
        dueAt
        person {
          id
          givenName
          familyName
        }
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<MyOpenTasksQuery, MyOpenTasksQueryVariables>;
export const ServicesDocument = new TypedDocumentString(`
    query Services {
  interventionTypes {
    code
    name
    groupName
    dataCategory
    active
  }
}
    `) as unknown as TypedDocumentString<ServicesQuery, ServicesQueryVariables>;
export const PersonDayWorkDocument = new TypedDocumentString(`
    query PersonDayWork($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
    readableCategories
    appointments(first: 100) {
      id
      version
      startsAt
      durationMinutes
      mode
      location
      status
      cancelledBy
      outcomeNote
      organisationId
      serviceCode
      dataCategory
      withUserName
      rescheduledFromId
      rescheduledToId
      service {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PersonDayWorkQuery, PersonDayWorkQueryVariables>;
export const PersonContactAttemptsDocument = new TypedDocumentString(`
    query PersonContactAttempts($id: ID!) {
  person(id: $id) {
    id
    contactAttempts(first: 50) {
      id
      channel
      result
      occurredAt
      note
      organisationId
      serviceCode
      dataCategory
      appointmentId
    }
  }
}
    `) as unknown as TypedDocumentString<PersonContactAttemptsQuery, PersonContactAttemptsQueryVariables>;
export const PersonCaseNotesDocument = new TypedDocumentString(`
    query PersonCaseNotes($id: ID!, $after: String) {
  person(id: $id) {
    id
    caseNotes(first: 6, after: $after) {
      notes {
        id
        version
        body
        dataCategory
        aboutKind
        aboutId
        organisationId
        writtenBy
        createdAt
        updatedAt
        history {
          version
          body
          dataCategory
          reason
          correctedAt
        }
      }
      next
    }
  }
}
    `) as unknown as TypedDocumentString<PersonCaseNotesQuery, PersonCaseNotesQueryVariables>;
export const PersonInterventionListDocument = new TypedDocumentString(`
    query PersonInterventionList($id: ID!) {
  person(id: $id) {
    id
    interventions(first: 50) {
      edges {
        node {
          id
          occurredAt
          typeCode
          type {
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PersonInterventionListQuery, PersonInterventionListQueryVariables>;
export const BookAppointmentDocument = new TypedDocumentString(`
    mutation BookAppointment($input: BookAppointmentInput!) {
  bookAppointment(input: $input) {
    id
    startsAt
  }
}
    `) as unknown as TypedDocumentString<BookAppointmentMutation, BookAppointmentMutationVariables>;
export const RecordAppointmentOutcomeDocument = new TypedDocumentString(`
    mutation RecordAppointmentOutcome($input: RecordAppointmentOutcomeInput!) {
  recordAppointmentOutcome(input: $input) {
    id
    status
    rescheduledToId
  }
}
    `) as unknown as TypedDocumentString<RecordAppointmentOutcomeMutation, RecordAppointmentOutcomeMutationVariables>;
export const LogContactAttemptDocument = new TypedDocumentString(`
    mutation LogContactAttempt($input: LogContactAttemptInput!) {
  logContactAttempt(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<LogContactAttemptMutation, LogContactAttemptMutationVariables>;
export const WriteCaseNoteDocument = new TypedDocumentString(`
    mutation WriteCaseNote($input: WriteCaseNoteInput!) {
  writeCaseNote(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<WriteCaseNoteMutation, WriteCaseNoteMutationVariables>;
export const CorrectCaseNoteDocument = new TypedDocumentString(`
    mutation CorrectCaseNote($input: CorrectCaseNoteInput!) {
  correctCaseNote(input: $input) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<CorrectCaseNoteMutation, CorrectCaseNoteMutationVariables>;
export const LiveReferralsDocument = new TypedDocumentString(`
    subscription LiveReferrals {
  referralInboxChanged {
    id
    state
    overdue
  }
}
    `) as unknown as TypedDocumentString<LiveReferralsSubscription, LiveReferralsSubscriptionVariables>;
export const LiveTasksDocument = new TypedDocumentString(`
    subscription LiveTasks {
  taskRaised {
    id
    kind
    assigneeUserId
    assigneeTeamId
  }
}
    `) as unknown as TypedDocumentString<LiveTasksSubscription, LiveTasksSubscriptionVariables>;
export const MeetingsDocument = new TypedDocumentString(`
    query Meetings {
  meetings(first: 100) {
    id
    title
    startsAt
    place
    organiser
    organiserOrganisationId
  }
  organisations {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<MeetingsQuery, MeetingsQueryVariables>;
export const MeetingPageDocument = new TypedDocumentString(`
    query MeetingPage($id: ID!) {
  meeting(id: $id) {
    id
    title
    startsAt
    place
    link
    recurrence
    organiser
    organiserOrganisationId
    invitedOrganisationIds
    agenda {
      id
      personId
      personLabel
      reason
      uncoveredOrganisationIds
    }
    notes {
      id
      agendaItemId
      kind
      organisationId
      dataCategory
      body
      createdAt
    }
    actions {
      id
      agendaItemId
      ownerOrganisationId
      title
      dueOn
      status
      overdue
    }
    carriedActions {
      id
      personId
      ownerOrganisationId
      title
      dueOn
      overdue
    }
    attendance {
      organisationId
      userId
      attended
    }
  }
  organisations {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<MeetingPageQuery, MeetingPageQueryVariables>;
export const MyMeetingActionsDocument = new TypedDocumentString(`
    query MyMeetingActions {
  myMeetingActions(first: 200) {
    id
    meetingId
    personId
    personLabel
    title
    dueOn
    status
    overdue
  }
}
    `) as unknown as TypedDocumentString<MyMeetingActionsQuery, MyMeetingActionsQueryVariables>;
export const MeetingMinutesDocument = new TypedDocumentString(`
    query MeetingMinutes($id: ID!, $format: MinutesFormat) {
  meetingMinutes(meetingId: $id, format: $format) {
    filename
    contentType
    content
  }
}
    `) as unknown as TypedDocumentString<MeetingMinutesQuery, MeetingMinutesQueryVariables>;
export const RecordMeetingAttendanceDocument = new TypedDocumentString(`
    mutation RecordMeetingAttendance($input: RecordAttendanceInput!) {
  recordMeetingAttendance(input: $input) {
    attended
  }
}
    `) as unknown as TypedDocumentString<RecordMeetingAttendanceMutation, RecordMeetingAttendanceMutationVariables>;
export const WriteMeetingNoteDocument = new TypedDocumentString(`
    mutation WriteMeetingNote($input: WriteMeetingNoteInput!) {
  writeMeetingNote(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<WriteMeetingNoteMutation, WriteMeetingNoteMutationVariables>;
export const AssignMeetingActionDocument = new TypedDocumentString(`
    mutation AssignMeetingAction($input: AssignMeetingActionInput!) {
  assignMeetingAction(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<AssignMeetingActionMutation, AssignMeetingActionMutationVariables>;
export const CompleteMeetingActionDocument = new TypedDocumentString(`
    mutation CompleteMeetingAction($input: CompleteMeetingActionInput!) {
  completeMeetingAction(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CompleteMeetingActionMutation, CompleteMeetingActionMutationVariables>;
export const ScheduleMeetingDocument = new TypedDocumentString(`
    mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
  scheduleMeeting(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ScheduleMeetingMutation, ScheduleMeetingMutationVariables>;
export const ScheduleNextMeetingDocument = new TypedDocumentString(`
    mutation ScheduleNextMeeting($id: ID!) {
  scheduleNextMeeting(meetingId: $id) {
    id
    startsAt
  }
}
    `) as unknown as TypedDocumentString<ScheduleNextMeetingMutation, ScheduleNextMeetingMutationVariables>;
export const AddAgendaItemDocument = new TypedDocumentString(`
    mutation AddAgendaItem($input: AddAgendaItemInput!) {
  addAgendaItem(input: $input) {
    id
    uncoveredOrganisationIds
  }
}
    `) as unknown as TypedDocumentString<AddAgendaItemMutation, AddAgendaItemMutationVariables>;
export const FindPeopleForAgendaDocument = new TypedDocumentString(`
    query FindPeopleForAgenda($search: String!) {
  people(first: 10, search: $search) {
    edges {
      node {
        id
        givenName
        familyName
        dateOfBirth
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FindPeopleForAgendaQuery, FindPeopleForAgendaQueryVariables>;
export const CreatePersonDocument = new TypedDocumentString(`
    mutation CreatePerson($input: CreatePersonInput!) {
  createPerson(input: $input) {
    outcome
    person {
      id
      givenName
      familyName
    }
    candidates {
      id
      givenName
      familyName
      dateOfBirth
      region
      withheldFields
    }
    hiddenCandidates
  }
}
    `) as unknown as TypedDocumentString<CreatePersonMutation, CreatePersonMutationVariables>;
export const ChangeStageDocument = new TypedDocumentString(`
    mutation ChangeStage($input: UpdatePersonInput!) {
  updatePerson(input: $input) {
    id
    stage
    version
  }
}
    `) as unknown as TypedDocumentString<ChangeStageMutation, ChangeStageMutationVariables>;
export const PersonStageDocument = new TypedDocumentString(`
    query PersonStage($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
    stage
    version
    withheldFields
  }
}
    `) as unknown as TypedDocumentString<PersonStageQuery, PersonStageQueryVariables>;
export const PersonHistoryDocument = new TypedDocumentString(`
    query PersonHistory($id: ID!, $after: String) {
  person(id: $id) {
    id
    givenName
    familyName
    history(first: 12, after: $after) {
      totalCount
      edges {
        node {
          action
          version
          changedAt
          changedBy
          organisationId
          reason
          changes {
            field
            oldValue
            newValue
            withheld
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PersonHistoryQuery, PersonHistoryQueryVariables>;
export const InterventionHistoryDocument = new TypedDocumentString(`
    query InterventionHistory($id: ID!, $after: String) {
  person(id: $id) {
    id
    givenName
    familyName
    interventions(first: 5, after: $after) {
      edges {
        node {
          id
          version
          typeCode
          status
          occurredAt
          notes
          organisationId
          type {
            name
          }
          corrected
          history {
            version
            status
            occurredAt
            notes
            correctedByName
            correctedAt
            reason
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<InterventionHistoryQuery, InterventionHistoryQueryVariables>;
export const CorrectInterventionDocument = new TypedDocumentString(`
    mutation CorrectIntervention($input: UpdateInterventionInput!) {
  updateIntervention(input: $input) {
    id
    version
    corrected
  }
}
    `) as unknown as TypedDocumentString<CorrectInterventionMutation, CorrectInterventionMutationVariables>;
export const PersonReferralsDocument = new TypedDocumentString(`
    query PersonReferrals($id: ID!) {
  person(id: $id) {
    id
    referrals(first: 100) {
      edges {
        node {
          id
          status: state
          service: serviceCode
          open
          stateReason
          createdAt
          person {
            id
            givenName
            familyName
          }
          fromOrganisation {
            name
          }
          toOrganisation {
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PersonReferralsQuery, PersonReferralsQueryVariables>;
export const ReferralInboxDocument = new TypedDocumentString(`
    query ReferralInbox($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {
  referralInbox(
    first: $first
    after: $after
    states: $states
    serviceCode: $serviceCode
  ) {
    edges {
      node {
        id
        status: state
        service: serviceCode
        serviceName
        reason
        stateReason
        automatic
        outcome
        outcomeNote
        sentAt
        dueAt
        open
        actions
        sentBy {
          name
          email
          organisationName
        }
        acceptedBy {
          name
          email
          organisationName
        }
        person {
          id
          givenName
          familyName
        }
        fromOrganisation {
          name
        }
        toOrganisation {
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ReferralInboxQuery, ReferralInboxQueryVariables>;
export const SentReferralsDocument = new TypedDocumentString(`
    query SentReferrals($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {
  sentReferrals(
    first: $first
    after: $after
    states: $states
    serviceCode: $serviceCode
  ) {
    edges {
      node {
        id
        status: state
        service: serviceCode
        serviceName
        reason
        stateReason
        automatic
        outcome
        outcomeNote
        sentAt
        dueAt
        open
        actions
        sentBy {
          name
          email
          organisationName
        }
        acceptedBy {
          name
          email
          organisationName
        }
        person {
          id
          givenName
          familyName
        }
        fromOrganisation {
          name
        }
        toOrganisation {
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SentReferralsQuery, SentReferralsQueryVariables>;
export const ReferralCountsDocument = new TypedDocumentString(`
    query ReferralCounts($direction: ReferralDirection!, $serviceCode: String) {
  referralCounts(direction: $direction, serviceCode: $serviceCode) {
    state
    count
  }
}
    `) as unknown as TypedDocumentString<ReferralCountsQuery, ReferralCountsQueryVariables>;
export const ReferralPreviewDocument = new TypedDocumentString(`
    query ReferralPreview($input: ReferralPreviewInput!) {
  referralPreview(input: $input) {
    receiverName
    receiverSees
    youMayShare
    basis
    alreadyWorksWith
    worksWithAs
    worksWithSince
    openReferralsFromYou
  }
}
    `) as unknown as TypedDocumentString<ReferralPreviewQuery, ReferralPreviewQueryVariables>;
export const TasksDocument = new TypedDocumentString(`
    query Tasks($first: Int, $after: String, $assignedToMe: Boolean) {
  tasks(first: $first, after: $after, assignedToMe: $assignedToMe) {
    edges {
      node {
        id
        kind
        summary: title
        detail
        dueAt
        assigneeUserId
        assignedTo
        assignedBy
        assignedByMe
        person {
          id
          givenName
          familyName
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<TasksQuery, TasksQueryVariables>;
export const AcceptReferralDocument = new TypedDocumentString(`
    mutation AcceptReferral($id: ID!) {
  acceptReferral(id: $id) {
    id
    status: state
  }
}
    `) as unknown as TypedDocumentString<AcceptReferralMutation, AcceptReferralMutationVariables>;
export const DeclineReferralDocument = new TypedDocumentString(`
    mutation DeclineReferral($id: ID!, $reason: String!) {
  declineReferral(input: {referralId: $id, reason: $reason}) {
    id
    status: state
  }
}
    `) as unknown as TypedDocumentString<DeclineReferralMutation, DeclineReferralMutationVariables>;
export const StartReferralDocument = new TypedDocumentString(`
    mutation StartReferral($id: ID!) {
  startReferral(id: $id) {
    id
    status: state
  }
}
    `) as unknown as TypedDocumentString<StartReferralMutation, StartReferralMutationVariables>;
export const CompleteReferralDocument = new TypedDocumentString(`
    mutation CompleteReferral($input: CompleteReferralInput!) {
  completeReferral(input: $input) {
    id
    status: state
  }
}
    `) as unknown as TypedDocumentString<CompleteReferralMutation, CompleteReferralMutationVariables>;
export const WithdrawReferralDocument = new TypedDocumentString(`
    mutation WithdrawReferral($id: ID!, $reason: String!) {
  withdrawReferral(input: {referralId: $id, reason: $reason}) {
    id
    status: state
  }
}
    `) as unknown as TypedDocumentString<WithdrawReferralMutation, WithdrawReferralMutationVariables>;
export const CompleteTaskDocument = new TypedDocumentString(`
    mutation CompleteTask($id: ID!) {
  completeTask(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CompleteTaskMutation, CompleteTaskMutationVariables>;
export const PartnersDocument = new TypedDocumentString(`
    query Partners {
  organisations {
    id
    name
    regions
    services
    active
  }
}
    `) as unknown as TypedDocumentString<PartnersQuery, PartnersQueryVariables>;
export const SendReferralDocument = new TypedDocumentString(`
    mutation SendReferral($input: SendReferralInput!) {
  sendReferral(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<SendReferralMutation, SendReferralMutationVariables>;
export const PortalRegionsDocument = new TypedDocumentString(`
    query PortalRegions {
  regions {
    code
    name
    active
    synonyms
  }
}
    `) as unknown as TypedDocumentString<PortalRegionsQuery, PortalRegionsQueryVariables>;
export const EteFunnelDocument = new TypedDocumentString(`
    query EteFunnel($input: ReportFilterInput!) {
  eteFunnel(input: $input) {
    scope
    suppressionThreshold
    steps {
      step
      label
      people
      suppressed
      conversion
      breakdown {
        key
        count
        suppressed
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EteFunnelQuery, EteFunnelQueryVariables>;
export const OrganisationOutcomesDocument = new TypedDocumentString(`
    query OrganisationOutcomes($input: OrganisationOutcomesInput!) {
  organisationOutcomes(input: $input) {
    organisationKind
    counted
    suppressionThreshold
    measures {
      key
      label
      people
      suppressed
      shown
      note
    }
  }
}
    `) as unknown as TypedDocumentString<OrganisationOutcomesQuery, OrganisationOutcomesQueryVariables>;
export const ReoffendingDocument = new TypedDocumentString(`
    query Reoffending($input: ReoffendingInput!) {
  reoffendingAnalysis(input: $input) {
    cohort
    cohortSize
    excludedFollowUpPending
    excludedNoOgrs
    actualRate
    predictedRate
    differencePoints
    fewerReoffenders
    suppressed
  }
}
    `) as unknown as TypedDocumentString<ReoffendingQuery, ReoffendingQueryVariables>;
export const ReferralReportDocument = new TypedDocumentString(`
    query ReferralReport($input: ReferralReportInput!) {
  referralReport(input: $input) {
    from
    to
    scope
    direction
    suppressionThreshold
    total {
      ...ReferralReportRowFields
    }
    services {
      ...ReferralReportRowFields
    }
  }
}
    fragment ReferralReportRowFields on ReferralReportRow {
  serviceCode
  sent
  accepted
  declined
  withdrawnBeforeAnswer
  awaitingAnswer
  answeredInTime
  awaitingAnswerPastDue
  started
  startedInTime
  acceptedNotStartedPastDue
  completed
  withdrawnAfterAcceptance
  medianHoursToAnswer
  medianHoursToStart
  suppressed
}`) as unknown as TypedDocumentString<ReferralReportQuery, ReferralReportQueryVariables>;
export const ReportChoicesDocument = new TypedDocumentString(`
    query ReportChoices($withOrganisations: Boolean!) {
  interventionTypes {
    code
    name
    groupName
  }
  organisations @include(if: $withOrganisations) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ReportChoicesQuery, ReportChoicesQueryVariables>;
export const AccessSearchDocument = new TypedDocumentString(`
    query AccessSearch($input: AccessSearchInput!, $after: String) {
  accessSearch(input: $input, first: 50, after: $after) {
    edges {
      node {
        id
        occurredAt
        actor
        organisationId
        purpose
        personId
        action
        fields
        breakGlass
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<AccessSearchQuery, AccessSearchQueryVariables>;
export const AccessOrganisationsDocument = new TypedDocumentString(`
    query AccessOrganisations {
  organisations {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<AccessOrganisationsQuery, AccessOrganisationsQueryVariables>;
export const OrgApiClientsDocument = new TypedDocumentString(`
    query OrgApiClients {
  apiClients {
    id
    name
    clientId
    scopes
    active
    createdAt
  }
}
    `) as unknown as TypedDocumentString<OrgApiClientsQuery, OrgApiClientsQueryVariables>;
export const CreateApiClientDocument = new TypedDocumentString(`
    mutation CreateApiClient($input: CreateApiClientInput!) {
  createApiClient(input: $input) {
    client {
      id
      name
      clientId
    }
    clientSecret
  }
}
    `) as unknown as TypedDocumentString<CreateApiClientMutation, CreateApiClientMutationVariables>;
export const RotateApiClientSecretDocument = new TypedDocumentString(`
    mutation RotateApiClientSecret($id: ID!) {
  rotateApiClientSecret(id: $id) {
    client {
      id
      name
      clientId
    }
    clientSecret
  }
}
    `) as unknown as TypedDocumentString<RotateApiClientSecretMutation, RotateApiClientSecretMutationVariables>;
export const RevokeApiClientDocument = new TypedDocumentString(`
    mutation RevokeApiClient($id: ID!) {
  revokeApiClient(id: $id) {
    id
    active
  }
}
    `) as unknown as TypedDocumentString<RevokeApiClientMutation, RevokeApiClientMutationVariables>;
export const AssignTaskFormDocument = new TypedDocumentString(`
    query AssignTaskForm($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
  }
  colleagues {
    id
    name
  }
  teams {
    id
    name
    members {
      userId
    }
  }
}
    `) as unknown as TypedDocumentString<AssignTaskFormQuery, AssignTaskFormQueryVariables>;
export const AssignTaskDocument = new TypedDocumentString(`
    mutation AssignTask($input: AssignTaskInput!) {
  assignTask(input: $input) {
    id
    assignedTo
  }
}
    `) as unknown as TypedDocumentString<AssignTaskMutation, AssignTaskMutationVariables>;
export const BreakGlassReviewDocument = new TypedDocumentString(`
    query BreakGlassReview($after: String) {
  breakGlassGrants(first: 20, after: $after) {
    edges {
      node {
        id
        actor
        personId
        reason
        purpose
        openedAt
        expiresAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<BreakGlassReviewQuery, BreakGlassReviewQueryVariables>;
export const ReadDuringGrantDocument = new TypedDocumentString(`
    query ReadDuringGrant($input: AccessSearchInput!, $after: String) {
  accessSearch(input: $input, first: 50, after: $after) {
    edges {
      node {
        id
        occurredAt
        personId
        action
        fields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ReadDuringGrantQuery, ReadDuringGrantQueryVariables>;
export const ReviewBreakGlassDocument = new TypedDocumentString(`
    mutation ReviewBreakGlass($input: ReviewBreakGlassInput!) {
  reviewBreakGlass(input: $input) {
    id
    reviewedAt
  }
}
    `) as unknown as TypedDocumentString<ReviewBreakGlassMutation, ReviewBreakGlassMutationVariables>;
export const ConsentFormDocument = new TypedDocumentString(`
    query ConsentForm($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
  }
  organisations {
    id
    name
    kind
  }
  consentPurposes {
    purpose
    categories
  }
}
    `) as unknown as TypedDocumentString<ConsentFormQuery, ConsentFormQueryVariables>;
export const GrantConsentDocument = new TypedDocumentString(`
    mutation GrantConsent($input: GrantConsentInput!) {
  grantConsent(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<GrantConsentMutation, GrantConsentMutationVariables>;
export const WithdrawConsentFormDocument = new TypedDocumentString(`
    query WithdrawConsentForm($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
    consents {
      id
      purpose
      status
    }
  }
}
    `) as unknown as TypedDocumentString<WithdrawConsentFormQuery, WithdrawConsentFormQueryVariables>;
export const WithdrawConsentDocument = new TypedDocumentString(`
    mutation WithdrawConsent($input: WithdrawConsentInput!) {
  withdrawConsent(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WithdrawConsentMutation, WithdrawConsentMutationVariables>;
export const HubCatalogueDocument = new TypedDocumentString(`
    query HubCatalogue {
  interventionTypes(includeInactive: true) {
    code
    name
    groupName
    dataCategory
    outcomeKind
    active
  }
}
    `) as unknown as TypedDocumentString<HubCatalogueQuery, HubCatalogueQueryVariables>;
export const CreateInterventionTypeDocument = new TypedDocumentString(`
    mutation CreateInterventionType($input: CreateInterventionTypeInput!) {
  createInterventionType(input: $input) {
    code
    name
  }
}
    `) as unknown as TypedDocumentString<CreateInterventionTypeMutation, CreateInterventionTypeMutationVariables>;
export const UpdateInterventionTypeDocument = new TypedDocumentString(`
    mutation UpdateInterventionType($input: UpdateInterventionTypeInput!) {
  updateInterventionType(input: $input) {
    code
    name
    groupName
    active
  }
}
    `) as unknown as TypedDocumentString<UpdateInterventionTypeMutation, UpdateInterventionTypeMutationVariables>;
export const LegalHoldsDocument = new TypedDocumentString(`
    query LegalHolds($personId: ID!) {
  legalHolds(personId: $personId) {
    id
    reason
    placedAt
    placedBy
  }
}
    `) as unknown as TypedDocumentString<LegalHoldsQuery, LegalHoldsQueryVariables>;
export const PlaceLegalHoldDocument = new TypedDocumentString(`
    mutation PlaceLegalHold($input: PersonReasonInput!) {
  placeLegalHold(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<PlaceLegalHoldMutation, PlaceLegalHoldMutationVariables>;
export const ReleaseLegalHoldDocument = new TypedDocumentString(`
    mutation ReleaseLegalHold($holdId: ID!) {
  releaseLegalHold(holdId: $holdId) {
    id
    releasedAt
  }
}
    `) as unknown as TypedDocumentString<ReleaseLegalHoldMutation, ReleaseLegalHoldMutationVariables>;
export const LogInterventionFormDocument = new TypedDocumentString(`
    query LogInterventionForm($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
  }
  interventionTypes {
    code
    name
    groupName
    outcomeKind
    active
  }
}
    `) as unknown as TypedDocumentString<LogInterventionFormQuery, LogInterventionFormQueryVariables>;
export const LogInterventionDocument = new TypedDocumentString(`
    mutation LogIntervention($input: LogInterventionInput!) {
  logIntervention(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<LogInterventionMutation, LogInterventionMutationVariables>;
export const NotificationSettingsDocument = new TypedDocumentString(`
    query NotificationSettings {
  notificationSettings {
    delivery
    emailConfigured
    kinds {
      kind
      label
      enabled
    }
  }
}
    `) as unknown as TypedDocumentString<NotificationSettingsQuery, NotificationSettingsQueryVariables>;
export const NotificationsSentDocument = new TypedDocumentString(`
    query NotificationsSent($first: Int, $after: String) {
  notificationsSent(first: $first, after: $after) {
    edges {
      node {
        id
        kind
        status
        reason
        path
        createdAt
        sentAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<NotificationsSentQuery, NotificationsSentQueryVariables>;
export const UpdateNotificationSettingsDocument = new TypedDocumentString(`
    mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {
  updateNotificationSettings(input: $input) {
    delivery
    emailConfigured
    kinds {
      kind
      label
      enabled
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateNotificationSettingsMutation, UpdateNotificationSettingsMutationVariables>;
export const HubOrganisationsDocument = new TypedDocumentString(`
    query HubOrganisations($first: Int!, $after: String) {
  organisationPage(first: $first, after: $after) {
    totalCount
    edges {
      node {
        id
        name
        kind
        active
        capacity
        regions
        services
        version
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<HubOrganisationsQuery, HubOrganisationsQueryVariables>;
export const CreateOrganisationDocument = new TypedDocumentString(`
    mutation CreateOrganisation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CreateOrganisationMutation, CreateOrganisationMutationVariables>;
export const UpdateOrganisationDocument = new TypedDocumentString(`
    mutation UpdateOrganisation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    id
    active
    version
  }
}
    `) as unknown as TypedDocumentString<UpdateOrganisationMutation, UpdateOrganisationMutationVariables>;
export const PeopleDocument = new TypedDocumentString(`
    query People($first: Int, $after: String, $search: String, $filter: PeopleFilter) {
  people(first: $first, after: $after, search: $search, filter: $filter) {
    edges {
      node {
        id
        givenName
        familyName
        dateOfBirth
        stage
        withheldFields
        allocation {
          caseOwnerName
          teamName
        }
        interventions(first: 1) {
          edges {
            node {
              occurredAt
              typeCode
              type {
                name
              }
            }
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<PeopleQuery, PeopleQueryVariables>;
export const PrivacyPersonDocument = new TypedDocumentString(`
    query PrivacyPerson($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
  }
}
    `) as unknown as TypedDocumentString<PrivacyPersonQuery, PrivacyPersonQueryVariables>;
export const PersonAccessLogDocument = new TypedDocumentString(`
    query PersonAccessLog($id: ID!) {
  personAccessLog(personId: $id, first: 50) {
    id
    occurredAt
    actor
    organisationId
    action
    purpose
    breakGlass
  }
}
    `) as unknown as TypedDocumentString<PersonAccessLogQuery, PersonAccessLogQueryVariables>;
export const SubjectAccessExportDocument = new TypedDocumentString(`
    mutation SubjectAccessExport($personId: ID!) {
  subjectAccessExport(personId: $personId) {
    json
    document
    generatedAt
    counts {
      section
      rows
    }
  }
}
    `) as unknown as TypedDocumentString<SubjectAccessExportMutation, SubjectAccessExportMutationVariables>;
export const ErasePersonDocument = new TypedDocumentString(`
    mutation ErasePerson($input: PersonReasonInput!) {
  erasePerson(input: $input) {
    id
    erasedAt
  }
}
    `) as unknown as TypedDocumentString<ErasePersonMutation, ErasePersonMutationVariables>;
export const PersonAllocationDocument = new TypedDocumentString(`
    query PersonAllocation($id: ID!) {
  person(id: $id) {
    id
    allocation {
      id
      caseOwnerId
      caseOwnerName
      teamId
      teamName
      reason
      allocatedAt
      allocatedBy
    }
    allocationHistory {
      id
      caseOwnerId
      caseOwnerName
      teamId
      teamName
      reason
      allocatedAt
      allocatedBy
      endedAt
    }
    restrictions {
      id
      kind
      userIds
      reason
      reviewOn
      allowsBreakGlass
      placedAt
    }
  }
}
    `) as unknown as TypedDocumentString<PersonAllocationQuery, PersonAllocationQueryVariables>;
export const TeamsDocument = new TypedDocumentString(`
    query Teams {
  teams {
    id
    name
    members {
      userId
      name
    }
  }
}
    `) as unknown as TypedDocumentString<TeamsQuery, TeamsQueryVariables>;
export const AllocatePersonDocument = new TypedDocumentString(`
    mutation AllocatePerson($input: AllocatePersonInput!) {
  allocatePerson(input: $input) {
    id
    caseOwnerName
    teamName
  }
}
    `) as unknown as TypedDocumentString<AllocatePersonMutation, AllocatePersonMutationVariables>;
export const UpdateInterventionDocument = new TypedDocumentString(`
    mutation UpdateIntervention($input: UpdateInterventionInput!) {
  updateIntervention(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<UpdateInterventionMutation, UpdateInterventionMutationVariables>;
export const EndInvolvementDocument = new TypedDocumentString(`
    mutation EndInvolvement($input: EndInvolvementInput!) {
  endInvolvement(input: $input) {
    id
    endedAt
  }
}
    `) as unknown as TypedDocumentString<EndInvolvementMutation, EndInvolvementMutationVariables>;
export const PersonRecordDocument = new TypedDocumentString(`
    query PersonRecord($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
    dateOfBirth
    region
    releaseDate
    offenceSummary
    ogrsScore
    riskLevel
    healthNotes
    stage
    withheldFields
    readableCategories
    identifiers {
      scheme
      value
    }
    interventions(first: 20) {
      edges {
        node {
          id
          typeCode
          version
          status
          occurredAt
          notes
          corrected
          dataCategory
          organisationId
          organisation {
            name
          }
          type {
            name
          }
          outcome {
            __typename
            ... on JobOutcome {
              employer
              sector
              hoursPerWeek
              startDate
            }
            ... on QualificationOutcome {
              qualification
              level
              awardedOn
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    consents {
      id
      purpose
      categories
      opens
      organisationId
      organisationKind
      status
      givenAt
      method
      expiresAt
    }
    sustainments {
      id
      interventionId
      startDate
      dueOn
      status
    }
    involvements {
      id
      organisationId
      role
      startedAt
      endedAt
    }
  }
}
    `) as unknown as TypedDocumentString<PersonRecordQuery, PersonRecordQueryVariables>;
export const MoreInterventionsDocument = new TypedDocumentString(`
    query MoreInterventions($id: ID!, $after: String) {
  person(id: $id) {
    id
    interventions(first: 20, after: $after) {
      edges {
        node {
          id
          typeCode
          version
          status
          occurredAt
          notes
          corrected
          dataCategory
          organisationId
          organisation {
            name
          }
          type {
            name
          }
          outcome {
            __typename
            ... on JobOutcome {
              employer
              sector
              hoursPerWeek
              startDate
            }
            ... on QualificationOutcome {
              qualification
              level
              awardedOn
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MoreInterventionsQuery, MoreInterventionsQueryVariables>;
export const OrganisationNamesDocument = new TypedDocumentString(`
    query OrganisationNames {
  organisations {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<OrganisationNamesQuery, OrganisationNamesQueryVariables>;
export const RecordSustainmentDocument = new TypedDocumentString(`
    mutation RecordSustainment($input: RecordSustainmentInput!) {
  recordSustainment(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RecordSustainmentMutation, RecordSustainmentMutationVariables>;
export const ReferPersonDocument = new TypedDocumentString(`
    query ReferPerson($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
    region
  }
}
    `) as unknown as TypedDocumentString<ReferPersonQuery, ReferPersonQueryVariables>;
export const ReferralRulesAdminDocument = new TypedDocumentString(`
    query ReferralRulesAdmin {
  referralRules {
    ruleId
    version
    name
    active
    triggerEvent
    conditions
    serviceCode
    matchRegion
    consentPurpose
    cooldownDays
  }
  organisations {
    id
    services
  }
}
    `) as unknown as TypedDocumentString<ReferralRulesAdminQuery, ReferralRulesAdminQueryVariables>;
export const RuleDryRunDocument = new TypedDocumentString(`
    query RuleDryRun($input: DryRunReferralRuleInput!) {
  dryRunReferralRule(input: $input) {
    considered
    matched
    wouldRefer
    heldForConsent
    truncated
    people {
      personId
      outcome
      receiverName
      detail
    }
  }
}
    `) as unknown as TypedDocumentString<RuleDryRunQuery, RuleDryRunQueryVariables>;
export const CreateReferralRuleDocument = new TypedDocumentString(`
    mutation CreateReferralRule($input: ReferralRuleInput!) {
  createReferralRule(input: $input) {
    ruleId
    version
  }
}
    `) as unknown as TypedDocumentString<CreateReferralRuleMutation, CreateReferralRuleMutationVariables>;
export const SwitchReferralRuleDocument = new TypedDocumentString(`
    mutation SwitchReferralRule($input: UpdateReferralRuleInput!) {
  updateReferralRule(input: $input) {
    ruleId
    version
    active
  }
}
    `) as unknown as TypedDocumentString<SwitchReferralRuleMutation, SwitchReferralRuleMutationVariables>;
export const SaveRegionDocument = new TypedDocumentString(`
    mutation SaveRegion($input: SaveRegionInput!) {
  saveRegion(input: $input) {
    code
    name
    active
  }
}
    `) as unknown as TypedDocumentString<SaveRegionMutation, SaveRegionMutationVariables>;
export const AddRegionSynonymDocument = new TypedDocumentString(`
    mutation AddRegionSynonym($input: RegionSynonymInput!) {
  addRegionSynonym(input: $input) {
    code
    synonyms
  }
}
    `) as unknown as TypedDocumentString<AddRegionSynonymMutation, AddRegionSynonymMutationVariables>;
export const RemoveRegionSynonymDocument = new TypedDocumentString(`
    mutation RemoveRegionSynonym($input: RegionSynonymInput!) {
  removeRegionSynonym(input: $input) {
    code
    synonyms
  }
}
    `) as unknown as TypedDocumentString<RemoveRegionSynonymMutation, RemoveRegionSynonymMutationVariables>;
export const RuleVersionsDocument = new TypedDocumentString(`
    query RuleVersions {
  referralRules(history: true) {
    ruleId
    version
    name
    active
    triggerEvent
    conditions
    serviceCode
    matchRegion
    consentPurpose
    cooldownDays
    createdBy
    createdAt
  }
}
    `) as unknown as TypedDocumentString<RuleVersionsQuery, RuleVersionsQueryVariables>;
export const SharingAgreementsAdminDocument = new TypedDocumentString(`
    query SharingAgreementsAdmin {
  sharingAgreements {
    id
    name
    lawfulBasis
    categories
    purposes
    partyOrganisationIds
    partyKinds
    validFrom
    validTo
    inForce
    endedReason
  }
  organisations {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<SharingAgreementsAdminQuery, SharingAgreementsAdminQueryVariables>;
export const CreateSharingAgreementDocument = new TypedDocumentString(`
    mutation CreateSharingAgreement($input: CreateSharingAgreementInput!) {
  createSharingAgreement(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateSharingAgreementMutation, CreateSharingAgreementMutationVariables>;
export const EndSharingAgreementDocument = new TypedDocumentString(`
    mutation EndSharingAgreement($input: EndSharingAgreementInput!) {
  endSharingAgreement(input: $input) {
    id
    inForce
  }
}
    `) as unknown as TypedDocumentString<EndSharingAgreementMutation, EndSharingAgreementMutationVariables>;
export const TeamAdminDocument = new TypedDocumentString(`
    query TeamAdmin {
  viewer {
    organisation {
      id
      visibility
    }
  }
  teams {
    id
    name
    members {
      userId
      name
    }
  }
}
    `) as unknown as TypedDocumentString<TeamAdminQuery, TeamAdminQueryVariables>;
export const OrgUsersDocument = new TypedDocumentString(`
    query OrgUsers {
  users(first: 500) {
    edges {
      node {
        id
        name
        active
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OrgUsersQuery, OrgUsersQueryVariables>;
export const CreateTeamDocument = new TypedDocumentString(`
    mutation CreateTeam($input: CreateTeamInput!) {
  createTeam(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CreateTeamMutation, CreateTeamMutationVariables>;
export const AddTeamMemberDocument = new TypedDocumentString(`
    mutation AddTeamMember($input: TeamMemberInput!) {
  addTeamMember(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<AddTeamMemberMutation, AddTeamMemberMutationVariables>;
export const RemoveTeamMemberDocument = new TypedDocumentString(`
    mutation RemoveTeamMember($input: TeamMemberInput!) {
  removeTeamMember(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<RemoveTeamMemberMutation, RemoveTeamMemberMutationVariables>;
export const SetCaseVisibilityDocument = new TypedDocumentString(`
    mutation SetCaseVisibility($input: SetCaseVisibilityInput!) {
  setCaseVisibility(input: $input) {
    id
    visibility
  }
}
    `) as unknown as TypedDocumentString<SetCaseVisibilityMutation, SetCaseVisibilityMutationVariables>;
export const UnusualAccessReviewDocument = new TypedDocumentString(`
    query UnusualAccessReview($input: UnusualAccessInput!) {
  unusualAccess(input: $input) {
    kind
    actor
    organisationId
    count
    eventCount
    events {
      id
      occurredAt
      personId
      action
      breakGlass
    }
  }
}
    `) as unknown as TypedDocumentString<UnusualAccessReviewQuery, UnusualAccessReviewQueryVariables>;
export const OrgAdminUsersDocument = new TypedDocumentString(`
    query OrgAdminUsers($after: String) {
  users(first: 25, after: $after) {
    edges {
      node {
        id
        name
        email
        roles
        active
        identities {
          issuer
          subject
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  identityProvider {
    issuer
    identityClaim
  }
}
    `) as unknown as TypedDocumentString<OrgAdminUsersQuery, OrgAdminUsersQueryVariables>;
export const LinkUserIdentityDocument = new TypedDocumentString(`
    mutation LinkUserIdentity($input: LinkUserIdentityInput!) {
  linkUserIdentity(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<LinkUserIdentityMutation, LinkUserIdentityMutationVariables>;
export const UnlinkUserIdentityDocument = new TypedDocumentString(`
    mutation UnlinkUserIdentity($userId: ID!) {
  unlinkUserIdentity(userId: $userId) {
    id
  }
}
    `) as unknown as TypedDocumentString<UnlinkUserIdentityMutation, UnlinkUserIdentityMutationVariables>;
export const CreateUserDocument = new TypedDocumentString(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserDocument = new TypedDocumentString(`
    mutation UpdateUser($input: UpdateUserInput!) {
  updateUser(input: $input) {
    id
    active
    roles
  }
}
    `) as unknown as TypedDocumentString<UpdateUserMutation, UpdateUserMutationVariables>;
export const ResetUserPasswordDocument = new TypedDocumentString(`
    mutation ResetUserPassword($input: ResetUserPasswordInput!) {
  resetUserPassword(input: $input) {
    id
    passwordChangeRequired
  }
}
    `) as unknown as TypedDocumentString<ResetUserPasswordMutation, ResetUserPasswordMutationVariables>;
export const OrgWebhooksDocument = new TypedDocumentString(`
    query OrgWebhooks {
  webhookEndpoints {
    id
    url
    eventTypes
    active
  }
}
    `) as unknown as TypedDocumentString<OrgWebhooksQuery, OrgWebhooksQueryVariables>;
export const WebhookDeliveriesDocument = new TypedDocumentString(`
    query WebhookDeliveries($endpointId: ID!, $after: String) {
  webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {
    edges {
      node {
        id
        eventId
        status
        deliveredAt
        attempts {
          at
          statusCode
          error
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const CreateWebhookEndpointDocument = new TypedDocumentString(`
    mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    endpoint {
      id
    }
    secret
  }
}
    `) as unknown as TypedDocumentString<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const UpdateWebhookEndpointDocument = new TypedDocumentString(`
    mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) {
    id
    active
  }
}
    `) as unknown as TypedDocumentString<UpdateWebhookEndpointMutation, UpdateWebhookEndpointMutationVariables>;
export const ReplayWebhookDeliveryDocument = new TypedDocumentString(`
    mutation ReplayWebhookDelivery($id: ID!) {
  replayWebhookDelivery(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ReplayWebhookDeliveryMutation, ReplayWebhookDeliveryMutationVariables>;
export const WhyPersonDocument = new TypedDocumentString(`
    query WhyPerson($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
    readableCategories
  }
}
    `) as unknown as TypedDocumentString<WhyPersonQuery, WhyPersonQueryVariables>;
export const ExplainAccessDocument = new TypedDocumentString(`
    query ExplainAccess($id: ID!, $category: DataCategory!) {
  explainAccess(personId: $id, category: $category) {
    allowed
    reason
    explanation
  }
}
    `) as unknown as TypedDocumentString<ExplainAccessQuery, ExplainAccessQueryVariables>;