import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OrganisationKind, REGIONS_MAX } from '@hub/common';

@InputType()
export class CreateOrganisationInput {
  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @Field(() => OrganisationKind)
  @IsEnum(OrganisationKind)
  kind: OrganisationKind;

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(REGIONS_MAX)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  regions: string[];

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[a-z][a-z0-9_]{1,62}$/, { each: true, message: 'service codes are lower_snake_case' })
  services: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  capacity?: number | null;
}
