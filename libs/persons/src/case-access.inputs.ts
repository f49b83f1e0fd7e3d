import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';

export enum RestrictionKindInput {
  /** Only the listed users may open the record; to everyone else it does not exist. */
  RESTRICTION = 'restriction',
  /** The listed users may not open the record, whatever else allows it. */
  EXCLUSION = 'exclusion',
}
registerEnumType(RestrictionKindInput, {
  name: 'RestrictionKind',
  description: 'A restriction (only the listed may open) or an exclusion (the listed may not)',
});

/** At most this many users named on one restriction or exclusion. */
export const RESTRICTION_USERS_MAX = 50;

@InputType()
export class AllocatePersonInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => ID, { nullable: true, description: 'The caseworker of your organisation who owns the case (give this, a team, or both)' })
  @IsOptional()
  @IsUUID()
  caseOwnerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A team of your organisation' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @Field({ description: 'Why (recorded in the history)' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

@InputType()
export class PlaceRestrictionInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => RestrictionKindInput)
  @IsEnum(RestrictionKindInput)
  kind: RestrictionKindInput;

  @Field(() => [ID], {
    description: `Users named (at most ${RESTRICTION_USERS_MAX}); a restriction lists who may open, an exclusion who may not`,
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(RESTRICTION_USERS_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds: string[];

  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;

  @Field({ description: 'ISO date, within a year: when it must be reviewed' })
  @IsDateString({ strict: true })
  reviewOn: string;

  @Field({ nullable: true, description: 'A restriction only: a break-glass grant opens the record to someone not listed (default false)' })
  @IsOptional()
  @IsBoolean()
  allowsBreakGlass?: boolean;
}

@InputType()
export class LiftRestrictionInput {
  @Field(() => ID)
  @IsUUID()
  restrictionId: string;

  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}
