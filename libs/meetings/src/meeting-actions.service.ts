import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, Permission } from '@hub/access';
import { type Actor, ErrorCode, HubError, type LiveSession, NotFoundError, Role, systemActor, ValidationError } from '@hub/common';
import { EventHandlerRegistry, LiveEvents, liveEventOf, liveStream, OutboxService } from '@hub/events';
import { InterventionsService } from '@hub/interventions';
import { OrganisationsService, UsersService } from '@hub/organisations';
import { actorRef, PersonsService } from '@hub/persons';
import { ReferralsService, TaskKind, TasksService } from '@hub/referrals';
import { Meeting, MeetingAction, MeetingAgendaItem } from './meeting.entity.js';
import type { AssignMeetingActionInput, CompleteMeetingActionInput } from './meeting.input.js';
import type { MeetingActionModel } from './meeting.model.js';
import { MeetingBasisService } from './meeting-basis.service.js';
import { actionView } from './meeting-view.service.js';
import { MeetingsService } from './meetings.service.js';
import {
  MEETING_ACTION_DUE_MAX_DAYS,
  MEETING_MAX_ACTIONS,
  MEETING_MAX_ACTIONS_PER_ITEM,
  MeetingActionLink,
  MeetingActionStatus,
} from './meeting-vocabulary.js';

const DAY = 86_400_000;
const TASK_KEY = (actionId: string) => `meeting-action:${actionId}`;
const OVERDUE_BATCH = 200;
export const ACTION_EVENTS = ['meeting.action_assigned', 'meeting.action_overdue', 'meeting.action_completed'];

/**
 * Meeting actions: given by the organiser to itself or to an invitee the lawful basis covers for the
 * person, each a task of its owner (libs/referrals' tasks, closed when the action is completed), found
 * overdue by a sweep (`meeting.action_overdue`, with a second task for the owner). Events go to the
 * action's parties only (organiser and owner: `audience: 'parties'`).
 */
@Injectable()
export class MeetingActionsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly registry: EventHandlerRegistry,
    private readonly live: LiveEvents,
    private readonly persons: PersonsService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly tasks: TasksService,
    private readonly referrals: ReferralsService,
    private readonly interventions: InterventionsService,
    private readonly meetings: MeetingsService,
    private readonly basis: MeetingBasisService,
  ) {}

  onModuleInit(): void {
    this.registry.sweep('meetings:action_overdue', '*/15 * * * *', (now) => this.overdueSweep(now));
    this.registry.onEvent('meetings.action_task_completed', ['task.completed'], (m, e) =>
      this.completedByTask(m, e.aggregateId, (e.payload as { kind?: string } | null)?.kind),
    );
    this.registry.onEvent('meetings.live', ACTION_EVENTS, (_m, e) => this.live.publish(liveEventOf(e)));
  }

  /** An action's task marked done from the task list completes the action (and closes its other task). */
  async completedByTask(m: EntityManager, taskId: string, kind: string | undefined): Promise<void> {
    if (kind !== TaskKind.MEETING_ACTION && kind !== TaskKind.MEETING_ACTION_OVERDUE) return;
    const actionId = /^meeting-action:([0-9a-f-]{36})/.exec((await this.tasks.sourceKeyWithin(m, taskId)) ?? '')?.[1];
    const row = actionId ? await m.findOne(MeetingAction, { where: { id: actionId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!row || row.status !== MeetingActionStatus.OPEN) return;
    const [meeting, [owner]] = await Promise.all([
      m.findOneBy(Meeting, { id: row.meetingId }),
      this.organisations.byIds([row.ownerOrganisationId], m),
    ]);
    if (!meeting || !owner) return;
    const hub = systemActor(owner, 'meeting-action-task', 'casework');
    const saved = await m.save(MeetingAction, {
      ...row,
      status: MeetingActionStatus.DONE,
      completedAt: new Date(),
      completedBy: `task:${taskId}`,
    });
    await this.tasks.closeBySourceWithin(m, TASK_KEY(row.id), actorRef(hub));
    await this.emit(m, hub, 'meeting.action_completed', meeting, saved, { status: { old: row.status, new: saved.status } });
  }

  /** One action, to an actor shown its person at its meeting (NOT_FOUND otherwise). */
  async get(actor: Actor, id: string): Promise<MeetingActionModel> {
    const row = await this.db.getRepository(MeetingAction).findOneBy({ id });
    if (!row) throw new NotFoundError('Meeting action');
    const { item } = await this.meetings.item(actor, row.agendaItemId).catch(() => {
      throw new NotFoundError('Meeting action');
    });
    return actionView(row, item.personLabel);
  }

  /** Actions given, gone overdue or completed that the subscriber's organisation is a party to, as it may read them now. */
  changes(actor: Actor, session: LiveSession): AsyncIterableIterator<MeetingActionModel> {
    return liveStream(this.live, {
      wants: (e) => ACTION_EVENTS.includes(e.type) && ((e.payload as { parties?: string[] }).parties ?? []).includes(actor.organisationId),
      load: async (e, end) => {
        const now = await session.refresh();
        if (!now) {
          end();
          return null;
        }
        return this.get(now, e.aggregateId).catch((err: unknown) => {
          if (err instanceof HubError && err.code === ErrorCode.NotFound) return null;
          throw err;
        });
      },
    });
  }

  private parties(meeting: Meeting, action: MeetingAction): string[] {
    return [...new Set([meeting.organiserOrganisationId, action.ownerOrganisationId])];
  }

  private async emit(m: EntityManager, actor: Actor, type: string, meeting: Meeting, action: MeetingAction, changes = {}): Promise<void> {
    await this.outbox.emit(m, actor, {
      type,
      aggregateType: 'meeting_action',
      aggregateId: action.id,
      personId: action.personId,
      payload: {
        audience: 'parties',
        meetingId: meeting.id,
        actionId: action.id,
        ownerOrganisationId: action.ownerOrganisationId,
        dueOn: action.dueOn,
        parties: this.parties(meeting, action),
      },
      changes,
    });
  }

  /**
   * Tells the action's named owner (`notification.requested`, emitted as the owner organisation so its
   * staff are who may be told; the email says one sentence and links to "My actions").
   */
  private async remind(m: EntityManager, owner: { id: string; kind: string } | undefined, action: MeetingAction): Promise<void> {
    if (!owner || !action.ownerUserId) return;
    await this.outbox.emit(m, systemActor(owner, 'meeting-action', 'casework'), {
      type: 'notification.requested',
      aggregateType: 'meeting_action',
      aggregateId: action.id,
      personId: action.personId,
      payload: { audience: 'organisation', kind: 'meeting_action', userIds: [action.ownerUserId], path: '/meetings/actions' },
    });
  }

  /** Whether what the action is linked to is there, on this person, and the actor sees it (NOT_FOUND otherwise). */
  private async requireLink(m: EntityManager, actor: Actor, kind: MeetingActionLink, id: string, personId: string): Promise<void> {
    const recordIds = await this.persons.allRecordIds(personId, m);
    const seen =
      kind === MeetingActionLink.INTERVENTION
        ? await this.interventions.visibleOn(actor, id, recordIds, m)
        : recordIds.includes((await this.referrals.get(actor, id).catch(() => null))?.personId ?? '');
    if (!seen) throw new NotFoundError(kind === MeetingActionLink.INTERVENTION ? 'Intervention' : 'Referral');
  }

  async assign(actor: Actor, input: AssignMeetingActionInput, now = new Date()): Promise<MeetingActionModel> {
    const today = now.toISOString().slice(0, 10);
    if (!(Date.parse(`${input.dueOn}T00:00:00Z`) <= Date.parse(`${today}T00:00:00Z`) + MEETING_ACTION_DUE_MAX_DAYS * DAY))
      throw new ValidationError([{ field: 'dueOn', messages: [`at most ${MEETING_ACTION_DUE_MAX_DAYS} days ahead`] }]);
    return this.db.transaction(async (m) => {
      const { meeting, item } = await this.meetings.item(actor, input.agendaItemId, m);
      this.access.require(actor, Permission.MEETING_ORGANISE, { organisationId: meeting.organiserOrganisationId });
      // An owner the basis does not cover is not shown the person: to the organiser it is not there.
      if (!(await this.basis.covers(meeting, item.personId, input.ownerOrganisationId, m))) throw new NotFoundError('Organisation');
      if (input.ownerUserId) {
        const owners = await this.users.caseworkerActors(input.ownerOrganisationId, { userIds: [input.ownerUserId] }, 1, m);
        if (!owners.length) throw new NotFoundError('User');
      }
      if (input.linkKind && input.linkId) await this.requireLink(m, actor, input.linkKind, input.linkId, item.personId);
      // The meeting row locked: concurrent writes take turns, so the counts below hold.
      await this.meetings.load(actor, meeting.id, m, true);
      if ((await m.count(MeetingAction, { where: { agendaItemId: item.id } })) >= MEETING_MAX_ACTIONS_PER_ITEM)
        throw new HubError(ErrorCode.InvalidState, `At most ${MEETING_MAX_ACTIONS_PER_ITEM} actions on one person at one meeting`);
      if ((await m.count(MeetingAction, { where: { meetingId: meeting.id } })) >= MEETING_MAX_ACTIONS)
        throw new HubError(ErrorCode.InvalidState, `At most ${MEETING_MAX_ACTIONS} actions at one meeting`);
      const saved = await m.save(
        m.create(MeetingAction, {
          meetingId: meeting.id,
          agendaItemId: item.id,
          personId: item.personId,
          ownerOrganisationId: input.ownerOrganisationId,
          ownerUserId: input.ownerUserId ?? null,
          title: input.title.trim(),
          dueOn: input.dueOn,
          status: MeetingActionStatus.OPEN,
          overdueAt: null,
          linkKind: input.linkKind ?? null,
          linkId: input.linkId ?? null,
          createdBy: actorRef(actor),
        }),
      );
      await this.tasks.raiseWithin(m, actor, {
        organisationId: saved.ownerOrganisationId,
        forRole: Role.CASEWORKER,
        personId: saved.personId,
        kind: TaskKind.MEETING_ACTION,
        title: saved.title,
        detail: `An action from the meeting “${meeting.title}”, due ${saved.dueOn}.`,
        dueAt: new Date(Date.parse(`${saved.dueOn}T00:00:00Z`) + DAY - 1000),
        sourceKey: TASK_KEY(saved.id),
        assigneeUserId: saved.ownerUserId,
      });
      await this.emit(m, actor, 'meeting.action_assigned', meeting, saved, { title: { old: null, new: saved.title } });
      await this.remind(m, (await this.organisations.byIds([saved.ownerOrganisationId], m))[0], saved);
      return actionView(saved, item.personLabel);
    });
  }

  /** Completes an action of the actor's organisation (or, as organiser, any of the meeting's); its tasks are closed. */
  async complete(actor: Actor, input: CompleteMeetingActionInput): Promise<MeetingActionModel> {
    return this.db.transaction(async (m) => {
      const row = await m.findOne(MeetingAction, { where: { id: input.actionId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('Meeting action');
      const { meeting, item } = await this.meetings.item(actor, row.agendaItemId, m).catch(() => {
        throw new NotFoundError('Meeting action');
      });
      if (actor.organisationId !== row.ownerOrganisationId && actor.organisationId !== meeting.organiserOrganisationId)
        throw new NotFoundError('Meeting action');
      this.access.require(actor, Permission.MEETING_ACTION_COMPLETE);
      if (row.status !== MeetingActionStatus.OPEN) throw new HubError(ErrorCode.InvalidState, 'This action is done already');
      if (input.linkKind && input.linkId) await this.requireLink(m, actor, input.linkKind, input.linkId, row.personId);
      const saved = await m.save(MeetingAction, {
        ...row,
        status: MeetingActionStatus.DONE,
        completedAt: new Date(),
        completedBy: actorRef(actor),
        completionNote: input.note?.trim() || null,
        linkKind: input.linkKind ?? row.linkKind,
        linkId: input.linkId ?? row.linkId,
      });
      await this.tasks.closeBySourceWithin(m, TASK_KEY(row.id), actorRef(actor));
      await this.emit(m, actor, 'meeting.action_completed', meeting, saved, { status: { old: row.status, new: saved.status } });
      return actionView(saved, item.personLabel);
    });
  }

  /** The actions owned by the actor's organisation (open first by due day), about people past its gates; at most `first` (200). */
  async mine(actor: Actor, status: MeetingActionStatus | null = MeetingActionStatus.OPEN, first = 100): Promise<MeetingActionModel[]> {
    if (!this.access.holds(actor, Permission.MEETING_READ)) return [];
    const gates = this.access.gates(actor, 'ma.person_id');
    const qb = this.db
      .getRepository(MeetingAction)
      .createQueryBuilder('ma')
      .where('ma.owner_organisation_id = :org', { org: actor.organisationId })
      .andWhere(gates.where, gates.parameters);
    if (status) qb.andWhere('ma.status = :status', { status });
    const rows = await qb
      .orderBy('ma.due_on', 'ASC')
      .addOrderBy('ma.id', 'ASC')
      .take(Math.min(Math.max(first, 1), 200))
      .getMany();
    if (!rows.length) return [];
    const items = await this.db.getRepository(MeetingAgendaItem).findBy(rows.map((r) => ({ id: r.agendaItemId })));
    const labels = new Map(items.map((i) => [i.id, i.personLabel]));
    const meetings = new Map((await this.db.getRepository(Meeting).findBy(rows.map((r) => ({ id: r.meetingId })))).map((x) => [x.id, x]));
    // An owner whose basis for the person has lapsed since (a consent withdrawn) is no longer shown them, here as at the meeting.
    const shown: MeetingAction[] = [];
    for (const r of rows) {
      const meeting = meetings.get(r.meetingId);
      if (meeting && (await this.basis.covers(meeting, r.personId, actor.organisationId))) shown.push(r);
    }
    return shown.map((r) => actionView(r, labels.get(r.agendaItemId) ?? ''));
  }

  /** Marks open actions past their day overdue: an event to their parties and a task for their owner (once each). */
  async overdueSweep(now = new Date()): Promise<number> {
    const today = now.toISOString().slice(0, 10);
    return this.db.transaction(async (m) => {
      const due = await m
        .getRepository(MeetingAction)
        .createQueryBuilder('ma')
        .where("ma.status = 'open' AND ma.overdue_at IS NULL AND ma.due_on < :today", { today })
        .orderBy('ma.due_on', 'ASC')
        .take(OVERDUE_BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (!due.length) return 0;
      const meetings = new Map(
        (
          await m.findBy(
            Meeting,
            due.map((a) => ({ id: a.meetingId })),
          )
        ).map((x) => [x.id, x]),
      );
      const orgs = new Map((await this.organisations.byIds([...new Set(due.map((a) => a.ownerOrganisationId))], m)).map((o) => [o.id, o]));
      for (const action of due) {
        const meeting = meetings.get(action.meetingId);
        const owner = orgs.get(action.ownerOrganisationId);
        if (!meeting || !owner) continue;
        // An owner the basis no longer covers (a consent withdrawn) is no longer shown the person: its open
        // tasks for the action close, and it is neither tasked nor reminded again.
        if (!(await this.basis.covers(meeting, action.personId, owner.id, m))) {
          action.overdueAt = now; // found past its day: not looked at again
          await m.save(action);
          await this.tasks.closeBySourceWithin(m, TASK_KEY(action.id), 'system:meeting-basis-lapsed');
          continue;
        }
        const hub = systemActor(owner, 'meeting-action-overdue', 'casework');
        action.overdueAt = now;
        await m.save(action);
        await this.tasks.raiseWithin(m, hub, {
          organisationId: owner.id,
          forRole: Role.CASEWORKER,
          personId: action.personId,
          kind: TaskKind.MEETING_ACTION_OVERDUE,
          title: `Overdue: ${action.title}`.slice(0, 300),
          detail: `An action from the meeting “${meeting.title}” was due ${action.dueOn} and is not done.`,
          dueAt: null,
          sourceKey: `${TASK_KEY(action.id)}:overdue`,
          assigneeUserId: action.ownerUserId,
        });
        await this.emit(m, hub, 'meeting.action_overdue', meeting, action);
        await this.remind(m, owner, action);
      }
      return due.length;
    });
  }
}
