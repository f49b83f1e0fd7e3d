import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PurposeOfUse, REGIONS_MAX, SUPPORT_AREAS, type SupportArea } from '@hub/common';

@InputType()
export class UpdateOrganisationInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale version is refused with CONFLICT' })
  @IsInt()
  version: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REGIONS_MAX)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  regions?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[a-z][a-z0-9_]{1,62}$/, { each: true, message: 'service codes are lower_snake_case' })
  services?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  capacity?: number | null;

  @Field(() => [PurposeOfUse], { nullable: true, description: 'The areas of support its casework is for; empty: its kind’s' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SUPPORT_AREAS.length)
  @IsIn(SUPPORT_AREAS, { each: true, message: `each area must be one of: ${SUPPORT_AREAS.join(', ')}` })
  supportAreas?: SupportArea[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
