import type { OrganisationKind, Role, Scope } from './domain.js';

/**
 * The areas of support a lawful basis is given for (a consent's purpose, an agreement's purposes) and a
 * request may state as its purpose of use (casework in that area only).
 */
export type SupportArea = 'ete' | 'accommodation' | 'health' | 'substance_misuse' | 'finance' | 'family';
export const SUPPORT_AREAS: SupportArea[] = ['ete', 'accommodation', 'health', 'substance_misuse', 'finance', 'family'];

/**
 * Why a request is being made. Recorded with every access; the lawful basis must allow it: general
 * purposes stand for the organisation's own areas of support, an area narrows the request to that area.
 */
export type Purpose = 'casework' | 'referral' | 'safeguarding' | 'reporting' | SupportArea;
export const PURPOSES: Purpose[] = ['casework', 'referral', 'safeguarding', 'reporting', ...SUPPORT_AREAS];

/** The purposes as a GraphQL enum (an argument may state the purpose instead of the X-Purpose header). */
export enum PurposeOfUse {
  CASEWORK = 'casework',
  REFERRAL = 'referral',
  SAFEGUARDING = 'safeguarding',
  REPORTING = 'reporting',
  /** Casework for education, training and employment only. */
  ETE = 'ete',
  ACCOMMODATION = 'accommodation',
  HEALTH = 'health',
  SUBSTANCE_MISUSE = 'substance_misuse',
  FINANCE = 'finance',
  FAMILY = 'family',
}

/** Who, within an organisation that works with a person, may open the record (see Organisation.visibility). */
export type CaseVisibility = 'organisation' | 'team_and_region';
export enum CaseVisibilityRule {
  /** Everyone of the organisation with a casework role. */
  ORGANISATION = 'organisation',
  /** A caseworker or manager: people allocated to them or their teams, or living in their regions. */
  TEAM_AND_REGION = 'team_and_region',
}

/** The authenticated caller of a request: a person using the hub, or an API client of an organisation. */
export interface Actor {
  kind: 'user' | 'client';
  id: string;
  displayName: string;
  email?: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationRegions: string[];
  roles: Role[];
  scopes: Scope[];
  purpose: Purpose;
  requestId: string;
  /** The user's own regions (a region-scoped organisation shows a user the people of these regions). */
  regions?: string[];
  /** The teams the user belongs to. */
  teamIds?: string[];
  /**
   * The organisation's visibility rule as it applies to this actor: 'team_and_region' narrows a caseworker's
   * or manager's reach to their allocated people, their teams' and their regions'; absent means 'organisation'.
   */
  visibility?: CaseVisibility;
  /** The organisation's areas of support (what its casework is for); absent means every area. */
  supportAreas?: SupportArea[];
  /** A user whose password was reset: until it is changed, only changing it (and `viewer`) is allowed. */
  passwordChangeRequired?: boolean;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}
