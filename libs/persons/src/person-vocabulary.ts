import { registerEnumType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';

export enum IdentifierScheme {
  PROBATION_CASE_REFERENCE = 'probation_case_reference',
  PRISON_NUMBER = 'prison_number',
  PNC = 'pnc',
  NATIONAL_INSURANCE_NUMBER = 'national_insurance_number',
}
registerEnumType(IdentifierScheme, { name: 'IdentifierScheme' });

/** Progression stages of the ETE framework. */
export enum ProgressionStage {
  FINDING_YOUR_FEET = 'finding_your_feet',
  TAKING_STEPS = 'taking_steps',
  SETTING_ACTIONS = 'setting_actions',
  READY_AND_SEARCHING = 'ready_and_searching',
  READY_FOR_INTERVIEW = 'ready_for_interview',
  ADAPTING_TO_WORK = 'adapting_to_work',
}
registerEnumType(ProgressionStage, { name: 'ProgressionStage', description: 'ETE progression stage' });

export enum RiskLevel {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
  VERY_HIGH = 'very_high',
}
registerEnumType(RiskLevel, { name: 'RiskLevel' });

export enum InvolvementRole {
  LEAD = 'lead',
  PROVIDER = 'provider',
}
registerEnumType(InvolvementRole, { name: 'InvolvementRole' });

/** Which category each person field belongs to: the field mask is computed from this. */
export const PERSON_FIELD_CATEGORIES = {
  givenName: DataCategory.IDENTITY,
  familyName: DataCategory.IDENTITY,
  dateOfBirth: DataCategory.IDENTITY,
  region: DataCategory.IDENTITY,
  releaseDate: DataCategory.IDENTITY,
  identifiers: DataCategory.IDENTITY,
  offenceSummary: DataCategory.OFFENDING,
  ogrsScore: DataCategory.OFFENDING,
  riskLevel: DataCategory.RISK,
  healthNotes: DataCategory.HEALTH,
  stage: DataCategory.ETE,
} as const;
export type PersonField = keyof typeof PERSON_FIELD_CATEGORIES;
export const PERSON_FIELDS = Object.keys(PERSON_FIELD_CATEGORIES) as PersonField[];

/** Lower case, accents and punctuation removed, spaces collapsed: for matching names. */
export function normaliseName(given: string, family: string): string {
  return `${given} ${family}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Identifiers compared without spaces and in upper case. */
export function normaliseIdentifier(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}
