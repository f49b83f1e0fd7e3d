import { Context, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, CurrentActor, type HubContext, liveSession } from '@hub/common';
import { ReferralModel, TaskModel } from './referral.model.js';
import { ReferralNotificationsService } from './referral-notifications.service.js';
import { Permission, RequirePermission } from '@hub/access';

const same = <T>(payload: T): T => payload;

/** Subscriptions (graphql-ws at /graphql): the organisation's referral inbox and its tasks, as the access policy lets it see them. */
@Resolver()
export class ReferralSubscriptionsResolver {
  constructor(private readonly notifications: ReferralNotificationsService) {}

  @RequirePermission(Permission.REFERRAL_READ, { onObject: true })
  @Subscription(() => ReferralModel, { resolve: same, description: 'A referral arriving in your organisation’s inbox (sent to it)' })
  referralReceived(@CurrentActor() actor: Actor, @Context() ctx: HubContext): AsyncIterableIterator<ReferralModel> {
    return this.notifications.inbox(actor, liveSession(ctx), true);
  }

  @RequirePermission(Permission.REFERRAL_READ, { onObject: true })
  @Subscription(() => ReferralModel, {
    resolve: same,
    description: 'A referral in your organisation’s inbox arriving or changing (accepted, declined, withdrawn, overdue …)',
  })
  referralInboxChanged(@CurrentActor() actor: Actor, @Context() ctx: HubContext): AsyncIterableIterator<ReferralModel> {
    return this.notifications.inbox(actor, liveSession(ctx), false);
  }

  @RequirePermission(Permission.TASK_READ, { onObject: true })
  @Subscription(() => TaskModel, {
    resolve: same,
    description: 'A task raised for your organisation (seek consent, overdue referral, in-work check)',
  })
  taskRaised(@CurrentActor() actor: Actor, @Context() ctx: HubContext): AsyncIterableIterator<TaskModel> {
    return this.notifications.tasksRaised(actor, liveSession(ctx));
  }
}
