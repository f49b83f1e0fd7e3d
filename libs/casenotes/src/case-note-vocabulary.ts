import { registerEnumType } from '@nestjs/graphql';

/** What a case note may be about, beside the person. */
export enum CaseNoteAbout {
  INTERVENTION = 'intervention',
  REFERRAL = 'referral',
  APPOINTMENT = 'appointment',
}
registerEnumType(CaseNoteAbout, { name: 'CaseNoteAbout' });

/** How long a case note may be (characters). */
export const CASE_NOTE_MAX_LENGTH = 10_000;
/** How many times a case note may be corrected (each correction keeps the note as it was). */
export const CASE_NOTE_MAX_CORRECTIONS = 50;
