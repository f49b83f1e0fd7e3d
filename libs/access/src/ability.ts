import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import { type Actor, OrganisationKind, Role, Scope } from '@hub/common';
import { type AccessAction, DATA_CATEGORIES, DataCategory } from './data-category.js';

/** What an organisation of a kind may never see or write, whatever the consent (explicit deny wins). */
export const KIND_DENIES: Partial<Record<OrganisationKind, DataCategory[]>> = {
  [OrganisationKind.EMPLOYER]: DATA_CATEGORIES.filter((c) => c !== DataCategory.IDENTITY && c !== DataCategory.EMPLOYMENT),
};

/**
 * Which roles may read or write person data at all. Admin roles administer; they do not do casework.
 * Commissioners read aggregate reports only (libs/reporting), never person data.
 */
export const ROLE_ACTIONS: Record<Role, AccessAction[]> = {
  [Role.CASEWORKER]: ['read', 'write'],
  [Role.MANAGER]: ['read', 'write'],
  [Role.DATA_PROTECTION_OFFICER]: ['read'],
  [Role.ORG_ADMIN]: [],
  [Role.HUB_ADMIN]: [],
  [Role.COMMISSIONER]: [],
};

export const SCOPE_ACTIONS: Partial<Record<Scope, AccessAction[]>> = {
  [Scope.PEOPLE_READ]: ['read'],
  [Scope.PEOPLE_WRITE]: ['read', 'write'],
  [Scope.SYNC]: ['read', 'write'],
};

type Subjects = 'PersonData' | { __caslSubjectType__: 'PersonData'; category: DataCategory };
export type HubAbility = MongoAbility<[AccessAction, Subjects]>;

/**
 * The actor-level half of the policy, as CASL rules: the categories the actor's roles (or a client's
 * scopes) and its organisation kind could ever allow. Person-level facts (relationship, consent,
 * agreements) narrow this further in policy.ts.
 */
export function abilityFor(actor: Actor): HubAbility {
  const { can, cannot, build } = new AbilityBuilder<HubAbility>(createMongoAbility);
  const actions = new Set<AccessAction>(
    actor.kind === 'user' ? actor.roles.flatMap((r) => ROLE_ACTIONS[r] ?? []) : actor.scopes.flatMap((s) => SCOPE_ACTIONS[s] ?? []),
  );
  for (const action of actions) can(action, 'PersonData');
  const denied = KIND_DENIES[actor.organisationKind] ?? [];
  if (denied.length) {
    cannot('read', 'PersonData', { category: { $in: denied } });
    cannot('write', 'PersonData', { category: { $in: denied } });
  }
  return build();
}

/** The categories the actor may ever `action`, before person-level facts. */
export function categoryCeiling(actor: Actor, action: AccessAction, ability: HubAbility = abilityFor(actor)): DataCategory[] {
  return DATA_CATEGORIES.filter((category) => ability.can(action, { __caslSubjectType__: 'PersonData', category }));
}
