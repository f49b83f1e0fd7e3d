import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsDateString,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  APPOINTMENT_MAX_MINUTES,
  AppointmentMode,
  AppointmentStatus,
  CancelledBy,
  ContactChannel,
  ContactResult,
} from './appointment-vocabulary.js';

@InputType()
export class BookAppointmentInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field({ description: 'The service (an intervention type code of the catalogue); its data category is the appointment’s' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,62}$/)
  serviceCode: string;

  @Field({ description: 'ISO date-time' })
  @IsDateString()
  startsAt: string;

  @Field(() => Int, { defaultValue: 60, description: `Minutes (at most ${APPOINTMENT_MAX_MINUTES})` })
  @IsInt()
  @Min(5)
  @Max(APPOINTMENT_MAX_MINUTES)
  durationMinutes: number;

  @Field(() => AppointmentMode)
  @IsEnum(AppointmentMode)
  mode: AppointmentMode;

  @Field(() => String, { nullable: true, description: 'Where (in person), or the number or link (phone, video)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Whom the person meets: a caseworker or manager of your organisation (you, if not given)',
  })
  @IsOptional()
  @IsUUID()
  withUserId?: string | null;
}

@InputType({
  description:
    'What came of a booked appointment: ATTENDED or DID_NOT_ATTEND (once it has begun), CANCELLED (with cancelledBy), or RESCHEDULED (with rescheduledTo: a new appointment is booked, linked to this one)',
})
export class RecordAppointmentOutcomeInput {
  @Field(() => ID)
  @IsUUID()
  appointmentId: string;

  @Field(() => Int)
  @IsInt()
  version: number;

  @Field(() => AppointmentStatus)
  @IsEnum(AppointmentStatus)
  status: AppointmentStatus;

  @Field(() => CancelledBy, { nullable: true })
  @ValidateIf((o: RecordAppointmentOutcomeInput) => o.status === AppointmentStatus.CANCELLED || o.cancelledBy != null)
  @IsEnum(CancelledBy)
  cancelledBy?: CancelledBy | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time of the new appointment (RESCHEDULED)' })
  @ValidateIf((o: RecordAppointmentOutcomeInput) => o.status === AppointmentStatus.RESCHEDULED || o.rescheduledTo != null)
  @IsDateString()
  rescheduledTo?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class LogContactAttemptInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field({ description: 'The service it was for (an intervention type code); its data category is the attempt’s' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,62}$/)
  serviceCode: string;

  @Field(() => ContactChannel)
  @IsEnum(ContactChannel)
  channel: ContactChannel;

  @Field(() => ContactResult)
  @IsEnum(ContactResult)
  result: ContactResult;

  @Field({ description: 'ISO date-time; not in the future' })
  @IsDateString()
  occurredAt: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The appointment it was about, if any (one of your organisation’s, with the same person)',
  })
  @IsOptional()
  @IsUUID()
  appointmentId?: string | null;
}
