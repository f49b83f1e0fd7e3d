// What the portal shows per role. The API decides what each role may do, and says which reports the
// viewer may run (Viewer.reportAccess); these only keep screens out of the navigation that would be
// empty or refused for the signed-in user.
import type { Role } from './gql/graphql';

interface ViewerAccess {
  roles: Role[];
  reportAccess: { acrossOrganisations: boolean } | null;
}

/** Reports over every organisation, or one they choose (hub admins and commissioners, as the hub says). */
export function reportsAcrossOrganisations(viewer: ViewerAccess): boolean {
  return viewer.reportAccess?.acrossOrganisations ?? false;
}

/** The Outcomes page: for those the hub lets run reports (managers, hub admins and commissioners). */
export function mayReport(viewer: ViewerAccess): boolean {
  return viewer.reportAccess !== null;
}

/** Commissioners see aggregate reports only: no caseload, search, people, referrals or tasks. */
export function reportsOnly(viewer: ViewerAccess): boolean {
  return (
    viewer.roles.includes('COMMISSIONER') &&
    !viewer.roles.some((r) => r === 'CASEWORKER' || r === 'MANAGER' || r === 'DATA_PROTECTION_OFFICER')
  );
}

/** The Teams screen: the organisation's admins (and hub admins, for their own organisation), as the API's team.manage. */
export function mayManageTeams(viewer: ViewerAccess): boolean {
  return viewer.roles.some((r) => r === 'ORG_ADMIN' || r === 'HUB_ADMIN');
}

/** Assigning tasks (the API's task.assign): caseworkers and managers. */
export function mayAssignTasks(viewer: ViewerAccess): boolean {
  return viewer.roles.some((r) => r === 'CASEWORKER' || r === 'MANAGER');
}

/** Email notifications of their own (the API's notification.settings): caseworkers, managers and data protection officers. */
export function mayGetNotifications(viewer: ViewerAccess): boolean {
  return viewer.roles.some((r) => r === 'CASEWORKER' || r === 'MANAGER' || r === 'DATA_PROTECTION_OFFICER');
}

/** Recording someone new (the API's person.create) and changing a record (person.update): caseworkers and managers. */
export function mayRecordPeople(viewer: ViewerAccess): boolean {
  return viewer.roles.some((r) => r === 'CASEWORKER' || r === 'MANAGER');
}

/** The access search and break-glass review (the API's accessLog.search and breakGlass.list): data protection officers and hub admins. */
export function mayReviewAccess(viewer: ViewerAccess): boolean {
  return viewer.roles.some((r) => r === 'DATA_PROTECTION_OFFICER' || r === 'HUB_ADMIN');
}

/** Reviewing break-glass grants (breakGlass.review): data protection officers. */
export function mayReviewBreakGlass(viewer: ViewerAccess): boolean {
  return viewer.roles.includes('DATA_PROTECTION_OFFICER');
}

/** The referral rules (referralRule.manage): hub admins. */
export function mayManageRules(viewer: ViewerAccess): boolean {
  return viewer.roles.includes('HUB_ADMIN');
}

/** Organisations, the intervention catalogue and the regions (organisation.manage, catalogue.maintain, region.manage): hub admins. */
export function mayRunHub(viewer: ViewerAccess): boolean {
  return viewer.roles.includes('HUB_ADMIN');
}

/** The organisation's users and API clients (member.manage): org admins and hub admins. */
export function mayManageMembers(viewer: ViewerAccess): boolean {
  return viewer.roles.some((r) => r === 'ORG_ADMIN' || r === 'HUB_ADMIN');
}

/** Subject access and erasure for a person (subjectAccess.answer, person.erase): data protection officers. */
export function mayAnswerForData(viewer: ViewerAccess): boolean {
  return viewer.roles.includes('DATA_PROTECTION_OFFICER');
}
