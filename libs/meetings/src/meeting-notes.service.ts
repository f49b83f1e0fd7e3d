import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, type DataCategory, Permission } from '@hub/access';
import { type Actor, ErrorCode, ForbiddenError, HubError } from '@hub/common';
import { OutboxService } from '@hub/events';
import { actorRef, PersonsService } from '@hub/persons';
import { MeetingNote } from './meeting.entity.js';
import type { WriteMeetingNoteInput } from './meeting.input.js';
import type { MeetingNoteModel } from './meeting.model.js';
import { MeetingsService } from './meetings.service.js';
import { MEETING_MAX_NOTES, MEETING_MAX_NOTES_PER_ITEM } from './meeting-vocabulary.js';

export const noteView = (n: MeetingNote): MeetingNoteModel => ({ ...n, dataCategory: n.dataCategory as DataCategory });

/**
 * Notes and decisions on a person on a meeting's agenda: written by an organisation shown the person
 * that may record the category for them (the same rule as a case note), read where the category may be
 * read by the reader's own access (never more because it is a meeting).
 */
@Injectable()
export class MeetingNotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly persons: PersonsService,
    private readonly meetings: MeetingsService,
  ) {}

  async write(actor: Actor, input: WriteMeetingNoteInput): Promise<MeetingNoteModel> {
    this.access.require(actor, Permission.MEETING_NOTE_WRITE);
    return this.db.transaction(async (m) => {
      const { item } = await this.meetings.item(actor, input.agendaItemId, m);
      const { facts } = await this.persons.requireAccess(actor, item.personId, m).catch(() => ({ facts: null }));
      if (!facts || !this.access.decide(actor, 'write', input.dataCategory, facts).allowed)
        throw new ForbiddenError(`Your organisation may not record ${input.dataCategory.replace(/_/g, ' ')} notes on this person`);
      // The meeting row locked: concurrent writes take turns, so the counts below hold.
      await this.meetings.load(actor, item.meetingId, m, true);
      if ((await m.count(MeetingNote, { where: { agendaItemId: item.id } })) >= MEETING_MAX_NOTES_PER_ITEM)
        throw new HubError(ErrorCode.InvalidState, `At most ${MEETING_MAX_NOTES_PER_ITEM} notes on one person at one meeting`);
      if ((await m.count(MeetingNote, { where: { meetingId: item.meetingId } })) >= MEETING_MAX_NOTES)
        throw new HubError(ErrorCode.InvalidState, `At most ${MEETING_MAX_NOTES} notes at one meeting`);
      const saved = await m.save(
        m.create(MeetingNote, {
          meetingId: item.meetingId,
          agendaItemId: item.id,
          personId: item.personId,
          kind: input.kind,
          organisationId: actor.organisationId,
          writtenBy: actorRef(actor),
          dataCategory: input.dataCategory,
          body: input.body.trim(),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'meeting.note_written',
        aggregateType: 'meeting_note',
        aggregateId: saved.id,
        personId: item.personId,
        payload: { audience: 'parties', meetingId: item.meetingId, kind: saved.kind, dataCategory: saved.dataCategory, parties: [] },
        changes: { body: { old: null, new: saved.body } },
        categories: [saved.dataCategory],
      });
      return noteView(saved);
    });
  }
}
