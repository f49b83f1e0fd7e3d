import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CaseVisibilityRule } from '@hub/common';

@InputType()
export class CreateTeamInput {
  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;
}

@InputType()
export class TeamMemberInput {
  @Field(() => ID)
  @IsUUID()
  teamId: string;

  @Field(() => ID)
  @IsUUID()
  userId: string;
}

@InputType()
export class SetCaseVisibilityInput {
  @Field(() => CaseVisibilityRule)
  @IsEnum(CaseVisibilityRule)
  visibility: CaseVisibilityRule;
}
