import { registerEnumType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';

export enum ConsentPurpose {
  ETE = 'ete',
  ACCOMMODATION = 'accommodation',
  HEALTH = 'health',
  SUBSTANCE_MISUSE = 'substance_misuse',
  FINANCE = 'finance',
  FAMILY = 'family',
  /**
   * To be referred to the organisation (or kind): the lawful basis of a referral itself, which shares
   * the person's identity with the receiver. Covers identity only.
   */
  REFERRAL = 'referral',
}
registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'What the person agreed their data may be shared for (REFERRAL: to be referred to the organisation or kind)',
});

/** Categories a consent for a purpose covers when the caseworker does not list them. */
export const PURPOSE_CATEGORIES: Record<ConsentPurpose, DataCategory[]> = {
  [ConsentPurpose.ETE]: [DataCategory.ETE, DataCategory.EMPLOYMENT],
  [ConsentPurpose.ACCOMMODATION]: [DataCategory.ACCOMMODATION],
  [ConsentPurpose.HEALTH]: [DataCategory.HEALTH],
  [ConsentPurpose.SUBSTANCE_MISUSE]: [DataCategory.SUBSTANCE_MISUSE],
  [ConsentPurpose.FINANCE]: [DataCategory.FINANCE],
  [ConsentPurpose.FAMILY]: [DataCategory.FAMILY],
  [ConsentPurpose.REFERRAL]: [DataCategory.IDENTITY],
};

export enum ConsentMethod {
  VERBAL = 'verbal',
  SIGNED_FORM = 'signed_form',
  ELECTRONIC = 'electronic',
}
registerEnumType(ConsentMethod, { name: 'ConsentMethod', description: 'How the person gave consent' });

export enum LawfulBasis {
  PUBLIC_TASK = 'public_task',
  LEGAL_OBLIGATION = 'legal_obligation',
  LEGITIMATE_INTERESTS = 'legitimate_interests',
  CONSENT = 'consent',
}
registerEnumType(LawfulBasis, { name: 'LawfulBasis', description: 'UK GDPR Article 6 basis of a sharing agreement' });

export enum ConsentStatus {
  IN_FORCE = 'in_force',
  EXPIRED = 'expired',
  WITHDRAWN = 'withdrawn',
}
registerEnumType(ConsentStatus, { name: 'ConsentStatus' });
