import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { Permission, RequirePermission } from '@hub/access';
import { type Actor, audit, CurrentActor, type HubContext, requestLoader, ValidationError } from '@hub/common';
import { UsersService } from '@hub/organisations';
import { personLoader, PersonModel, PersonsService } from '@hub/persons';
import { AppointmentModel, ContactAttemptModel } from './appointment.model.js';
import { BookAppointmentInput, LogContactAttemptInput, RecordAppointmentOutcomeInput } from './appointment.input.js';
import { AppointmentsService } from './appointments.service.js';
import { interventionTypeLoader } from './intervention.loader.js';
import { InterventionTypeModel } from './intervention.model.js';
import { InterventionsService } from './interventions.service.js';
import { MY_APPOINTMENTS_MAX_DAYS } from './appointment-vocabulary.js';

function date(value: string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new ValidationError([{ field, messages: ['must be an ISO date-time'] }]);
  return d;
}

@Resolver(() => AppointmentModel)
export class AppointmentsResolver {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly interventions: InterventionsService,
    private readonly persons: PersonsService,
    private readonly users: UsersService,
  ) {}

  @RequirePermission(Permission.APPOINTMENT_BOOK, { onObject: true })
  @Mutation(() => AppointmentModel, { description: 'Books an appointment with a person your organisation works with' })
  bookAppointment(@CurrentActor() actor: Actor, @Args('input') input: BookAppointmentInput): Promise<AppointmentModel> {
    return this.appointments.book(actor, input);
  }

  @RequirePermission(Permission.APPOINTMENT_RECORD, { onObject: true })
  @Mutation(() => AppointmentModel, {
    description: 'What came of an appointment your organisation booked (a reschedule books the new one, linked: see rescheduledToId)',
  })
  recordAppointmentOutcome(@CurrentActor() actor: Actor, @Args('input') input: RecordAppointmentOutcomeInput): Promise<AppointmentModel> {
    return this.appointments.recordOutcome(actor, input);
  }

  @RequirePermission(Permission.CONTACT_LOG, { onObject: true })
  @Mutation(() => ContactAttemptModel, { description: 'A try at reaching a person your organisation works with, and its result' })
  logContactAttempt(@CurrentActor() actor: Actor, @Args('input') input: LogContactAttemptInput): Promise<ContactAttemptModel> {
    return this.appointments.logContact(actor, input);
  }

  @RequirePermission(Permission.PERSON_READ)
  @Query(() => [AppointmentModel], {
    description: `Your own appointments (you are the member of staff met) starting in [from, to), soonest first: "My day". At most ${MY_APPOINTMENTS_MAX_DAYS} days`,
  })
  async myAppointments(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('from', { description: 'ISO date-time' }) from: string,
    @Args('to', { description: 'ISO date-time' }) to: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50, description: 'How many (at most 200)' }) first?: number,
  ): Promise<AppointmentModel[]> {
    const rows = await this.appointments.mine(actor, date(from, 'from'), date(to, 'to'), first);
    for (const a of rows)
      audit(ctx, { action: 'read', personId: a.personId, categories: [a.dataCategory], fields: ['Query.myAppointments'] });
    return rows;
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => PersonModel, { nullable: true, description: 'The person met; null when you may no longer see them' })
  person(@Parent() a: AppointmentModel, @CurrentActor() actor: Actor, @Context() ctx: HubContext): Promise<PersonModel | null> {
    return personLoader(ctx, actor, this.persons).load(a.personId);
  }

  @RequirePermission(Permission.DIRECTORY_READ)
  @ResolveField(() => InterventionTypeModel, { nullable: true, description: 'The service it is for' })
  service(@Parent() a: AppointmentModel, @Context() ctx: HubContext) {
    return interventionTypeLoader(ctx, this.interventions).load(a.serviceCode);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => String, { nullable: true, description: 'The name of the member of staff met' })
  withUserName(@Parent() a: AppointmentModel, @Context() ctx: HubContext): Promise<string | null> {
    return requestLoader(
      ctx,
      'appointment.withUserName',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const names = await this.users.namesOf(ids);
          return ids.map((id) => names.get(id) ?? null);
        }),
    ).load(a.withUserId);
  }
}

@Resolver(() => PersonModel)
export class PersonAppointmentsResolver {
  constructor(private readonly service: AppointmentsService) {}

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [AppointmentModel], {
    description: 'Appointments you may see: latest first, or (with from) those starting then or later, soonest first',
  })
  async appointments(
    @CurrentActor() actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50, description: 'How many (at most 200)' }) first?: number,
    @Args('from', { type: () => String, nullable: true, description: 'ISO date-time' }) from?: string | null,
  ): Promise<AppointmentModel[]> {
    const rows = await this.service.forPerson(actor, person.id, { first, from: from ? date(from, 'from') : null });
    audit(ctx, {
      action: 'read',
      personId: person.id,
      categories: rows.map((a) => a.dataCategory),
      fields: ['Person.appointments'],
      breakGlass: person.breakGlass,
    });
    return rows;
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [ContactAttemptModel], { description: 'Contact attempts you may see, newest first' })
  async contactAttempts(
    @CurrentActor() actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50, description: 'How many (at most 200)' }) first?: number,
  ): Promise<ContactAttemptModel[]> {
    const rows = await this.service.contactsForPerson(actor, person.id, first);
    audit(ctx, {
      action: 'read',
      personId: person.id,
      categories: rows.map((c) => c.dataCategory),
      fields: ['Person.contactAttempts'],
      breakGlass: person.breakGlass,
    });
    return rows;
  }
}
