import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ConsentPurpose } from '@hub/consent';

@InputType()
export class ReferralRuleInput {
  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @Field({ defaultValue: true })
  @IsBoolean()
  active: boolean;

  @Field({
    description: 'The event type that triggers the rule, e.g. intervention.logged, outcome.recorded, job.started, person.release_date_set',
  })
  @IsString()
  @Matches(/^[a-z][a-z_]*\.[a-z][a-z_]*$/)
  triggerEvent: string;

  @Field({ description: 'Conditions as JSON: {"all"|"any": [...]}, {"not": ...} or {"fact","operator","value"} (see the README)' })
  @IsString()
  @MaxLength(20_000)
  conditions: string;

  @Field({ description: 'The service to refer to (an organisation must offer it)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  serviceCode: string;

  @Field({ defaultValue: true, description: "The receiver must cover the person's region" })
  @IsBoolean()
  matchRegion: boolean;

  @Field(() => ConsentPurpose, {
    nullable: true,
    description: 'Consent the receiver needs (an agreement covering the same categories also does); none when null',
  })
  @IsOptional()
  @IsEnum(ConsentPurpose)
  consentPurpose?: ConsentPurpose | null;

  @Field(() => Int, { description: 'Days within which the rule never refers the same person twice' })
  @IsInt()
  @Min(0)
  @Max(3650)
  cooldownDays: number;
}

@InputType()
export class UpdateReferralRuleInput extends ReferralRuleInput {
  @Field(() => ID)
  @IsUUID()
  ruleId: string;

  @Field(() => Int, { description: 'The version being edited; a stale one is refused with CONFLICT' })
  @IsInt()
  version: number;
}
