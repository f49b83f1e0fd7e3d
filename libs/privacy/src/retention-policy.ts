import { DATA_CATEGORIES, DataCategory } from '@hub/access';

const YEAR = 365;

/**
 * How long the hub keeps each category of person data, in days, counted from the data's last use:
 * an intervention from when it happened; the record itself (identity, offending, risk and the other
 * fields on it) from its last activity once no organisation works with the person any more.
 * Defaults follow the usual probation practice (the record seven years after supervision ends; support
 * work six years). Override per category with RETENTION_DAYS, e.g. {"health":1095}.
 */
export const DEFAULT_RETENTION_DAYS: Record<DataCategory, number> = {
  [DataCategory.IDENTITY]: 7 * YEAR,
  [DataCategory.OFFENDING]: 7 * YEAR,
  [DataCategory.RISK]: 7 * YEAR,
  [DataCategory.HEALTH]: 6 * YEAR,
  [DataCategory.SUBSTANCE_MISUSE]: 6 * YEAR,
  [DataCategory.ETE]: 6 * YEAR,
  [DataCategory.EMPLOYMENT]: 6 * YEAR,
  [DataCategory.ACCOMMODATION]: 6 * YEAR,
  [DataCategory.FINANCE]: 6 * YEAR,
  [DataCategory.FAMILY]: 6 * YEAR,
};

export function retentionPolicy(overrides: Record<string, number>): Record<DataCategory, number> {
  const unknown = Object.keys(overrides).filter((k) => !DATA_CATEGORIES.includes(k as DataCategory));
  if (unknown.length) throw new Error(`RETENTION_DAYS names unknown data categories: ${unknown.join(', ')}`);
  return { ...DEFAULT_RETENTION_DAYS, ...overrides };
}
