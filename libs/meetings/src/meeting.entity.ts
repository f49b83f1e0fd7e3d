import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { MeetingActionLink, MeetingActionStatus, MeetingNoteKind, MeetingRecurrence } from './meeting-vocabulary.js';

/** A multi-agency meeting (a panel): its organiser, when and where, whom it invites. */
@Entity('meeting')
@Index('ix_meeting_organiser_time', ['organiserOrganisationId', 'startsAt'])
// A GIN index (the migration's): the meetings an organisation is invited to (`invited_organisation_ids @> ARRAY[org]`).
@Index('ix_meeting_invited', { synchronize: false })
@Index('ix_meeting_follows', ['followsMeetingId'], { unique: true, where: 'follows_meeting_id IS NOT NULL' })
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organiserOrganisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'text', nullable: true })
  link: string | null;

  @Column({ type: 'text', nullable: true })
  recurrence: MeetingRecurrence | null;

  /** The meeting of the series this one follows (scheduleNextMeeting): each meeting has at most one next. */
  @Column({ type: 'uuid', nullable: true })
  followsMeetingId: string | null;

  /** The organisations invited (the organiser is not among them). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  invitedOrganisationIds: string[];

  /** Named staff invited (users of the organiser or of an invited organisation). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  invitedUserIds: string[];

  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** A person on a meeting's agenda, and why. Shown only to the invitees a lawful basis covers (checked when read). */
@Entity('meeting_agenda_item')
@Index('ix_meeting_agenda_item_person', ['meetingId', 'personId'], { unique: true })
@Index('ix_meeting_agenda_item_by_person', ['personId'])
export class MeetingAgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  personId: string;

  /** The person's name as the organiser saw it when adding them (for the minutes). */
  @Column({ type: 'text' })
  personLabel: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  addedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Who attended: an organisation, and optionally a named member of its staff. */
@Entity('meeting_attendance')
@Index('ix_meeting_attendance_who', ['meetingId', 'organisationId', 'userKey'], { unique: true })
export class MeetingAttendance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  /** The user's id, or '' for the organisation as a whole (for the unique index). */
  @Column({ type: 'text' })
  userKey: string;

  @Column({ type: 'boolean' })
  attended: boolean;

  @Column({ type: 'text' })
  recordedBy: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}

/** What an agency brought on a person, or what the meeting decided: of a data category, read as any person data of it. */
@Entity('meeting_note')
@Index('ix_meeting_note_item', ['agendaItemId', 'createdAt'])
@Index('ix_meeting_note_person', ['personId'])
export class MeetingNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  kind: MeetingNoteKind;

  /** The organisation that wrote it (its own data: it always reads it). */
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  writtenBy: string;

  @Column({ type: 'text' })
  dataCategory: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** An action the meeting gave an organisation (and optionally one of its staff) about a person, with its task. */
@Entity('meeting_action')
@Index('ix_meeting_action_item', ['agendaItemId'])
@Index('ix_meeting_action_person', ['personId'])
@Index('ix_meeting_action_owner_status', ['ownerOrganisationId', 'status'])
@Index('ix_meeting_action_due', ['dueOn'], { where: "status = 'open' AND overdue_at IS NULL" })
export class MeetingAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  ownerOrganisationId: string;

  @Column({ type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @Column({ type: 'text' })
  title: string;

  /** The day it is due (YYYY-MM-DD). */
  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'text', default: 'open' })
  status: MeetingActionStatus;

  /** When the overdue sweep found it past its day (null while not). */
  @Column({ type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ type: 'text', nullable: true })
  linkKind: MeetingActionLink | null;

  @Column({ type: 'uuid', nullable: true })
  linkId: string | null;

  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  completedBy: string | null;

  @Column({ type: 'text', nullable: true })
  completionNote: string | null;
}
