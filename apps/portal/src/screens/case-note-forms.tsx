// Writing a case note (its category decides who may read it; optionally about an appointment,
// intervention or referral), and correcting one with a reason: what it said before is kept as history.
import { type SubmitEvent, useState } from 'react';
import { ApiError } from '../api';
import { correctCaseNote, personCaseNotes, personDayWork, personInterventionList, writeCaseNote } from '../day-api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, Select, TextArea, type Option } from '../forms';
import type { CaseNoteAbout, DataCategory } from '../gql/graphql';
import { personReferrals } from '../referrals-api';
import { Link, navigate, useLocation, usePageTitle } from '../router';
import { useDraft } from '../session';
import { useSession } from '../session-context';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';
import { CATEGORIES, formatDate, words } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const NOTE_MAX = 10_000;

/** The categories a note may be filed under: those the viewer may read about the person (all, if none is known). */
function categoryOptions(readable: string[]): Option[] {
  const usable = Object.keys(CATEGORIES).filter((c) => c !== 'IDENTITY' && readable.includes(c));
  return (usable.length ? usable : Object.keys(CATEGORIES).filter((c) => c !== 'IDENTITY')).map((c) => ({
    value: c,
    label: CATEGORIES[c],
  }));
}

function LoadFailed({ code, message }: { code: string; message: string }) {
  if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return <NotFound what="Person" />;
  return (
    <p className="error-message" role="alert">
      {message}
    </p>
  );
}

const WRITE_LABELS: Record<string, string> = {
  dataCategory: 'What is the note about?',
  about: 'Is it about a particular appointment, intervention or referral?',
  aboutId: 'Is it about a particular appointment, intervention or referral?',
  body: 'Note',
};
const WRITE_FIELDS = Object.keys(WRITE_LABELS);

export function WriteCaseNote({ personId }: { personId: string }) {
  const { capabilities } = useSession();
  const { query } = useLocation();
  const q = useQuery(async () => {
    const [person, interventions, referrals] = await Promise.all([
      personDayWork(personId),
      personInterventionList(personId).catch(() => []),
      capabilities.referrals ? personReferrals(personId).catch(() => []) : Promise.resolve([]),
    ]);
    return { person, interventions, referrals };
  }, [personId, capabilities.referrals]);
  const [draft, update, clear] = useDraft(`note-${personId}`, { dataCategory: '', about: query.get('about') ?? '', body: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  usePageTitle('Write a case note');
  if (q.error) return <LoadFailed code={q.error.code} message={q.error.message} />;

  const about: Option[] = q.data
    ? [
        ...q.data.person.appointments.map((a) => ({
          value: `APPOINTMENT:${a.id}`,
          label: `${a.service?.name ?? words(a.serviceCode)}, ${formatDateTime(a.startsAt)}`,
          group: 'Appointments',
        })),
        ...q.data.interventions.map((i) => ({
          value: `INTERVENTION:${i.id}`,
          label: `${i.type?.name ?? words(i.typeCode)}, ${formatDate(i.occurredAt)}`,
          group: 'Interventions',
        })),
        ...q.data.referrals.map((r) => ({
          value: `REFERRAL:${r.id}`,
          label: `${words(r.service)}, from ${r.fromOrganisation?.name ?? 'another organisation'} to ${r.toOrganisation?.name ?? 'another organisation'}, ${formatDate(r.createdAt)}`,
          group: 'Referrals',
        })),
      ]
    : [];
  // The category of what the note is about, as a first suggestion.
  const aboutAppointment = q.data?.person.appointments.find((a) => `APPOINTMENT:${a.id}` === draft.about);
  const category = draft.dataCategory || aboutAppointment?.dataCategory || '';

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!category) found.dataCategory = 'Select what the note is about';
    if (!draft.body.trim()) found.body = 'Enter the note';
    else if (draft.body.length > NOTE_MAX) found.body = `The note must be ${NOTE_MAX.toLocaleString('en-GB')} characters or fewer`;
    setErrors(found);
    if (Object.keys(found).length) return;
    const [aboutKind, aboutId] = draft.about ? draft.about.split(':') : [null, null];
    setBusy(true);
    try {
      await writeCaseNote({
        personId,
        dataCategory: category as DataCategory,
        body: draft.body.trim(),
        aboutKind: aboutKind as CaseNoteAbout | null,
        aboutId,
      });
      clear();
      flash('Case note saved');
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const out = errorsFrom(err, WRITE_FIELDS);
      if (out.aboutId) {
        out.about = out.aboutId;
        delete out.aboutId;
      }
      if (err instanceof ApiError && err.code === 'NOT_FOUND') out._form = 'What the note is about could not be found: choose again.';
      setErrors(out);
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={WRITE_LABELS} />
      {q.data && <span className="caption">{personName(q.data.person)}</span>}
      <h1>Write a case note</h1>
      {!q.data ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Select
            name="dataCategory"
            label={WRITE_LABELS.dataCategory}
            hint="This decides who may read it: a health note, for example, only where health information may be read"
            value={category}
            onChange={(dataCategory) => update({ dataCategory })}
            placeholder="Choose a category"
            options={categoryOptions(q.data.person.readableCategories)}
            error={errors.dataCategory}
          />
          {about.length > 0 && (
            <Select
              name="about"
              label={WRITE_LABELS.about}
              hint="Optional"
              value={draft.about}
              onChange={(v) => update({ about: v })}
              placeholder="No, about the person in general"
              options={about}
              error={errors.about}
            />
          )}
          <TextArea name="body" label={WRITE_LABELS.body} value={draft.body} onChange={(body) => update({ body })} error={errors.body} />
          <div className="button-group">
            <Button busy={busy}>Save note</Button>
            <Link to={`/people/${personId}`}>Cancel</Link>
          </div>
        </form>
      )}
    </div>
  );
}

const CORRECT_LABELS: Record<string, string> = {
  body: 'Corrected note',
  dataCategory: 'What is the note about?',
  reason: 'Why are you correcting it?',
  version: 'The note',
};
const CORRECT_FIELDS = Object.keys(CORRECT_LABELS);

export function CorrectCaseNote({ personId, noteId }: { personId: string; noteId: string }) {
  const { viewer } = useSession();
  // The note is looked for page by page (six notes a page), newest first.
  const q = useQuery(async () => {
    const person = await personDayWork(personId);
    let page = person.caseNotes;
    for (let i = 0; i < 50 && !page.notes.some((n) => n.id === noteId) && page.next; i++)
      page = (await personCaseNotes(personId, page.next)).caseNotes;
    return { ...person, found: page.notes.find((n) => n.id === noteId) ?? null };
  }, [personId, noteId]);
  const note = q.data?.found?.organisationId === viewer.organisation.id ? q.data.found : undefined;
  const [draft, update, clear] = useDraft<{ body: string | null; dataCategory: string | null; reason: string }>(`correct-${noteId}`, {
    body: null,
    dataCategory: null,
    reason: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  usePageTitle('Correct a case note');
  if (q.error) return <LoadFailed code={q.error.code} message={q.error.message} />;
  if (q.data && !note) return <NotFound what="Case note" />;
  const body = draft.body ?? note?.body ?? '';
  const dataCategory = draft.dataCategory ?? note?.dataCategory ?? '';

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!body.trim()) found.body = 'Enter the corrected note';
    else if (body.length > NOTE_MAX) found.body = `The note must be ${NOTE_MAX.toLocaleString('en-GB')} characters or fewer`;
    else if (body.trim() === note!.body && dataCategory === note!.dataCategory) found.body = 'Change the note or its category, or cancel';
    if (draft.reason.trim().length < 3) found.reason = 'Enter why you are correcting the note (at least 3 characters)';
    else if (draft.reason.trim().length > 500) found.reason = 'The reason must be 500 characters or fewer';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await correctCaseNote({
        noteId,
        version: note!.version,
        body: body.trim(),
        dataCategory: dataCategory === note!.dataCategory ? null : (dataCategory as DataCategory),
        reason: draft.reason.trim(),
      });
      clear();
      flash('Case note corrected: what it said before is kept in its history');
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const out = errorsFrom(err, CORRECT_FIELDS);
      if (err instanceof ApiError && err.code === 'CONFLICT')
        out._form = 'Someone else corrected this note meanwhile. Go back to the person’s page to see it.';
      setErrors(out);
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={CORRECT_LABELS} />
      {q.data && <span className="caption">{personName(q.data)}</span>}
      <h1>Correct a case note</h1>
      {!q.data || !note ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>Written {formatDateTime(note.createdAt)}. The note as it is now stays in its history, with your reason.</p>
          <TextArea name="body" label={CORRECT_LABELS.body} value={body} onChange={(v) => update({ body: v })} error={errors.body} />
          <Select
            name="dataCategory"
            label={CORRECT_LABELS.dataCategory}
            hint="Change it only if the note was filed under the wrong category"
            value={dataCategory}
            onChange={(v) => update({ dataCategory: v })}
            options={categoryOptions([...(q.data.readableCategories as string[]), note.dataCategory])}
            error={errors.dataCategory}
          />
          <TextArea
            name="reason"
            label={CORRECT_LABELS.reason}
            hint="For example, wrong date of the viewing"
            value={draft.reason}
            onChange={(reason) => update({ reason })}
            error={errors.reason}
          />
          <div className="button-group">
            <Button busy={busy}>Save correction</Button>
            <Link to={`/people/${personId}`}>Cancel</Link>
          </div>
        </form>
      )}
    </div>
  );
}
