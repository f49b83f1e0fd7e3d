import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { REGIONS_MAX, Role } from '@hub/common';

@InputType()
export class CreateUserInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the caller's organisation; only hub admins may name another" })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => [Role])
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(Role, { each: true })
  roles: Role[];

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(REGIONS_MAX)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  regions: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  team?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'At least PASSWORD_MIN_LENGTH (12) characters, hard to guess (not common, not made of the name, email or organisation). Omit for users who sign in through an identity provider',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;
}
