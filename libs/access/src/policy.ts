import { type Actor, Role } from '@hub/common';
import { categoryCeiling } from './ability.js';
import { type AccessAction, DATA_CATEGORIES, DataCategory } from './data-category.js';

/** What the hub knows about one person in relation to the actor's organisation. */
export interface PersonFacts {
  /** The organisation works with the person (active involvement, or an open referral to it). */
  related: boolean;
  /** Its involvement is as lead. */
  lead: boolean;
  /** Categories covered by a consent in force given to the organisation or its kind. */
  consented: ReadonlySet<DataCategory>;
  /** Categories covered by a sharing agreement in force to which the organisation is party. */
  agreed: ReadonlySet<DataCategory>;
  /** The actor holds a break-glass grant in force on the person: counts as relationship and lawful basis. */
  breakGlass?: boolean;
  /** Categories a consent or agreement covers for another purpose than the request's only (to explain a refusal). */
  otherPurpose?: ReadonlySet<DataCategory>;
  /** The person is allocated, in the actor's organisation, to the acting user. */
  allocatedToMe?: boolean;
  /** The person is allocated to one of the user's teams, or lives in one of the user's regions. */
  inTeamOrRegion?: boolean;
  /** A restriction in force on the person does not list the actor: to it, the record does not exist. */
  restricted?: boolean;
  /** Every restriction that does not list the actor lets a break-glass grant open the record. */
  restrictionYields?: boolean;
  /** An exclusion in force on the person lists the actor: to it, the record does not exist, whatever else allows it. */
  excluded?: boolean;
}

export const NO_FACTS: PersonFacts = { related: false, lead: false, consented: new Set(), agreed: new Set(), breakGlass: false };

export type DenyReason =
  | 'ROLE'
  | 'ORGANISATION_KIND'
  | 'NO_RELATIONSHIP'
  | 'NO_LAWFUL_BASIS'
  | 'PURPOSE_NOT_COVERED'
  | 'NOT_IN_YOUR_TEAM_OR_REGION'
  | 'RESTRICTED';

/**
 * Whether the organisation's team-and-region rule narrows this actor: its caseworkers and managers; not
 * its data protection officers (they answer for the whole organisation) nor its API clients (systems).
 */
export function teamScoped(actor: Actor): boolean {
  return actor.kind === 'user' && actor.visibility === 'team_and_region' && !actor.roles.includes(Role.DATA_PROTECTION_OFFICER);
}

/** The caseworker-level gates, before any other rule: a restriction or exclusion, then the team-and-region rule. */
export function caseGate(actor: Actor, facts: PersonFacts): 'RESTRICTED' | 'NOT_IN_YOUR_TEAM_OR_REGION' | null {
  if (facts.excluded || facts.restricted) return 'RESTRICTED';
  if (teamScoped(actor) && !facts.allocatedToMe && !facts.inTeamOrRegion) return 'NOT_IN_YOUR_TEAM_OR_REGION';
  return null;
}

export type AllowReason = 'OWN_DATA' | 'RELATIONSHIP_AND_LAWFUL_BASIS' | 'RELATIONSHIP' | 'BREAK_GLASS';

export interface Decision {
  allowed: boolean;
  /** Why it is allowed or not, in the policy's terms (never in terms of the hidden data). */
  reason: AllowReason | DenyReason;
  basis?: 'consent' | 'agreement';
}

/**
 * The policy, as a pure function. Nothing without a role (or scope) that allows the action. Nothing of a
 * record restricted to others or from which the actor is excluded. Within a team-and-region organisation,
 * a caseworker's or manager's people only (allocated to them or their teams, or in their regions). Then:
 * the organisation's own data, always; anyone else's only with all of no deny for the organisation's
 * kind, a relationship with the person, and a lawful basis (consent or agreement) for the category given
 * for the request's purpose (the organisation's areas of support, or the one area the request states).
 * Identity data (who the person is) and writing (logging one's own work) need the relationship only.
 * A break-glass grant in force stands in for both relationship and lawful basis when reading (never for role or kind, never for writing);
 * it opens a record outside the user's teams and regions, and a restricted one only where the restriction allows it, never an exclusion.
 * Everything else is denied. compileScope (scope.ts) is the same function as SQL.
 */
export function decide(
  actor: Actor,
  action: AccessAction,
  category: DataCategory,
  facts: PersonFacts,
  ownerOrganisationId?: string | null,
  ceiling: readonly DataCategory[] = categoryCeiling(actor, action),
): Decision {
  if (ceiling.length === 0) return { allowed: false, reason: 'ROLE' };
  const gate = caseGate(actor, facts);
  if (gate) {
    const glass = action === 'read' && facts.breakGlass && !facts.excluded && (gate !== 'RESTRICTED' || facts.restrictionYields);
    if (glass && ceiling.includes(category)) return { allowed: true, reason: 'BREAK_GLASS' };
    return { allowed: false, reason: gate === 'RESTRICTED' || facts.related ? gate : 'NO_RELATIONSHIP' };
  }
  if (ownerOrganisationId && ownerOrganisationId === actor.organisationId) return { allowed: true, reason: 'OWN_DATA' };
  if (!ceiling.includes(category)) return { allowed: false, reason: 'ORGANISATION_KIND' };
  if (!facts.related)
    return facts.breakGlass && action === 'read' ? { allowed: true, reason: 'BREAK_GLASS' } : { allowed: false, reason: 'NO_RELATIONSHIP' };
  if (category === DataCategory.IDENTITY) return { allowed: true, reason: 'RELATIONSHIP' };
  if (action === 'write') return { allowed: true, reason: 'RELATIONSHIP' };
  if (facts.consented.has(category)) return { allowed: true, reason: 'RELATIONSHIP_AND_LAWFUL_BASIS', basis: 'consent' };
  if (facts.agreed.has(category)) return { allowed: true, reason: 'RELATIONSHIP_AND_LAWFUL_BASIS', basis: 'agreement' };
  if (facts.breakGlass) return { allowed: true, reason: 'BREAK_GLASS' }; // (reads only: writes returned above)
  if (facts.otherPurpose?.has(category)) return { allowed: false, reason: 'PURPOSE_NOT_COVERED' };
  return { allowed: false, reason: 'NO_LAWFUL_BASIS' };
}

/**
 * Changing a field of the person's shared record (offence, OGRS score, risk, health notes, stage, identity
 * fields): not a row of one's own (as an intervention is) but the one value every partner sees. Allowed
 * only when the actor may both write and read that category of the person now: nobody overwrites a value
 * it may not see, nor puts into the shared record what it could not read back (so an organisation always
 * sees what it wrote, for as long as it may read it at all). A break-glass grant opens reading only, never
 * changing. The one decision for updating, creating with values, syncing and explaining a write.
 */
export function decideFieldChange(actor: Actor, category: DataCategory, facts: PersonFacts): Decision {
  const write = decide(actor, 'write', category, facts);
  if (!write.allowed) return write;
  const read = decide(actor, 'read', category, facts);
  if (read.reason === 'BREAK_GLASS') return { allowed: false, reason: 'NO_LAWFUL_BASIS' };
  return read;
}

/**
 * The facts an organisation has about a record it is creating: related (its own involvement), allocated to
 * the user creating it (the record is allocated to them with it), no consent yet, its agreements for the request's purpose.
 */
export function newRecordFacts(lead: boolean, agreed: ReadonlySet<DataCategory>): PersonFacts {
  return { related: true, lead, consented: new Set(), agreed, breakGlass: false, allocatedToMe: true };
}

/** The categories of a person's data (written by others) the actor may read. */
export function readableCategories(actor: Actor, facts: PersonFacts): Set<DataCategory> {
  const ceiling = categoryCeiling(actor, 'read');
  return new Set(DATA_CATEGORIES.filter((c) => decide(actor, 'read', c, facts, null, ceiling).allowed));
}
