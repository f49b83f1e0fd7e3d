import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AppointmentMode, AppointmentStatus, CancelledBy, ContactChannel, ContactResult } from './appointment-vocabulary.js';

/** A meeting an organisation booked with a person, with one of its staff, for a service of the catalogue, and what came of it. */
@Entity('appointment')
@Index('ix_appointment_person_time', ['personId', 'startsAt'])
@Index('ix_appointment_with_time', ['withUserId', 'startsAt'])
@Index('ix_appointment_org_time', ['organisationId', 'startsAt'])
export class Appointment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** user:<id> or client:<id> */
  @Column({ type: 'text' })
  bookedBy: string;

  /** The member of staff the person meets (a caseworker or manager of the organisation). */
  @Column({ type: 'uuid' })
  withUserId: string;

  /** The service (an intervention type of the catalogue) the appointment is for. */
  @Column({ type: 'text' })
  serviceCode: string;

  /** Copied from the service, so access is decided on the row as for interventions. */
  @Column({ type: 'text' })
  dataCategory: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'int' })
  durationMinutes: number;

  @Column({ type: 'text' })
  mode: AppointmentMode;

  /** Where (in person), or the number or link (phone, video). */
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'text' })
  status: AppointmentStatus;

  @Column({ type: 'text', nullable: true })
  cancelledBy: CancelledBy | null;

  @Column({ type: 'text', nullable: true })
  outcomeNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt: Date | null;

  /** The appointment this one replaced (it was rescheduled to this one). */
  @Column({ type: 'uuid', nullable: true })
  rescheduledFromId: string | null;

  /** The appointment that replaced this one. */
  @Column({ type: 'uuid', nullable: true })
  rescheduledToId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** A try at reaching a person (a call, a text, a letter, a visit) and its result. */
@Entity('contact_attempt')
@Index('ix_contact_attempt_person_time', ['personId', 'occurredAt'])
export class ContactAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  recordedBy: string;

  @Column({ type: 'text' })
  serviceCode: string;

  @Column({ type: 'text' })
  dataCategory: string;

  @Column({ type: 'text' })
  channel: ContactChannel;

  @Column({ type: 'text' })
  result: ContactResult;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The appointment it was about (a reminder, a call after a missed one), when there was one. */
  @Column({ type: 'uuid', nullable: true })
  appointmentId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
