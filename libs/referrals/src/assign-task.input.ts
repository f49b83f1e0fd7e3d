import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDateString, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/** The longest task title and description a person may write. */
export const TASK_TITLE_MAX = 120;
export const TASK_DESCRIPTION_MAX = 2000;

@InputType({
  description:
    'A task for a colleague or a team of your organisation, about a person you and they may see: exactly one of assigneeUserId and assigneeTeamId',
})
export class AssignTaskInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => ID, { nullable: true, description: 'A caseworker or manager of your organisation (yourself included)' })
  @IsOptional()
  @IsUUID()
  assigneeUserId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A team of your organisation (its members see the task)' })
  @IsOptional()
  @IsUUID()
  assigneeTeamId?: string | null;

  @Field({ description: `What to do, in a line (at most ${TASK_TITLE_MAX} characters)` })
  @IsString()
  @MinLength(3)
  @MaxLength(TASK_TITLE_MAX)
  title: string;

  @Field({ description: `Anything the assignee needs to know (at most ${TASK_DESCRIPTION_MAX} characters; never sent by email)` })
  @IsString()
  @MaxLength(TASK_DESCRIPTION_MAX)
  description: string;

  @Field({ description: 'ISO date (YYYY-MM-DD) it is due: today or later, within two years' })
  @IsDateString({ strict: true })
  dueOn: string;
}
