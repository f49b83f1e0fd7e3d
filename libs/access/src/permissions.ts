import { type Actor, ForbiddenError, Role, ROLES, Scope, SCOPES } from '@hub/common';
import { ROLE_ACTIONS, SCOPE_ACTIONS } from './ability.js';
import type { AccessAction } from './data-category.js';
import type { PersonFacts } from './policy.js';

/**
 * What an actor may do, operation by operation: the vocabulary every resolver, route and service
 * check speaks. Who holds each is in PERMISSIONS below (the one table); which person data an
 * operation then touches is the per-object policy's business (policy.ts, scope.ts), not this.
 */
export enum Permission {
  /** Reading people and their data: every signed-in actor, narrowed row by row by the policy. */
  PERSON_READ = 'person.read',
  /** Reading the shared directories (organisations, the intervention catalogue, sharing agreements). */
  DIRECTORY_READ = 'directory.read',
  /** Who you are (the viewer). */
  SELF_READ = 'self.read',
  PASSWORD_CHANGE = 'password.change',
  PERSON_CREATE = 'person.create',
  PERSON_UPDATE = 'person.update',
  PERSON_MERGE = 'person.merge',
  PERSON_UNMERGE = 'person.unmerge',
  INVOLVEMENT_ADD = 'involvement.add',
  INVOLVEMENT_END = 'involvement.end',
  CONSENT_RECORD = 'consent.record',
  CONSENT_WITHDRAW = 'consent.withdraw',
  INTERVENTION_LOG = 'intervention.log',
  INTERVENTION_UPDATE = 'intervention.update',
  SUSTAINMENT_RECORD = 'sustainment.record',
  /** Booking appointments with a person (the policy then decides on the service's category). */
  APPOINTMENT_BOOK = 'appointment.book',
  /** Recording what came of an appointment: its organisation's. */
  APPOINTMENT_RECORD = 'appointment.record',
  /** Logging a try at reaching a person (phone, text, email, letter, visit). */
  CONTACT_LOG = 'contact.log',
  /** Writing case notes (the policy then decides on the note's category). */
  CASE_NOTE_WRITE = 'caseNote.write',
  /** Correcting a case note: its organisation's (the note before each correction is kept). */
  CASE_NOTE_CORRECT = 'caseNote.correct',
  /** OGRS scores and reconvictions (offending data; the policy decides per person). */
  REOFFENDING_RECORD = 'reoffending.record',
  /** Seeing referrals at all (then only those the organisation sent or received). */
  REFERRAL_READ = 'referral.read',
  REFERRAL_MAKE = 'referral.make',
  REFERRAL_ACT = 'referral.act',
  /** Sending a referral with no consent to be referred and no agreement, for safeguarding, with a reason (sendReferral's safeguardingOverride). */
  REFERRAL_SAFEGUARDING_OVERRIDE = 'referral.safeguardingOverride',
  /** The organisation's tasks (then only those addressed to the actor's roles). */
  TASK_READ = 'task.read',
  TASK_COMPLETE = 'task.complete',
  /** Assigning a task about a person to a colleague or a team of the actor's organisation (users only). */
  TASK_ASSIGN = 'task.assign',
  /** Multi-agency meetings the actor's organisation organises or is invited to (then only what each part's basis and the policy allow). */
  MEETING_READ = 'meeting.read',
  /** Scheduling a meeting, its agenda, attendance and actions: the organising organisation's. */
  MEETING_ORGANISE = 'meeting.organise',
  /** Writing notes and decisions on a person on a meeting's agenda (the policy then decides on the note's category). */
  MEETING_NOTE_WRITE = 'meeting.noteWrite',
  /** Completing a meeting action: its owner organisation's (or the organiser's). */
  MEETING_ACTION_COMPLETE = 'meeting.actionComplete',
  /** Choosing which emails the hub sends you, and reading what it sent (your own; users with casework roles). */
  NOTIFICATION_SETTINGS = 'notification.settings',
  REFERRAL_RULE_MANAGE = 'referralRule.manage',
  CATALOGUE_EXTEND = 'catalogue.extend',
  CATALOGUE_MAINTAIN = 'catalogue.maintain',
  /** The region vocabulary and its synonyms. */
  REGION_MANAGE = 'region.manage',
  REPORT_READ = 'report.read',
  /** Reports over every organisation (or any one), in aggregate. */
  REPORT_READ_ALL_ORGANISATIONS = 'report.readAllOrganisations',
  SYNC_LOAD = 'sync.load',
  WEBHOOK_MANAGE = 'webhook.manage',
  ORGANISATION_MANAGE = 'organisation.manage',
  /** An organisation's users and API clients. */
  MEMBER_MANAGE = 'member.manage',
  SHARING_AGREEMENT_CREATE = 'sharingAgreement.create',
  SHARING_AGREEMENT_END = 'sharingAgreement.end',
  ACCESS_LOG_READ = 'accessLog.read',
  /** Searching the audit log across records (who read or changed what) and its unusual-access review: DPOs (their organisation's users and people), hub admins (hub-wide). */
  ACCESS_SEARCH = 'accessLog.search',
  /** An inclusion proof of an audit event in the sealed log (auditProof): data protection officers of an organisation it concerns. */
  AUDIT_PROOF_READ = 'auditProof.read',
  /** "Why can't I see this?": explains the policy's decisions about the actor itself. */
  ACCESS_EXPLAIN = 'access.explain',
  BREAK_GLASS_OPEN = 'breakGlass.open',
  BREAK_GLASS_LIST = 'breakGlass.list',
  BREAK_GLASS_REVIEW = 'breakGlass.review',
  SUBJECT_ACCESS_ANSWER = 'subjectAccess.answer',
  PERSON_ERASE = 'person.erase',
  LEGAL_HOLD_MANAGE = 'legalHold.manage',
  /** An organisation's teams and their members, and its visibility rule. */
  TEAM_MANAGE = 'team.manage',
  /** Allocating a person to a caseworker (its case owner) and team of the actor's organisation. */
  CASE_ALLOCATE = 'case.allocate',
  /** Placing, reviewing and lifting restrictions and exclusions on a record (its lead organisation). */
  CASE_RESTRICT = 'case.restrict',
}
export const PERMISSIONS_LIST = Object.values(Permission);

/** The object an operation is on, for permissions that depend on it (all fields optional: pass what the rule reads). */
export interface PermissionSubject {
  /** The actor's organisation's facts about the person the operation is on. */
  facts?: PersonFacts;
  /** The organisation the object belongs to (its owner; the organisation administered or reported on). */
  organisationId?: string | null;
  /** Roles the operation would grant. */
  grantsRoles?: readonly Role[];
  /** Roles the user being changed holds now. */
  targetRoles?: readonly Role[];
  /** The parties of a sharing agreement. */
  parties?: { organisationIds: readonly string[]; kinds: readonly string[] };
}

export interface PermissionRule {
  /** Users holding any of these roles hold it ('any': every user, whatever its roles; none: []). */
  roles: readonly Role[] | 'any';
  /** API clients holding any of these scopes hold it ('any': every client). */
  scopes: readonly Scope[] | 'any';
  /** The message of the FORBIDDEN error for an actor that does not hold it. */
  denied: string;
  /** A further rule on the object, in words (for the generated table) and as a check returning the denial message. */
  subject?: { rule: string; check(actor: Actor, subject: PermissionSubject): string | null };
}

/** Roles and scopes whose data ceiling allows `action` on person data at all (ability.ts). */
const rolesThat = (action: AccessAction): Role[] => ROLES.filter((r) => ROLE_ACTIONS[r]?.includes(action));
const scopesThat = (action: AccessAction): Scope[] => SCOPES.filter((s) => SCOPE_ACTIONS[s]?.includes(action));
const DATA_WRITERS = { roles: rolesThat('write'), scopes: scopesThat('write') };
const DATA_READERS = { roles: rolesThat('read'), scopes: scopesThat('read') };
const EVERYONE = { roles: 'any', scopes: 'any' } as const;
const HUB_ADMINS = { roles: [Role.HUB_ADMIN], scopes: [] };
const DPOS = { roles: [Role.DATA_PROTECTION_OFFICER], scopes: [] };
const REFERRALS_WRITE = Scope.REFERRALS_WRITE;

/** Roles only hub admins may grant, change or take away (an organisation's admin must not make a commissioner of its own users). */
export const HUB_GRANTED_ROLES: readonly Role[] = [Role.HUB_ADMIN, Role.COMMISSIONER];
/** Who may break the glass (and see break-glass events for review). */
export const BREAK_GLASS_ROLES: readonly Role[] = [Role.MANAGER, Role.DATA_PROTECTION_OFFICER];

const isUserWith = (actor: Actor, ...roles: Role[]) => actor.kind === 'user' && actor.roles.some((r) => roles.includes(r));

/** The one table: who holds each permission. */
export const PERMISSIONS: Record<Permission, PermissionRule> = {
  [Permission.PERSON_READ]: { ...EVERYONE, denied: 'You may not read records' },
  [Permission.DIRECTORY_READ]: { ...EVERYONE, denied: 'You may not read the directory' },
  [Permission.SELF_READ]: { ...EVERYONE, denied: 'You may not see who you are' },
  [Permission.PASSWORD_CHANGE]: { roles: 'any', scopes: [], denied: 'Only a person signed in with a password can change it' },
  [Permission.PERSON_CREATE]: { ...DATA_WRITERS, denied: 'Your role cannot create records' },
  [Permission.PERSON_UPDATE]: { ...DATA_WRITERS, denied: 'Your role cannot change records' },
  [Permission.PERSON_MERGE]: { ...DATA_WRITERS, denied: 'Your role cannot merge records' },
  [Permission.PERSON_UNMERGE]: { ...DATA_WRITERS, denied: 'Your role cannot undo merges' },
  [Permission.INVOLVEMENT_ADD]: {
    ...DATA_WRITERS,
    denied: 'Only the lead organisation adds involvements',
    subject: {
      rule: 'the actor’s organisation leads the person',
      check: (_a, s) => (s.facts?.lead ? null : 'Only the lead organisation adds involvements'),
    },
  },
  [Permission.INVOLVEMENT_END]: {
    ...DATA_WRITERS,
    denied: 'Only the organisation itself or the lead organisation ends an involvement',
    subject: {
      rule: 'the involvement is the actor’s organisation’s own, or it leads the person',
      check: (a, s) =>
        s.organisationId === a.organisationId || s.facts?.lead
          ? null
          : 'Only the organisation itself or the lead organisation ends an involvement',
    },
  },
  [Permission.CONSENT_RECORD]: { ...DATA_WRITERS, denied: 'Your role cannot record consent' },
  [Permission.CONSENT_WITHDRAW]: { ...DATA_WRITERS, denied: 'Your role cannot record a withdrawal' },
  [Permission.INTERVENTION_LOG]: { ...DATA_WRITERS, denied: 'Your role cannot record interventions' },
  [Permission.INTERVENTION_UPDATE]: {
    ...DATA_WRITERS,
    denied: 'Only the organisation that logged it changes an intervention',
    subject: {
      rule: 'the actor’s organisation logged it',
      check: (a, s) => (s.organisationId === a.organisationId ? null : 'Only the organisation that logged it changes an intervention'),
    },
  },
  [Permission.SUSTAINMENT_RECORD]: { ...DATA_WRITERS, denied: 'Your role cannot record this outcome' },
  [Permission.APPOINTMENT_BOOK]: { ...DATA_WRITERS, denied: 'Your role cannot book appointments' },
  [Permission.APPOINTMENT_RECORD]: {
    ...DATA_WRITERS,
    denied: 'Only the organisation that booked it records what came of an appointment',
    subject: {
      rule: 'the actor’s organisation booked it',
      check: (a, s) =>
        s.organisationId === a.organisationId ? null : 'Only the organisation that booked it records what came of an appointment',
    },
  },
  [Permission.CONTACT_LOG]: { ...DATA_WRITERS, denied: 'Your role cannot record contact' },
  [Permission.CASE_NOTE_WRITE]: { ...DATA_WRITERS, denied: 'Your role cannot write case notes' },
  [Permission.CASE_NOTE_CORRECT]: {
    ...DATA_WRITERS,
    denied: 'Only the organisation that wrote it corrects a case note',
    subject: {
      rule: 'the actor’s organisation wrote it',
      check: (a, s) => (s.organisationId === a.organisationId ? null : 'Only the organisation that wrote it corrects a case note'),
    },
  },
  [Permission.REOFFENDING_RECORD]: {
    ...DATA_WRITERS,
    denied: 'Only organisations that hold offending data record OGRS scores and reconvictions',
  },
  [Permission.REFERRAL_READ]: {
    roles: DATA_READERS.roles,
    scopes: [...DATA_READERS.scopes, REFERRALS_WRITE],
    denied: 'Your role cannot see referrals',
  },
  [Permission.REFERRAL_MAKE]: {
    roles: DATA_WRITERS.roles,
    scopes: [...DATA_WRITERS.scopes, REFERRALS_WRITE],
    denied: 'Your role cannot make referrals',
  },
  [Permission.REFERRAL_ACT]: {
    roles: DATA_WRITERS.roles,
    scopes: [...DATA_WRITERS.scopes, REFERRALS_WRITE],
    denied: 'Your role cannot act on referrals',
  },
  [Permission.REFERRAL_SAFEGUARDING_OVERRIDE]: {
    roles: [Role.MANAGER],
    scopes: [],
    denied: 'Only a manager may override the consent gate for safeguarding',
  },
  [Permission.TASK_READ]: { ...DATA_READERS, denied: 'Your role has no tasks' },
  [Permission.TASK_COMPLETE]: { ...DATA_WRITERS, denied: 'Your role cannot complete tasks' },
  [Permission.TASK_ASSIGN]: { roles: DATA_WRITERS.roles, scopes: [], denied: 'Your role cannot assign tasks' },
  [Permission.MEETING_READ]: { roles: DATA_READERS.roles, scopes: [], denied: 'Your role cannot see meetings' },
  [Permission.MEETING_ORGANISE]: {
    roles: DATA_WRITERS.roles,
    scopes: [],
    denied: 'Only the organising organisation runs a meeting',
    subject: {
      rule: 'the actor’s organisation organises the meeting',
      check: (a, s) =>
        !s.organisationId || s.organisationId === a.organisationId ? null : 'Only the organising organisation runs a meeting',
    },
  },
  [Permission.MEETING_NOTE_WRITE]: { roles: DATA_WRITERS.roles, scopes: [], denied: 'Your role cannot write meeting notes' },
  [Permission.MEETING_ACTION_COMPLETE]: { roles: DATA_WRITERS.roles, scopes: [], denied: 'Your role cannot complete meeting actions' },
  [Permission.NOTIFICATION_SETTINGS]: { roles: DATA_READERS.roles, scopes: [], denied: 'Your role receives no notifications' },
  [Permission.REFERRAL_RULE_MANAGE]: { ...HUB_ADMINS, denied: 'Only hub admins manage referral rules' },
  [Permission.CATALOGUE_EXTEND]: { ...HUB_ADMINS, denied: 'Only hub admins extend the catalogue' },
  [Permission.CATALOGUE_MAINTAIN]: { ...HUB_ADMINS, denied: 'Only hub admins maintain the catalogue' },
  [Permission.REGION_MANAGE]: { ...HUB_ADMINS, denied: 'Only hub admins maintain the regions' },
  [Permission.REPORT_READ]: {
    roles: [Role.MANAGER, ...HUB_GRANTED_ROLES],
    scopes: [Scope.REPORTS_READ],
    denied: 'Reports are for managers, commissioners and hub admins',
    subject: {
      rule: 'the actor’s own organisation, unless a hub admin or commissioner (any organisation, or all)',
      check: (a, s) =>
        !s.organisationId || s.organisationId === a.organisationId || holdsPermission(a, Permission.REPORT_READ_ALL_ORGANISATIONS)
          ? null
          : 'You may report on your own organisation only',
    },
  },
  [Permission.REPORT_READ_ALL_ORGANISATIONS]: {
    roles: HUB_GRANTED_ROLES,
    scopes: [],
    denied: 'Only hub admins and commissioners report over every organisation',
  },
  [Permission.SYNC_LOAD]: { ...DATA_WRITERS, denied: 'Your role or scopes cannot load records' },
  [Permission.WEBHOOK_MANAGE]: { roles: [Role.ORG_ADMIN, Role.HUB_ADMIN], scopes: [], denied: 'Org admins manage webhooks' },
  [Permission.ORGANISATION_MANAGE]: { ...HUB_ADMINS, denied: 'Only hub admins manage organisations' },
  [Permission.MEMBER_MANAGE]: {
    roles: [Role.ORG_ADMIN, Role.HUB_ADMIN],
    scopes: [],
    denied: "Only the organisation's admins (or hub admins) manage its users and clients",
    subject: {
      rule: 'org admins: their own organisation only; only hub admins grant, or change a holder of, the hub admin and commissioner roles',
      check(a, s) {
        const hubAdmin = isUserWith(a, Role.HUB_ADMIN);
        if (s.organisationId !== undefined && !hubAdmin && s.organisationId !== a.organisationId)
          return "Only the organisation's admins (or hub admins) manage its users and clients";
        if (!hubAdmin && s.grantsRoles?.some((r) => HUB_GRANTED_ROLES.includes(r)))
          return 'Only hub admins can grant the hub admin and commissioner roles';
        if (!hubAdmin && s.targetRoles?.some((r) => HUB_GRANTED_ROLES.includes(r)))
          return 'Only hub admins change hub admins and commissioners';
        return null;
      },
    },
  },
  [Permission.SHARING_AGREEMENT_CREATE]: {
    roles: [Role.HUB_ADMIN, Role.DATA_PROTECTION_OFFICER],
    scopes: [],
    denied: 'Only hub admins and data protection officers record sharing agreements',
  },
  [Permission.SHARING_AGREEMENT_END]: {
    roles: [Role.HUB_ADMIN, Role.DATA_PROTECTION_OFFICER],
    scopes: [],
    denied: 'Only hub admins and data protection officers end sharing agreements',
    subject: {
      rule: 'data protection officers: of an organisation party to it (named, or of a kind it names)',
      check: (a, s) =>
        isUserWith(a, Role.HUB_ADMIN) ||
        s.parties?.organisationIds.includes(a.organisationId) ||
        s.parties?.kinds.includes(a.organisationKind)
          ? null
          : 'Only a party to the agreement, or a hub admin, ends it',
    },
  },
  [Permission.ACCESS_LOG_READ]: {
    roles: [Role.DATA_PROTECTION_OFFICER, Role.CASEWORKER, Role.MANAGER],
    scopes: [],
    denied: 'Only data protection officers and the lead organisation see who accessed a record',
    subject: {
      rule: 'caseworkers and managers: of the lead organisation only',
      check: (a, s) =>
        isUserWith(a, Role.DATA_PROTECTION_OFFICER) || s.facts?.lead
          ? null
          : 'Only data protection officers and the lead organisation see who accessed a record',
    },
  },
  [Permission.ACCESS_SEARCH]: {
    roles: [Role.DATA_PROTECTION_OFFICER, Role.HUB_ADMIN],
    scopes: [],
    denied: 'Only data protection officers and hub admins search the access log',
  },
  [Permission.AUDIT_PROOF_READ]: { ...DPOS, denied: 'Only data protection officers ask for proofs of the audit log' },
  [Permission.ACCESS_EXPLAIN]: { ...EVERYONE, denied: 'You may not ask why' },
  [Permission.BREAK_GLASS_OPEN]: {
    roles: BREAK_GLASS_ROLES,
    scopes: [],
    denied: 'Only managers and data protection officers may break the glass',
  },
  [Permission.BREAK_GLASS_LIST]: {
    roles: BREAK_GLASS_ROLES,
    scopes: [],
    denied: 'Only managers and data protection officers review break-glass access',
  },
  [Permission.TEAM_MANAGE]: {
    roles: [Role.ORG_ADMIN, Role.HUB_ADMIN],
    scopes: [],
    denied: "Only the organisation's admins manage its teams",
    subject: {
      rule: 'their own organisation only',
      check: (a, s) =>
        s.organisationId !== undefined && s.organisationId !== a.organisationId ? "Only the organisation's admins manage its teams" : null,
    },
  },
  [Permission.CASE_ALLOCATE]: { roles: [Role.MANAGER], scopes: [], denied: 'Only managers allocate cases' },
  [Permission.CASE_RESTRICT]: {
    roles: [Role.MANAGER, Role.DATA_PROTECTION_OFFICER],
    scopes: [],
    denied: 'Only managers and data protection officers of the lead organisation restrict a record',
    subject: {
      rule: 'the actor’s organisation leads the person',
      check: (_a, s) => (s.facts?.lead ? null : 'Only managers and data protection officers of the lead organisation restrict a record'),
    },
  },
  [Permission.BREAK_GLASS_REVIEW]: { ...DPOS, denied: 'Only data protection officers record reviews' },
  [Permission.SUBJECT_ACCESS_ANSWER]: { ...DPOS, denied: 'Only data protection officers answer subject access requests' },
  [Permission.PERSON_ERASE]: {
    ...DPOS,
    denied: 'Only data protection officers erase records',
    subject: {
      rule: 'of the lead organisation',
      check: (_a, s) => (s.facts?.lead ? null : 'Only the lead organisation’s data protection officer erases a record'),
    },
  },
  [Permission.LEGAL_HOLD_MANAGE]: { ...DPOS, denied: 'Only data protection officers place or release legal holds' },
};

/** Does the actor hold the permission (before any rule on the object)? */
function holdsRule(actor: Actor, rule: PermissionRule): boolean {
  if (actor.kind === 'user') return rule.roles === 'any' || actor.roles.some((r) => (rule.roles as readonly Role[]).includes(r));
  return rule.scopes === 'any' || actor.scopes.some((s) => (rule.scopes as readonly Scope[]).includes(s));
}

/**
 * The decision, as a pure function: null when allowed, else the message of the refusal. Without a
 * subject only the holder is checked (what a resolver's declaration can know); with one, the rule on
 * the object too.
 */
export function permissionDenial(actor: Actor, permission: Permission, subject?: PermissionSubject): string | null {
  const rule = PERMISSIONS[permission];
  if (!rule) return `Unknown permission ${String(permission)}`;
  if (!holdsRule(actor, rule)) return rule.denied;
  return subject && rule.subject ? rule.subject.check(actor, subject) : null;
}

export function holdsPermission(actor: Actor, permission: Permission, subject?: PermissionSubject): boolean {
  return permissionDenial(actor, permission, subject) === null;
}

/** Throws FORBIDDEN with the permission's message unless the actor holds it (and, given a subject, its rule on the object allows). */
export function requirePermission(actor: Actor, permission: Permission, subject?: PermissionSubject): void {
  const denial = permissionDenial(actor, permission, subject);
  if (denial !== null) throw new ForbiddenError(denial);
}

/** Who holds a permission, in words (for schema/permissions.md and docs). */
export function permissionHolders(permission: Permission): string {
  const rule = PERMISSIONS[permission];
  if (rule.roles === 'any' && rule.scopes === 'any') return 'every signed-in actor';
  const users = rule.roles === 'any' ? 'every user' : rule.roles.length ? `users with ${rule.roles.join(', ')}` : '';
  const clients = rule.scopes === 'any' ? 'every API client' : rule.scopes.length ? `API clients with ${rule.scopes.join(', ')}` : '';
  return [users, clients].filter(Boolean).join('; ') || 'nobody';
}
