import { Field, ID, InputType } from '@nestjs/graphql';
import { IsArray, IsEnum, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { DataCategory } from '@hub/access';

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
  @IsEnum(DataCategory, { each: true })
  sharedCategories: DataCategory[];
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
