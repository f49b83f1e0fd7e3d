import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DataCategory } from '@hub/access';
import { OrganisationKind } from '@hub/common';
import { ConsentMethod, ConsentPurpose, LawfulBasis } from './consent-vocabulary.js';

@InputType()
export class GrantConsentInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => ConsentPurpose)
  @IsEnum(ConsentPurpose)
  purpose: ConsentPurpose;

  @Field(() => [DataCategory], { nullable: true, description: 'Defaults to the categories of the purpose' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(DataCategory, { each: true })
  categories?: DataCategory[];

  @Field(() => ID, { nullable: true, description: 'The organisation the person consents to share with (or give organisationKind)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => OrganisationKind, { nullable: true, description: 'Every organisation of this kind' })
  @IsOptional()
  @IsEnum(OrganisationKind)
  organisationKind?: OrganisationKind;

  @Field(() => ConsentMethod)
  @IsEnum(ConsentMethod)
  method: ConsentMethod;

  @Field({ description: 'Consent is recorded with the person present: must be true' })
  @IsBoolean()
  @Equals(true, { message: 'consent is recorded only with the person present' })
  personPresent: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  evidenceNote?: string;

  @Field(() => String, { nullable: true, description: 'ISO date-time; must be in the future' })
  @IsOptional()
  @IsDateString()
  expiresAt?: string;
}

@InputType()
export class WithdrawConsentInput {
  @Field(() => ID)
  @IsUUID()
  consentId: string;

  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

@InputType()
export class CreateSharingAgreementInput {
  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @Field(() => [ID], { defaultValue: [], description: 'At most 100' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  partyOrganisationIds: string[];

  @Field(() => [OrganisationKind], { defaultValue: [] })
  @IsArray()
  @IsEnum(OrganisationKind, { each: true })
  partyKinds: OrganisationKind[];

  @Field(() => [ConsentPurpose])
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(ConsentPurpose, { each: true })
  purposes: ConsentPurpose[];

  @Field(() => [DataCategory])
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(DataCategory, { each: true })
  categories: DataCategory[];

  @Field(() => LawfulBasis)
  @IsEnum(LawfulBasis)
  lawfulBasis: LawfulBasis;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  statutoryReference?: string;

  @Field({ description: 'ISO date-time' })
  @IsDateString()
  validFrom: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString()
  validTo?: string;
}

@InputType({ description: 'Ends an information sharing agreement: from then on it is no lawful basis for anything' })
export class EndSharingAgreementInput {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field({ description: 'Why it ends (terminated, replaced, a party withdrew …); kept with the agreement' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;

  @Field(() => String, { nullable: true, description: 'ISO date-time; default now. A later time plans the end' })
  @IsOptional()
  @IsDateString()
  endsAt?: string;
}
