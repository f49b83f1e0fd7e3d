import { Injectable } from '@nestjs/common';
import type { Actor } from '@hub/common';
import { OrganisationsService, UsersService } from '@hub/organisations';
import type { MeetingDetailModel, MeetingMinutesModel } from './meeting.model.js';
import { type MeetingDisclosure, MeetingViewService } from './meeting-view.service.js';
import { MinutesFormat } from './meeting-vocabulary.js';

/** The minutes as data: the meeting as the organisation sees it, with names for its ids. */
export interface MinutesDocument {
  meeting: { id: string; title: string; startsAt: string; place: string | null; link: string | null; organiser: string };
  producedFor: string;
  invited: string[];
  attendance: { organisation: string; person: string | null; attended: boolean }[];
  agenda: {
    person: string;
    reason: string | null;
    notes: { kind: string; organisation: string; category: string; body: string; at: string }[];
    actions: { title: string; owner: string; dueOn: string; status: string; overdue: boolean; completionNote: string | null }[];
    carriedActions: { title: string; owner: string; dueOn: string; overdue: boolean }[];
  }[];
}

const line = (s: string) => s.replace(/\r?\n/g, ' ').trim();

/**
 * A meeting's minutes for one organisation: built from the reader's own view of the meeting
 * (MeetingViewService), so each organisation's minutes hold only what it may read; as JSON or markdown.
 */
@Injectable()
export class MeetingMinutesService {
  constructor(
    private readonly view: MeetingViewService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
  ) {}

  async minutes(
    actor: Actor,
    meetingId: string,
    format: MinutesFormat,
  ): Promise<{ minutes: MeetingMinutesModel; disclosures: MeetingDisclosure[] }> {
    const { meeting, disclosures } = await this.view.detail(actor, meetingId);
    const doc = await this.document(actor, meeting);
    const day = meeting.startsAt.toISOString().slice(0, 10);
    const minutes =
      format === MinutesFormat.JSON
        ? { format, filename: `minutes-${day}-${meeting.id}.json`, contentType: 'application/json', content: JSON.stringify(doc, null, 2) }
        : { format, filename: `minutes-${day}-${meeting.id}.md`, contentType: 'text/markdown', content: markdown(doc) };
    return { minutes, disclosures };
  }

  private async document(actor: Actor, meeting: MeetingDetailModel): Promise<MinutesDocument> {
    const orgIds = new Set([meeting.organiserOrganisationId, ...meeting.invitedOrganisationIds, actor.organisationId]);
    for (const a of [...meeting.actions, ...meeting.carriedActions]) orgIds.add(a.ownerOrganisationId);
    const names = new Map((await this.organisations.byIds([...orgIds])).map((o) => [o.id, o.name]));
    const people = await this.users.namesOf(meeting.attendance.flatMap((a) => (a.userId ? [a.userId] : [])));
    const org = (id: string) => names.get(id) ?? id;
    return {
      meeting: {
        id: meeting.id,
        title: meeting.title,
        startsAt: meeting.startsAt.toISOString(),
        place: meeting.place,
        link: meeting.link,
        organiser: org(meeting.organiserOrganisationId),
      },
      producedFor: org(actor.organisationId),
      invited: meeting.invitedOrganisationIds.map(org),
      attendance: meeting.attendance.map((a) => ({
        organisation: org(a.organisationId),
        person: a.userId ? (people.get(a.userId) ?? null) : null,
        attended: a.attended,
      })),
      agenda: meeting.agenda.map((item) => ({
        person: item.personLabel,
        reason: item.reason,
        notes: meeting.notes
          .filter((n) => n.agendaItemId === item.id)
          .map((n) => ({
            kind: n.kind,
            organisation: org(n.organisationId),
            category: n.dataCategory,
            body: n.body,
            at: n.createdAt.toISOString(),
          })),
        actions: meeting.actions
          .filter((a) => a.agendaItemId === item.id)
          .map((a) => ({
            title: a.title,
            owner: org(a.ownerOrganisationId),
            dueOn: a.dueOn,
            status: a.status,
            overdue: a.overdue,
            completionNote: a.completionNote,
          })),
        carriedActions: meeting.carriedActions
          .filter((a) => a.personId === item.personId)
          .map((a) => ({
            title: a.title,
            owner: org(a.ownerOrganisationId),
            dueOn: a.dueOn,
            overdue: a.overdue,
          })),
      })),
    };
  }
}

/** The minutes as a markdown document. */
export function markdown(doc: MinutesDocument): string {
  const out = [
    `# ${line(doc.meeting.title)}`,
    '',
    `- When: ${doc.meeting.startsAt}`,
    ...(doc.meeting.place ? [`- Where: ${line(doc.meeting.place)}`] : []),
    ...(doc.meeting.link ? [`- Link: ${doc.meeting.link}`] : []),
    `- Organised by: ${doc.meeting.organiser}`,
    `- Invited: ${doc.invited.join(', ') || 'nobody'}`,
    `- Minutes for: ${doc.producedFor} (only what it may read)`,
    '',
    '## Attendance',
    '',
    ...(doc.attendance.length
      ? doc.attendance.map((a) => `- ${a.organisation}${a.person ? `, ${a.person}` : ''}: ${a.attended ? 'attended' : 'did not attend'}`)
      : ['- not recorded']),
  ];
  for (const item of doc.agenda) {
    out.push('', `## ${line(item.person)}`);
    if (item.reason) out.push('', `Reason: ${line(item.reason)}`);
    if (item.carriedActions.length) {
      out.push('', '### Open actions from earlier meetings', '');
      for (const a of item.carriedActions) out.push(`- ${line(a.title)} (${a.owner}, due ${a.dueOn}${a.overdue ? ', overdue' : ''})`);
    }
    if (item.notes.length) {
      out.push('', '### Notes and decisions', '');
      for (const n of item.notes)
        out.push(`- ${n.kind === 'decision' ? 'Decision' : 'Note'} (${n.organisation}, ${n.category}): ${line(n.body)}`);
    }
    if (item.actions.length) {
      out.push('', '### Actions', '');
      for (const a of item.actions)
        out.push(
          `- ${line(a.title)} (${a.owner}, due ${a.dueOn}): ${a.status}${a.overdue ? ', overdue' : ''}${a.completionNote ? ` (${line(a.completionNote)})` : ''}`,
        );
    }
  }
  return `${out.join('\n')}\n`;
}
