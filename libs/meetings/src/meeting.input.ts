import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { DataCategory } from '@hub/access';
import {
  MEETING_MAX_INVITED_ORGANISATIONS,
  MEETING_MAX_INVITED_PEOPLE,
  MEETING_NOTE_MAX_LENGTH,
  MeetingActionLink,
  MeetingNoteKind,
  MeetingRecurrence,
} from './meeting-vocabulary.js';

@InputType({ description: 'A multi-agency meeting (a panel) your organisation organises' })
export class ScheduleMeetingInput {
  @Field({ description: 'What it is called (3 to 200 characters)' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @Field({ description: 'When it starts (ISO date and time): from a year back to two years ahead' })
  @IsDateString()
  startsAt: string;

  @Field(() => String, { nullable: true, description: 'Where (at most 300 characters)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string | null;

  @Field(() => String, { nullable: true, description: 'A link to join it online (https, at most 500 characters)' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  link?: string | null;

  @Field(() => MeetingRecurrence, { nullable: true })
  @IsOptional()
  @IsEnum(MeetingRecurrence)
  recurrence?: MeetingRecurrence | null;

  @Field(() => [ID], { description: `The organisations invited (at most ${MEETING_MAX_INVITED_ORGANISATIONS})` })
  @IsArray()
  @ArrayMaxSize(MEETING_MAX_INVITED_ORGANISATIONS)
  @IsUUID('all', { each: true })
  invitedOrganisationIds: string[];

  @Field(() => [ID], {
    nullable: true,
    description: `Named staff invited, of yours or of an invited organisation (at most ${MEETING_MAX_INVITED_PEOPLE})`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MEETING_MAX_INVITED_PEOPLE)
  @IsUUID('all', { each: true })
  invitedUserIds?: string[] | null;
}

@InputType({ description: 'A person to discuss at a meeting, and why' })
export class AddAgendaItemInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field({ description: 'Why the person is on the agenda (3 to 1000 characters)' })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

@InputType({ description: 'Whether an organisation (or one of its staff) attended' })
export class RecordAttendanceInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => ID, { description: 'The organiser or an invited organisation' })
  @IsUUID()
  organisationId: string;

  @Field(() => ID, { nullable: true, description: 'A member of its staff (else the organisation as a whole)' })
  @IsOptional()
  @IsUUID()
  userId?: string | null;

  @Field()
  @IsBoolean()
  attended: boolean;
}

@InputType({ description: 'What your organisation brought on a person on the agenda, or a decision the meeting took' })
export class WriteMeetingNoteInput {
  @Field(() => ID)
  @IsUUID()
  agendaItemId: string;

  @Field(() => MeetingNoteKind, { defaultValue: MeetingNoteKind.NOTE })
  @IsEnum(MeetingNoteKind)
  kind: MeetingNoteKind;

  @Field(() => DataCategory, { description: 'What it is about, which decides who may read it (as for a case note)' })
  @IsEnum(DataCategory)
  dataCategory: DataCategory;

  @Field({ description: `The note (at most ${MEETING_NOTE_MAX_LENGTH} characters)` })
  @IsString()
  @MinLength(1)
  @MaxLength(MEETING_NOTE_MAX_LENGTH)
  body: string;
}

@InputType({ description: 'An action the meeting gives an organisation about a person on its agenda' })
export class AssignMeetingActionInput {
  @Field(() => ID)
  @IsUUID()
  agendaItemId: string;

  @Field(() => ID, { description: 'The organisation that owns it: the organiser or an invitee the basis covers' })
  @IsUUID()
  ownerOrganisationId: string;

  @Field(() => ID, { nullable: true, description: 'A member of its staff who owns it' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string | null;

  @Field({ description: 'What is to be done (3 to 300 characters)' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @Field({ description: 'ISO date (YYYY-MM-DD) it is due: within two years' })
  @IsDateString({ strict: true })
  dueOn: string;

  @Field(() => MeetingActionLink, { nullable: true, description: 'With linkId: the referral or intervention that results from it' })
  @ValidateIf((o: AssignMeetingActionInput) => o.linkId != null || o.linkKind != null)
  @IsEnum(MeetingActionLink)
  linkKind?: MeetingActionLink | null;

  @Field(() => ID, { nullable: true })
  @ValidateIf((o: AssignMeetingActionInput) => o.linkId != null || o.linkKind != null)
  @IsUUID()
  linkId?: string | null;
}

@InputType({ description: 'An action done' })
export class CompleteMeetingActionInput {
  @Field(() => ID)
  @IsUUID()
  actionId: string;

  @Field(() => String, { nullable: true, description: 'What was done (at most 1000 characters)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;

  @Field(() => MeetingActionLink, { nullable: true, description: 'With linkId: the referral or intervention that resulted' })
  @ValidateIf((o: CompleteMeetingActionInput) => o.linkId != null || o.linkKind != null)
  @IsEnum(MeetingActionLink)
  linkKind?: MeetingActionLink | null;

  @Field(() => ID, { nullable: true })
  @ValidateIf((o: CompleteMeetingActionInput) => o.linkId != null || o.linkKind != null)
  @IsUUID()
  linkId?: string | null;
}
