import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** The audit's actions, as the access search filters on them. */
export const AUDIT_ACTIONS = ['read', 'write', 'deny', 'export', 'break_glass', 'erase'] as const;
/** The longest period one search or review covers, in days. */
export const ACCESS_SEARCH_MAX_DAYS = 366;

/** A period of the audit log: from (inclusive) to (exclusive, now when left out), at most ACCESS_SEARCH_MAX_DAYS. */
@InputType({ isAbstract: true })
export class AccessPeriodInput {
  @Field({ description: 'Start of the period (ISO 8601 date or date and time, inclusive)' })
  @IsDateString({ strict: true })
  from: string;

  @Field(() => String, { nullable: true, description: 'End of the period (exclusive; now when left out); at most 366 days after from' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string | null;
}

@InputType({ description: 'Who read or changed what: every filter optional but the period; they all apply together' })
export class AccessSearchInput extends AccessPeriodInput {
  @Field(() => ID, { nullable: true, description: 'Events by this user' })
  @IsOptional()
  @IsUUID()
  userId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events by this API client' })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field(() => ID, { nullable: true, description: "Events by this organisation's users and clients" })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events about this person (and the records merged into theirs)' })
  @IsOptional()
  @IsUUID()
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'The stated purpose (casework, referral, safeguarding, reporting …)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^[a-z_]+$/)
  purpose?: string | null;

  @Field(() => String, { nullable: true, description: 'read, write, deny, export, break_glass or erase' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: string | null;
}

@InputType({ description: 'What counts as unusual access in a period (each threshold has a default)' })
export class UnusualAccessInput extends AccessPeriodInput {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 10,
    description:
      'A user is named when they read at least this many records they were not allocated to, or whose organisation had no open involvement (1 to 1000)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  minRecords?: number;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 5,
    description: 'A user is named when they read this many times out of hours (1 to 1000)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  minOutOfHours?: number;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 3,
    description: 'A user is named when they broke the glass this many times (1 to 100)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  minBreakGlass?: number;

  @Field(() => Int, { nullable: true, defaultValue: 8, description: 'Working hours start (hour, Europe/London, 0 to 23)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(23)
  dayStarts?: number;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 19,
    description: 'Working hours end (hour, Europe/London, 1 to 24); weekends are out of hours',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  dayEnds?: number;
}
