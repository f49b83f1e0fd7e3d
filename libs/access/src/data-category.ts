import { registerEnumType } from '@nestjs/graphql';

/** Every piece of person data belongs to one category; access is decided per category. */
export enum DataCategory {
  IDENTITY = 'identity',
  OFFENDING = 'offending',
  RISK = 'risk',
  HEALTH = 'health',
  SUBSTANCE_MISUSE = 'substance_misuse',
  ETE = 'ete',
  EMPLOYMENT = 'employment',
  ACCOMMODATION = 'accommodation',
  FINANCE = 'finance',
  FAMILY = 'family',
}
export const DATA_CATEGORIES = Object.values(DataCategory);
registerEnumType(DataCategory, { name: 'DataCategory', description: 'The kind of person data, the unit of access control' });

export type AccessAction = 'read' | 'write';
