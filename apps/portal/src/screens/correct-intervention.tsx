// Correcting an intervention your organisation logged (its date and details, with why), and what it
// said before each correction: its history, read wherever the intervention may be read.
import { type SubmitEvent, useState } from 'react';
import { ApiError } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, TextArea, TextField, typedDate } from '../forms';
import { correctIntervention, type InterventionWithHistory, interventionWithHistory } from '../record-api';
import { Link, navigate, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { formatDateTime, londonDate, londonTime, londonToIso } from '../times';
import { useQuery } from '../use-query';
import { formatDate, STATUSES } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const LABELS: Record<string, string> = {
  occurredAt: 'Date',
  notes: 'Details',
  reason: 'Why are you correcting it?',
};
const NOTES_MAX = 4000;

/** What the intervention said before each correction, newest first. */
export function EarlierVersions({ intervention }: { intervention: InterventionWithHistory }) {
  if (!intervention.history.length) return <p>It has not been corrected.</p>;
  return (
    <ol className="timeline">
      {[...intervention.history].reverse().map((h) => (
        <li key={h.version} className="timeline__item">
          <h3 className="timeline__title">
            Corrected {formatDateTime(h.correctedAt)} by {h.correctedByName}
          </h3>
          {h.reason && <p>Why: {h.reason}</p>}
          <p className="timeline__meta">
            Before: {formatDate(h.occurredAt)} · {STATUSES[h.status] ?? h.status}
          </p>
          <p className="timeline__notes">{h.notes ? `Details before: ${h.notes}` : 'No details before.'}</p>
        </li>
      ))}
    </ol>
  );
}

export function CorrectIntervention({
  personId,
  interventionId,
  readOnly,
}: {
  personId: string;
  interventionId: string;
  readOnly?: boolean;
}) {
  const { viewer } = useSession();
  const q = useQuery(() => interventionWithHistory(personId, interventionId), [personId, interventionId]);
  const [date, setDate] = useState<string | null>(null);
  const [notes, setNotes] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const i = q.data?.intervention ?? null;
  const own = i?.organisationId === viewer.organisation.id;
  const name = i ? (i.type?.name ?? i.typeCode) : 'the intervention';
  usePageTitle(readOnly || !own ? `History of ${name}` : `Correct ${name}`);
  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT' || (q.data && !i) || q.data === null)
    return <NotFound what="Intervention" />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );
  if (!q.data || !i)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  const person = q.data.person;
  const currentDate = londonDate(new Date(i.occurredAt));
  const shownDate = currentDate.split('-').reverse().join('/');
  const shownNotes = notes ?? i.notes ?? '';

  if (readOnly || !own)
    return (
      <>
        <span className="caption">{personName(person)}</span>
        <h1>History of {name}</h1>
        <p>
          Now: {formatDate(i.occurredAt)} · {STATUSES[i.status] ?? i.status}
          {i.notes ? ` · ${i.notes}` : ''}
        </p>
        <h2>Earlier versions</h2>
        <EarlierVersions intervention={i} />
        <p>
          <Link to={`/people/${personId}`}>Back to the record</Link>
        </p>
      </>
    );

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const out: Errors = {};
    const typed = date === null ? currentDate : typedDate(date);
    if (!typed) out.occurredAt = 'Enter a real date, like 23/01/2026';
    else if (typed > londonDate() && i!.status !== 'PLANNED' && i!.status !== 'CANCELLED')
      out.occurredAt = 'Work that happened cannot be dated after today';
    if (shownNotes.length > NOTES_MAX) out.notes = `The details must be ${NOTES_MAX.toLocaleString('en-GB')} characters or fewer`;
    const dateChanged = typed !== null && typed !== currentDate;
    const notesChanged = shownNotes.trim() !== (i!.notes ?? '');
    if (!out.occurredAt && !out.notes && !dateChanged && !notesChanged) out.occurredAt = 'Change the date or the details, or cancel';
    if (reason.trim().length < 3) out.reason = 'Enter why you are correcting it (at least 3 characters)';
    else if (reason.trim().length > 500) out.reason = 'The reason must be 500 characters or fewer';
    setErrors(out);
    if (Object.keys(out).length) return;
    setBusy(true);
    try {
      await correctIntervention({
        id: i!.id,
        version: i!.version,
        // The time of day is kept; only the day moves.
        ...(dateChanged ? { occurredAt: londonToIso(typed, londonTime(new Date(i!.occurredAt))) } : {}),
        ...(notesChanged ? { notes: shownNotes.trim() || null } : {}),
        reason: reason.trim(),
      });
      flash(`${name} corrected: what it said before is kept in its history`);
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const found = errorsFrom(err, Object.keys(LABELS));
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        found._form = 'Someone else changed this intervention meanwhile. It is shown as it is now: check it and try again.';
        q.reload();
      }
      setErrors(found);
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={LABELS} />
      <span className="caption">{personName(person)}</span>
      <h1>Correct this entry</h1>
      <p>
        {name}, logged by your organisation: {formatDate(i.occurredAt)}, {STATUSES[i.status]?.toLowerCase() ?? i.status}. The entry as it is
        now is kept in its history, with your reason, and partners who may see it see that it was corrected.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          name="occurredAt"
          label={LABELS.occurredAt}
          hint="For example, 23/01/2026"
          value={date ?? shownDate}
          onChange={setDate}
          error={errors.occurredAt}
          width="medium"
        />
        <TextArea name="notes" label={LABELS.notes} value={shownNotes} onChange={setNotes} error={errors.notes} />
        <TextArea
          name="reason"
          label={LABELS.reason}
          hint="For example, the session was on the Monday, not the Tuesday"
          value={reason}
          onChange={setReason}
          error={errors.reason}
        />
        <div className="button-group">
          <Button busy={busy}>Save correction</Button>
          <Link to={`/people/${personId}`}>Cancel</Link>
        </div>
      </form>
      <h2>Earlier versions</h2>
      <EarlierVersions intervention={i} />
    </div>
  );
}
