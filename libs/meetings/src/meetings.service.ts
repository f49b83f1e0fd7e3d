import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, caseGate, Permission } from '@hub/access';
import { type Actor, ErrorCode, HubError, NotFoundError, ValidationError } from '@hub/common';
import { OutboxService } from '@hub/events';
import { OrganisationsService, UsersService } from '@hub/organisations';
import { actorRef, PersonsService } from '@hub/persons';
import { Meeting, MeetingAgendaItem, MeetingAttendance } from './meeting.entity.js';
import type { AddAgendaItemInput, RecordAttendanceInput, ScheduleMeetingInput } from './meeting.input.js';
import type { MeetingAgendaItemModel, MeetingModel } from './meeting.model.js';
import { MeetingBasisService } from './meeting-basis.service.js';
import { nextOccurrence } from './meeting-recurrence.js';
import { MEETING_MAX_AGENDA, MEETING_MAX_ATTENDANCE, MEETING_WINDOW_DAYS } from './meeting-vocabulary.js';

const DAY = 86_400_000;
/** How many dates of a series scheduleNextMeeting passes over to reach today (weekly: fifteen years). */
const MEETING_MAX_SKIPPED_DATES = 800;

export const meetingView = (actor: Actor, m: Meeting): MeetingModel => ({
  ...m,
  organiser: m.organiserOrganisationId === actor.organisationId,
});

/** The organisations taking part: the organiser, then its invitees. */
export const participants = (m: Meeting): string[] => [m.organiserOrganisationId, ...m.invitedOrganisationIds];

/**
 * Multi-agency meetings: scheduled by an organiser with its invitees, an agenda of people (each put
 * before an invitee only where a lawful basis covers it, MeetingBasisService), and attendance. Only the
 * organiser and its invitees know a meeting exists; anyone else, and any person on the agenda an actor
 * may not be shown, is NOT_FOUND.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly persons: PersonsService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly basis: MeetingBasisService,
  ) {}

  /** The meeting, when the actor's organisation organises it or is invited (NOT_FOUND otherwise, as for none). */
  async load(actor: Actor, id: string, m: EntityManager = this.db.manager, lock = false): Promise<Meeting> {
    if (!this.access.holds(actor, Permission.MEETING_READ)) throw new NotFoundError('Meeting');
    const row = await m.findOne(Meeting, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row || !participants(row).includes(actor.organisationId)) throw new NotFoundError('Meeting');
    return row;
  }

  /** An agenda item the actor may be shown (its organisation covered, the person past its gates), with its meeting. */
  async item(actor: Actor, id: string, m: EntityManager = this.db.manager): Promise<{ meeting: Meeting; item: MeetingAgendaItem }> {
    const item = await m.findOneBy(MeetingAgendaItem, { id });
    if (!item) throw new NotFoundError('Agenda item');
    const meeting = await this.load(actor, item.meetingId, m).catch(() => null);
    if (!meeting || !(await this.shown(actor, meeting, item.personId, m))) throw new NotFoundError('Agenda item');
    return { meeting, item };
  }

  /** Whether the actor may be shown this person at this meeting: its organisation covered, the person past its caseworker-level gates. */
  async shown(actor: Actor, meeting: Meeting, personId: string, m?: EntityManager): Promise<boolean> {
    if (!(await this.basis.covers(meeting, personId, actor.organisationId, m))) return false;
    return caseGate(actor, await this.access.factsFor(actor, personId)) === null;
  }

  async schedule(actor: Actor, input: ScheduleMeetingInput, now = new Date()): Promise<MeetingModel> {
    this.access.require(actor, Permission.MEETING_ORGANISE);
    const startsAt = new Date(input.startsAt);
    if (!(
      startsAt.getTime() >= now.getTime() - MEETING_WINDOW_DAYS.past * DAY &&
      startsAt.getTime() <= now.getTime() + MEETING_WINDOW_DAYS.ahead * DAY
    ))
      throw new ValidationError([{ field: 'startsAt', messages: ['from a year back to two years ahead'] }]);
    const invited = [...new Set(input.invitedOrganisationIds)].filter((o) => o !== actor.organisationId);
    const people = [...new Set(input.invitedUserIds ?? [])];
    return this.db.transaction(async (m) => {
      const orgs = await this.organisations.byIds(invited, m);
      if (orgs.length !== invited.length) throw new NotFoundError('Organisation');
      const orgOf = await this.userOrganisations(people, m);
      const allowed = new Set([actor.organisationId, ...invited]);
      if (people.some((u) => !allowed.has(orgOf.get(u) ?? ''))) throw new NotFoundError('User');
      const saved = await m.save(
        m.create(Meeting, {
          organiserOrganisationId: actor.organisationId,
          title: input.title.trim(),
          startsAt,
          place: input.place?.trim() || null,
          link: input.link ?? null,
          recurrence: input.recurrence ?? null,
          invitedOrganisationIds: invited,
          invitedUserIds: people,
          createdBy: actorRef(actor),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'meeting.scheduled',
        aggregateType: 'meeting',
        aggregateId: saved.id,
        payload: { meetingId: saved.id, startsAt: saved.startsAt.toISOString(), recurrence: saved.recurrence, parties: invited },
        changes: { title: { old: null, new: saved.title }, invitedOrganisationIds: { old: null, new: invited } },
      });
      return meetingView(actor, saved);
    });
  }

  /** The organisation of each of these users: NOT_FOUND when one is not a user of the hub. */
  private async userOrganisations(ids: string[], m: EntityManager): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const contacts = await this.users.contactsOf(ids, m);
    if (contacts.size !== new Set(ids).size) throw new NotFoundError('User');
    return new Map([...contacts].map(([id, c]) => [id, c.organisationId]));
  }

  /**
   * Puts a person on the agenda: the organiser must see them (the access policy), and the answer says
   * which invitees no consent or agreement covers for them (they will not be shown the person).
   */
  async addAgendaItem(actor: Actor, input: AddAgendaItemInput): Promise<MeetingAgendaItemModel> {
    return this.db.transaction(async (m) => {
      const meeting = await this.load(actor, input.meetingId, m, true);
      this.access.require(actor, Permission.MEETING_ORGANISE, { organisationId: meeting.organiserOrganisationId });
      const { personId } = await this.persons.requireAccess(actor, input.personId, m);
      const existing = await m.find(MeetingAgendaItem, { where: { meetingId: meeting.id } });
      if (existing.some((i) => i.personId === personId))
        throw new HubError(ErrorCode.InvalidState, 'The person is on this meeting’s agenda already');
      if (existing.length >= MEETING_MAX_AGENDA)
        throw new HubError(ErrorCode.InvalidState, `A meeting’s agenda holds at most ${MEETING_MAX_AGENDA} people`);
      return this.putOnAgenda(m, actor, meeting, personId, input.reason.trim(), existing.length + 1);
    });
  }

  /** Writes an agenda item the organiser may add (checked by the caller), with its event. */
  private async putOnAgenda(
    m: EntityManager,
    actor: Actor,
    meeting: Meeting,
    personId: string,
    reason: string,
    position: number,
  ): Promise<MeetingAgendaItemModel> {
    const person = await this.persons.get(actor, personId, m);
    const label = [person.givenName, person.familyName].filter(Boolean).join(' ') || 'Unnamed person';
    const uncovered = await this.basis.uncovered(meeting, personId, meeting.invitedOrganisationIds, m);
    const saved = await m.save(
      m.create(MeetingAgendaItem, { meetingId: meeting.id, personId, personLabel: label, reason, position, addedBy: actorRef(actor) }),
    );
    await this.outbox.emit(m, actor, {
      type: 'meeting.agenda_item_added',
      aggregateType: 'meeting',
      aggregateId: meeting.id,
      personId,
      payload: { audience: 'organisation', meetingId: meeting.id, agendaItemId: saved.id, uncoveredOrganisationIds: uncovered },
      changes: { reason: { old: null, new: saved.reason } },
      categories: ['identity'],
    });
    return { ...saved, uncoveredOrganisationIds: uncovered };
  }

  /**
   * Schedules the next meeting of a recurring one: the same title, place, link and invitees, at the
   * same time of day in London a week, a fortnight or a month on, with the people of its agenda
   * carried over (those the organiser may still see; their reasons with them), its named staff who
   * still belong to a taking-part organisation and sign in. The date is the first of the series from
   * today on. Asked again, the answer is the next meeting already scheduled.
   */
  async scheduleNext(actor: Actor, meetingId: string, now = new Date()): Promise<MeetingModel> {
    return this.db.transaction(async (m) => {
      const meeting = await this.load(actor, meetingId, m, true);
      this.access.require(actor, Permission.MEETING_ORGANISE, { organisationId: meeting.organiserOrganisationId });
      if (!meeting.recurrence) throw new HubError(ErrorCode.InvalidState, 'This meeting does not recur: schedule the next one yourself');
      const already = await m.findOneBy(Meeting, { followsMeetingId: meeting.id });
      if (already) return meetingView(actor, already);
      // The next date from today on: a series picked up after a pause skips the dates already gone.
      let startsAt = nextOccurrence(meeting.startsAt, meeting.recurrence);
      for (let k = 0; startsAt.getTime() < now.getTime() && k < MEETING_MAX_SKIPPED_DATES; k++)
        startsAt = nextOccurrence(startsAt, meeting.recurrence);
      if (startsAt.getTime() < now.getTime() || startsAt.getTime() > now.getTime() + MEETING_WINDOW_DAYS.ahead * DAY)
        throw new HubError(ErrorCode.InvalidState, 'The next meeting would be too far from today: schedule it yourself');
      // Named staff who have left the organiser and its invitees since, or no longer sign in, are not invited again.
      const staff = await this.users.contactsOf(meeting.invitedUserIds, m);
      const taking = new Set(participants(meeting));
      const invitedUserIds = meeting.invitedUserIds.filter((u) => {
        const c = staff.get(u);
        return c !== undefined && c.active && taking.has(c.organisationId);
      });
      const next = await m.save(
        m.create(Meeting, {
          organiserOrganisationId: meeting.organiserOrganisationId,
          title: meeting.title,
          startsAt,
          place: meeting.place,
          link: meeting.link,
          recurrence: meeting.recurrence,
          followsMeetingId: meeting.id,
          invitedOrganisationIds: meeting.invitedOrganisationIds,
          invitedUserIds,
          createdBy: actorRef(actor),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'meeting.scheduled',
        aggregateType: 'meeting',
        aggregateId: next.id,
        payload: {
          meetingId: next.id,
          startsAt: next.startsAt.toISOString(),
          recurrence: next.recurrence,
          parties: next.invitedOrganisationIds,
        },
        changes: { title: { old: null, new: next.title }, invitedOrganisationIds: { old: null, new: next.invitedOrganisationIds } },
      });
      const items = await m.find(MeetingAgendaItem, { where: { meetingId: meeting.id }, order: { position: 'ASC' } });
      const carried = new Set<string>();
      for (const item of items) {
        const seen = await this.persons.requireAccess(actor, item.personId, m).catch((err: unknown) => {
          if (err instanceof NotFoundError) return null;
          throw err;
        });
        // Two items whose people were merged since are one person on the next agenda.
        if (!seen || carried.has(seen.personId)) continue;
        carried.add(seen.personId);
        await this.putOnAgenda(m, actor, next, seen.personId, item.reason, carried.size);
      }
      return meetingView(actor, next);
    });
  }

  /** Records whether an organisation (or one of its staff) of the meeting attended. */
  async recordAttendance(actor: Actor, input: RecordAttendanceInput): Promise<MeetingAttendance> {
    return this.db.transaction(async (m) => {
      const meeting = await this.load(actor, input.meetingId, m, true);
      this.access.require(actor, Permission.MEETING_ORGANISE, { organisationId: meeting.organiserOrganisationId });
      if (!participants(meeting).includes(input.organisationId)) throw new NotFoundError('Organisation');
      if (input.userId && (await this.userOrganisations([input.userId], m)).get(input.userId) !== input.organisationId)
        throw new NotFoundError('User');
      const count = await m.count(MeetingAttendance, { where: { meetingId: meeting.id } });
      const userKey = input.userId ?? '';
      const row = await m.findOneBy(MeetingAttendance, { meetingId: meeting.id, organisationId: input.organisationId, userKey });
      if (!row && count >= MEETING_MAX_ATTENDANCE)
        throw new HubError(ErrorCode.InvalidState, `At most ${MEETING_MAX_ATTENDANCE} attendance rows`);
      const saved = await m.save(
        m.create(MeetingAttendance, {
          ...(row ?? {}),
          meetingId: meeting.id,
          organisationId: input.organisationId,
          userId: input.userId ?? null,
          userKey,
          attended: input.attended,
          recordedBy: actorRef(actor),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'meeting.attendance_recorded',
        aggregateType: 'meeting',
        aggregateId: meeting.id,
        payload: {
          meetingId: meeting.id,
          organisationId: input.organisationId,
          attended: input.attended,
          parties: meeting.invitedOrganisationIds,
        },
      });
      return saved;
    });
  }

  /** Meetings the actor's organisation organises or is invited to, newest first (at most `first`, 100). */
  async list(actor: Actor, first = 50, upcomingOnly = false): Promise<MeetingModel[]> {
    if (!this.access.holds(actor, Permission.MEETING_READ)) return [];
    const qb = this.db
      .getRepository(Meeting)
      .createQueryBuilder('mt')
      .where('(mt.organiser_organisation_id = :org OR mt.invited_organisation_ids @> ARRAY[CAST(:org AS uuid)])', {
        org: actor.organisationId,
      });
    if (upcomingOnly) qb.andWhere('mt.starts_at >= now()');
    const rows = await qb
      .orderBy('mt.starts_at', 'DESC')
      .addOrderBy('mt.id', 'DESC')
      .take(Math.min(Math.max(first, 1), 100))
      .getMany();
    return rows.map((r) => meetingView(actor, r));
  }
}
