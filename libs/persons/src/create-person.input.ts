import { Field, Float, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IdentifierScheme, RiskLevel } from './person-vocabulary.js';

@InputType()
export class PersonIdentifierInput {
  @Field(() => IdentifierScheme)
  @IsEnum(IdentifierScheme)
  scheme: IdentifierScheme;

  @Field()
  @IsString()
  @Matches(/^[A-Za-z0-9/ -]{2,40}$/, { message: 'an identifier is 2-40 letters, digits, spaces, / or -' })
  value: string;
}

@InputType()
export class CreatePersonInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  givenName: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  familyName: string;

  @Field({ description: 'ISO date (YYYY-MM-DD)' })
  @IsDateString({ strict: true })
  dateOfBirth: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  releaseDate?: string | null;

  @Field(() => [PersonIdentifierInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @Type(() => PersonIdentifierInput)
  @ArrayMaxSize(10)
  identifiers: PersonIdentifierInput[];

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

  @Field(() => String, {
    nullable: true,
    description:
      'When the OGRS score was assessed (ISO date, not after today; default the day it is written): kept with the score as an assessment of that date. Read only with a new ogrsScore',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  ogrsAssessedOn?: string | null;

  @Field(() => RiskLevel, { nullable: true })
  @IsOptional()
  @IsEnum(RiskLevel)
  riskLevel?: RiskLevel | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  healthNotes?: string | null;

  @Field({ defaultValue: false, description: 'Create even though records with the same name and date of birth exist' })
  @IsBoolean()
  confirmNew: boolean;
}
