import { registerEnumType } from '@nestjs/graphql';

/** How a meeting repeats (a panel held every month), if it does. */
export enum MeetingRecurrence {
  WEEKLY = 'weekly',
  FORTNIGHTLY = 'fortnightly',
  MONTHLY = 'monthly',
}
registerEnumType(MeetingRecurrence, { name: 'MeetingRecurrence' });

/** What a meeting's record of a person is: a note of what an agency brought, or a decision the meeting took. */
export enum MeetingNoteKind {
  NOTE = 'note',
  DECISION = 'decision',
}
registerEnumType(MeetingNoteKind, { name: 'MeetingNoteKind' });

export enum MeetingActionStatus {
  OPEN = 'open',
  DONE = 'done',
}
registerEnumType(MeetingActionStatus, { name: 'MeetingActionStatus' });

/** What a meeting action may be linked to, where one results from it. */
export enum MeetingActionLink {
  REFERRAL = 'referral',
  INTERVENTION = 'intervention',
}
registerEnumType(MeetingActionLink, { name: 'MeetingActionLink' });

/** How a meeting's minutes are downloaded. */
export enum MinutesFormat {
  JSON = 'json',
  MARKDOWN = 'markdown',
}
registerEnumType(MinutesFormat, { name: 'MinutesFormat' });

/** Bounds that keep a whole meeting page (agenda x notes and actions) under the query cost limit. */
export const MEETING_MAX_INVITED_ORGANISATIONS = 20;
export const MEETING_MAX_INVITED_PEOPLE = 50;
export const MEETING_MAX_AGENDA = 25;
export const MEETING_MAX_ATTENDANCE = 60;
export const MEETING_NOTE_MAX_LENGTH = 10_000;
export const MEETING_MAX_NOTES_PER_ITEM = 30;
export const MEETING_MAX_NOTES = 200;
export const MEETING_MAX_ACTIONS_PER_ITEM = 10;
export const MEETING_MAX_ACTIONS = 100;
/** Open actions carried onto a meeting from earlier ones (read with this limit). */
export const MEETING_MAX_CARRIED_ACTIONS = 50;
/** A meeting may be scheduled from a year back (recording one held) to two years ahead. */
export const MEETING_WINDOW_DAYS = { past: 366, ahead: 731 };
/** An action may be due up to this many days after today. */
export const MEETING_ACTION_DUE_MAX_DAYS = 731;
