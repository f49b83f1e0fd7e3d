import { type Actor, ErrorCode, HubError, OrganisationKind, Role, Scope } from '@hub/common';
import { reportScope } from './report-scope.js';

const actor = (roles: Role[], scopes: Scope[] = []): Actor => ({
  kind: scopes.length ? 'client' : 'user',
  id: 'a',
  displayName: 'a',
  organisationId: 'org-a',
  organisationKind: OrganisationKind.PROBATION,
  organisationRegions: [],
  roles,
  scopes,
  purpose: 'reporting',
  requestId: 'r',
});

const code = (f: () => unknown) => {
  try {
    f();
    return 'OK';
  } catch (err) {
    return err instanceof HubError ? err.code : 'OTHER';
  }
};

describe('reportScope', () => {
  it.each([Role.HUB_ADMIN, Role.COMMISSIONER])('%s: every organisation, or any one of them', (role) => {
    expect(reportScope(actor([role]))).toEqual({ organisationId: null, label: 'all organisations' });
    expect(reportScope(actor([role]), 'org-b').organisationId).toBe('org-b');
  });

  it('managers and reports:read clients: their own organisation only', () => {
    expect(reportScope(actor([Role.MANAGER])).organisationId).toBe('org-a');
    expect(reportScope(actor([], [Scope.REPORTS_READ])).organisationId).toBe('org-a');
    expect(code(() => reportScope(actor([Role.MANAGER]), 'org-b'))).toBe(ErrorCode.Forbidden);
  });

  it.each([[Role.CASEWORKER], [Role.ORG_ADMIN], [Role.DATA_PROTECTION_OFFICER]])('%s: no reports', (role) => {
    expect(code(() => reportScope(actor([role])))).toBe(ErrorCode.Forbidden);
  });
});
