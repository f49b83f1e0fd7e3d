import { Args, Context, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Permission, RequirePermission } from '@hub/access';
import { type Actor, audit, CurrentActor, type HubContext, liveSession } from '@hub/common';
import {
  AddAgendaItemInput,
  AssignMeetingActionInput,
  CompleteMeetingActionInput,
  RecordAttendanceInput,
  ScheduleMeetingInput,
  WriteMeetingNoteInput,
} from './meeting.input.js';
import {
  MeetingActionModel,
  MeetingAgendaItemModel,
  MeetingAttendanceModel,
  MeetingDetailModel,
  MeetingMinutesModel,
  MeetingModel,
  MeetingNoteModel,
} from './meeting.model.js';
import { MeetingActionsService } from './meeting-actions.service.js';
import { MeetingMinutesService } from './meeting-minutes.service.js';
import { MeetingNotesService } from './meeting-notes.service.js';
import { type MeetingDisclosure, MeetingViewService } from './meeting-view.service.js';
import { MeetingsService } from './meetings.service.js';
import { MeetingActionStatus, MinutesFormat } from './meeting-vocabulary.js';

const record = (ctx: HubContext, field: string, disclosures: MeetingDisclosure[]) => {
  for (const d of disclosures) audit(ctx, { action: 'read', personId: d.personId, categories: d.categories, fields: [field] });
};

@Resolver()
export class MeetingsResolver {
  constructor(
    private readonly service: MeetingsService,
    private readonly view: MeetingViewService,
    private readonly notes: MeetingNotesService,
    private readonly actions: MeetingActionsService,
    private readonly minutesService: MeetingMinutesService,
  ) {}

  @RequirePermission(Permission.MEETING_READ, { onObject: true })
  @Query(() => [MeetingModel], { description: 'Meetings your organisation organises or is invited to, newest first (at most 100)' })
  meetings(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50, description: 'How many (at most 100)' }) first: number,
    @Args('upcoming', { type: () => Boolean, nullable: true, defaultValue: false }) upcoming: boolean,
  ): Promise<MeetingModel[]> {
    return this.service.list(actor, first, upcoming);
  }

  @RequirePermission(Permission.MEETING_READ, { onObject: true })
  @Query(() => MeetingDetailModel, { description: 'A meeting as your organisation may see it (NOT_FOUND when it is not yours)' })
  async meeting(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MeetingDetailModel> {
    const { meeting, disclosures } = await this.view.detail(actor, id);
    record(ctx, 'Query.meeting', disclosures);
    return meeting;
  }

  @RequirePermission(Permission.MEETING_READ, { onObject: true })
  @Query(() => MeetingMinutesModel, { description: 'The meeting’s minutes for your organisation (only what it may read), to download' })
  async meetingMinutes(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('format', { type: () => MinutesFormat, nullable: true, defaultValue: MinutesFormat.MARKDOWN }) format: MinutesFormat,
  ): Promise<MeetingMinutesModel> {
    const { minutes, disclosures } = await this.minutesService.minutes(actor, meetingId, format);
    record(ctx, 'Query.meetingMinutes', disclosures);
    return minutes;
  }

  @RequirePermission(Permission.MEETING_READ, { onObject: true })
  @Query(() => [MeetingActionModel], {
    description: 'Meeting actions your organisation owns, by due day (open unless a status is given; at most 200)',
  })
  async myMeetingActions(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('status', { type: () => MeetingActionStatus, nullable: true, defaultValue: MeetingActionStatus.OPEN })
    status: MeetingActionStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100, description: 'How many (at most 200)' }) first: number,
  ): Promise<MeetingActionModel[]> {
    const rows = await this.actions.mine(actor, status, first);
    record(
      ctx,
      'Query.myMeetingActions',
      [...new Set(rows.map((r) => r.personId))].map((personId) => ({ personId, categories: ['identity'] })),
    );
    return rows;
  }

  @RequirePermission(Permission.MEETING_ORGANISE)
  @Mutation(() => MeetingModel, { description: 'Schedules a meeting your organisation organises, inviting organisations and staff' })
  scheduleMeeting(@CurrentActor() actor: Actor, @Args('input') input: ScheduleMeetingInput): Promise<MeetingModel> {
    return this.service.schedule(actor, input);
  }

  @RequirePermission(Permission.MEETING_ORGANISE, { onObject: true })
  @Mutation(() => MeetingModel, {
    description:
      'Schedules the next meeting of your recurring meeting (same invitees, the same time in London a week, fortnight or month on), its agenda carried over; asked again, the one already scheduled',
  })
  scheduleNextMeeting(@CurrentActor() actor: Actor, @Args('meetingId', { type: () => ID }) meetingId: string): Promise<MeetingModel> {
    return this.service.scheduleNext(actor, meetingId);
  }

  @RequirePermission(Permission.MEETING_ORGANISE, { onObject: true })
  @Mutation(() => MeetingAgendaItemModel, {
    description:
      'Puts a person on your meeting’s agenda; uncoveredOrganisationIds names the invitees no consent or agreement covers (not shown them)',
  })
  addAgendaItem(@CurrentActor() actor: Actor, @Args('input') input: AddAgendaItemInput): Promise<MeetingAgendaItemModel> {
    return this.service.addAgendaItem(actor, input);
  }

  @RequirePermission(Permission.MEETING_ORGANISE, { onObject: true })
  @Mutation(() => MeetingAttendanceModel, { description: 'Records whether an organisation (or one of its staff) attended your meeting' })
  recordMeetingAttendance(@CurrentActor() actor: Actor, @Args('input') input: RecordAttendanceInput): Promise<MeetingAttendanceModel> {
    return this.service.recordAttendance(actor, input);
  }

  @RequirePermission(Permission.MEETING_NOTE_WRITE, { onObject: true })
  @Mutation(() => MeetingNoteModel, {
    description: 'Writes a note or decision on a person on a meeting’s agenda (the category decides who reads it)',
  })
  writeMeetingNote(@CurrentActor() actor: Actor, @Args('input') input: WriteMeetingNoteInput): Promise<MeetingNoteModel> {
    return this.notes.write(actor, input);
  }

  @RequirePermission(Permission.MEETING_ORGANISE, { onObject: true })
  @Mutation(() => MeetingActionModel, {
    description: 'Gives an organisation an action about a person on your meeting’s agenda; it becomes a task of the owner',
  })
  assignMeetingAction(@CurrentActor() actor: Actor, @Args('input') input: AssignMeetingActionInput): Promise<MeetingActionModel> {
    return this.actions.assign(actor, input);
  }

  @RequirePermission(Permission.MEETING_ACTION_COMPLETE, { onObject: true })
  @Mutation(() => MeetingActionModel, {
    description: 'Completes an action your organisation owns (or, as organiser, any of the meeting’s)',
  })
  completeMeetingAction(@CurrentActor() actor: Actor, @Args('input') input: CompleteMeetingActionInput): Promise<MeetingActionModel> {
    return this.actions.complete(actor, input);
  }

  @RequirePermission(Permission.MEETING_READ, { onObject: true })
  @Subscription(() => MeetingActionModel, {
    // Each action heard names its person: a read, audited as a query's is (the buffer is written per event).
    resolve: (payload: MeetingActionModel, _args: unknown, ctx: HubContext): MeetingActionModel => {
      record(ctx, 'Subscription.meetingActionChanged', [{ personId: payload.personId, categories: ['identity'] }]);
      return payload;
    },
    description:
      'A meeting action your organisation is a party to (organiser or owner) given, gone overdue or completed, as you may read it',
  })
  meetingActionChanged(@CurrentActor() actor: Actor, @Context() ctx: HubContext): AsyncIterableIterator<MeetingActionModel> {
    return this.actions.changes(actor, liveSession(ctx));
  }
}
