import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CASEWORKER_FACTS, RELATIONSHIP_FACTS } from '@hub/access';
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
import { RelationshipsService } from './relationships.service.js';
import { Allocation } from './allocation.entity.js';
import { CaseRestriction } from './case-restriction.entity.js';
import { CaseAccessResolver } from './case-access.resolver.js';
import { CaseAccessService } from './case-access.service.js';
import { CaseworkerFactsService } from './caseworker-facts.service.js';

/** Global so that the access layer finds the relationship facts it is given. */
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
    RelationshipsService,
    { provide: RELATIONSHIP_FACTS, useExisting: RelationshipsService },
    PersonsResolver,
    CaseworkerFactsService,
    { provide: CASEWORKER_FACTS, useExisting: CaseworkerFactsService },
    CaseAccessService,
    CaseAccessResolver,
  ],
  exports: [
    PersonsService,
    PersonRecordsService,
    PersonRetentionService,
    PersonsBulkService,
    CaseAccessService,
    RELATIONSHIP_FACTS,
    CASEWORKER_FACTS,
  ],
})
export class PersonsModule {}
