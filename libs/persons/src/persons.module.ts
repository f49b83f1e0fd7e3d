import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@hub/organisations';
import { Involvement } from './involvement.entity.js';
import { PersonChange } from './person-change.entity.js';
import { PersonIdentifier } from './person-identifier.entity.js';
import { PersonMerge } from './person-merge.entity.js';
import { PersonRecordsService } from './person-records.service.js';
import { PersonRetentionService } from './person-retention.service.js';
import { PersonsBulkService } from './persons-bulk.service.js';
import { Person } from './person.entity.js';
import { PersonsResolver } from './persons.resolver.js';
import { PersonsPersonData } from './persons-person-data.js';
import { PersonsService } from './persons.service.js';
import { Allocation } from './allocation.entity.js';
import { CaseRestriction } from './case-restriction.entity.js';
import { CaseAccessResolver } from './case-access.resolver.js';
import { CaseAccessService } from './case-access.service.js';

/** Global: the domain libs above use its services without importing it. The access policy reads its facts through SQL functions (access_involvement_*, access_allocations, access_person_region, access_restrictions). */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Person, PersonIdentifier, Involvement, PersonChange, PersonMerge, Allocation, CaseRestriction]),
    OrganisationsModule,
  ],
  providers: [
    PersonsService,
    PersonRecordsService,
    PersonRetentionService,
    PersonsPersonData,
    PersonsBulkService,
    PersonsResolver,
    CaseAccessService,
    CaseAccessResolver,
  ],
  exports: [PersonsService, PersonRecordsService, PersonRetentionService, PersonsBulkService, CaseAccessService],
})
export class PersonsModule {}
