// Booking an appointment with a person, and recording what came of one: attended, did not attend,
// cancelled (by whom) or rescheduled to a new time (which books the new appointment).
import { type SubmitEvent, useState } from 'react';
import { ApiError } from '../api';
import { APPOINTMENT_STATUSES, bookAppointment, catalogue, MODES, personDayWork, recordAppointmentOutcome } from '../day-api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, isIsoDate, Radios, Select, TextArea, TextField } from '../forms';
import type { AppointmentMode, AppointmentStatus, CancelledBy } from '../gql/graphql';
import { Link, navigate, usePageTitle } from '../router';
import { useDraft } from '../session';
import { formatDateTime, londonDate, londonToIso, parseTime } from '../times';
import { useQuery } from '../use-query';
import { options, words } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const GROUPS: Record<string, string> = {
  employability: 'Employability',
  skills: 'Skills',
  training: 'Training',
  employment: 'Employment',
  support: 'Support',
};

/** The person and the services the viewer may work in for them (those of a category they may read). */
export function usePersonAndServices(personId: string) {
  return useQuery(async () => {
    const [person, services] = await Promise.all([personDayWork(personId), catalogue()]);
    const readable = services.filter((s) => (person.readableCategories as string[]).includes(s.dataCategory));
    return { person, services: readable.length ? readable : services };
  }, [personId]);
}

export const serviceOptions = (services: { code: string; name: string; groupName: string }[]) =>
  services.map((t) => ({ value: t.code, label: t.name, group: GROUPS[t.groupName] ?? words(t.groupName) }));

function LoadFailed({ code, message, what }: { code: string; message: string; what: string }) {
  if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return <NotFound what={what} />;
  return (
    <p className="error-message" role="alert">
      {message}
    </p>
  );
}

const BOOK_LABELS: Record<string, string> = {
  serviceCode: 'What is it for?',
  date: 'Date',
  time: 'Time',
  durationMinutes: 'How long, in minutes',
  mode: 'How will you meet?',
  location: 'Where, or the phone number or video link',
  startsAt: 'Date and time',
  withUserId: 'With',
};
const BOOK_FIELDS = Object.keys(BOOK_LABELS);

export function BookAppointment({ personId }: { personId: string }) {
  const q = usePersonAndServices(personId);
  const [draft, update, clear] = useDraft(`book-${personId}`, {
    serviceCode: '',
    date: londonDate(),
    time: '',
    durationMinutes: '60',
    mode: '',
    location: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  usePageTitle('Book an appointment');
  if (q.error) return <LoadFailed code={q.error.code} message={q.error.message} what="Person" />;

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    const time = parseTime(draft.time);
    if (!draft.serviceCode) found.serviceCode = 'Select what the appointment is for';
    if (!isIsoDate(draft.date)) found.date = 'Enter the date as year-month-day, like 2026-10-20';
    if (!time) found.time = 'Enter the time on the 24-hour clock, like 14:30';
    const minutes = Number(draft.durationMinutes.trim());
    if (!/^\d+$/.test(draft.durationMinutes.trim()) || minutes < 5 || minutes > 480)
      found.durationMinutes = 'Enter how long as a whole number of minutes, from 5 to 480';
    if (!draft.mode) found.mode = 'Select how you will meet';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const booked = await bookAppointment({
        personId,
        serviceCode: draft.serviceCode,
        startsAt: londonToIso(draft.date, time!),
        durationMinutes: minutes,
        mode: draft.mode as AppointmentMode,
        location: draft.location.trim() || null,
      });
      clear();
      flash(`Appointment booked for ${formatDateTime(booked.startsAt)}`);
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const out = errorsFrom(err, BOOK_FIELDS);
      if (out.startsAt) {
        out.date = out.startsAt;
        delete out.startsAt;
      }
      setErrors(out);
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={BOOK_LABELS} />
      {q.data && <span className="caption">{personName(q.data.person)}</span>}
      <h1>Book an appointment</h1>
      {!q.data ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>The appointment is with you.</p>
          <Select
            name="serviceCode"
            label={BOOK_LABELS.serviceCode}
            hint="The service decides who else may see the appointment, as for the service’s interventions"
            value={draft.serviceCode}
            onChange={(serviceCode) => update({ serviceCode })}
            placeholder="Choose a service"
            options={serviceOptions(q.data.services)}
            error={errors.serviceCode}
          />
          <TextField
            name="date"
            label={BOOK_LABELS.date}
            hint="For example, 2026-10-20"
            value={draft.date}
            onChange={(date) => update({ date })}
            error={errors.date}
            width="medium"
            inputMode="numeric"
          />
          <TextField
            name="time"
            label={BOOK_LABELS.time}
            hint="On the 24-hour clock, UK time, for example 14:30"
            value={draft.time}
            onChange={(time) => update({ time })}
            error={errors.time}
            width="short"
          />
          <TextField
            name="durationMinutes"
            label={BOOK_LABELS.durationMinutes}
            value={draft.durationMinutes}
            onChange={(durationMinutes) => update({ durationMinutes })}
            error={errors.durationMinutes}
            width="short"
            inputMode="numeric"
          />
          <Radios
            name="mode"
            label={BOOK_LABELS.mode}
            value={draft.mode}
            onChange={(mode) => update({ mode })}
            options={options(MODES)}
            error={errors.mode}
          />
          <TextField
            name="location"
            label={BOOK_LABELS.location}
            hint="Optional, for example Office, 12 High Street"
            value={draft.location}
            onChange={(location) => update({ location })}
            error={errors.location}
          />
          <div className="button-group">
            <Button busy={busy}>Book appointment</Button>
            <Link to={`/people/${personId}`}>Cancel</Link>
          </div>
        </form>
      )}
    </div>
  );
}

const OUTCOME_LABELS: Record<string, string> = {
  status: 'What happened?',
  cancelledBy: 'Who cancelled it?',
  date: 'New date',
  time: 'New time',
  rescheduledTo: 'New date and time',
  note: 'Note',
  version: 'The appointment',
};
const OUTCOME_FIELDS = Object.keys(OUTCOME_LABELS);

const OUTCOMES: Record<string, string> = {
  ATTENDED: 'Attended',
  DID_NOT_ATTEND: 'Did not attend',
  CANCELLED: 'Cancelled',
  RESCHEDULED: 'Rescheduled to a new time',
};

export function RecordOutcome({ personId, appointmentId }: { personId: string; appointmentId: string }) {
  const q = useQuery(() => personDayWork(personId), [personId]);
  const [draft, update, clear] = useDraft(`outcome-${appointmentId}`, { status: '', cancelledBy: '', date: '', time: '', note: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  usePageTitle('Record what happened');
  if (q.error) return <LoadFailed code={q.error.code} message={q.error.message} what="Person" />;
  const a = q.data?.appointments.find((x) => x.id === appointmentId);
  if (q.data && !a) return <NotFound what="Appointment" />;
  const missed = a?.status === 'DID_NOT_ATTEND';
  const recorded = a && a.status !== 'BOOKED' && !(missed && !a.rescheduledToId);
  const choices = missed ? { RESCHEDULED: OUTCOMES.RESCHEDULED } : OUTCOMES;

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    const status = missed ? 'RESCHEDULED' : draft.status;
    const time = parseTime(draft.time);
    if (!status) found.status = 'Select what happened';
    if (status === 'CANCELLED' && !draft.cancelledBy) found.cancelledBy = 'Select who cancelled it';
    if (status === 'RESCHEDULED') {
      if (!isIsoDate(draft.date)) found.date = 'Enter the new date as year-month-day, like 2026-10-20';
      if (!time) found.time = 'Enter the new time on the 24-hour clock, like 14:30';
    }
    if ((status === 'ATTENDED' || status === 'DID_NOT_ATTEND') && a && a.startsAt > new Date(Date.now() + 60_000).toISOString())
      found.status = 'The appointment has not begun yet: it can be cancelled or rescheduled';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const done = await recordAppointmentOutcome({
        appointmentId,
        version: a!.version,
        status: status as AppointmentStatus,
        cancelledBy: status === 'CANCELLED' ? (draft.cancelledBy as CancelledBy) : null,
        rescheduledTo: status === 'RESCHEDULED' ? londonToIso(draft.date, time!) : null,
        note: draft.note.trim() || null,
      });
      clear();
      flash(
        status === 'RESCHEDULED'
          ? `Appointment rescheduled to ${formatDateTime(londonToIso(draft.date, time!))}`
          : `Outcome recorded: ${(APPOINTMENT_STATUSES[done.status] ?? words(done.status)).toLowerCase()}`,
      );
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const out = errorsFrom(err, OUTCOME_FIELDS);
      if (err instanceof ApiError && err.code === 'CONFLICT')
        out._form = 'Someone else recorded this appointment meanwhile. Go back to the person’s page to see it.';
      if (out.rescheduledTo) {
        out.date = out.rescheduledTo;
        delete out.rescheduledTo;
      }
      setErrors(out);
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={OUTCOME_LABELS} />
      {q.data && <span className="caption">{personName(q.data)}</span>}
      <h1>{missed ? 'Rebook a missed appointment' : 'Record what happened'}</h1>
      {!q.data || !a ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : recorded ? (
        <>
          <p>What came of this appointment is already recorded: {(APPOINTMENT_STATUSES[a.status] ?? words(a.status)).toLowerCase()}.</p>
          <Link to={`/people/${personId}`}>Back to {personName(q.data)}</Link>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>
            {a.service?.name ?? words(a.serviceCode)}, {formatDateTime(a.startsAt)}, {MODES[a.mode].toLowerCase()}
            {a.location ? `, ${a.location}` : ''}
            {missed ? ': the person did not attend.' : '.'}
          </p>
          {!missed && (
            <Radios
              name="status"
              label={OUTCOME_LABELS.status}
              value={draft.status}
              onChange={(status) => update({ status })}
              options={options(choices)}
              error={errors.status}
            />
          )}
          {draft.status === 'CANCELLED' && !missed && (
            <Radios
              name="cancelledBy"
              label={OUTCOME_LABELS.cancelledBy}
              value={draft.cancelledBy}
              onChange={(cancelledBy) => update({ cancelledBy })}
              options={[
                { value: 'PERSON', label: 'The person' },
                { value: 'ORGANISATION', label: 'Your organisation' },
              ]}
              error={errors.cancelledBy}
            />
          )}
          {(draft.status === 'RESCHEDULED' || missed) && (
            <fieldset className="fieldset fieldset--boxed">
              <legend className="legend">The new appointment</legend>
              <TextField
                name="date"
                label={OUTCOME_LABELS.date}
                hint="For example, 2026-10-20"
                value={draft.date}
                onChange={(date) => update({ date })}
                error={errors.date}
                width="medium"
                inputMode="numeric"
              />
              <TextField
                name="time"
                label={OUTCOME_LABELS.time}
                hint="On the 24-hour clock, UK time, for example 14:30"
                value={draft.time}
                onChange={(time) => update({ time })}
                error={errors.time}
                width="short"
              />
            </fieldset>
          )}
          <TextArea
            name="note"
            label={OUTCOME_LABELS.note}
            hint="Optional"
            value={draft.note}
            onChange={(note) => update({ note })}
            error={errors.note}
          />
          <div className="button-group">
            <Button busy={busy}>{missed ? 'Book the new appointment' : 'Record outcome'}</Button>
            <Link to={`/people/${personId}`}>Cancel</Link>
          </div>
        </form>
      )}
    </div>
  );
}
