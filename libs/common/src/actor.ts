import type { OrganisationKind, Role, Scope } from './domain.js';

/** Why a request is being made. Recorded with every access; rules may depend on it. */
export type Purpose = 'casework' | 'referral' | 'safeguarding' | 'reporting';
export const PURPOSES: Purpose[] = ['casework', 'referral', 'safeguarding', 'reporting'];

/** The purposes as a GraphQL enum (an argument may state the purpose instead of the X-Purpose header). */
export enum PurposeOfUse {
  CASEWORK = 'casework',
  REFERRAL = 'referral',
  SAFEGUARDING = 'safeguarding',
  REPORTING = 'reporting',
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
  /** A user whose password was reset: until it is changed, only changing it (and `viewer`) is allowed. */
  passwordChangeRequired?: boolean;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}
