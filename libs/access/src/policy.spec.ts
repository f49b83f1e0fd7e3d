import { OrganisationKind, Role } from '@hub/common';
import { abilityFor, categoryCeiling } from './ability.js';
import { ACCESS_CASES, caseActor, caseFacts } from './access-cases.js';
import { DATA_CATEGORIES, DataCategory } from './data-category.js';
import { decide, decideFieldChange, NO_FACTS, readableCategories } from './policy.js';
import { Scope } from '@hub/common';

describe('access policy: the table', () => {
  it.each(ACCESS_CASES.map((k) => [k.name, k] as const))('%s', (_name, k) => {
    const actor = caseActor(k);
    const owner = k.own ? actor.organisationId : 'someone-else';
    expect(decide(actor, k.action, k.category, caseFacts(k, actor), owner).allowed).toBe(k.allowed);
  });
});

describe('access policy: properties', () => {
  const caseworker = (kind: OrganisationKind) =>
    caseActor({
      name: 'x',
      kind,
      roles: [Role.CASEWORKER],
      related: true,
      consented: [],
      agreed: [],
      action: 'read',
      category: DataCategory.IDENTITY,
      allowed: true,
    });

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
    expect(decide(caseworker(OrganisationKind.EMPLOYER), 'read', DataCategory.HEALTH, { ...NO_FACTS, related: true }).reason).toBe(
      'ORGANISATION_KIND',
    );
    expect(decide({ ...charity, roles: [Role.ORG_ADMIN] }, 'read', DataCategory.HEALTH, { ...NO_FACTS, related: true }).reason).toBe(
      'ROLE',
    );
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

describe('changing a field of the shared record', () => {
  const facts = [
    NO_FACTS,
    { related: true, lead: false, consented: new Set<DataCategory>(), agreed: new Set<DataCategory>() },
    { related: true, lead: true, consented: new Set([DataCategory.HEALTH]), agreed: new Set([DataCategory.ETE]) },
    { related: true, lead: false, consented: new Set<DataCategory>(), agreed: new Set<DataCategory>(), breakGlass: true },
    { related: false, lead: false, consented: new Set(DATA_CATEGORIES), agreed: new Set(DATA_CATEGORIES), breakGlass: true },
  ];
  const actors = Object.values(OrganisationKind).flatMap((kind) => [
    ...Object.values(Role).map((role) =>
      caseActor({
        name: role,
        kind,
        roles: [role],
        related: true,
        consented: [],
        agreed: [],
        action: 'read',
        category: DataCategory.IDENTITY,
        allowed: true,
      }),
    ),
    ...Object.values(Scope).map((scope) =>
      caseActor({
        name: scope,
        kind,
        roles: [],
        client: [scope],
        related: true,
        consented: [],
        agreed: [],
        action: 'read',
        category: DataCategory.IDENTITY,
        allowed: true,
      }),
    ),
  ]);

  it('is allowed exactly when the actor may write the category and read it other than by break-glass', () => {
    let allowed = 0;
    for (const actor of actors) {
      for (const f of facts) {
        for (const category of DATA_CATEGORIES) {
          const read = decide(actor, 'read', category, f);
          const expected = decide(actor, 'write', category, f).allowed && read.allowed && read.reason !== 'BREAK_GLASS';
          expect({
            actor: actor.displayName,
            kind: actor.organisationKind,
            category,
            allowed: decideFieldChange(actor, category, f).allowed,
          }).toEqual({ actor: actor.displayName, kind: actor.organisationKind, category, allowed: expected });
          if (expected) allowed++;
        }
      }
    }
    expect(allowed).toBeGreaterThan(0);
  });

  it('refuses a training provider risk, offending and health without a lawful basis, in the terms of the rules', () => {
    const trainer = caseActor({
      name: 't',
      kind: OrganisationKind.TRAINING_PROVIDER,
      roles: [Role.CASEWORKER],
      related: true,
      consented: [],
      agreed: [],
      action: 'write',
      category: DataCategory.RISK,
      allowed: false,
    });
    const f = { related: true, lead: false, consented: new Set([DataCategory.ETE]), agreed: new Set<DataCategory>() };
    for (const category of [DataCategory.RISK, DataCategory.OFFENDING, DataCategory.HEALTH])
      expect(decideFieldChange(trainer, category, f)).toEqual({ allowed: false, reason: 'NO_LAWFUL_BASIS' });
    expect(decideFieldChange(trainer, DataCategory.ETE, f)).toMatchObject({ allowed: true, basis: 'consent' });
  });
});
