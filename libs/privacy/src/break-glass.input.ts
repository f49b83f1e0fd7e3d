import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

@InputType()
export class OpenBreakGlassInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field({ description: 'Why the record must be opened; reviewed by the data protection officer' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason: string;

  @Field(() => Int, { nullable: true, description: 'How long the grant lasts, in minutes (default 60, at most 480)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(480)
  minutes?: number | null;
}

@InputType()
export class ReviewBreakGlassInput {
  @Field(() => ID)
  @IsUUID()
  grantId: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;
}
