// What the portal shows per role. The API decides what each role may do; these only keep screens
// out of the navigation that would be empty or refused for the signed-in user.

interface HasRoles {
  roles: string[];
}

/** Hub admins and commissioners report over every organisation, or one they choose. */
export function reportsAcrossOrganisations(viewer: HasRoles): boolean {
  return viewer.roles.includes('HUB_ADMIN') || viewer.roles.includes('COMMISSIONER');
}

/** The Outcomes page: managers (their own organisation), hub admins and commissioners. */
export function mayReport(viewer: HasRoles): boolean {
  return viewer.roles.includes('MANAGER') || reportsAcrossOrganisations(viewer);
}

/** Commissioners see aggregate reports only: no caseload, search, people, referrals or tasks. */
export function reportsOnly(viewer: HasRoles): boolean {
  return viewer.roles.includes('COMMISSIONER') && !viewer.roles.some((r) => r === 'CASEWORKER' || r === 'MANAGER' || r === 'DATA_PROTECTION_OFFICER');
}
