import { type Actor, OrganisationKind, Role } from '@hub/common';
import { AdminPolicy } from './admin-policy.js';

const actor = (roles: Role[], kind: Actor['kind'] = 'user', organisationId = 'org-a'): Actor => ({
  kind,
  id: 'u1',
  displayName: 'x',
  organisationId,
  organisationKind: OrganisationKind.CHARITY,
  organisationRegions: [],
  roles,
  scopes: [],
  purpose: 'casework',
  requestId: 'r',
});

describe('AdminPolicy', () => {
  it.each([
    [[Role.HUB_ADMIN], 'user', true],
    [[Role.ORG_ADMIN], 'user', false],
    [[Role.CASEWORKER, Role.MANAGER], 'user', false],
    [[Role.HUB_ADMIN], 'client', false],
    [[Role.COMMISSIONER], 'user', false],
  ] as const)('manage organisations: %j %s -> %s', (roles, kind, allowed) => {
    expect(AdminPolicy.canManageOrganisations(actor([...roles], kind))).toBe(allowed);
  });

  it.each([
    [[Role.ORG_ADMIN], 'org-a', true],
    [[Role.ORG_ADMIN], 'org-b', false],
    [[Role.HUB_ADMIN], 'org-b', true],
    [[Role.MANAGER], 'org-a', false],
    [[Role.DATA_PROTECTION_OFFICER], 'org-a', false],
    [[Role.COMMISSIONER], 'org-a', false],
  ] as const)('manage members: %j of %s -> %s', (roles, org, allowed) => {
    expect(AdminPolicy.canManageMembersOf(actor([...roles]), org)).toBe(allowed);
  });

  it('only hub admins grant hub admin', () => {
    expect(AdminPolicy.canGrantRoles(actor([Role.ORG_ADMIN]), [Role.HUB_ADMIN])).toBe(false);
    expect(AdminPolicy.canGrantRoles(actor([Role.ORG_ADMIN]), [Role.CASEWORKER])).toBe(true);
    expect(AdminPolicy.canGrantRoles(actor([Role.HUB_ADMIN]), [Role.HUB_ADMIN])).toBe(true);
  });

  it('only hub admins grant the commissioner role, or change a commissioner', () => {
    expect(AdminPolicy.canGrantRoles(actor([Role.ORG_ADMIN]), [Role.COMMISSIONER])).toBe(false);
    expect(AdminPolicy.canGrantRoles(actor([Role.ORG_ADMIN]), [Role.CASEWORKER, Role.COMMISSIONER])).toBe(false);
    expect(AdminPolicy.canGrantRoles(actor([Role.COMMISSIONER]), [Role.COMMISSIONER])).toBe(false);
    expect(AdminPolicy.canGrantRoles(actor([Role.HUB_ADMIN]), [Role.COMMISSIONER])).toBe(true);
    expect(AdminPolicy.canChangeUser(actor([Role.ORG_ADMIN]), [Role.COMMISSIONER])).toBe(false);
    expect(AdminPolicy.canChangeUser(actor([Role.ORG_ADMIN]), [Role.MANAGER])).toBe(true);
    expect(AdminPolicy.canChangeUser(actor([Role.HUB_ADMIN]), [Role.COMMISSIONER])).toBe(true);
  });
});
