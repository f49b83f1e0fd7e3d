import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, DataCategory, Permission } from '@hub/access';
import {
  type Actor,
  asNotFound,
  ConflictError,
  ErrorCode,
  ForbiddenError,
  HubError,
  NotFoundError,
  pageSize,
  ValidationError,
} from '@hub/common';
import { namedQuery } from '@hub/database';
import { type DomainEvent, OutboxService } from '@hub/events';
import { UsersService } from '@hub/organisations';
import { actorRef, PersonsService } from '@hub/persons';
import { Appointment, ContactAttempt } from './appointment.entity.js';
import type { AppointmentModel, ContactAttemptModel } from './appointment.model.js';
import { APPOINTMENT_MISSED_EVENT, AppointmentStatus, ContactResult, MY_APPOINTMENTS_MAX_DAYS } from './appointment-vocabulary.js';
import type { BookAppointmentInput, LogContactAttemptInput, RecordAppointmentOutcomeInput } from './appointment.input.js';
import { InterventionType } from './intervention-type.entity.js';

const DAY = 86_400_000;
/** How far ahead an appointment may be booked. */
const BOOK_AHEAD_DAYS = 731;
/** Clock skew allowed between a client and the hub for "not in the future". */
const SKEW_MS = 5 * 60_000;

const appointmentView = (a: Appointment): AppointmentModel => ({ ...a, dataCategory: a.dataCategory as DataCategory });
const contactView = (c: ContactAttempt): ContactAttemptModel => ({ ...c, dataCategory: c.dataCategory as DataCategory });

/**
 * Appointments and contact attempts: booked and logged by an organisation that works with the person,
 * for a service of the catalogue whose data category they take, and seen by others exactly as that
 * organisation's interventions of the category are (the access policy decides, per row and in SQL).
 * An attended appointment and a contact that reached the person count as contact (contactsSql).
 */
@Injectable()
export class AppointmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly users: UsersService,
  ) {}

  private async service(m: EntityManager, code: string, field: string): Promise<InterventionType> {
    const type = await m.getRepository(InterventionType).findOneBy({ code, active: true });
    if (!type) throw new ValidationError([{ field, messages: ['not a service of the catalogue'] }]);
    return type;
  }

  /** Books an appointment with a person the actor's organisation works with, for a service whose category it may record. */
  async book(actor: Actor, input: BookAppointmentInput): Promise<AppointmentModel> {
    const startsAt = new Date(input.startsAt);
    if (startsAt.getTime() > Date.now() + BOOK_AHEAD_DAYS * DAY)
      throw new ValidationError([{ field: 'startsAt', messages: ['must be within two years'] }]);
    const withUserId = input.withUserId ?? (actor.kind === 'user' ? actor.id : null);
    if (!withUserId) throw new ValidationError([{ field: 'withUserId', messages: ['name the member of staff the person meets'] }]);
    return this.db.transaction(async (m) => {
      const type = await this.service(m, input.serviceCode, 'serviceCode');
      const { personId, facts } = await this.persons.requireAccess(actor, input.personId, m);
      if (!this.access.decide(actor, 'write', type.dataCategory as DataCategory, facts).allowed)
        throw new ForbiddenError(`Your organisation may not book appointments for ${type.name.toLowerCase()}`);
      if (!(await this.users.isCaseworkerOf(actor.organisationId, withUserId, m)))
        throw new ValidationError([{ field: 'withUserId', messages: ['not a caseworker or manager of your organisation'] }]);
      const saved = await m.save(
        m.create(Appointment, {
          personId,
          organisationId: actor.organisationId,
          bookedBy: actorRef(actor),
          withUserId,
          serviceCode: type.code,
          dataCategory: type.dataCategory,
          startsAt,
          durationMinutes: input.durationMinutes,
          mode: input.mode,
          location: input.location?.trim() || null,
          status: AppointmentStatus.BOOKED,
          cancelledBy: null,
          outcomeNote: null,
          outcomeRecordedAt: null,
          rescheduledFromId: null,
          rescheduledToId: null,
        }),
      );
      await this.outbox.emit(m, actor, this.bookedEvent(saved));
      return appointmentView(saved);
    });
  }

  private bookedEvent(a: Appointment): DomainEvent {
    return {
      type: 'appointment.booked',
      aggregateType: 'appointment',
      aggregateId: a.id,
      personId: a.personId,
      payload: {
        serviceCode: a.serviceCode,
        startsAt: a.startsAt.toISOString(),
        mode: a.mode,
        rescheduledFromId: a.rescheduledFromId,
        dataCategory: a.dataCategory,
      },
      changes: {
        serviceCode: { old: null, new: a.serviceCode },
        startsAt: { old: null, new: a.startsAt },
        durationMinutes: { old: null, new: a.durationMinutes },
        mode: { old: null, new: a.mode },
        location: { old: null, new: a.location },
        withUserId: { old: null, new: a.withUserId },
      },
      categories: [a.dataCategory],
    };
  }

  /**
   * An appointment the actor may see, locked for a change; NOT_FOUND alike for one that does not
   * exist and one it may not see (whether a partner's appointment exists must not show).
   */
  private async visibleForUpdate(m: EntityManager, actor: Actor, id: string): Promise<Appointment> {
    const row = await m.findOne(Appointment, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new NotFoundError('Appointment');
    const { facts } = await asNotFound('Appointment', () => this.persons.requireAccess(actor, row.personId, m));
    if (!this.access.decide(actor, 'read', row.dataCategory as DataCategory, facts, row.organisationId).allowed)
      throw new NotFoundError('Appointment');
    return row;
  }

  /** Records what came of a booked appointment (its organisation only); a reschedule books the new one, linked both ways. */
  async recordOutcome(actor: Actor, input: RecordAppointmentOutcomeInput): Promise<AppointmentModel> {
    return this.db.transaction(async (m) => {
      const row = await this.visibleForUpdate(m, actor, input.appointmentId);
      this.access.require(actor, Permission.APPOINTMENT_RECORD, { organisationId: row.organisationId });
      if (row.version !== input.version)
        throw new ConflictError('The appointment was changed by someone else; reload and try again', { currentVersion: row.version });
      const status = input.status;
      const missedBefore = row.status === AppointmentStatus.DID_NOT_ATTEND && status === AppointmentStatus.RESCHEDULED;
      if (status === AppointmentStatus.BOOKED) throw new ValidationError([{ field: 'status', messages: ['choose what came of it'] }]);
      if (row.status !== AppointmentStatus.BOOKED && !missedBefore)
        throw new HubError(ErrorCode.InvalidState, 'What came of this appointment is already recorded', { status: row.status });
      const now = Date.now();
      if ((status === AppointmentStatus.ATTENDED || status === AppointmentStatus.DID_NOT_ATTEND) && row.startsAt.getTime() > now + SKEW_MS)
        throw new ValidationError([{ field: 'status', messages: ['an appointment that has not begun cannot be attended or missed yet'] }]);
      let replacement: Appointment | null = null;
      if (status === AppointmentStatus.RESCHEDULED) {
        const to = new Date(input.rescheduledTo!);
        if (to.getTime() <= now || to.getTime() > now + BOOK_AHEAD_DAYS * DAY)
          throw new ValidationError([{ field: 'rescheduledTo', messages: ['must be in the next two years'] }]);
        replacement = await m.save(
          m.create(Appointment, {
            ...row,
            id: undefined,
            bookedBy: actorRef(actor),
            startsAt: to,
            status: AppointmentStatus.BOOKED,
            cancelledBy: null,
            outcomeNote: null,
            outcomeRecordedAt: null,
            rescheduledFromId: row.id,
            rescheduledToId: null,
            version: undefined,
            createdAt: undefined,
            updatedAt: undefined,
          }),
        );
      }
      const before = { status: row.status, cancelledBy: row.cancelledBy, outcomeNote: row.outcomeNote };
      const saved = await m.save(Appointment, {
        ...row,
        // A missed appointment rescheduled keeps "did not attend": the reschedule is the link to the new one.
        status: missedBefore ? row.status : status,
        cancelledBy: status === AppointmentStatus.CANCELLED ? input.cancelledBy! : null,
        outcomeNote: input.note?.trim() || row.outcomeNote,
        outcomeRecordedAt: missedBefore ? row.outcomeRecordedAt : new Date(),
        rescheduledToId: replacement?.id ?? row.rescheduledToId,
      });
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      for (const f of ['status', 'cancelledBy', 'outcomeNote'] as const)
        if (before[f] !== saved[f]) changes[f] = { old: before[f], new: saved[f] };
      if (replacement) changes.rescheduledToId = { old: null, new: replacement.id };
      const events: DomainEvent[] = [
        {
          type: 'appointment.outcome_recorded',
          aggregateType: 'appointment',
          aggregateId: row.id,
          personId: row.personId,
          payload: { status, serviceCode: row.serviceCode, dataCategory: row.dataCategory },
          changes,
          categories: [row.dataCategory],
        },
      ];
      if (status === AppointmentStatus.DID_NOT_ATTEND)
        events.push({
          type: APPOINTMENT_MISSED_EVENT,
          aggregateType: 'appointment',
          aggregateId: row.id,
          personId: row.personId,
          payload: { serviceCode: row.serviceCode, startsAt: row.startsAt.toISOString(), dataCategory: row.dataCategory },
          categories: [row.dataCategory],
        });
      if (replacement) events.push(this.bookedEvent(replacement));
      await this.outbox.emit(m, actor, ...events);
      return appointmentView(saved);
    });
  }

  /** Logs a try at reaching a person the actor's organisation works with. */
  async logContact(actor: Actor, input: LogContactAttemptInput): Promise<ContactAttemptModel> {
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > Date.now() + SKEW_MS)
      throw new ValidationError([{ field: 'occurredAt', messages: ['a contact attempt cannot be in the future'] }]);
    return this.db.transaction(async (m) => {
      const type = await this.service(m, input.serviceCode, 'serviceCode');
      const { personId, recordIds, facts } = await this.persons.requireAccess(actor, input.personId, m);
      if (!this.access.decide(actor, 'write', type.dataCategory as DataCategory, facts).allowed)
        throw new ForbiddenError(`Your organisation may not record contact for ${type.name.toLowerCase()}`);
      if (input.appointmentId) {
        const about = await m.findOneBy(Appointment, { id: input.appointmentId });
        // Only the organisation's own appointments with this person; any other answers as one that does not exist.
        if (!about || about.organisationId !== actor.organisationId || !recordIds.includes(about.personId))
          throw new NotFoundError('Appointment');
      }
      const saved = await m.save(
        m.create(ContactAttempt, {
          personId,
          organisationId: actor.organisationId,
          recordedBy: actorRef(actor),
          serviceCode: type.code,
          dataCategory: type.dataCategory,
          channel: input.channel,
          result: input.result,
          occurredAt,
          note: input.note?.trim() || null,
          appointmentId: input.appointmentId ?? null,
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'contact.attempted',
        aggregateType: 'contact_attempt',
        aggregateId: saved.id,
        personId,
        payload: { channel: saved.channel, result: saved.result, dataCategory: saved.dataCategory },
        changes: {
          channel: { old: null, new: saved.channel },
          result: { old: null, new: saved.result },
          occurredAt: { old: null, new: saved.occurredAt },
          note: { old: null, new: saved.note },
        },
        categories: [saved.dataCategory],
      });
      return contactView(saved);
    });
  }

  private scope(actor: Actor, alias: string) {
    return this.access.scope(actor, 'read', {
      person: 'CAST(:scopePerson AS uuid)',
      category: `${alias}.data_category`,
      owner: `${alias}.organisation_id`,
    });
  }

  /** A person's appointments the actor may see, latest first (`from`: only those starting then or later, soonest first). */
  async forPerson(actor: Actor, personId: string, args: { first?: number | null; from?: Date | null }): Promise<AppointmentModel[]> {
    const first = pageSize(args.first, 50, 200);
    const { personId: survivor, recordIds } = await this.persons.requireAccess(actor, personId);
    const scope = this.scope(actor, 'appt');
    const qb = this.db
      .getRepository(Appointment)
      .createQueryBuilder('appt')
      .where('appt.person_id = ANY(:recordIds)', { recordIds })
      .andWhere(scope.where, { ...scope.parameters, scopePerson: survivor });
    if (args.from) qb.andWhere('appt.starts_at >= :from', { from: args.from });
    const rows = await qb
      .orderBy('appt.starts_at', args.from ? 'ASC' : 'DESC')
      .addOrderBy('appt.id', 'ASC')
      .take(first)
      .getMany();
    return rows.map(appointmentView);
  }

  /** A person's contact attempts the actor may see, newest first. */
  async contactsForPerson(actor: Actor, personId: string, first?: number | null): Promise<ContactAttemptModel[]> {
    const n = pageSize(first, 50, 200);
    const { personId: survivor, recordIds } = await this.persons.requireAccess(actor, personId);
    const scope = this.scope(actor, 'catt');
    const rows = await this.db
      .getRepository(ContactAttempt)
      .createQueryBuilder('catt')
      .where('catt.person_id = ANY(:recordIds)', { recordIds })
      .andWhere(scope.where, { ...scope.parameters, scopePerson: survivor })
      .orderBy('catt.occurred_at', 'DESC')
      .addOrderBy('catt.id', 'ASC')
      .take(n)
      .getMany();
    return rows.map(contactView);
  }

  /**
   * The actor's own appointments (they are the member of staff met) starting in [from, to), soonest
   * first, of people they may still see (the policy's scope over each row's person, in SQL).
   */
  async mine(actor: Actor, from: Date, to: Date, first?: number | null): Promise<AppointmentModel[]> {
    const n = pageSize(first, 50, 200);
    if (actor.kind !== 'user') return [];
    if (!(to.getTime() > from.getTime()) || to.getTime() - from.getTime() > MY_APPOINTMENTS_MAX_DAYS * DAY)
      throw new ValidationError([{ field: 'to', messages: [`must be after from, at most ${MY_APPOINTMENTS_MAX_DAYS} days on`] }]);
    const scope = this.access.scope(actor, 'read', {
      person: 'appt.person_id',
      category: 'appt.data_category',
      owner: 'appt.organisation_id',
    });
    const rows = await this.db
      .getRepository(Appointment)
      .createQueryBuilder('appt')
      .where('appt.with_user_id = :me AND appt.organisation_id = :myOrg', { me: actor.id, myOrg: actor.organisationId })
      .andWhere('appt.starts_at >= :from AND appt.starts_at < :to', { from, to })
      .andWhere(scope.where, scope.parameters)
      .orderBy('appt.starts_at', 'ASC')
      .addOrderBy('appt.id', 'ASC')
      .take(n)
      .getMany();
    return rows.map(appointmentView);
  }

  /** Whether the actor may see the appointment, and it is about one of `recordIds` (for what other libs attach to it, such as a case note). */
  async visibleOn(actor: Actor, id: string, recordIds: readonly string[], m: EntityManager = this.db.manager): Promise<boolean> {
    const row = await m.findOneBy(Appointment, { id });
    if (!row || !recordIds.includes(row.personId)) return false;
    const facts = await this.access.factsFor(actor, (await this.persons.survivorId(row.personId, m)) ?? row.personId);
    return this.access.decide(actor, 'read', row.dataCategory as DataCategory, facts, row.organisationId).allowed;
  }

  /** The latest attended appointment or contact that reached the person, of a category, as the actor may see them; `m`: inside the caller's transaction. */
  async latestContact(actor: Actor, personId: string, category: DataCategory, m: EntityManager = this.db.manager): Promise<Date | null> {
    const { personId: survivor, recordIds } = await this.persons.requireAccess(actor, personId, m);
    const a = this.scope(actor, 'appt');
    const c = this.scope(actor, 'catt');
    const [row] = await namedQuery<{ at: Date | null }>(
      m,
      `SELECT GREATEST(
           (SELECT max(appt.starts_at) FROM appointment appt WHERE appt.person_id = ANY(:recordIds) AND appt.status = 'attended' AND appt.data_category = :category AND ${a.where}),
           (SELECT max(catt.occurred_at) FROM contact_attempt catt WHERE catt.person_id = ANY(:recordIds) AND catt.result = '${ContactResult.REACHED}' AND catt.data_category = :category AND ${c.where})
         ) AS at`,
      { ...a.parameters, ...c.parameters, recordIds, category, scopePerson: survivor },
    );
    return row?.at ? new Date(row.at) : null;
  }
}
