import { type Actor, OrganisationKind, Role } from '@hub/common';
import { DataCategory } from './data-category.js';
import { decide, NO_FACTS, readableCategories } from './policy.js';

const actor = (roles: Role[], kind = OrganisationKind.CHARITY): Actor => ({
  kind: 'user',
  id: 'u1',
  displayName: 'U',
  organisationId: 'org',
  organisationKind: kind,
  organisationRegions: [],
  roles,
  scopes: [],
  purpose: 'casework',
  requestId: 'r',
});

describe('policy: break-glass', () => {
  const glass = { ...NO_FACTS, breakGlass: true };

  it('stands in for relationship and lawful basis when reading', () => {
    expect(decide(actor([Role.MANAGER]), 'read', DataCategory.HEALTH, glass)).toEqual({ allowed: true, reason: 'BREAK_GLASS' });
    expect(readableCategories(actor([Role.MANAGER]), glass).size).toBe(10);
    expect(decide(actor([Role.MANAGER]), 'read', DataCategory.HEALTH, NO_FACTS)).toEqual({ allowed: false, reason: 'NO_RELATIONSHIP' });
  });

  it('fills in a missing lawful basis for a related organisation', () => {
    const related = { ...NO_FACTS, related: true };
    expect(decide(actor([Role.MANAGER]), 'read', DataCategory.OFFENDING, related).reason).toBe('NO_LAWFUL_BASIS');
    expect(decide(actor([Role.MANAGER]), 'read', DataCategory.OFFENDING, { ...related, breakGlass: true }).reason).toBe('BREAK_GLASS');
  });

  it('never overrides role or organisation kind, and never allows writing', () => {
    expect(decide(actor([Role.ORG_ADMIN]), 'read', DataCategory.IDENTITY, glass).reason).toBe('ROLE');
    expect(decide(actor([Role.MANAGER], OrganisationKind.EMPLOYER), 'read', DataCategory.OFFENDING, glass).reason).toBe(
      'ORGANISATION_KIND',
    );
    expect(decide(actor([Role.MANAGER]), 'write', DataCategory.IDENTITY, glass)).toEqual({ allowed: false, reason: 'NO_RELATIONSHIP' });
  });
});
