import { Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDateString, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export enum ReoffendingCohort {
  ETE_SUPPORT = 'ete_support',
  FOUND_WORK = 'found_work',
  SUSTAINED_WORK = 'sustained_work',
}
registerEnumType(ReoffendingCohort, { name: 'ReoffendingCohort' });

/** Which date starts a person's year of follow-up in the reoffending analysis. */
export enum ReoffendingReference {
  /** The date the person first reached the cohort's step (take-up, first job start, first sustained job start). */
  STEP_DATE = 'step_date',
  /** The person's programme start: their first attended ETE contact (the take-up date), for every cohort. */
  PROGRAMME_START = 'programme_start',
}
registerEnumType(ReoffendingReference, {
  name: 'ReoffendingReference',
  description: "Which date starts the year of follow-up: the cohort's step, or the person's programme start",
  valuesMap: {
    STEP_DATE: { description: 'The date the person first reached the cohort step (the default)' },
    PROGRAMME_START: { description: 'The programme start: the first attended ETE contact (take-up), for every cohort' },
  },
});

/** What every report takes: a period, whose (one organisation, for those who report across them), and the suppression threshold. */
@InputType({ isAbstract: true })
export class ReportPeriodInput {
  @Field({ description: 'Start of the period (ISO date, inclusive)' })
  @IsDateString({ strict: true })
  from: string;

  @Field({ description: 'End of the period (ISO date, exclusive)' })
  @IsDateString({ strict: true })
  to: string;

  @Field(() => ID, { nullable: true, description: 'Hub admins and commissioners: one organisation (others always report on their own)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => Int, { nullable: true, description: 'Suppression threshold (default 5; never lower than 5)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(100)
  threshold?: number;
}

@InputType()
export class ReportFilterInput extends ReportPeriodInput {
  @Field(() => String, {
    nullable: true,
    description: "Only people of this region (the person's region now): a code or another name of one (the regions query)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only people who have had this intervention type (from the organisation reported on, or from any for all organisations)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,62}$/)
  interventionType?: string;
}

@InputType()
export class ReoffendingInput extends ReportFilterInput {
  @Field(() => ReoffendingCohort)
  @IsEnum(ReoffendingCohort)
  cohort: ReoffendingCohort;

  @Field(() => ReoffendingReference, {
    nullable: true,
    description: 'Which date starts the year of follow-up (default STEP_DATE); cohort membership is by the step date either way',
  })
  @IsOptional()
  @IsEnum(ReoffendingReference)
  reference?: ReoffendingReference;

  @Field(() => String, {
    nullable: true,
    description: 'Judge follow-up as at this ISO date (default today; never after today: BAD_USER_INPUT)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  asOf?: string;
}

@InputType()
export class RecordOgrsInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => Float, { description: 'OGRS year-1 probability, percent' })
  @IsNumber()
  @Min(0)
  @Max(100)
  score: number;

  @Field({ description: 'ISO date' })
  @IsDateString({ strict: true })
  assessedOn: string;
}

@InputType()
export class RecordReconvictionInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field({ description: 'ISO date of the new proven offence' })
  @IsDateString({ strict: true })
  convictedOn: string;
}

/** The period (and, for hub admins and commissioners, the organisation) of an organisation's outcome page. */
@InputType()
export class OrganisationOutcomesInput extends ReportPeriodInput {}
