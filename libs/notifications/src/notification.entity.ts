import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * pending (to send now), digest (waiting for the user's daily digest), sent, failed (every attempt
 * failed), withheld (when it was due to go, the user could no longer see what it is about, was no
 * longer active, or had turned the kind off), not_sent (no mail transport configured: SMTP_URL unset).
 */
export type NotificationStatus = 'pending' | 'digest' | 'sent' | 'failed' | 'withheld' | 'not_sent';

/**
 * The record of one notification to one user: what it was about (a referral or task, never any of its
 * content), every attempt to send it, and what became of it. One per (event, user).
 */
@Entity('notification')
@Unique('uq_notification_event_user', ['eventId', 'userId'])
@Index('ix_notification_user_created', ['userId', 'createdAt'])
@Index('ix_notification_digest', ['userId'], { where: `status = 'digest'` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  kind: string;

  /** The outbox event it came from. */
  @Column({ type: 'bigint' })
  eventId: string;

  /** What it is about: `referral`, `task`, or what a lib's `notification.requested` named. */
  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  /** The person it concerns, checked against the access policy for the user when it is sent. */
  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  /** The portal page the email links to (a path of the portal: `/referrals`, `/tasks`). */
  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'text' })
  status: NotificationStatus;

  /** Why it was withheld or not sent, or the last failure (never the recipient's address or the server's words). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** { at, error } for each attempt (the latest 20). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attempts: { at: string; error: string | null }[];

  /** The transport's message id, once sent. */
  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}

/** A user's choices: how they receive notifications, and the kinds they turned off. No row: the defaults (everything, at once). */
@Entity('notification_setting')
export class NotificationSetting {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text', default: 'immediate' })
  delivery: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  disabledKinds: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
