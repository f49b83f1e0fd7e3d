import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A region's code: lower_snake_case. */
export const REGION_CODE = /^[a-z][a-z0-9_]{1,62}$/;

@InputType()
export class SaveRegionInput {
  @Field({ description: 'lower_snake_case; a new code adds a region, a known one changes it' })
  @Matches(REGION_CODE, { message: 'a region code is lower_snake_case' })
  code: string;

  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name: string;

  @Field({ nullable: true, description: 'False: kept for the records that name it, refused for new ones (default true)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@InputType()
export class RegionSynonymInput {
  @Field({ description: 'Another name for the region (a county, a partner system’s spelling); matched case-insensitively' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  synonym: string;

  @Field()
  @Matches(REGION_CODE, { message: 'a region code is lower_snake_case' })
  regionCode: string;
}

@ObjectType('Region')
export class RegionModel {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field()
  active: boolean;

  @Field(() => [String], { description: 'Other names that mean this region, lower case' })
  synonyms: string[];
}
