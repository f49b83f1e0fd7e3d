import { registerEnumType } from '@nestjs/graphql';

/** How an appointment is held. */
export enum AppointmentMode {
  IN_PERSON = 'in_person',
  PHONE = 'phone',
  VIDEO = 'video',
}
registerEnumType(AppointmentMode, { name: 'AppointmentMode' });

/** Where an appointment stands: booked until its outcome is recorded. */
export enum AppointmentStatus {
  BOOKED = 'booked',
  ATTENDED = 'attended',
  DID_NOT_ATTEND = 'did_not_attend',
  CANCELLED = 'cancelled',
  RESCHEDULED = 'rescheduled',
}
registerEnumType(AppointmentStatus, { name: 'AppointmentStatus' });

/** Who cancelled an appointment. */
export enum CancelledBy {
  PERSON = 'person',
  ORGANISATION = 'organisation',
}
registerEnumType(CancelledBy, { name: 'CancelledBy', description: 'The person, or the organisation that booked it' });

/** How a contact was tried. */
export enum ContactChannel {
  PHONE = 'phone',
  TEXT = 'text',
  EMAIL = 'email',
  LETTER = 'letter',
  VISIT = 'visit',
}
registerEnumType(ContactChannel, { name: 'ContactChannel' });

/** What came of a contact attempt; only REACHED counts as contact with the person. */
export enum ContactResult {
  REACHED = 'reached',
  NO_ANSWER = 'no_answer',
  LEFT_MESSAGE = 'left_message',
  WRONG_DETAILS = 'wrong_details',
  SENT = 'sent',
}
registerEnumType(ContactResult, { name: 'ContactResult' });

/** The event a missed appointment emits: referral rules may name it as their trigger. */
export const APPOINTMENT_MISSED_EVENT = 'appointment.missed';
/** An appointment is at most this long. */
export const APPOINTMENT_MAX_MINUTES = 480;
/** "My appointments" covers at most this many days at once. */
export const MY_APPOINTMENTS_MAX_DAYS = 31;
