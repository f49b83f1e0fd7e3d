import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { OrganisationsModule } from '@hub/organisations';
import { ReferralsModule } from '@hub/referrals';
import { MAIL_TRANSPORT, SmtpMailTransport } from './mail-transport.js';
import { Notification, NotificationSetting } from './notification.entity.js';
import { NotificationSettingsService } from './notification-settings.service.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationsPersonData } from './notifications-person-data.js';

/** Email notifications to staff: preferences, the record of what was sent, and the sending (SMTP by default). */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationSetting]), OrganisationsModule, ReferralsModule],
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => new SmtpMailTransport(config.mail.smtpUrl, config.mail.from, config.mail.sendTimeoutMs),
    },
    NotificationSettingsService,
    NotificationsService,
    NotificationsResolver,
    NotificationsPersonData,
  ],
  exports: [NotificationsService, NotificationSettingsService, MAIL_TRANSPORT],
})
export class NotificationsModule {}
