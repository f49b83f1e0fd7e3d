import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DataCategory } from '@hub/access';
import { InterventionStatus, OutcomeKind } from './intervention-vocabulary.js';

@InputType()
export class QualificationOutcomeInput {
  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  qualification: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  level?: string;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @IsOptional()
  @IsDateString({ strict: true })
  awardedOn?: string;
}

@InputType()
export class JobOutcomeInput {
  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  employer: string;

  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  sector: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(80)
  hoursPerWeek: number;

  @Field({ description: 'ISO date' })
  @IsDateString({ strict: true })
  startDate: string;
}

@InputType()
export class LogInterventionInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,62}$/)
  typeCode: string;

  @Field(() => InterventionStatus)
  @IsEnum(InterventionStatus)
  status: InterventionStatus;

  @Field({ description: 'ISO date-time' })
  @IsDateString()
  occurredAt: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @Field(() => QualificationOutcomeInput, { nullable: true, description: 'For training and skills types' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QualificationOutcomeInput)
  qualification?: QualificationOutcomeInput;

  @Field(() => JobOutcomeInput, { nullable: true, description: 'Required for a job start' })
  @IsOptional()
  @ValidateNested()
  @Type(() => JobOutcomeInput)
  job?: JobOutcomeInput;
}

@InputType()
export class UpdateInterventionInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int)
  @IsInt()
  version: number;

  @Field(() => InterventionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InterventionStatus)
  status?: InterventionStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString()
  occurredAt?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @Field(() => QualificationOutcomeInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => QualificationOutcomeInput)
  qualification?: QualificationOutcomeInput;

  @Field(() => String, { nullable: true, description: 'Why it is corrected (kept with the intervention as it was, in its history)' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;

  @Field(() => JobOutcomeInput, {
    nullable: true,
    description: 'A job start corrected: employer, sector, hours, start date (an open 13-week window moves with the start date)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => JobOutcomeInput)
  job?: JobOutcomeInput;
}

@InputType()
export class RecordSustainmentInput {
  @Field(() => ID)
  @IsUUID()
  sustainmentId: string;

  @Field()
  @IsBoolean()
  sustained: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

@InputType()
export class CreateInterventionTypeInput {
  @Field()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,62}$/, { message: 'codes are lower_snake_case' })
  code: string;

  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @Field()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,30}$/)
  groupName: string;

  @Field(() => DataCategory)
  @IsEnum(DataCategory)
  dataCategory: DataCategory;

  @Field(() => OutcomeKind, { defaultValue: OutcomeKind.NONE })
  @IsEnum(OutcomeKind)
  outcomeKind: OutcomeKind;
}

@InputType({
  description: 'What to change of a catalogue entry; its data category and outcome kind stay (recorded interventions keep them)',
})
export class UpdateInterventionTypeInput {
  @Field()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,62}$/, { message: 'codes are lower_snake_case' })
  code: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The group reports count it under (skills, training, employment …): the funnel is recounted for its people',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,30}$/)
  groupName?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false: no longer offered for new interventions (those recorded stay); true: offered again',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}
