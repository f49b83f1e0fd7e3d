import { type Actor, ErrorCode, HubError, OrganisationKind, Role, ROLES, Scope, SCOPES } from '@hub/common';
import { categoryCeiling } from './ability.js';
import { DataCategory } from './data-category.js';
import {
  holdsPermission,
  Permission,
  PERMISSIONS,
  PERMISSIONS_LIST,
  permissionDenial,
  permissionHolders,
  type PermissionSubject,
  requirePermission,
} from './permissions.js';
import { NO_FACTS } from './policy.js';

const user = (roles: Role[], kind = OrganisationKind.CHARITY, organisationId = 'org-a'): Actor => ({
  kind: 'user',
  id: 'u1',
  displayName: 'x',
  organisationId,
  organisationKind: kind,
  organisationRegions: [],
  roles,
  scopes: [],
  purpose: 'casework',
  requestId: 'r',
});
const client = (scopes: Scope[], kind = OrganisationKind.CHARITY): Actor => ({ ...user([], kind), kind: 'client', id: 'c1', scopes });
const lead = { facts: { ...NO_FACTS, related: true, lead: true } };
const related = { facts: { ...NO_FACTS, related: true } };

const { CASEWORKER, MANAGER, ORG_ADMIN, DATA_PROTECTION_OFFICER: DPO, HUB_ADMIN, COMMISSIONER } = Role;

/** (actor, permission, subject?) -> null (allowed) or the exact message of today's FORBIDDEN. */
const CASES: [string, Actor, Permission, PermissionSubject | undefined, string | null][] = [
  ['caseworker creates a record', user([CASEWORKER]), Permission.PERSON_CREATE, undefined, null],
  [
    'employer caseworker creates a record (identity is never denied by kind)',
    user([CASEWORKER], OrganisationKind.EMPLOYER),
    Permission.PERSON_CREATE,
    undefined,
    null,
  ],
  ['DPO creates a record', user([DPO]), Permission.PERSON_CREATE, undefined, 'Your role cannot create records'],
  ['org admin merges', user([ORG_ADMIN]), Permission.PERSON_MERGE, undefined, 'Your role cannot merge records'],
  ['sync client merges', client([Scope.SYNC]), Permission.PERSON_MERGE, undefined, null],
  ['people:read client undoes a merge', client([Scope.PEOPLE_READ]), Permission.PERSON_UNMERGE, undefined, 'Your role cannot undo merges'],
  ['lead caseworker adds an involvement', user([CASEWORKER]), Permission.INVOLVEMENT_ADD, lead, null],
  [
    'non-lead caseworker adds an involvement',
    user([CASEWORKER]),
    Permission.INVOLVEMENT_ADD,
    related,
    'Only the lead organisation adds involvements',
  ],
  ['lead DPO adds an involvement', user([DPO]), Permission.INVOLVEMENT_ADD, lead, 'Only the lead organisation adds involvements'],
  ['own involvement ended', user([CASEWORKER]), Permission.INVOLVEMENT_END, { ...related, organisationId: 'org-a' }, null],
  [
    'another organisation’s involvement ended by the lead',
    user([MANAGER]),
    Permission.INVOLVEMENT_END,
    { ...lead, organisationId: 'org-b' },
    null,
  ],
  [
    'another organisation’s involvement ended by a non-lead',
    user([MANAGER]),
    Permission.INVOLVEMENT_END,
    { ...related, organisationId: 'org-b' },
    'Only the organisation itself or the lead organisation ends an involvement',
  ],
  ['own intervention changed', user([CASEWORKER]), Permission.INTERVENTION_UPDATE, { organisationId: 'org-a' }, null],
  [
    'another organisation’s intervention changed',
    user([CASEWORKER]),
    Permission.INTERVENTION_UPDATE,
    { organisationId: 'org-b' },
    'Only the organisation that logged it changes an intervention',
  ],
  ['hub admin extends the catalogue', user([HUB_ADMIN]), Permission.CATALOGUE_EXTEND, undefined, null],
  ['manager extends the catalogue', user([MANAGER]), Permission.CATALOGUE_EXTEND, undefined, 'Only hub admins extend the catalogue'],
  ['manager maintains the catalogue', user([MANAGER]), Permission.CATALOGUE_MAINTAIN, undefined, 'Only hub admins maintain the catalogue'],
  [
    'org admin manages referral rules',
    user([ORG_ADMIN]),
    Permission.REFERRAL_RULE_MANAGE,
    undefined,
    'Only hub admins manage referral rules',
  ],
  ['referrals:write client makes a referral', client([Scope.REFERRALS_WRITE]), Permission.REFERRAL_MAKE, undefined, null],
  [
    'reports:read client makes a referral',
    client([Scope.REPORTS_READ]),
    Permission.REFERRAL_MAKE,
    undefined,
    'Your role cannot make referrals',
  ],
  ['DPO acts on a referral', user([DPO]), Permission.REFERRAL_ACT, undefined, 'Your role cannot act on referrals'],
  ['DPO sees referrals', user([DPO]), Permission.REFERRAL_READ, undefined, null],
  ['manager overrides the consent gate for safeguarding', user([MANAGER]), Permission.REFERRAL_SAFEGUARDING_OVERRIDE, undefined, null],
  [
    'caseworker overrides the consent gate for safeguarding',
    user([CASEWORKER]),
    Permission.REFERRAL_SAFEGUARDING_OVERRIDE,
    undefined,
    'Only a manager may override the consent gate for safeguarding',
  ],
  [
    'referrals:write client overrides the consent gate',
    client([Scope.REFERRALS_WRITE]),
    Permission.REFERRAL_SAFEGUARDING_OVERRIDE,
    undefined,
    'Only a manager may override the consent gate for safeguarding',
  ],
  ['hub admin sees referrals', user([HUB_ADMIN]), Permission.REFERRAL_READ, undefined, 'Your role cannot see referrals'],
  ['DPO completes a task', user([DPO]), Permission.TASK_COMPLETE, undefined, 'Your role cannot complete tasks'],
  ['manager reports on its organisation', user([MANAGER]), Permission.REPORT_READ, { organisationId: 'org-a' }, null],
  [
    'manager reports on another organisation',
    user([MANAGER]),
    Permission.REPORT_READ,
    { organisationId: 'org-b' },
    'You may report on your own organisation only',
  ],
  ['commissioner reports on another organisation', user([COMMISSIONER]), Permission.REPORT_READ, { organisationId: 'org-b' }, null],
  ['reports:read client reports', client([Scope.REPORTS_READ]), Permission.REPORT_READ, undefined, null],
  ['caseworker reports', user([CASEWORKER]), Permission.REPORT_READ, undefined, 'Reports are for managers, commissioners and hub admins'],
  [
    'hub admin-scoped client (no such thing) reports across organisations',
    client([Scope.REPORTS_READ]),
    Permission.REPORT_READ_ALL_ORGANISATIONS,
    undefined,
    'Only hub admins and commissioners report over every organisation',
  ],
  ['DPO loads records', user([DPO]), Permission.SYNC_LOAD, undefined, 'Your role or scopes cannot load records'],
  ['sync client loads records', client([Scope.SYNC]), Permission.SYNC_LOAD, undefined, null],
  ['org admin manages webhooks', user([ORG_ADMIN]), Permission.WEBHOOK_MANAGE, undefined, null],
  ['manager manages webhooks', user([MANAGER]), Permission.WEBHOOK_MANAGE, undefined, 'Org admins manage webhooks'],
  ['org admin manages organisations', user([ORG_ADMIN]), Permission.ORGANISATION_MANAGE, undefined, 'Only hub admins manage organisations'],
  ['org admin manages its own users', user([ORG_ADMIN]), Permission.MEMBER_MANAGE, { organisationId: 'org-a' }, null],
  [
    'org admin manages another organisation’s users',
    user([ORG_ADMIN]),
    Permission.MEMBER_MANAGE,
    { organisationId: 'org-b' },
    "Only the organisation's admins (or hub admins) manage its users and clients",
  ],
  [
    'org admin makes a commissioner',
    user([ORG_ADMIN]),
    Permission.MEMBER_MANAGE,
    { organisationId: 'org-a', grantsRoles: [COMMISSIONER] },
    'Only hub admins can grant the hub admin and commissioner roles',
  ],
  [
    'org admin changes a hub admin',
    user([ORG_ADMIN]),
    Permission.MEMBER_MANAGE,
    { organisationId: 'org-a', targetRoles: [HUB_ADMIN] },
    'Only hub admins change hub admins and commissioners',
  ],
  [
    'hub admin changes a commissioner elsewhere',
    user([HUB_ADMIN]),
    Permission.MEMBER_MANAGE,
    { organisationId: 'org-b', targetRoles: [COMMISSIONER] },
    null,
  ],
  ['DPO records an agreement', user([DPO]), Permission.SHARING_AGREEMENT_CREATE, undefined, null],
  [
    'manager records an agreement',
    user([MANAGER]),
    Permission.SHARING_AGREEMENT_CREATE,
    undefined,
    'Only hub admins and data protection officers record sharing agreements',
  ],
  [
    'manager ends an agreement',
    user([MANAGER]),
    Permission.SHARING_AGREEMENT_END,
    undefined,
    'Only hub admins and data protection officers end sharing agreements',
  ],
  [
    'DPO of a named party ends it',
    user([DPO]),
    Permission.SHARING_AGREEMENT_END,
    { parties: { organisationIds: ['org-a'], kinds: [] } },
    null,
  ],
  [
    'DPO of a party kind ends it',
    user([DPO]),
    Permission.SHARING_AGREEMENT_END,
    { parties: { organisationIds: [], kinds: [OrganisationKind.CHARITY] } },
    null,
  ],
  [
    'DPO of no party ends it',
    user([DPO]),
    Permission.SHARING_AGREEMENT_END,
    { parties: { organisationIds: ['org-b'], kinds: [] } },
    'Only a party to the agreement, or a hub admin, ends it',
  ],
  ['hub admin ends any', user([HUB_ADMIN]), Permission.SHARING_AGREEMENT_END, { parties: { organisationIds: ['org-b'], kinds: [] } }, null],
  ['DPO of a non-lead reads the access log', user([DPO]), Permission.ACCESS_LOG_READ, related, null],
  ['lead caseworker reads the access log', user([CASEWORKER]), Permission.ACCESS_LOG_READ, lead, null],
  [
    'non-lead caseworker reads the access log',
    user([CASEWORKER]),
    Permission.ACCESS_LOG_READ,
    related,
    'Only data protection officers and the lead organisation see who accessed a record',
  ],
  [
    'lead org admin reads the access log',
    user([ORG_ADMIN]),
    Permission.ACCESS_LOG_READ,
    lead,
    'Only data protection officers and the lead organisation see who accessed a record',
  ],
  ['manager breaks the glass', user([MANAGER]), Permission.BREAK_GLASS_OPEN, undefined, null],
  [
    'caseworker breaks the glass',
    user([CASEWORKER]),
    Permission.BREAK_GLASS_OPEN,
    undefined,
    'Only managers and data protection officers may break the glass',
  ],
  [
    'a client breaks the glass',
    client([...SCOPES]),
    Permission.BREAK_GLASS_OPEN,
    undefined,
    'Only managers and data protection officers may break the glass',
  ],
  [
    'caseworker lists break-glass grants',
    user([CASEWORKER]),
    Permission.BREAK_GLASS_LIST,
    undefined,
    'Only managers and data protection officers review break-glass access',
  ],
  ['manager records a review', user([MANAGER]), Permission.BREAK_GLASS_REVIEW, undefined, 'Only data protection officers record reviews'],
  [
    'manager answers a subject access request',
    user([MANAGER]),
    Permission.SUBJECT_ACCESS_ANSWER,
    undefined,
    'Only data protection officers answer subject access requests',
  ],
  ['DPO of the lead erases', user([DPO]), Permission.PERSON_ERASE, lead, null],
  [
    'DPO of a non-lead erases',
    user([DPO]),
    Permission.PERSON_ERASE,
    related,
    'Only the lead organisation’s data protection officer erases a record',
  ],
  ['manager erases', user([MANAGER]), Permission.PERSON_ERASE, lead, 'Only data protection officers erase records'],
  [
    'manager places a legal hold',
    user([MANAGER]),
    Permission.LEGAL_HOLD_MANAGE,
    undefined,
    'Only data protection officers place or release legal holds',
  ],
  [
    'a client changes a password',
    client([Scope.SYNC]),
    Permission.PASSWORD_CHANGE,
    undefined,
    'Only a person signed in with a password can change it',
  ],
  ['a user without roles changes its password', user([]), Permission.PASSWORD_CHANGE, undefined, null],
  ['a client without scopes reads people (then the policy narrows)', client([]), Permission.PERSON_READ, undefined, null],
  ['a commissioner reads the directory', user([COMMISSIONER]), Permission.DIRECTORY_READ, undefined, null],
];

describe('permissions: the table', () => {
  it.each(CASES)('%s', (_name, actor, permission, subject, denied) => {
    expect(permissionDenial(actor, permission, subject)).toBe(denied);
    expect(holdsPermission(actor, permission, subject)).toBe(denied === null);
  });
});

describe('permissions: properties', () => {
  it('every permission has a rule and a message', () => {
    for (const p of PERMISSIONS_LIST) {
      expect(PERMISSIONS[p]).toBeDefined();
      expect(PERMISSIONS[p].denied.length).toBeGreaterThan(0);
      expect(permissionHolders(p)).not.toBe('');
    }
  });

  it('require throws FORBIDDEN with the permission’s message, and nothing when held', () => {
    expect(() => requirePermission(user([HUB_ADMIN]), Permission.ORGANISATION_MANAGE)).not.toThrow();
    try {
      requirePermission(user([CASEWORKER]), Permission.ORGANISATION_MANAGE);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(HubError);
      expect((e as HubError).code).toBe(ErrorCode.Forbidden);
      expect((e as HubError).message).toBe('Only hub admins manage organisations');
    }
  });

  it('the data-writing permissions are held exactly by those whose policy ceiling allows writing (one source)', () => {
    for (const kind of Object.values(OrganisationKind)) {
      for (const role of ROLES) {
        const a = user([role], kind);
        expect(holdsPermission(a, Permission.PERSON_CREATE)).toBe(categoryCeiling(a, 'write').includes(DataCategory.IDENTITY));
        expect(holdsPermission(a, Permission.TASK_COMPLETE)).toBe(categoryCeiling(a, 'write').length > 0);
        expect(holdsPermission(a, Permission.TASK_READ)).toBe(categoryCeiling(a, 'read').length > 0);
      }
      for (const scope of SCOPES) {
        const a = client([scope], kind);
        expect(holdsPermission(a, Permission.SYNC_LOAD)).toBe(categoryCeiling(a, 'write').length > 0);
      }
    }
  });

  it('without a subject only the holder is checked (what a resolver declaration can know)', () => {
    expect(holdsPermission(user([CASEWORKER]), Permission.INVOLVEMENT_ADD)).toBe(true);
    expect(holdsPermission(user([CASEWORKER]), Permission.INVOLVEMENT_ADD, related)).toBe(false);
  });

  it('an unknown permission is refused (deny by default)', () => {
    expect(permissionDenial(user([HUB_ADMIN]), 'no.such' as Permission)).toBe('Unknown permission no.such');
  });
});
