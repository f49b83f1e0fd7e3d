import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DataCategory } from '@hub/access';
import { ReferralOutcome } from './referral-vocabulary.js';

@InputType({
  description:
    'A manager sends a referral with no consent to be referred and no agreement, for safeguarding: recorded, audited and told to the lead organisation’s data protection officers',
})
export class SafeguardingOverrideInput {
  @Field({ description: 'Why the referral cannot wait for consent (kept with the referral; in the person’s subject access export)' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason: string;
}

@InputType()
export class SendReferralInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => ID)
  @IsUUID()
  toOrganisationId: string;

  @Field({ description: 'A service code the receiver offers (Organisation.services)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  serviceCode: string;

  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;

  @Field(() => [DataCategory], {
    description: 'Categories shared with the receiver; each must be covered for it by consent or agreement (identity always is)',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(DataCategory, { each: true })
  sharedCategories: DataCategory[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      'The sender confirms that the person agreed to this referral (the portal asks when consent is its basis); recorded as the reason of the send step',
  })
  @IsOptional()
  @IsBoolean()
  personAgreed?: boolean | null;

  @Field(() => SafeguardingOverrideInput, {
    nullable: true,
    description:
      'Managers only (referral.safeguardingOverride), on sendReferral only, and only when no consent or agreement is a basis for the referral: sends it on a safeguarding override',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SafeguardingOverrideInput)
  safeguardingOverride?: SafeguardingOverrideInput | null;
}

@InputType({ description: 'Declining or withdrawing needs a reason' })
export class ReferralReasonInput {
  @Field(() => ID)
  @IsUUID()
  referralId: string;

  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

@InputType({ description: 'Completing a referral says what came of it' })
export class CompleteReferralInput {
  @Field(() => ID)
  @IsUUID()
  referralId: string;

  @Field(() => ReferralOutcome)
  @IsEnum(ReferralOutcome)
  outcome: ReferralOutcome;

  @Field(() => String, { nullable: true, description: 'A note on the outcome (optional)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'A referral about to be made: to whom, about whom' })
export class ReferralPreviewInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => ID)
  @IsUUID()
  toOrganisationId: string;

  @Field(() => [DataCategory], {
    nullable: true,
    description: 'What you mean to share beyond identity: the basis is the one sending with them would find',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(DataCategory, { each: true })
  sharedCategories?: DataCategory[] | null;
}
