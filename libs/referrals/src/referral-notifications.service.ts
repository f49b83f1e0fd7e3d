import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type Actor, ErrorCode, HubError, type LiveSession } from '@hub/common';
import { EventHandlerRegistry, type LiveEvent, LiveEvents, liveEventOf, liveStream } from '@hub/events';
import type { ReferralModel, TaskModel } from './referral.model.js';
import { referralView } from './referral.view.js';
import { ReferralsService } from './referrals.service.js';
import { TasksService } from './tasks.service.js';

/** Events that change what a receiving organisation's inbox shows (drafts are never in it). */
export const INBOX_EVENTS = [
  'referral.sent',
  'referral.accepted',
  'referral.declined',
  'referral.started',
  'referral.completed',
  'referral.withdrawn',
  'referral.overdue',
];
export const TASK_EVENTS = ['task.raised', 'task.assigned'];

const toOrganisation = (e: LiveEvent) => (e.payload as { toOrganisationId?: string }).toOrganisationId;
const taskOrganisation = (e: LiveEvent) => (e.payload as { organisationId?: string }).organisationId;

/**
 * Live notifications of referrals and tasks. Their events reach subscribers the way they reach
 * webhooks: a handler on the event registry (run once per event by whichever worker takes it)
 * publishes them on the live bus. Each subscriber then re-loads the referral or task through its
 * service as itself, authenticated afresh, so it receives exactly what it could query, or nothing.
 */
@Injectable()
export class ReferralNotificationsService implements OnModuleInit {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly live: LiveEvents,
    private readonly referrals: ReferralsService,
    private readonly tasks: TasksService,
  ) {}

  onModuleInit(): void {
    this.registry.onEvent('referrals.live', [...INBOX_EVENTS, ...TASK_EVENTS], (_m, event) => this.live.publish(liveEventOf(event)));
  }

  /** Referrals to the subscriber's organisation as they arrive (`onlyNew`) or change. */
  inbox(actor: Actor, session: LiveSession, onlyNew: boolean): AsyncIterableIterator<ReferralModel> {
    return liveStream(this.live, {
      wants: (e) => (onlyNew ? e.type === 'referral.sent' : INBOX_EVENTS.includes(e.type)) && toOrganisation(e) === actor.organisationId,
      load: (e, end) => this.as(session, end, (now) => this.referrals.get(now, e.aggregateId).then((r) => referralView(r))),
    });
  }

  /** Tasks raised for the subscriber's organisation. */
  tasksRaised(actor: Actor, session: LiveSession): AsyncIterableIterator<TaskModel> {
    return liveStream(this.live, {
      wants: (e) => TASK_EVENTS.includes(e.type) && taskOrganisation(e) === actor.organisationId,
      load: (e, end) => this.as(session, end, (now) => this.tasks.get(now, e.aggregateId)),
    });
  }

  /** Runs `read` as the subscriber authenticated now; nothing when it may not see the thing (or no longer may connect). */
  private async as<T>(session: LiveSession, end: () => void, read: (actor: Actor) => Promise<T>): Promise<T | null> {
    const actor = await session.refresh();
    if (!actor) {
      end();
      return null;
    }
    try {
      return await read(actor);
    } catch (err) {
      if (err instanceof HubError && err.code === ErrorCode.NotFound) return null;
      throw err;
    }
  }
}
