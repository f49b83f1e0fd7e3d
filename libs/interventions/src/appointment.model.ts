import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';
import { AppointmentMode, AppointmentStatus, CancelledBy, ContactChannel, ContactResult } from './appointment-vocabulary.js';

@ObjectType('Appointment', { description: 'A meeting booked with the person, and what came of it' })
export class AppointmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field(() => ID, { description: 'The organisation that booked it' })
  organisationId: string;

  @Field(() => ID, { description: 'The member of staff the person meets' })
  withUserId: string;

  @Field({ description: 'The service (an intervention type of the catalogue) it is for' })
  serviceCode: string;

  @Field(() => DataCategory)
  dataCategory: DataCategory;

  @Field()
  startsAt: Date;

  @Field(() => Int)
  durationMinutes: number;

  @Field(() => AppointmentMode)
  mode: AppointmentMode;

  @Field(() => String, { nullable: true, description: 'Where (in person), or the number or link (phone, video)' })
  location: string | null;

  @Field(() => AppointmentStatus)
  status: AppointmentStatus;

  @Field(() => CancelledBy, { nullable: true })
  cancelledBy: CancelledBy | null;

  @Field(() => String, { nullable: true })
  outcomeNote: string | null;

  @Field(() => Date, { nullable: true })
  outcomeRecordedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The appointment this one replaced' })
  rescheduledFromId: string | null;

  @Field(() => ID, { nullable: true, description: 'The appointment that replaced this one' })
  rescheduledToId: string | null;

  @Field()
  bookedBy: string;

  @Field(() => Int)
  version: number;

  @Field()
  createdAt: Date;
}

@ObjectType('ContactAttempt', { description: 'A try at reaching the person, and its result' })
export class ContactAttemptModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  serviceCode: string;

  @Field(() => DataCategory)
  dataCategory: DataCategory;

  @Field(() => ContactChannel)
  channel: ContactChannel;

  @Field(() => ContactResult)
  result: ContactResult;

  @Field()
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true })
  appointmentId: string | null;

  @Field()
  recordedBy: string;
}
