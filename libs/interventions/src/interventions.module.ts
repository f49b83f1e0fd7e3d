import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@hub/organisations';
import { Appointment, ContactAttempt } from './appointment.entity.js';
import { AppointmentsResolver, PersonAppointmentsResolver } from './appointments.resolver.js';
import { AppointmentsService } from './appointments.service.js';
import { InterventionType } from './intervention-type.entity.js';
import { Intervention, InterventionRevision } from './intervention.entity.js';
import { InterventionsResolver, PersonInterventionsResolver } from './interventions.resolver.js';
import { InterventionsBulkService } from './interventions-bulk.service.js';
import { InterventionsPersonData } from './interventions-person-data.js';
import { InterventionsService } from './interventions.service.js';
import { JobSustainment } from './job-sustainment.entity.js';
import { SustainmentsService } from './sustainments.service.js';
import { SustainmentsBulkService } from './sustainments-bulk.service.js';
import { TimelineService } from './timeline.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([InterventionType, Intervention, InterventionRevision, JobSustainment, Appointment, ContactAttempt]),
    OrganisationsModule,
  ],
  providers: [
    InterventionsService,
    InterventionsPersonData,
    InterventionsBulkService,
    SustainmentsService,
    SustainmentsBulkService,
    AppointmentsService,
    TimelineService,
    AppointmentsResolver,
    PersonAppointmentsResolver,
    InterventionsResolver,
    PersonInterventionsResolver,
  ],
  exports: [InterventionsService, InterventionsBulkService, SustainmentsService, SustainmentsBulkService, AppointmentsService],
})
export class InterventionsModule {}
