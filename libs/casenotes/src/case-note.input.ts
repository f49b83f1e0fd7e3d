import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { DataCategory } from '@hub/access';
import { CASE_NOTE_MAX_LENGTH, CaseNoteAbout } from './case-note-vocabulary.js';

@InputType()
export class WriteCaseNoteInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => DataCategory, {
    description: 'What the note is about, which decides who may read it (a HEALTH note only where health data may be read)',
  })
  @IsEnum(DataCategory)
  dataCategory: DataCategory;

  @Field({ description: `The note (at most ${CASE_NOTE_MAX_LENGTH} characters)` })
  @IsString()
  @MinLength(1)
  @MaxLength(CASE_NOTE_MAX_LENGTH)
  body: string;

  @Field(() => CaseNoteAbout, { nullable: true, description: 'With aboutId: the intervention, referral or appointment it is about' })
  @ValidateIf((o: WriteCaseNoteInput) => o.aboutId != null || o.aboutKind != null)
  @IsEnum(CaseNoteAbout)
  aboutKind?: CaseNoteAbout | null;

  @Field(() => ID, { nullable: true })
  @ValidateIf((o: WriteCaseNoteInput) => o.aboutId != null || o.aboutKind != null)
  @IsUUID()
  aboutId?: string | null;
}

@InputType({ description: 'A correction of a case note: the note as it was is kept in its history' })
export class CorrectCaseNoteInput {
  @Field(() => ID)
  @IsUUID()
  noteId: string;

  @Field(() => Int)
  @IsInt()
  version: number;

  @Field({ description: `The corrected note (at most ${CASE_NOTE_MAX_LENGTH} characters)` })
  @IsString()
  @MinLength(1)
  @MaxLength(CASE_NOTE_MAX_LENGTH)
  body: string;

  @Field(() => DataCategory, { nullable: true, description: 'A corrected category (the note filed under the wrong one)' })
  @IsOptional()
  @IsEnum(DataCategory)
  dataCategory?: DataCategory | null;

  @Field({ description: 'Why it is corrected' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
