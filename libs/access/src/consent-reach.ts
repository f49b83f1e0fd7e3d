import { type OrganisationKind, SUPPORT_AREAS } from '@hub/common';
import { KIND_DENIES } from './ability.js';
import { DataCategory } from './data-category.js';
import { organisationAreas } from './support-areas.js';

/** Why a category a consent lists can never be opened by it: the policy's reasons (policy.ts), as explainAccess gives them. */
export type ConsentGap = 'ORGANISATION_KIND' | 'PURPOSE_NOT_COVERED';

export interface ConsentReach {
  /** The categories the consent can open to its recipient (with a relationship, while in force). */
  opens: DataCategory[];
  /** Those it lists that it can never open, each with why. */
  closed: { category: DataCategory; reason: ConsentGap }[];
}

/**
 * What a consent can ever open to its recipient under the policy (decide in policy.ts, factSql.consented in fact-functions.ts over
 * access_consents of libs/consent): a category its recipient's kind is denied stays shut whatever the consent
 * (ORGANISATION_KIND: an employer never sees education and training data), and a consent given for a
 * purpose the recipient does not work in counts for none of its requests (PURPOSE_NOT_COVERED). The
 * recipient is an organisation (its kind and the areas of support it stated) or a whole kind (its
 * kind's areas). A consent to be referred (purpose `referral`) covers identity, which the relationship
 * alone opens: it is the lawful basis of the referral itself, and always takes effect.
 */
export function consentReach(
  recipient: { kind: OrganisationKind; supportAreas?: readonly string[] | null },
  purpose: string,
  categories: readonly DataCategory[],
): ConsentReach {
  if (!(SUPPORT_AREAS as string[]).includes(purpose)) return { opens: [...categories], closed: [] };
  const denied = KIND_DENIES[recipient.kind] ?? [];
  const worksIn = organisationAreas(recipient.kind, recipient.supportAreas).includes(purpose as never);
  const reach: ConsentReach = { opens: [], closed: [] };
  for (const category of categories) {
    if (category !== DataCategory.IDENTITY && denied.includes(category)) reach.closed.push({ category, reason: 'ORGANISATION_KIND' });
    else if (!worksIn) reach.closed.push({ category, reason: 'PURPOSE_NOT_COVERED' });
    else reach.opens.push(category);
  }
  return reach;
}
