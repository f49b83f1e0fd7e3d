import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InterventionsModule } from '@hub/interventions';
import { OrganisationsModule } from '@hub/organisations';
import { ReferralsModule } from '@hub/referrals';
import { CaseNote, CaseNoteRevision } from './case-note.entity.js';
import { CaseNotesPersonData } from './case-notes-person-data.js';
import { CaseNotesResolver, PersonCaseNotesResolver } from './case-notes.resolver.js';
import { CaseNotesService } from './case-notes.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([CaseNote, CaseNoteRevision]), InterventionsModule, OrganisationsModule, ReferralsModule],
  providers: [CaseNotesService, CaseNotesPersonData, CaseNotesResolver, PersonCaseNotesResolver],
  exports: [CaseNotesService],
})
export class CaseNotesModule {}
