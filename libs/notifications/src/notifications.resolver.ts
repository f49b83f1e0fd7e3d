import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { Permission, RequirePermission } from '@hub/access';
import { type Actor, type Connection, CurrentActor, PageArgs } from '@hub/common';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { NotificationSettingsService } from './notification-settings.service.js';
import {
  NotificationSettingsInput,
  NotificationSettingsModel,
  SentNotificationConnection,
  type SentNotificationModel,
  settingsModel,
} from './notification.model.js';

@Resolver()
export class NotificationsResolver {
  constructor(
    private readonly settings: NotificationSettingsService,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  @RequirePermission(Permission.NOTIFICATION_SETTINGS)
  @Query(() => NotificationSettingsModel, { description: 'Which emails the hub sends you, and how' })
  async notificationSettings(@CurrentActor() actor: Actor): Promise<NotificationSettingsModel> {
    return settingsModel(await this.settings.mine(actor), this.transport.configured);
  }

  @RequirePermission(Permission.NOTIFICATION_SETTINGS)
  @Mutation(() => NotificationSettingsModel, {
    description: 'Chooses which emails the hub sends you, and how (at once, a daily digest, or none)',
  })
  async updateNotificationSettings(
    @CurrentActor() actor: Actor,
    @Args('input') input: NotificationSettingsInput,
  ): Promise<NotificationSettingsModel> {
    return settingsModel(await this.settings.update(actor, input.delivery, input.disabledKinds), this.transport.configured);
  }

  @RequirePermission(Permission.NOTIFICATION_SETTINGS)
  @Query(() => SentNotificationConnection, { description: 'The emails the hub sent you, tried to send, or held back, newest first' })
  notificationsSent(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<Connection<SentNotificationModel>> {
    return this.settings.sentTo(actor, page) as Promise<Connection<SentNotificationModel>>;
  }
}
