import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMinSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Scope } from '@hub/common';

@InputType()
export class CreateApiClientInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the caller's organisation; only hub admins may name another" })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @Field(() => [Scope])
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(Scope, { each: true })
  scopes: Scope[];
}
