import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@hub/organisations';
import { InterventionType } from './intervention-type.entity.js';
import { Intervention } from './intervention.entity.js';
import { InterventionsResolver, PersonInterventionsResolver } from './interventions.resolver.js';
import { InterventionsBulkService } from './interventions-bulk.service.js';
import { InterventionsPersonData } from './interventions-person-data.js';
import { InterventionsService } from './interventions.service.js';
import { JobSustainment } from './job-sustainment.entity.js';
import { SustainmentsService } from './sustainments.service.js';
import { TimelineService } from './timeline.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([InterventionType, Intervention, JobSustainment]), OrganisationsModule],
  providers: [
    InterventionsService,
    InterventionsPersonData,
    InterventionsBulkService,
    SustainmentsService,
    TimelineService,
    InterventionsResolver,
    PersonInterventionsResolver,
  ],
  exports: [InterventionsService, InterventionsBulkService, SustainmentsService],
})
export class InterventionsModule {}
