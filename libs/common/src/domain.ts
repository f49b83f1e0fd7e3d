/** Vocabulary shared by every domain lib. */

export enum OrganisationKind {
  PROBATION = 'probation',
  PRISON = 'prison',
  CHARITY = 'charity',
  TRAINING_PROVIDER = 'training_provider',
  EMPLOYER = 'employer',
  JOBCENTRE = 'jobcentre',
  LOCAL_AUTHORITY = 'local_authority',
  HEALTH = 'health',
  HOUSING = 'housing',
}
export const ORGANISATION_KINDS = Object.values(OrganisationKind);

export enum Role {
  CASEWORKER = 'caseworker',
  MANAGER = 'manager',
  ORG_ADMIN = 'org_admin',
  DATA_PROTECTION_OFFICER = 'data_protection_officer',
  HUB_ADMIN = 'hub_admin',
  /** Reads aggregate outcome reports over every organisation; no person data, no administration. */
  COMMISSIONER = 'commissioner',
}
export const ROLES = Object.values(Role);

/** Scopes an API client may hold. */
export enum Scope {
  PEOPLE_READ = 'people:read',
  PEOPLE_WRITE = 'people:write',
  REFERRALS_WRITE = 'referrals:write',
  SYNC = 'sync',
  REPORTS_READ = 'reports:read',
}
export const SCOPES = Object.values(Scope);

/** Probation regions of England and Wales. */
export const REGIONS = [
  'north_east',
  'north_west',
  'yorkshire_humber',
  'east_midlands',
  'west_midlands',
  'east_of_england',
  'london',
  'kent_surrey_sussex',
  'south_west',
  'south_central',
  'greater_manchester',
  'wales',
] as const;
export type Region = (typeof REGIONS)[number];

/**
 * REGIONS are the regions the hub started with (migration RegionVocabulary seeds them); the vocabulary
 * itself is data hub admins maintain (the organisations lib's RegionsService). At most REGIONS_MAX
 * regions, each with at most REGION_SYNONYMS_MAX other names.
 */
export const REGIONS_MAX = 100;
export const REGION_SYNONYMS_MAX = 200;
