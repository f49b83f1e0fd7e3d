import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EventHandlerRegistry, JobQueue, type OutboxEvent, OutboxService } from '@hub/events';
import { SustainmentsService } from '@hub/interventions';
import { DUE_STATES, referralEventPayload, ReferralState, TaskKind } from './referral-vocabulary.js';
import { TasksService } from './tasks.service.js';
import { plainWhen, serviceWords } from './plain-words.js';

export const SLA_SWEEP_TASK = 'referrals:sla_sweep';
export const SUSTAINMENT_CHECK_TASK = 'referrals:sustainment_check';
/** In-work checks after a job start: at 4 weeks, and the 13-week sustainment outcome. */
export const SUSTAINMENT_CHECK_WEEKS = [4, 13] as const;

const WEEK = 7 * 86_400_000;

/** A referral that moves on from a step (answered, started, ended): the managers' overdue tasks about it are done. */
const REFERRAL_MOVED_ON = ['referral.accepted', 'referral.declined', 'referral.started', 'referral.completed', 'referral.withdrawn'];

/**
 * Timers: SLA escalation of unanswered referrals (a sweep every minute, run once per tick across
 * processes), and the in-work checks after a job start (queue jobs due at 4 and 13 weeks, cancelled
 * and their tasks closed when the sustainment outcome is recorded).
 */
@Injectable()
export class ReferralTimers implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: EventHandlerRegistry,
    private readonly queue: JobQueue,
    private readonly tasks: TasksService,
    private readonly outbox: OutboxService,
    private readonly sustainments: SustainmentsService,
  ) {}

  onModuleInit(): void {
    this.registry.task(SLA_SWEEP_TASK, () => this.escalateOverdue().then(() => undefined));
    this.registry.schedule(`* * * * * ${SLA_SWEEP_TASK}`);
    this.registry.task(SUSTAINMENT_CHECK_TASK, (p) => this.sustainmentCheck(p as unknown as SustainmentCheck));
    this.registry.onEvent('referrals.overdue_tasks', REFERRAL_MOVED_ON, (m, e) =>
      this.tasks.closeBySourceWithin(m, `overdue:${e.aggregateId}:`, `system:${e.type}`),
    );
    this.registry.onEvent('referrals.sustainment_timers', ['job.started', 'job.rescheduled', 'job.withdrawn', 'outcome.recorded'], (m, e) =>
      this.onJobEvent(m, e),
    );
  }

  /**
   * Escalates every referral past its due time, once per step: sent and not answered (the service
   * SLA), or accepted and not started (the start SLA). Event, flag, and a task for each side's managers.
   */
  async escalateOverdue(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: {
        id: string;
        person_id: string;
        from_organisation_id: string;
        to_organisation_id: string;
        service_code: string;
        due_at: Date;
        state: ReferralState;
      }[] = await m
        .query(
          `UPDATE referral r SET escalated_at = now()
           FROM (SELECT id FROM referral WHERE state = ANY($1) AND due_at <= now() AND escalated_at IS NULL ORDER BY due_at LIMIT 500 FOR UPDATE SKIP LOCKED) due
          WHERE r.id = due.id
        RETURNING r.id, r.person_id, r.from_organisation_id, r.to_organisation_id, r.service_code, r.due_at, r.state`,
          [DUE_STATES],
        )
        .then((res: unknown) => (Array.isArray(res) && Array.isArray(res[0]) ? res[0] : res) as never);
      for (const r of rows) {
        const accepted = r.state === ReferralState.ACCEPTED;
        const due = new Date(r.due_at).toISOString();
        await this.outbox.emit(m, null, {
          type: 'referral.overdue',
          aggregateType: 'referral',
          aggregateId: r.id,
          personId: r.person_id,
          payload: referralEventPayload(
            {
              referralId: r.id,
              fromOrganisationId: r.from_organisation_id,
              toOrganisationId: r.to_organisation_id,
              serviceCode: r.service_code,
              sent: true,
            },
            { dueAt: due, state: r.state },
          ),
        });
        for (const [org, side] of [
          [r.to_organisation_id, 'received'],
          [r.from_organisation_id, 'sent'],
        ] as const) {
          await this.tasks.raiseWithin(m, null, {
            organisationId: org,
            forRole: 'manager',
            personId: r.person_id,
            referralId: r.id,
            kind: TaskKind.REFERRAL_OVERDUE,
            title: accepted
              ? `Referral ${side} for ${serviceWords(r.service_code)} accepted but not started`
              : `Overdue referral ${side} for ${serviceWords(r.service_code)}`,
            detail: accepted
              ? `Accepted but not started by ${plainWhen(r.due_at)} (the time given to start).`
              : `Not answered by ${plainWhen(r.due_at)} (the time the service gives to answer).`,
            // One task per step: the accepted step's escalation is another task than the answer's.
            sourceKey: accepted ? `overdue:${r.id}:accepted:${org}` : `overdue:${r.id}:${org}`,
          });
        }
      }
      return rows.length;
    });
  }

  private async onJobEvent(m: EntityManager, e: OutboxEvent): Promise<void> {
    if (e.type === 'job.started') {
      await this.scheduleChecks(m, e);
    } else if (e.type === 'job.rescheduled') {
      // The job's start date was corrected: its checks move with the window (a check already raised is done, and raised again when due).
      await this.endChecks(m, (e.payload as { sustainmentId: string }).sustainmentId, 'system:job-rescheduled');
      await this.scheduleChecks(m, e);
    } else if (e.type === 'job.withdrawn') {
      // The job start no longer counts (cancelled, not attended, planned again): its window is gone, and so are its checks.
      await this.endChecks(m, (e.payload as { sustainmentId: string }).sustainmentId, 'system:job-withdrawn');
    } else if (e.aggregateType === 'job_sustainment') {
      // The outcome is recorded: no more checks, and the open ones are done.
      await this.endChecks(m, e.aggregateId, 'system:outcome-recorded');
    }
  }

  /** The in-work checks of a window (its due day in the payload): queue jobs due 4 and 13 weeks after the job's start. */
  private async scheduleChecks(m: EntityManager, e: OutboxEvent): Promise<void> {
    const { sustainmentId, dueOn } = e.payload as { sustainmentId: string; dueOn: string };
    const start = new Date(`${dueOn}T09:00:00Z`).getTime() - 13 * WEEK;
    for (const weeks of SUSTAINMENT_CHECK_WEEKS) {
      const payload: SustainmentCheck = {
        sustainmentId,
        personId: e.personId!,
        organisationId: e.organisationId!,
        weeks,
        dueAt: new Date(start + weeks * WEEK).toISOString(),
      };
      await this.queue.addWithin(m, SUSTAINMENT_CHECK_TASK, payload as never, {
        runAt: new Date(payload.dueAt),
        jobKey: `sustainment:${sustainmentId}:${weeks}w`,
      });
    }
  }

  private async endChecks(m: EntityManager, sustainmentId: string, by: string): Promise<void> {
    for (const weeks of SUSTAINMENT_CHECK_WEEKS) await this.queue.removeWithin(m, `sustainment:${sustainmentId}:${weeks}w`);
    await this.tasks.closeBySourceWithin(m, `sustainment:${sustainmentId}:`, by);
  }

  private async sustainmentCheck(p: SustainmentCheck): Promise<void> {
    // A check that fires after its window closed (the outcome recorded, the job start withdrawn) asks for nothing.
    if (!(await this.sustainments.isOpen(p.sustainmentId))) return;
    await this.db.transaction((m) =>
      this.tasks.raiseWithin(m, null, {
        organisationId: p.organisationId,
        forRole: 'caseworker',
        personId: p.personId,
        kind: TaskKind.SUSTAINMENT_CHECK,
        title: p.weeks === 13 ? 'Record the 13-week job sustainment outcome' : `${p.weeks}-week in-work check`,
        detail: `The person started a job ${p.weeks} weeks ago: ask how it is going and record it.`,
        dueAt: new Date(p.dueAt),
        // Keyed by its due day too: a check moved by a corrected start date is a new task.
        sourceKey: `sustainment:${p.sustainmentId}:${p.weeks}w:${p.dueAt.slice(0, 10)}`,
      }),
    );
  }
}

interface SustainmentCheck {
  sustainmentId: string;
  personId: string;
  organisationId: string;
  weeks: number;
  dueAt: string;
}
