import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AccessService, caseGate, DataCategory, NO_FACTS } from '@hub/access';
import type { Actor } from '@hub/common';
import { MeetingAction, MeetingAgendaItem, MeetingAttendance, MeetingNote } from './meeting.entity.js';
import type { MeetingActionModel, MeetingAgendaItemModel, MeetingDetailModel } from './meeting.model.js';
import { MeetingBasisService } from './meeting-basis.service.js';
import { noteView } from './meeting-notes.service.js';
import { MeetingsService, meetingView } from './meetings.service.js';
import {
  MEETING_MAX_ACTIONS,
  MEETING_MAX_AGENDA,
  MEETING_MAX_ATTENDANCE,
  MEETING_MAX_CARRIED_ACTIONS,
  MEETING_MAX_NOTES,
  MeetingActionStatus,
} from './meeting-vocabulary.js';

/** What showing a meeting disclosed of one person, for the audit log. */
export interface MeetingDisclosure {
  personId: string;
  categories: string[];
}

export const actionView = (a: MeetingAction, personLabel: string): MeetingActionModel => ({
  ...a,
  personLabel,
  overdue: a.status === MeetingActionStatus.OPEN && a.overdueAt !== null,
});

/**
 * A meeting as one actor may see it: only the people on its agenda its organisation is covered for
 * (and who pass its caseworker-level gates), each person's notes where the reader's own access lets it
 * read their category (its own always), the actions about them, and the open actions carried from
 * earlier meetings of the same organiser. The one reading both the meeting page and the minutes use.
 */
@Injectable()
export class MeetingViewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly meetings: MeetingsService,
    private readonly basis: MeetingBasisService,
  ) {}

  async detail(actor: Actor, id: string): Promise<{ meeting: MeetingDetailModel; disclosures: MeetingDisclosure[] }> {
    const meeting = await this.meetings.load(actor, id);
    const organiser = meeting.organiserOrganisationId === actor.organisationId;
    const all = await this.db
      .getRepository(MeetingAgendaItem)
      .find({ where: { meetingId: meeting.id }, order: { position: 'ASC' }, take: MEETING_MAX_AGENDA });
    const facts = await this.access.facts(
      actor,
      all.map((i) => i.personId),
    );
    const visible: MeetingAgendaItem[] = [];
    for (const item of all) {
      if (caseGate(actor, facts.get(item.personId) ?? NO_FACTS) !== null) continue;
      if (await this.basis.covers(meeting, item.personId, actor.organisationId)) visible.push(item);
    }
    const itemIds = visible.map((i) => i.id);
    const [notes, actions, carried, attendance] = await Promise.all([
      itemIds.length
        ? this.db
            .getRepository(MeetingNote)
            .find({ where: { agendaItemId: In(itemIds) }, order: { createdAt: 'ASC' }, take: MEETING_MAX_NOTES })
        : [],
      itemIds.length
        ? this.db
            .getRepository(MeetingAction)
            .find({ where: { agendaItemId: In(itemIds) }, order: { createdAt: 'ASC' }, take: MEETING_MAX_ACTIONS })
        : [],
      this.carried(
        meeting.organiserOrganisationId,
        meeting.id,
        meeting.startsAt,
        visible.map((i) => i.personId),
      ),
      this.db
        .getRepository(MeetingAttendance)
        .find({ where: { meetingId: meeting.id }, order: { recordedAt: 'ASC' }, take: MEETING_MAX_ATTENDANCE }),
    ]);
    const agenda: MeetingAgendaItemModel[] = [];
    const readable: MeetingNote[] = [];
    const disclosures: MeetingDisclosure[] = [];
    const labels = new Map(visible.map((i) => [i.id, i.personLabel]));
    for (const item of visible) {
      const personFacts = facts.get(item.personId) ?? NO_FACTS;
      const mine = notes
        .filter((n) => n.agendaItemId === item.id)
        .filter((n) => this.access.decide(actor, 'read', n.dataCategory as DataCategory, personFacts, n.organisationId).allowed);
      readable.push(...mine);
      agenda.push({
        ...item,
        // Why a person is on the agenda is the organiser's: free text no data category polices.
        reason: organiser ? item.reason : null,
        // Numbered among what this reader is shown: a gap would tell of someone it is not.
        position: agenda.length + 1,
        uncoveredOrganisationIds: organiser ? await this.basis.uncovered(meeting, item.personId, meeting.invitedOrganisationIds) : [],
      });
      disclosures.push({ personId: item.personId, categories: [...new Set([DataCategory.IDENTITY, ...mine.map((n) => n.dataCategory)])] });
    }
    return {
      meeting: {
        ...meetingView(actor, meeting),
        agenda,
        attendance: attendance.map((a) => ({ organisationId: a.organisationId, userId: a.userId, attended: a.attended })),
        notes: readable.map(noteView),
        actions: actions.map((a) => this.shownAction(actor, organiser, actionView(a, labels.get(a.agendaItemId) ?? ''))),
        carriedActions: carried.map((c) => this.shownAction(actor, organiser, actionView(c.action, c.label))),
      },
      disclosures,
    };
  }

  /** A completion note (free text no data category polices) is the organiser's and the owner's only. */
  private shownAction(actor: Actor, organiser: boolean, action: MeetingActionModel): MeetingActionModel {
    return organiser || action.ownerOrganisationId === actor.organisationId ? action : { ...action, completionNote: null };
  }

  /** Open actions about these people from earlier meetings of the same organiser. */
  private async carried(
    organiserId: string,
    meetingId: string,
    startsAt: Date,
    personIds: string[],
  ): Promise<{ action: MeetingAction; label: string }[]> {
    if (!personIds.length) return [];
    const rows = await this.db
      .getRepository(MeetingAction)
      .createQueryBuilder('ma')
      .innerJoin('meeting', 'mt', 'mt.id = ma.meeting_id')
      .where('ma.person_id = ANY(:personIds) AND ma.status = :open', { personIds, open: MeetingActionStatus.OPEN })
      .andWhere('mt.organiser_organisation_id = :organiserId AND mt.id <> :meetingId AND mt.starts_at < :startsAt', {
        organiserId,
        meetingId,
        startsAt,
      })
      .orderBy('ma.due_on', 'ASC')
      .limit(MEETING_MAX_CARRIED_ACTIONS)
      .getMany();
    const items = rows.length
      ? await this.db.getRepository(MeetingAgendaItem).find({ where: { id: In([...new Set(rows.map((r) => r.agendaItemId))]) } })
      : [];
    const labels = new Map(items.map((i) => [i.id, i.personLabel]));
    return rows.map((action) => ({ action, label: labels.get(action.agendaItemId) ?? '' }));
  }
}
