// A meeting's page: when and where, attendance, and for each person shown the viewer the reason, the
// notes and decisions it may read, the actions, and open actions carried from earlier meetings. The
// organiser records attendance and gives actions; any taking part writes notes; minutes download here.
import { type SubmitEvent, useState } from 'react';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, Radios, Select, TextArea, TextField } from '../forms';
import type { DataCategory, MeetingNoteKind, MinutesFormat } from '../gql/graphql';
import {
  addAgendaItem,
  assignMeetingAction,
  findPeople,
  meetingMinutes,
  meetingPage,
  type MeetingPage as Meeting,
  recordAttendance,
  writeMeetingNote,
} from '../meetings-api';
import { Link, usePageTitle } from '../router';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';
import { CATEGORIES, formatDate, options } from '../vocabulary';
import { NextMeeting, REPEATS } from './next-meeting';
import { NotFound } from './not-found';

type Item = Meeting['agenda'][number];
type Names = Map<string, string>;

const KINDS = [
  { value: 'NOTE', label: 'A note of what your organisation brings' },
  { value: 'DECISION', label: 'A decision of the meeting' },
];

async function download(id: string, format: MinutesFormat) {
  const m = await meetingMinutes(id, format);
  const url = URL.createObjectURL(new Blob([m.content], { type: m.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = m.filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Attendance({ meeting, names, reload }: { meeting: Meeting; names: Names; reload: () => void }) {
  const [errors, setErrors] = useState<Errors>({});
  const participants = [meeting.organiserOrganisationId, ...meeting.invitedOrganisationIds];
  const status = (org: string) => meeting.attendance.find((a) => a.organisationId === org && !a.userId)?.attended;
  async function mark(organisationId: string, attended: boolean) {
    try {
      await recordAttendance({ meetingId: meeting.id, organisationId, attended });
      reload();
    } catch (err) {
      setErrors(errorsFrom(err, []));
    }
  }
  return (
    <section className="section" aria-labelledby="attendance">
      <h2 id="attendance">Attendance</h2>
      <ErrorSummary errors={errors} labels={{}} />
      <ul>
        {participants.map((org) => {
          const name = names.get(org) ?? 'An organisation';
          const s = status(org);
          return (
            <li key={org}>
              {name}: {s === undefined ? 'not recorded' : s ? 'attended' : 'did not attend'}{' '}
              {meeting.organiser && (
                <>
                  <button className="link-button" type="button" onClick={() => void mark(org, true)}>
                    Attended<span className="visually-hidden">: {name}</span>
                  </button>{' '}
                  <button className="link-button" type="button" onClick={() => void mark(org, false)}>
                    Did not attend<span className="visually-hidden">: {name}</span>
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function NoteForm({ item, reload }: { item: Item; reload: () => void }) {
  const [kind, setKind] = useState('NOTE');
  const [category, setCategory] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const key = (f: string) => `${f}-${item.id}`;
  async function submit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const problems: Errors = {};
    if (!category) problems[key('dataCategory')] = 'Choose what the note is about';
    if (!body.trim()) problems[key('body')] = 'Write the note';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await writeMeetingNote({ agendaItemId: item.id, kind: kind as MeetingNoteKind, dataCategory: category as DataCategory, body });
      setBody('');
      flash(`Note on ${item.personLabel} written`, true);
      reload();
    } catch (err) {
      setErrors(errorsFrom(err, []));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={`Write a note on ${item.personLabel}`}>
      <ErrorSummary errors={errors} labels={{}} />
      <Select name={key('kind')} label="Note or decision" value={kind} onChange={setKind} options={KINDS} />
      <Select
        name={key('dataCategory')}
        label="What is it about?"
        hint="This decides who may read it, as for a case note"
        value={category}
        onChange={setCategory}
        options={options(CATEGORIES)}
        placeholder="Choose"
        error={errors[key('dataCategory')]}
      />
      <TextArea name={key('body')} label="Note" value={body} onChange={setBody} error={errors[key('body')]} />
      <Button busy={busy}>
        Write note<span className="visually-hidden"> on {item.personLabel}</span>
      </Button>
    </form>
  );
}

function ActionForm({ meeting, item, names, reload }: { meeting: Meeting; item: Item; names: Names; reload: () => void }) {
  const owners = [meeting.organiserOrganisationId, ...meeting.invitedOrganisationIds].filter(
    (o) => !item.uncoveredOrganisationIds.includes(o),
  );
  const [owner, setOwner] = useState('');
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const key = (f: string) => `${f}-${item.id}`;
  async function submit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const problems: Errors = {};
    if (!owner) problems[key('owner')] = 'Choose who owns the action';
    if (title.trim().length < 3) problems[key('title')] = 'Say what is to be done';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn)) problems[key('dueOn')] = 'Give the due date as YYYY-MM-DD';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await assignMeetingAction({ agendaItemId: item.id, ownerOrganisationId: owner, title, dueOn });
      setTitle('');
      flash(`Action on ${item.personLabel} given to ${names.get(owner) ?? 'the organisation'}`, true);
      reload();
    } catch (err) {
      setErrors(errorsFrom(err, []));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={`Give an action on ${item.personLabel}`}>
      <ErrorSummary errors={errors} labels={{}} />
      <Select
        name={key('owner')}
        label="Who owns it"
        value={owner}
        onChange={setOwner}
        options={owners.map((o) => ({ value: o, label: names.get(o) ?? o }))}
        placeholder="Choose"
        error={errors[key('owner')]}
      />
      <TextField name={key('title')} label="What is to be done" value={title} onChange={setTitle} error={errors[key('title')]} />
      <TextField
        name={key('dueOn')}
        label="Due on"
        hint="For example 2027-01-26"
        value={dueOn}
        onChange={setDueOn}
        width="short"
        error={errors[key('dueOn')]}
      />
      <Button busy={busy}>
        Give action<span className="visually-hidden"> on {item.personLabel}</span>
      </Button>
    </form>
  );
}

/** The organiser finds a person it may see and puts them on the agenda with a reason. */
function AddToAgenda({ meeting, reload }: { meeting: Meeting; reload: () => void }) {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<{ value: string; label: string }[] | null>(null);
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function find() {
    if (search.trim().length < 2) {
      setErrors({ search: 'Type at least two letters of a name, or an identifier' });
      return;
    }
    setErrors({});
    let people: Awaited<ReturnType<typeof findPeople>>;
    try {
      people = await findPeople(search.trim());
    } catch (err) {
      setErrors(errorsFrom(err, ['search']));
      return;
    }
    setFound(
      people.map((p) => ({
        value: p.id,
        label: `${[p.givenName, p.familyName].filter(Boolean).join(' ')}${p.dateOfBirth ? `, born ${formatDate(p.dateOfBirth)}` : ''}`,
      })),
    );
    setPersonId('');
  }
  async function submit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const problems: Errors = {};
    if (!personId) problems.personId = 'Choose the person';
    if (reason.trim().length < 3) problems.reason = 'Say why they are on the agenda';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await addAgendaItem({ meetingId: meeting.id, personId, reason: reason.trim() });
      flash('Added to the agenda', true);
      setFound(null);
      setSearch('');
      setReason('');
      reload();
    } catch (err) {
      setErrors(errorsFrom(err, ['personId', 'reason']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <details className="note-history">
      <summary>Add a person to the agenda</summary>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label="Add a person to the agenda">
        <ErrorSummary errors={errors} labels={{}} />
        <TextField
          name="search"
          label="Find the person"
          hint="Name, identifier or date of birth"
          value={search}
          onChange={setSearch}
          error={errors.search}
        />
        <Button type="button" secondary onClick={() => void find()}>
          Find
        </Button>
        {found?.length === 0 && <p>No one you may see was found.</p>}
        {found && found.length > 0 && (
          <>
            <Radios name="personId" label="Who" value={personId} onChange={setPersonId} options={found} error={errors.personId} />
            <TextArea name="reason" label="Why are they on the agenda?" value={reason} onChange={setReason} error={errors.reason} />
            <Button busy={busy}>Add to the agenda</Button>
          </>
        )}
      </form>
    </details>
  );
}

function AgendaItem({ meeting, item, names, reload }: { meeting: Meeting; item: Item; names: Names; reload: () => void }) {
  const notes = meeting.notes.filter((n) => n.agendaItemId === item.id);
  const actions = meeting.actions.filter((a) => a.agendaItemId === item.id);
  const carried = meeting.carriedActions.filter((a) => a.personId === item.personId);
  const heading = `agenda-${item.id}`;
  return (
    <section className="section" aria-labelledby={heading}>
      <h2 id={heading}>
        <Link to={`/people/${item.personId}`}>{item.personLabel}</Link>
      </h2>
      {item.reason && <p>Reason: {item.reason}</p>}
      {item.uncoveredOrganisationIds.length > 0 && (
        <p className="warning-text">
          Not shown to {item.uncoveredOrganisationIds.map((o) => names.get(o) ?? 'an invitee').join(', ')}: no consent or agreement covers
          sharing this person with them.
        </p>
      )}
      {carried.length > 0 && (
        <>
          <h3>Open actions from earlier meetings</h3>
          <ul>
            {carried.map((a) => (
              <li key={a.id}>
                {a.title} ({names.get(a.ownerOrganisationId) ?? 'an organisation'}, due {formatDate(a.dueOn)}){a.overdue ? ' overdue' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Notes and decisions</h3>
      {notes.length === 0 && <p>None you may read.</p>}
      <ul>
        {notes.map((n) => (
          <li key={n.id}>
            <strong>{n.kind === 'DECISION' ? 'Decision' : 'Note'}</strong> ({names.get(n.organisationId) ?? 'an organisation'},{' '}
            {CATEGORIES[n.dataCategory] ?? n.dataCategory}): {n.body}
          </li>
        ))}
      </ul>
      <h3>Actions</h3>
      {actions.length === 0 && <p>No actions yet.</p>}
      <ul>
        {actions.map((a) => (
          <li key={a.id}>
            {a.title}: {names.get(a.ownerOrganisationId) ?? 'an organisation'}, due {formatDate(a.dueOn)},{' '}
            {a.status === 'DONE' ? 'done' : a.overdue ? 'overdue' : 'open'}
          </li>
        ))}
      </ul>
      <details className="note-history">
        <summary>Write a note on {item.personLabel}</summary>
        <NoteForm item={item} reload={reload} />
      </details>
      {meeting.organiser && (
        <details className="note-history">
          <summary>Give an action on {item.personLabel}</summary>
          <ActionForm meeting={meeting} item={item} names={names} reload={reload} />
        </details>
      )}
    </section>
  );
}

export function MeetingScreen({ id }: { id: string }) {
  const q = useQuery(() => meetingPage(id), [id]);
  const meeting = q.data?.meeting;
  usePageTitle(meeting?.title ?? 'Meeting');
  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT') return <NotFound what="Meeting" />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );
  if (!meeting || !q.data)
    return (
      <p className="loading" role="status">
        Loading the meeting…
      </p>
    );
  const names: Names = new Map(q.data.organisations.map((o) => [o.id, o.name]));
  return (
    <>
      <p>
        <Link to="/meetings">All meetings</Link>
      </p>
      <h1>{meeting.title}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">When</dt>
          <dd className="summary-list__value">{formatDateTime(meeting.startsAt)}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Where</dt>
          <dd className="summary-list__value">{[meeting.place, meeting.link].filter(Boolean).join(', ') || 'Not given'}</dd>
        </div>
        {meeting.recurrence && (
          <div className="summary-list__row">
            <dt className="summary-list__key">Repeats</dt>
            <dd className="summary-list__value">{REPEATS[meeting.recurrence] ?? meeting.recurrence}</dd>
          </div>
        )}
        <div className="summary-list__row">
          <dt className="summary-list__key">Organised by</dt>
          <dd className="summary-list__value">{names.get(meeting.organiserOrganisationId) ?? 'Another organisation'}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Invited</dt>
          <dd className="summary-list__value">{meeting.invitedOrganisationIds.map((o) => names.get(o) ?? o).join(', ')}</dd>
        </div>
      </dl>
      <p>
        <button className="button button--secondary" type="button" onClick={() => void download(meeting.id, 'MARKDOWN')}>
          Download minutes
        </button>{' '}
        <button className="link-button" type="button" onClick={() => void download(meeting.id, 'JSON')}>
          Minutes as JSON
        </button>
      </p>
      {meeting.organiser && meeting.recurrence && <NextMeeting key={meeting.id} meetingId={meeting.id} />}
      <Attendance meeting={meeting} names={names} reload={q.reload} />
      {meeting.organiser && <AddToAgenda meeting={meeting} reload={q.reload} />}
      {meeting.agenda.length === 0 && <p>No one on the agenda that you may be shown.</p>}
      {meeting.agenda.map((item) => (
        <AgendaItem key={item.id} meeting={meeting} item={item} names={names} reload={q.reload} />
      ))}
    </>
  );
}
