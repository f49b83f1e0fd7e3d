import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { REGIONS } from '@hub/common';
import { ProgressionStage, RiskLevel } from './person-vocabulary.js';

@InputType()
export class UpdatePersonInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int)
  @IsInt()
  version: number;

  @Field({ description: 'Why the record is changed (kept in its history)' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  givenName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  familyName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  dateOfBirth?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(REGIONS)
  region?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  releaseDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  offenceSummary?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  ogrsScore?: number | null;

  @Field(() => RiskLevel, { nullable: true })
  @IsOptional()
  @IsEnum(RiskLevel)
  riskLevel?: RiskLevel | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  healthNotes?: string | null;

  @Field(() => ProgressionStage, { nullable: true, description: 'ETE progression stage' })
  @IsOptional()
  @IsEnum(ProgressionStage)
  stage?: ProgressionStage | null;
}
