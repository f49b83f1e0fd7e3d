import { Field, Float, InputType, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { InterventionStatus, JobOutcomeInput, QualificationOutcomeInput } from '@hub/interventions';
import { CreatePersonInput, PersonIdentifierInput, RiskLevel } from '@hub/persons';
import { ERASED_ID_MESSAGE, SUPPRESSED_PREFIX } from './external-id-suppression.js';

export const MAX_BATCH = 5000;
const SYSTEM = /^[a-z0-9][a-z0-9._-]{1,62}$/;
/** An erased person's external ids are kept as `erased:` fingerprints, so no external id may look like one. */
const RESERVED_EXTERNAL_ID = new RegExp(`^(?!${SUPPRESSED_PREFIX})`);

/** One person as the external system has it. Validated per record: a bad record is rejected alone. */
@InputType()
export class SyncPersonRecord {
  @Field()
  externalId: string;

  // Nullable in the schema so that a record missing a field is rejected alone, not the whole batch.
  @Field(() => String, { nullable: true })
  givenName: string;

  @Field(() => String, { nullable: true })
  familyName: string;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  dateOfBirth: string;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  releaseDate?: string | null;

  @Field(() => [PersonIdentifierInput], { defaultValue: [] })
  identifiers: PersonIdentifierInput[];

  @Field(() => String, { nullable: true })
  offenceSummary?: string | null;

  @Field(() => Float, { nullable: true })
  ogrsScore?: number | null;

  @Field(() => RiskLevel, { nullable: true })
  riskLevel?: RiskLevel | null;
}

@InputType()
export class SyncPeopleInput {
  @Field({ description: 'Unique per request; a replay with the same key and body returns the first answer and changes nothing' })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  idempotencyKey: string;

  @Field({ description: 'The external system the ids belong to' })
  @Matches(SYSTEM, { message: 'a system name is lower case letters, digits, dot, dash or underscore' })
  system: string;

  @Field(() => [SyncPersonRecord])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  records: SyncPersonRecord[];
}

@InputType()
export class SyncInterventionRecord {
  @Field()
  externalId: string;

  @Field({ description: "The person's external id in the same system" })
  personExternalId: string;

  @Field(() => String, { nullable: true })
  typeCode: string;

  @Field(() => InterventionStatus, { nullable: true })
  status: InterventionStatus;

  @Field(() => String, { nullable: true, description: 'ISO date-time' })
  occurredAt: string;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => QualificationOutcomeInput, { nullable: true })
  qualification?: QualificationOutcomeInput | null;

  @Field(() => JobOutcomeInput, { nullable: true })
  job?: JobOutcomeInput | null;
}

@InputType()
export class SyncInterventionsInput {
  @Field()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  idempotencyKey: string;

  @Field()
  @Matches(SYSTEM, { message: 'a system name is lower case letters, digits, dot, dash or underscore' })
  system: string;

  @Field(() => [SyncInterventionRecord])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  records: SyncInterventionRecord[];
}

/**
 * Per-record validation (the batch itself is validated by the pipe; records one by one): the rules
 * of a person created through the API, plus the external id.
 */
export class PersonRecordRules extends OmitType(CreatePersonInput, ['confirmNew', 'healthNotes'] as const) {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(RESERVED_EXTERNAL_ID, { message: ERASED_ID_MESSAGE })
  externalId: string;
}

export class InterventionRecordRules {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  personExternalId: string;

  @Matches(/^[a-z][a-z0-9_]{1,62}$/)
  typeCode: string;

  @IsEnum(InterventionStatus)
  status: InterventionStatus;

  @IsDateString()
  occurredAt: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => QualificationOutcomeInput)
  qualification?: QualificationOutcomeInput | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => JobOutcomeInput)
  job?: JobOutcomeInput | null;
}

