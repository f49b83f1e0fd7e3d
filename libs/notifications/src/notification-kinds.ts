import { registerEnumType } from '@nestjs/graphql';

/** What a member of staff may be emailed about. Each user turns each kind on or off (on by default). */
export enum NotificationKind {
  /** A referral was sent to the user's organisation (its caseworkers and managers). */
  REFERRAL_RECEIVED = 'referral_received',
  /** A referral the user sent was accepted or declined. */
  REFERRAL_ANSWERED = 'referral_answered',
  /** A referral is past its due time: to the user who sent it, and the receiving organisation's managers. */
  REFERRAL_OVERDUE = 'referral_overdue',
  /** A colleague assigned the user (or one of their teams) a task. */
  TASK_ASSIGNED = 'task_assigned',
  /** An appointment of the user's is coming up (emitted by whichever lib books appointments, through `notification.requested`). */
  APPOINTMENT_REMINDER = 'appointment_reminder',
  /** A meeting gave the user an action, or one of theirs is past its due date (libs/meetings, through `notification.requested`). */
  MEETING_ACTION = 'meeting_action',
}
registerEnumType(NotificationKind, { name: 'NotificationKind', description: 'What the hub may email you about' });
export const NOTIFICATION_KINDS = Object.values(NotificationKind);

/** How a user receives their notifications. */
export enum NotificationDelivery {
  /** One email as each thing happens (the default). */
  IMMEDIATE = 'immediate',
  /** One email a day listing them (at MAIL_DIGEST_HOUR). */
  DAILY_DIGEST = 'daily_digest',
  /** No email at all. */
  OFF = 'off',
}
registerEnumType(NotificationDelivery, { name: 'NotificationDelivery' });

/**
 * The words of each kind: the subject, and the one sentence of the body. Only what any recipient may
 * know without the record: no name, no service, no organisation, nothing a colleague wrote. The body
 * then gives the link to the portal page, where the hub shows what the reader may see.
 */
export const KIND_TEXT: Record<NotificationKind, { label: string; subject: string; sentence: string }> = {
  [NotificationKind.REFERRAL_RECEIVED]: {
    label: 'A referral is sent to my organisation',
    subject: 'New referral for your organisation',
    sentence: 'Your organisation has received a new referral.',
  },
  [NotificationKind.REFERRAL_ANSWERED]: {
    label: 'A referral I sent is accepted or declined',
    subject: 'A referral you sent has been answered',
    sentence: 'A referral you sent has been accepted or declined.',
  },
  [NotificationKind.REFERRAL_OVERDUE]: {
    label: 'A referral I sent, or my organisation received, is overdue',
    subject: 'A referral is overdue',
    sentence: 'A referral is past the time it should have been answered or started.',
  },
  [NotificationKind.TASK_ASSIGNED]: {
    label: 'A colleague assigns me or my team a task',
    subject: 'You have been assigned a task',
    sentence: 'A colleague has assigned a task to you or your team.',
  },
  [NotificationKind.APPOINTMENT_REMINDER]: {
    label: 'An appointment of mine is coming up',
    subject: 'Appointment reminder',
    sentence: 'You have an appointment coming up.',
  },
  [NotificationKind.MEETING_ACTION]: {
    label: 'A meeting gives me an action, or one of mine is overdue',
    subject: 'A meeting action for you',
    sentence: 'A multi-agency meeting has given you an action, or an action of yours is past its due date.',
  },
};
