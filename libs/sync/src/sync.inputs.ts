import type { Type as ClassType } from '@nestjs/common';
import { Field, Float, ID, InputType, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
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
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DataCategory } from '@hub/access';
import { OrganisationKind } from '@hub/common';
import { ConsentMethod, ConsentPurpose } from '@hub/consent';
import { InterventionStatus, JobOutcomeInput, QualificationOutcomeInput } from '@hub/interventions';
import { CreatePersonInput, InvolvementRole, PersonIdentifierInput, RiskLevel } from '@hub/persons';
import { ERASED_ID_MESSAGE, SUPPRESSED_PREFIX } from './external-id-suppression.js';

export const MAX_BATCH = 5000;
const SYSTEM = /^[a-z0-9][a-z0-9._-]{1,62}$/;
/** An erased person's external ids are kept as `erased:` fingerprints, so no external id may look like one. */
const RESERVED_EXTERNAL_ID = new RegExp(`^(?!${SUPPRESSED_PREFIX})`);

/** A sync mutation's batch: its idempotency key, the external system, and the records (each checked alone when it runs). */
function syncBatch<R>(record: ClassType<R>) {
  @InputType({ isAbstract: true })
  abstract class SyncBatch {
    @Field({ description: 'Unique per request; a replay with the same key and body returns the first answer and changes nothing' })
    @IsString()
    @MinLength(8)
    @MaxLength(200)
    idempotencyKey: string;

    @Field({ description: 'The external system the ids belong to' })
    @Matches(SYSTEM, { message: 'a system name is lower case letters, digits, dot, dash or underscore' })
    system: string;

    @Field(() => [record])
    @IsArray()
    @ArrayMinSize(1)
    @ArrayMaxSize(MAX_BATCH)
    records: R[];
  }
  return SyncBatch;
}

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

  @Field(() => [PersonIdentifierInput], { defaultValue: [], description: 'At most 10' })
  @ArrayMaxSize(10)
  identifiers: PersonIdentifierInput[];

  @Field(() => String, { nullable: true })
  offenceSummary?: string | null;

  @Field(() => Float, { nullable: true })
  ogrsScore?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'When the OGRS score was assessed (ISO date, not after today); read with a new ogrsScore',
  })
  ogrsAssessedOn?: string | null;

  @Field(() => RiskLevel, { nullable: true })
  riskLevel?: RiskLevel | null;
}

@InputType()
export class SyncPeopleInput extends syncBatch(SyncPersonRecord) {}

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
export class SyncInterventionsInput extends syncBatch(SyncInterventionRecord) {}

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

/** One consent as the external system recorded it: given (and perhaps withdrawn since). */
@InputType()
export class SyncConsentRecord {
  @Field()
  externalId: string;

  @Field({ description: "The person's external id in the same system" })
  personExternalId: string;

  @Field(() => ConsentPurpose, { nullable: true })
  purpose: ConsentPurpose;

  @Field(() => [DataCategory], { nullable: true, description: 'Defaults to the categories of the purpose' })
  categories?: DataCategory[] | null;

  @Field(() => ID, { nullable: true, description: 'The organisation the person consented to share with (or organisationKind)' })
  organisationId?: string | null;

  @Field(() => OrganisationKind, { nullable: true })
  organisationKind?: OrganisationKind | null;

  @Field(() => ConsentMethod, { nullable: true })
  method: ConsentMethod;

  @Field(() => Boolean, { nullable: true, description: 'The person was present when it was recorded: must be true' })
  personPresent: boolean;

  @Field(() => String, { nullable: true })
  evidenceNote?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time it was given (default now); not in the future' })
  givenAt?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time; in the future when first synced' })
  expiresAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Set once the person withdrew it: the withdrawal is recorded (it cannot be undone)' })
  withdrawnReason?: string | null;
}

@InputType()
export class SyncConsentsInput extends syncBatch(SyncConsentRecord) {}

export class ConsentRecordRules {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  personExternalId: string;

  @IsEnum(ConsentPurpose)
  purpose: ConsentPurpose;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(DataCategory, { each: true })
  categories?: DataCategory[] | null;

  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @IsOptional()
  @IsEnum(OrganisationKind)
  organisationKind?: OrganisationKind | null;

  @IsEnum(ConsentMethod)
  method: ConsentMethod;

  @IsBoolean()
  @Equals(true, { message: 'consent is recorded only with the person present' })
  personPresent: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  evidenceNote?: string | null;

  @IsOptional()
  @IsDateString()
  givenAt?: string | null;

  @IsOptional()
  @IsDateString()
  expiresAt?: string | null;

  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  withdrawnReason?: string | null;
}

/** One involvement as the external system has it: an organisation working with the person, from when (to when, and why it ended). */
@InputType()
export class SyncInvolvementRecord {
  @Field()
  externalId: string;

  @Field({ description: "The person's external id in the same system" })
  personExternalId: string;

  @Field(() => ID, { nullable: true })
  organisationId: string;

  @Field(() => InvolvementRole, { nullable: true, description: 'Default PROVIDER' })
  role?: InvolvementRole | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time; default now' })
  startedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time the work ended (or will end)' })
  endedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it ended: required with endedAt once the involvement exists' })
  endReason?: string | null;
}

@InputType()
export class SyncInvolvementsInput extends syncBatch(SyncInvolvementRecord) {}

export class InvolvementRecordRules {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  personExternalId: string;

  @IsUUID()
  organisationId: string;

  @IsOptional()
  @IsEnum(InvolvementRole)
  role?: InvolvementRole | null;

  @IsOptional()
  @IsDateString()
  startedAt?: string | null;

  @IsOptional()
  @IsDateString()
  endedAt?: string | null;

  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  endReason?: string | null;
}

/** One OGRS assessment as the probation case system has it (checked per record, as on the streaming path). */
@InputType()
export class SyncOgrsRecord {
  @Field({ description: 'The assessment’s id in the external system' })
  externalId: string;

  @Field({ description: "The person's external id in the same system" })
  personExternalId: string;

  @Field(() => Float, { description: 'OGRS year-1 probability, percent (0 to 100)' })
  score: number;

  @Field({ description: 'ISO date of the assessment (not after today)' })
  assessedOn: string;
}

@InputType()
export class SyncOgrsAssessmentsInput extends syncBatch(SyncOgrsRecord) {}

/** One proven reconviction (checked per record, as on the streaming path). */
@InputType()
export class SyncReconvictionRecord {
  @Field({ description: 'The reconviction’s id in the external system' })
  externalId: string;

  @Field({ description: "The person's external id in the same system" })
  personExternalId: string;

  @Field({ description: 'ISO date of the new proven offence (not after today)' })
  convictedOn: string;
}

@InputType()
export class SyncReconvictionsInput extends syncBatch(SyncReconvictionRecord) {}

/** The 13-week outcome of a job start (checked per record, as on the streaming path). */
@InputType()
export class SyncSustainmentRecord {
  @Field({ description: 'The external id of the job start intervention (synced in the same system)' })
  externalId: string;

  @Field({ description: 'Sustained 13 weeks (only once the 13 weeks have passed), or not (before then, with a note)' })
  sustained: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was not sustained; at most 1,000 characters' })
  note?: string | null;
}

@InputType()
export class SyncSustainmentsInput extends syncBatch(SyncSustainmentRecord) {}
