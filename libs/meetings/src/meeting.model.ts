import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';
import { MeetingActionLink, MeetingActionStatus, MeetingNoteKind, MeetingRecurrence, MinutesFormat } from './meeting-vocabulary.js';

@ObjectType('MeetingNote', {
  description: 'What an agency brought on a person, or a decision: read only where its data category may be read',
})
export class MeetingNoteModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  agendaItemId: string;

  @Field(() => MeetingNoteKind)
  kind: MeetingNoteKind;

  @Field(() => ID, { description: 'The organisation that wrote it' })
  organisationId: string;

  @Field()
  writtenBy: string;

  @Field(() => DataCategory)
  dataCategory: DataCategory;

  @Field()
  body: string;

  @Field()
  createdAt: Date;
}

@ObjectType('MeetingAction', { description: 'An action a meeting gave an organisation about a person; a task of its owner' })
export class MeetingActionModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  meetingId: string;

  @Field(() => ID)
  agendaItemId: string;

  @Field(() => ID)
  personId: string;

  @Field({ description: 'The person’s name as on the agenda' })
  personLabel: string;

  @Field(() => ID)
  ownerOrganisationId: string;

  @Field(() => ID, { nullable: true })
  ownerUserId: string | null;

  @Field()
  title: string;

  @Field({ description: 'The day it is due (YYYY-MM-DD)' })
  dueOn: string;

  @Field(() => MeetingActionStatus)
  status: MeetingActionStatus;

  @Field({ description: 'Open and found past its day by the overdue sweep' })
  overdue: boolean;

  @Field(() => MeetingActionLink, { nullable: true })
  linkKind: MeetingActionLink | null;

  @Field(() => ID, { nullable: true })
  linkId: string | null;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => String, { nullable: true })
  completionNote: string | null;
}

@ObjectType('MeetingAgendaItem', { description: 'A person on a meeting’s agenda, shown only to the organisations a lawful basis covers' })
export class MeetingAgendaItemModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  meetingId: string;

  @Field(() => ID)
  personId: string;

  @Field({ description: 'The person’s name as the organiser saw it when adding them' })
  personLabel: string;

  @Field(() => String, { nullable: true, description: 'Why they are on the agenda: for the organiser only (null for others)' })
  reason: string | null;

  @Field(() => Int, { description: 'Its place among the items this reader is shown' })
  position: number;

  @Field(() => [ID], {
    description:
      'For the organiser: the invited organisations no consent or agreement covers for this person (they are not shown them); empty for others',
  })
  uncoveredOrganisationIds: string[];
}

@ObjectType('MeetingAttendance')
export class MeetingAttendanceModel {
  @Field(() => ID)
  organisationId: string;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field()
  attended: boolean;
}

@ObjectType('Meeting', { description: 'A multi-agency meeting (a panel): each organisation sees only what it may' })
export class MeetingModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  startsAt: Date;

  @Field(() => String, { nullable: true })
  place: string | null;

  @Field(() => String, { nullable: true })
  link: string | null;

  @Field(() => MeetingRecurrence, { nullable: true })
  recurrence: MeetingRecurrence | null;

  @Field(() => ID, { nullable: true, description: 'The meeting of the series this one follows' })
  followsMeetingId: string | null;

  @Field(() => ID)
  organiserOrganisationId: string;

  @Field(() => [ID])
  invitedOrganisationIds: string[];

  @Field(() => [ID])
  invitedUserIds: string[];

  @Field({ description: 'Your organisation organises it' })
  organiser: boolean;

  @Field(() => Int)
  version: number;
}

@ObjectType('MeetingDetail', { description: 'A meeting with its agenda and attendance, as your organisation may see them' })
export class MeetingDetailModel extends MeetingModel {
  @Field(() => [MeetingAgendaItemModel], { description: 'The people you may be shown, in agenda order' })
  agenda: MeetingAgendaItemModel[];

  @Field(() => [MeetingAttendanceModel])
  attendance: MeetingAttendanceModel[];

  @Field(() => [MeetingNoteModel], {
    description: 'Notes and decisions on the people shown you that you may read (their category decides), oldest first; by agendaItemId',
  })
  notes: MeetingNoteModel[];

  @Field(() => [MeetingActionModel], { description: 'The actions this meeting gave about the people shown you; by agendaItemId' })
  actions: MeetingActionModel[];

  @Field(() => [MeetingActionModel], {
    description: 'Open actions about the people shown you from earlier meetings of the same organiser; by personId',
  })
  carriedActions: MeetingActionModel[];
}

@ObjectType('MeetingMinutes', { description: 'A meeting’s minutes for your organisation: only what it may read' })
export class MeetingMinutesModel {
  @Field(() => MinutesFormat)
  format: MinutesFormat;

  @Field({ description: 'A file name for the download' })
  filename: string;

  @Field()
  contentType: string;

  @Field()
  content: string;
}
