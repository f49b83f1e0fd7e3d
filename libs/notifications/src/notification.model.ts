import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum } from 'class-validator';
import { connectionType } from '@hub/common';
import { KIND_TEXT, NOTIFICATION_KINDS, NotificationDelivery, NotificationKind } from './notification-kinds.js';

@ObjectType({ description: 'One kind of email and whether you get it' })
export class NotificationKindSetting {
  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field({ description: 'What it is about, in words' })
  label: string;

  @Field()
  enabled: boolean;
}

@ObjectType({ description: 'Which emails the hub sends you, and how (yours only)' })
export class NotificationSettingsModel {
  @Field(() => NotificationDelivery)
  delivery: NotificationDelivery;

  @Field(() => [NotificationKindSetting], { description: 'Every kind, in a fixed order' })
  kinds: NotificationKindSetting[];

  @Field({ description: 'Whether the hub can send email at all (SMTP_URL is set); when not, nothing is sent, whatever you choose' })
  emailConfigured: boolean;
}

export function settingsModel(
  choice: { delivery: NotificationDelivery; disabledKinds: string[] },
  emailConfigured: boolean,
): NotificationSettingsModel {
  return {
    delivery: choice.delivery,
    kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, label: KIND_TEXT[kind].label, enabled: !choice.disabledKinds.includes(kind) })),
    emailConfigured,
  };
}

@InputType()
export class NotificationSettingsInput {
  @Field(() => NotificationDelivery)
  @IsEnum(NotificationDelivery)
  delivery: NotificationDelivery;

  @Field(() => [NotificationKind], { description: 'The kinds you do not want (every other kind is sent)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(NotificationKind, { each: true })
  disabledKinds: NotificationKind[];
}

@ObjectType({ description: 'An email the hub sent you, tried to, or held back: what it was about, never its content' })
export class SentNotificationModel {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field({ description: 'pending, digest, sent, failed, withheld or not_sent' })
  status: string;

  @Field(() => String, { nullable: true, description: 'Why it was withheld, not sent, or failed' })
  reason: string | null;

  @Field({ description: 'The portal page it linked to' })
  path: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;
}
export const SentNotificationConnection = connectionType(SentNotificationModel, 'SentNotification');
