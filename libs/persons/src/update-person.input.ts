import { Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CreatePersonInput } from './create-person.input.js';
import { ProgressionStage } from './person-vocabulary.js';

/** The fields of a new person, each optional (with the same rules), plus what an update needs. */
@InputType()
export class UpdatePersonInput extends PartialType(OmitType(CreatePersonInput, ['identifiers', 'confirmNew'] as const)) {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int)
  @IsInt()
  version: number;

  @Field({ description: 'Why the record is changed (kept in its history)' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;

  @Field(() => ProgressionStage, { nullable: true, description: 'ETE progression stage' })
  @IsOptional()
  @IsEnum(ProgressionStage)
  stage?: ProgressionStage | null;
}
