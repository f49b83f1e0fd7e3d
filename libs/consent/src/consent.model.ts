import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';
import { OrganisationKind } from '@hub/common';
import { ConsentMethod, ConsentPurpose, ConsentStatus, LawfulBasis } from './consent-vocabulary.js';

@ObjectType('Consent', { description: "A person's consent to share categories of data with an organisation or a kind of organisation" })
export class ConsentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field(() => ConsentPurpose)
  purpose: ConsentPurpose;

  @Field(() => [DataCategory])
  categories: DataCategory[];

  @Field(() => ID, { nullable: true })
  organisationId: string | null;

  @Field(() => OrganisationKind, { nullable: true })
  organisationKind: OrganisationKind | null;

  @Field(() => ConsentMethod)
  method: ConsentMethod;

  @Field(() => String, { nullable: true })
  evidenceNote: string | null;

  @Field()
  givenAt: Date;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  withdrawnAt: Date | null;

  @Field(() => String, { nullable: true })
  withdrawnReason: string | null;

  @Field(() => ConsentStatus)
  status: ConsentStatus;

  @Field(() => ID)
  recordedByOrganisationId: string;
}

@ObjectType('SharingAgreement', { description: 'An information sharing agreement between organisations or kinds of organisation' })
export class SharingAgreementModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => [ID])
  partyOrganisationIds: string[];

  @Field(() => [OrganisationKind])
  partyKinds: OrganisationKind[];

  @Field(() => [ConsentPurpose])
  purposes: ConsentPurpose[];

  @Field(() => [DataCategory])
  categories: DataCategory[];

  @Field(() => LawfulBasis)
  lawfulBasis: LawfulBasis;

  @Field(() => String, { nullable: true })
  statutoryReference: string | null;

  @Field()
  validFrom: Date;

  @Field(() => Date, { nullable: true })
  validTo: Date | null;

  @Field()
  inForce: boolean;

  @Field(() => String, { nullable: true, description: 'Why the agreement was ended (endSharingAgreement); null while it runs its course' })
  endedReason: string | null;
}

@ObjectType('ConsentPurposeCoverage', {
  description: 'A purpose a consent may be given for, and the data categories it covers when the caseworker lists none',
})
export class ConsentPurposeCoverageModel {
  @Field(() => ConsentPurpose)
  purpose: ConsentPurpose;

  @Field(() => [DataCategory])
  categories: DataCategory[];
}
