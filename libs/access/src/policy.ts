import type { Actor } from '@hub/common';
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
}

export const NO_FACTS: PersonFacts = { related: false, lead: false, consented: new Set(), agreed: new Set(), breakGlass: false };

export type DenyReason = 'ROLE' | 'ORGANISATION_KIND' | 'NO_RELATIONSHIP' | 'NO_LAWFUL_BASIS';

export interface Decision {
  allowed: boolean;
  /** Why it is allowed or not, in the policy's terms (never in terms of the hidden data). */
  reason: 'OWN_DATA' | 'RELATIONSHIP_AND_LAWFUL_BASIS' | 'RELATIONSHIP' | 'BREAK_GLASS' | DenyReason;
  basis?: 'consent' | 'agreement';
}

/**
 * The policy, as a pure function. Nothing without a role (or scope) that allows the action. Then:
 * the organisation's own data, always; anyone else's only with all of no deny for the organisation's
 * kind, a relationship with the person, and a lawful basis (consent or agreement) for the category.
 * Identity data (who the person is) and writing (logging one's own work) need the relationship only.
 * A break-glass grant in force stands in for both relationship and lawful basis when reading (never for role or kind, never for writing).
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
  if (ownerOrganisationId && ownerOrganisationId === actor.organisationId) return { allowed: true, reason: 'OWN_DATA' };
  if (!ceiling.includes(category)) return { allowed: false, reason: 'ORGANISATION_KIND' };
  if (!facts.related)
    return facts.breakGlass && action === 'read' ? { allowed: true, reason: 'BREAK_GLASS' } : { allowed: false, reason: 'NO_RELATIONSHIP' };
  if (category === DataCategory.IDENTITY) return { allowed: true, reason: 'RELATIONSHIP' };
  if (action === 'write') return { allowed: true, reason: 'RELATIONSHIP' };
  if (facts.consented.has(category)) return { allowed: true, reason: 'RELATIONSHIP_AND_LAWFUL_BASIS', basis: 'consent' };
  if (facts.agreed.has(category)) return { allowed: true, reason: 'RELATIONSHIP_AND_LAWFUL_BASIS', basis: 'agreement' };
  if (facts.breakGlass) return { allowed: true, reason: 'BREAK_GLASS' }; // (reads only: writes returned above)
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

/** The facts an organisation has about a record it is creating: related (its own involvement), no consent yet, its agreements. */
export function newRecordFacts(lead: boolean, agreed: ReadonlySet<DataCategory>): PersonFacts {
  return { related: true, lead, consented: new Set(), agreed, breakGlass: false };
}

/** The categories of a person's data (written by others) the actor may read. */
export function readableCategories(actor: Actor, facts: PersonFacts): Set<DataCategory> {
  const ceiling = categoryCeiling(actor, 'read');
  return new Set(DATA_CATEGORIES.filter((c) => decide(actor, 'read', c, facts, null, ceiling).allowed));
}
