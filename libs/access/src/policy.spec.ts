import { OrganisationKind, Role } from '@hub/common';
import { abilityFor, categoryCeiling } from './ability.js';
import { ACCESS_CASES, caseActor, caseFacts } from './access-cases.js';
import { DATA_CATEGORIES, DataCategory } from './data-category.js';
import { decide, NO_FACTS, readableCategories } from './policy.js';

describe('access policy: the table', () => {
  it.each(ACCESS_CASES.map((k) => [k.name, k] as const))('%s', (_name, k) => {
    const actor = caseActor(k);
    const owner = k.own ? actor.organisationId : 'someone-else';
    expect(decide(actor, k.action, k.category, caseFacts(k), owner).allowed).toBe(k.allowed);
  });
});

describe('access policy: properties', () => {
  const caseworker = (kind: OrganisationKind) => caseActor({ name: 'x', kind, roles: [Role.CASEWORKER], related: true, consented: [], agreed: [], action: 'read', category: DataCategory.IDENTITY, allowed: true });

  it('denies everything by default (no facts)', () => {
    for (const kind of Object.values(OrganisationKind)) {
      for (const category of DATA_CATEGORIES) expect(decide(caseworker(kind), 'read', category, NO_FACTS).allowed).toBe(false);
    }
  });

  it('an explicit deny wins over any consent or agreement', () => {
    const employer = caseworker(OrganisationKind.EMPLOYER);
    const everything = { related: true, lead: true, consented: new Set(DATA_CATEGORIES), agreed: new Set(DATA_CATEGORIES) };
    expect([...readableCategories(employer, everything)].sort()).toEqual([DataCategory.EMPLOYMENT, DataCategory.IDENTITY]);
    expect(abilityFor(employer).can('read', { __caslSubjectType__: 'PersonData', category: DataCategory.OFFENDING } as never)).toBe(false);
  });

  it('explains denials in terms of the rules', () => {
    const charity = caseworker(OrganisationKind.CHARITY);
    expect(decide(charity, 'read', DataCategory.HEALTH, NO_FACTS).reason).toBe('NO_RELATIONSHIP');
    expect(decide(charity, 'read', DataCategory.HEALTH, { ...NO_FACTS, related: true }).reason).toBe('NO_LAWFUL_BASIS');
    expect(decide(caseworker(OrganisationKind.EMPLOYER), 'read', DataCategory.HEALTH, { ...NO_FACTS, related: true }).reason).toBe('ORGANISATION_KIND');
    expect(decide({ ...charity, roles: [Role.ORG_ADMIN] }, 'read', DataCategory.HEALTH, { ...NO_FACTS, related: true }).reason).toBe('ROLE');
  });

  it('the ceiling of an admin role is empty', () => {
    expect(categoryCeiling({ ...caseworker(OrganisationKind.PROBATION), roles: [Role.HUB_ADMIN] }, 'read')).toEqual([]);
  });

  it('a commissioner may neither read nor write any category of person data', () => {
    const commissioner = { ...caseworker(OrganisationKind.PROBATION), roles: [Role.COMMISSIONER] };
    expect(categoryCeiling(commissioner, 'read')).toEqual([]);
    expect(categoryCeiling(commissioner, 'write')).toEqual([]);
    const everything = { related: true, lead: true, consented: new Set(DATA_CATEGORIES), agreed: new Set(DATA_CATEGORIES) };
    expect([...readableCategories(commissioner, everything)]).toEqual([]);
    expect(decide(commissioner, 'read', DataCategory.IDENTITY, everything, commissioner.organisationId).reason).toBe('ROLE');
  });
});
