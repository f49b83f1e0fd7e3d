import { type Actor, OrganisationKind, SUPPORT_AREAS, type SupportArea } from '@hub/common';

/**
 * The areas of support an organisation of a kind works in, when it has not said (Organisation.supportAreas):
 * statutory services, local authorities and charities every area, training providers and employers education,
 * training and employment, Jobcentres that and money, health services health and substance misuse, housing
 * providers accommodation and money.
 */
export const KIND_SUPPORT_AREAS: Record<OrganisationKind, readonly SupportArea[]> = {
  [OrganisationKind.PROBATION]: SUPPORT_AREAS,
  [OrganisationKind.PRISON]: SUPPORT_AREAS,
  [OrganisationKind.CHARITY]: SUPPORT_AREAS,
  [OrganisationKind.TRAINING_PROVIDER]: ['ete'],
  [OrganisationKind.EMPLOYER]: ['ete'],
  [OrganisationKind.JOBCENTRE]: ['ete', 'finance'],
  [OrganisationKind.LOCAL_AUTHORITY]: SUPPORT_AREAS,
  [OrganisationKind.HEALTH]: ['health', 'substance_misuse'],
  [OrganisationKind.HOUSING]: ['accommodation', 'finance'],
};

/** The areas of support an organisation works in: what it said, else its kind's. */
export function organisationAreas(kind: OrganisationKind, stated?: readonly string[] | null): SupportArea[] {
  const known = (stated ?? []).filter((a): a is SupportArea => (SUPPORT_AREAS as string[]).includes(a));
  return known.length > 0 ? known : [...(KIND_SUPPORT_AREAS[kind] ?? SUPPORT_AREAS)];
}

/**
 * The areas a request is for, which a lawful basis must have been given for: a stated area narrows the
 * request to it (nothing when the organisation does not work in it); any other purpose (casework,
 * referral, safeguarding, reporting) stands for all the organisation's areas.
 */
export function requestAreas(actor: Pick<Actor, 'purpose' | 'supportAreas' | 'organisationKind'>): SupportArea[] {
  const own = actor.supportAreas?.length ? actor.supportAreas : organisationAreas(actor.organisationKind);
  const stated = (SUPPORT_AREAS as string[]).includes(actor.purpose) ? (actor.purpose as SupportArea) : null;
  return stated ? own.filter((a) => a === stated) : [...own];
}
