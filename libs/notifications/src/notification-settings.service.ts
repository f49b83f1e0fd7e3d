import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, Permission } from '@hub/access';
import { type Actor, type Connection } from '@hub/common';
import { keysetPage, type PageArgs } from '@hub/database';
import { OutboxService } from '@hub/events';
import { NOTIFICATION_KINDS, NotificationDelivery, type NotificationKind } from './notification-kinds.js';
import { Notification, NotificationSetting } from './notification.entity.js';

export interface NotificationChoice {
  delivery: NotificationDelivery;
  disabledKinds: string[];
}

/** The defaults, for a user who never chose: every kind, one email as each thing happens. */
export const DEFAULT_CHOICE: NotificationChoice = { delivery: NotificationDelivery.IMMEDIATE, disabledKinds: [] };

/** Each user's choice of which emails they get, and how; and the record of what was sent to them. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
  ) {}

  /** The users' choices (those who never chose are left out: the defaults apply). */
  async choicesOf(userIds: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, NotificationChoice>> {
    if (!userIds.length) return new Map();
    const rows = await m
      .getRepository(NotificationSetting)
      .createQueryBuilder('s')
      .where('s.user_id = ANY(:ids)', { ids: [...new Set(userIds)] })
      .getMany();
    return new Map(rows.map((r) => [r.userId, { delivery: r.delivery as NotificationDelivery, disabledKinds: r.disabledKinds }]));
  }

  /** The actor's own choice. */
  async mine(actor: Actor): Promise<NotificationChoice> {
    this.access.require(actor, Permission.NOTIFICATION_SETTINGS);
    return (await this.choicesOf([actor.id])).get(actor.id) ?? DEFAULT_CHOICE;
  }

  /** Changes the actor's own choice: one transaction, an event, audited. */
  async update(actor: Actor, delivery: NotificationDelivery, disabledKinds: NotificationKind[]): Promise<NotificationChoice> {
    this.access.require(actor, Permission.NOTIFICATION_SETTINGS);
    const kinds = NOTIFICATION_KINDS.filter((k) => disabledKinds.includes(k));
    return this.db.transaction(async (m) => {
      const [before] = await m.query<{ delivery: string; disabled_kinds: string[] }[]>(
        'SELECT delivery, disabled_kinds FROM notification_setting WHERE user_id = $1 FOR UPDATE',
        [actor.id],
      );
      const old = before ? { delivery: before.delivery, disabledKinds: before.disabled_kinds } : DEFAULT_CHOICE;
      await m.query(
        `INSERT INTO notification_setting (user_id, delivery, disabled_kinds) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET delivery = EXCLUDED.delivery, disabled_kinds = EXCLUDED.disabled_kinds, updated_at = now()`,
        [actor.id, delivery, kinds],
      );
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      if (old.delivery !== delivery) changes.delivery = { old: old.delivery, new: delivery };
      if (JSON.stringify(old.disabledKinds) !== JSON.stringify(kinds)) changes.disabledKinds = { old: old.disabledKinds, new: kinds };
      if (Object.keys(changes).length)
        await this.outbox.emit(m, actor, {
          type: 'notification_settings.updated',
          aggregateType: 'user',
          aggregateId: actor.id,
          payload: { delivery, disabledKinds: kinds },
          changes,
        });
      return { delivery, disabledKinds: kinds };
    });
  }

  /** What the hub emailed (or tried to, or withheld) to the actor, newest first. */
  async sentTo(actor: Actor, page: PageArgs = {}): Promise<Connection<Notification>> {
    this.access.require(actor, Permission.NOTIFICATION_SETTINGS);
    const qb = this.db.getRepository(Notification).createQueryBuilder('n').where('n.user_id = :me', { me: actor.id });
    return keysetPage(qb, { alias: 'n', at: 'created_at', id: 'uuid' }, page);
  }
}
