import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, ErrorCode, HubError } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { EventHandlerRegistry, JobQueue, type OutboxEvent } from '@hub/events';
import { userActor, UsersService } from '@hub/organisations';
import { PersonsService } from '@hub/persons';
import { ReferralsService, TasksService } from '@hub/referrals';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { KIND_TEXT, NOTIFICATION_KINDS, NotificationDelivery, NotificationKind } from './notification-kinds.js';
import { Notification, type NotificationStatus } from './notification.entity.js';
import { NotificationSettingsService } from './notification-settings.service.js';

export const SEND_NOTIFICATION_TASK = 'notifications:send';
export const SEND_DIGEST_TASK = 'notifications:send_digest';
/** The most recipients one event notifies (an organisation's caseworkers and managers, a team). */
export const RECIPIENTS_MAX = 200;
/** The most items one digest lists; more wait for the next one. */
export const DIGEST_ITEMS_MAX = 100;
const ATTEMPTS_KEPT = 20;

/** The events that notify someone, and `notification.requested`, the seam other libs emit. */
export const NOTIFYING_EVENTS = [
  'referral.sent',
  'referral.accepted',
  'referral.declined',
  'referral.overdue',
  'task.assigned',
  'notification.requested',
];

interface Recipient {
  userId: string;
  kind: NotificationKind;
  path: string;
}

/** A portal path a `notification.requested` may link to: the portal's own pages, no query, no host. */
const PORTAL_PATH = /^\/[a-z0-9\-/]{0,200}$/i;

/** Why a notification was not sent, as its record says it (never an address or a server's words). */
const WITHHELD = {
  inactive: 'the recipient is no longer an active user',
  turnedOff: 'the recipient turned this kind of email off',
  notAllowed: 'the recipient may no longer see what it is about',
  notConfigured: 'no mail transport is configured (SMTP_URL is not set)',
} as const;

function userIdOf(ref: string | null | undefined): string | null {
  return ref?.startsWith('user:') ? ref.slice(5) : null;
}

/** A short code for a failed attempt: the error's code or the SMTP reply code, never its text. */
function failureCode(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown };
  if (typeof e?.responseCode === 'number') return `SMTP ${e.responseCode}`;
  if (typeof e?.code === 'string' && /^[A-Z_]{2,40}$/.test(e.code)) return e.code;
  return 'could not send';
}

/**
 * Emails to staff about what happened in the hub: referrals arriving, answered and overdue, tasks
 * assigned, and what other libs ask for through `notification.requested`. An event handler (run once
 * per event by the worker, in the transaction of its delivery record) records one notification per
 * recipient who wants it, and enqueues it; the job sends it, retried with exponential backoff by the
 * queue, each attempt recorded. Whether the recipient may see what it is about is asked again when it
 * goes (the access policy, as the recipient): what they may no longer see is withheld, not sent.
 * An email carries one sentence and a link to the portal page, never a name or any of the record.
 */
@Injectable()
export class NotificationsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly registry: EventHandlerRegistry,
    private readonly queue: JobQueue,
    private readonly users: UsersService,
    private readonly persons: PersonsService,
    private readonly referrals: ReferralsService,
    private readonly tasks: TasksService,
    private readonly settings: NotificationSettingsService,
  ) {}

  onModuleInit(): void {
    this.registry.onEvents('notifications.email', NOTIFYING_EVENTS, (m, events) => this.fanOut(m, events));
    this.registry.task(SEND_NOTIFICATION_TASK, async (p) => {
      await this.send(String(p.notificationId));
    });
    this.registry.task(SEND_DIGEST_TASK, async (p) => {
      await this.sendDigest(String(p.userId));
    });
    this.registry.sweep('notifications:daily_digest', `0 ${this.config.mail.digestHour} * * *`, () => this.digestSweep());
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  /** Who is to hear of an event, for which kind, linking where. */
  private async recipientsOf(m: EntityManager, event: OutboxEvent, known = new Map<string, Promise<string[]>>()): Promise<Recipient[]> {
    const p = event.payload ?? {};
    // The same staff asked for by several events of a delivery are read once (`known`, by organisation and choice).
    const staff = async (organisationId: unknown, which: Parameters<UsersService['caseworkerActors']>[1]) => {
      if (typeof organisationId !== 'string') return [];
      const key = JSON.stringify([organisationId, which]);
      if (!known.has(key))
        known.set(
          key,
          this.users.caseworkerActors(organisationId, which, RECIPIENTS_MAX, m).then((actors) => actors.map((a) => a.id)),
        );
      return known.get(key)!;
    };
    const to = (ids: (string | null)[], kind: NotificationKind, path: string): Recipient[] =>
      ids.filter((id): id is string => !!id).map((userId) => ({ userId, kind, path }));
    switch (event.type) {
      case 'referral.sent':
        return to(await staff(p.toOrganisationId, {}), NotificationKind.REFERRAL_RECEIVED, '/referrals');
      case 'referral.accepted':
      case 'referral.declined':
        return to([userIdOf(await this.referrals.senderOf(event.aggregateId, m))], NotificationKind.REFERRAL_ANSWERED, '/referrals/sent');
      case 'referral.overdue':
        return [
          ...to([userIdOf(await this.referrals.senderOf(event.aggregateId, m))], NotificationKind.REFERRAL_OVERDUE, '/referrals/sent'),
          ...to(await staff(p.toOrganisationId, { roles: ['manager' as never] }), NotificationKind.REFERRAL_OVERDUE, '/referrals'),
        ];
      case 'task.assigned': {
        const ids = p.assigneeUserId
          ? await staff(event.organisationId, { userIds: [String(p.assigneeUserId)] })
          : await staff(event.organisationId, { teamId: String(p.assigneeTeamId) });
        // Whoever assigned it knows already.
        return to(
          ids.filter((id) => id !== userIdOf(event.actorId)),
          NotificationKind.TASK_ASSIGNED,
          '/tasks',
        );
      }
      case 'notification.requested': {
        // The seam: a lib names the kind, its own organisation's users, and the page to link to.
        const kind = p.kind as NotificationKind;
        const ids = Array.isArray(p.userIds) ? p.userIds.filter((id): id is string => typeof id === 'string').slice(0, RECIPIENTS_MAX) : [];
        if (!NOTIFICATION_KINDS.includes(kind) || typeof p.path !== 'string' || !PORTAL_PATH.test(p.path) || !ids.length) {
          this.logger.warn(`notification.requested event ${event.id} ignored: an unknown kind, no users, or not a portal path`);
          return [];
        }
        return to(await staff(event.organisationId, { userIds: ids }), kind, p.path);
      }
      default:
        return [];
    }
  }

  /**
   * Records a notification for each recipient who wants this kind, for the events of a delivery at
   * once, in its transaction (recipients and their choices read once for all, the rows written and
   * those to send now enqueued in one statement each).
   */
  private async fanOut(m: EntityManager, events: readonly OutboxEvent[]): Promise<void> {
    const known = new Map<string, Promise<string[]>>();
    const wanted: { event: OutboxEvent; recipients: Recipient[] }[] = [];
    for (const event of events) {
      const recipients = await this.recipientsOf(m, event, known);
      if (recipients.length) wanted.push({ event, recipients });
    }
    if (!wanted.length) return;
    const choices = await this.settings.choicesOf(
      wanted.flatMap((w) => w.recipients.map((r) => r.userId)),
      m,
    );
    const rows: { r: Recipient; event: OutboxEvent; status: NotificationStatus }[] = [];
    for (const { event, recipients } of wanted) {
      const seen = new Set<string>();
      for (const r of recipients) {
        if (seen.has(r.userId)) continue;
        seen.add(r.userId);
        const choice = choices.get(r.userId);
        if (choice && (choice.delivery === NotificationDelivery.OFF || choice.disabledKinds.includes(r.kind))) continue;
        rows.push({ r, event, status: choice?.delivery === NotificationDelivery.DAILY_DIGEST ? 'digest' : 'pending' });
      }
    }
    if (!rows.length) return;
    const added: { id: string; status: NotificationStatus }[] = await m.query(
      `INSERT INTO notification (user_id, kind, event_id, subject_type, subject_id, person_id, path, status)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[])
       ON CONFLICT ON CONSTRAINT uq_notification_event_user DO NOTHING RETURNING id, status`,
      [
        rows.map((x) => x.r.userId),
        rows.map((x) => x.r.kind),
        rows.map((x) => x.event.id),
        rows.map((x) => x.event.aggregateType),
        rows.map((x) => x.event.aggregateId),
        rows.map((x) => x.event.personId),
        rows.map((x) => x.r.path),
        rows.map((x) => x.status),
      ],
    );
    await this.queue.addManyWithin(
      m,
      SEND_NOTIFICATION_TASK,
      added.filter((a) => a.status === 'pending').map((a) => ({ notificationId: a.id })),
      this.config.mail.maxAttempts,
    );
  }

  /**
   * The recipient as an actor now, if they may still be told of it: an active user who has not turned
   * the kind off, and who may see what it is about (the referral or task, through its service as
   * themselves; its person, through the access policy). Otherwise the reason it is withheld.
   */
  private async mayTell(n: Notification): Promise<{ actor: Actor } | { withheld: string }> {
    const found = await this.users.findActive(n.userId);
    if (!found) return { withheld: WITHHELD.inactive };
    const choice = (await this.settings.choicesOf([n.userId])).get(n.userId);
    if (choice && (choice.delivery === NotificationDelivery.OFF || choice.disabledKinds.includes(n.kind)))
      return { withheld: WITHHELD.turnedOff };
    const actor = userActor(found.user, found.organisation, found.teamIds);
    try {
      if (n.subjectType === 'referral') await this.referrals.get(actor, n.subjectId);
      if (n.subjectType === 'task') await this.tasks.get(actor, n.subjectId);
      if (n.personId) await this.persons.requireAccess(actor, n.personId);
    } catch (err) {
      if (err instanceof HubError && (err.code === ErrorCode.NotFound || err.code === ErrorCode.Forbidden))
        return { withheld: WITHHELD.notAllowed };
      throw err;
    }
    return { actor };
  }

  private link(path: string): string {
    return `${this.config.mail.linkBaseUrl}${path}`;
  }

  /** Marks notifications done (sent, withheld, not sent, failed), adding the attempt when there was one. */
  private async finish(
    ids: string[],
    status: NotificationStatus,
    fields: { reason?: string | null; attempt?: { at: string; error: string | null } | null; messageId?: string | null },
  ): Promise<void> {
    await this.db.query(
      `UPDATE notification SET status = $2, reason = $3, message_id = COALESCE($4, message_id),
              sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END,
              attempts = CASE WHEN $5::jsonb IS NULL THEN attempts
                              WHEN jsonb_array_length(attempts) >= ${ATTEMPTS_KEPT}
                              THEN (SELECT coalesce(jsonb_agg(a ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(attempts) WITH ORDINALITY AS t(a, n)
                                     WHERE n > jsonb_array_length(attempts) - ${ATTEMPTS_KEPT - 1}) || $5::jsonb
                              ELSE attempts || $5::jsonb END
        WHERE id = ANY($1::uuid[])`,
      [ids, status, fields.reason ?? null, fields.messageId ?? null, fields.attempt ? JSON.stringify([fields.attempt]) : null],
    );
  }

  /**
   * One attempt at one notification. A failure is recorded and thrown, so the queue retries it with
   * exponential backoff; after MAIL_MAX_ATTEMPTS it is recorded as failed.
   */
  async send(notificationId: string): Promise<NotificationStatus | null> {
    const n = await this.db.getRepository(Notification).findOneBy({ id: notificationId });
    if (!n || n.status !== 'pending') return n?.status ?? null;
    const verdict = await this.mayTell(n);
    if ('withheld' in verdict) {
      await this.finish([n.id], 'withheld', { reason: verdict.withheld });
      return 'withheld';
    }
    if (!this.transport.configured) {
      await this.finish([n.id], 'not_sent', { reason: WITHHELD.notConfigured });
      return 'not_sent';
    }
    const text = KIND_TEXT[n.kind as NotificationKind];
    const link = this.link(n.path);
    return this.attempt([n], () =>
      this.transport.send({
        to: verdict.actor.email!,
        subject: `Rehab Hub: ${text.subject}`,
        text: `${text.sentence}\n\nOpen the hub to see it: ${link}\n\nYou can choose which emails you get: ${this.link('/notifications')}\n`,
        html: `<p>${text.sentence}</p><p><a href="${link}">Open the hub to see it</a></p><p><a href="${this.link('/notifications')}">Choose which emails you get</a></p>`,
      }),
    );
  }

  /** Sends, and records the attempt on each notification it stands for; rethrows a failure for the queue to retry. */
  private async attempt(rows: Notification[], send: () => Promise<{ messageId: string | null }>): Promise<NotificationStatus> {
    const at = new Date().toISOString();
    const ids = rows.map((r) => r.id);
    try {
      const receipt = await send();
      await this.finish(ids, 'sent', { attempt: { at, error: null }, messageId: receipt.messageId });
      return 'sent';
    } catch (err) {
      const error = failureCode(err);
      const attempts = Math.max(...rows.map((r) => r.attempts.length)) + 1;
      const last = attempts >= this.config.mail.maxAttempts;
      await this.finish(ids, last ? 'failed' : rows[0].status, { reason: error, attempt: { at, error } });
      this.logger.warn(`notification ${ids[0]}${ids.length > 1 ? ` (+${ids.length - 1})` : ''} attempt ${attempts} failed: ${error}`);
      throw new Error(`email not sent: ${error}`, { cause: err });
    }
  }

  /** Enqueues a digest for each user with notifications waiting for theirs. Returns how many users. */
  async digestSweep(): Promise<number> {
    const users: { user_id: string }[] = await this.db.query(
      `SELECT DISTINCT user_id FROM notification WHERE status = 'digest' LIMIT 5000`,
    );
    for (const { user_id } of users)
      await this.queue.add(
        SEND_DIGEST_TASK,
        { userId: user_id },
        { jobKey: `digest:${user_id}`, maxAttempts: this.config.mail.maxAttempts },
      );
    return users.length;
  }

  /** One email listing a user's waiting notifications that they may still be told of (the others are withheld). */
  async sendDigest(userId: string): Promise<NotificationStatus | null> {
    const rows = await this.db
      .getRepository(Notification)
      .find({ where: { userId, status: 'digest' }, order: { createdAt: 'ASC', id: 'ASC' }, take: DIGEST_ITEMS_MAX });
    if (!rows.length) return null;
    const told: Notification[] = [];
    let actor: Actor | null = null;
    for (const n of rows) {
      const verdict = await this.mayTell(n);
      if ('withheld' in verdict) await this.finish([n.id], 'withheld', { reason: verdict.withheld });
      else {
        told.push(n);
        actor = verdict.actor;
      }
    }
    if (!told.length || !actor) return 'withheld';
    if (!this.transport.configured) {
      await this.finish(
        told.map((n) => n.id),
        'not_sent',
        { reason: WITHHELD.notConfigured },
      );
      return 'not_sent';
    }
    const lines = told.map((n) => ({ sentence: KIND_TEXT[n.kind as NotificationKind].sentence, link: this.link(n.path) }));
    return this.attempt(told, () =>
      this.transport.send({
        to: actor.email!,
        subject: `Rehab Hub: your daily summary (${told.length})`,
        text: `${lines.map((l) => `- ${l.sentence} ${l.link}`).join('\n')}\n\nYou can choose which emails you get: ${this.link('/notifications')}\n`,
        html: `<ul>${lines.map((l) => `<li>${l.sentence} <a href="${l.link}">Open in the hub</a></li>`).join('')}</ul><p><a href="${this.link('/notifications')}">Choose which emails you get</a></p>`,
      }),
    );
  }
}
