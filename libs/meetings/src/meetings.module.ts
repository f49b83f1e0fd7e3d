import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentModule } from '@hub/consent';
import { InterventionsModule } from '@hub/interventions';
import { OrganisationsModule } from '@hub/organisations';
import { ReferralsModule } from '@hub/referrals';
import { Meeting, MeetingAction, MeetingAgendaItem, MeetingAttendance, MeetingNote } from './meeting.entity.js';
import { MeetingActionsService } from './meeting-actions.service.js';
import { MeetingBasisService } from './meeting-basis.service.js';
import { MeetingMinutesService } from './meeting-minutes.service.js';
import { MeetingNotesService } from './meeting-notes.service.js';
import { MeetingViewService } from './meeting-view.service.js';
import { MeetingsPersonData } from './meetings-person-data.js';
import { MeetingsResolver } from './meetings.resolver.js';
import { MeetingsService } from './meetings.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Meeting, MeetingAgendaItem, MeetingAttendance, MeetingNote, MeetingAction]),
    ConsentModule,
    InterventionsModule,
    OrganisationsModule,
    ReferralsModule,
  ],
  providers: [
    MeetingsService,
    MeetingBasisService,
    MeetingViewService,
    MeetingNotesService,
    MeetingActionsService,
    MeetingMinutesService,
    MeetingsPersonData,
    MeetingsResolver,
  ],
  exports: [MeetingsService, MeetingActionsService, MeetingViewService],
})
export class MeetingsModule {}
