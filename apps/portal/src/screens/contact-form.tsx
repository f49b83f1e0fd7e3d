// Logging a try at reaching the person: by which channel, when, for which service, what came of it,
// and optionally which of your organisation's appointments it was about.
import { type SubmitEvent, useState } from 'react';
import { CHANNELS, logContactAttempt, RESULTS } from '../day-api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, isIsoDate, Radios, Select, TextArea, TextField } from '../forms';
import type { ContactChannel, ContactResult } from '../gql/graphql';
import { Link, navigate, useLocation, usePageTitle } from '../router';
import { useDraft } from '../session';
import { useSession } from '../session-context';
import { formatDateTime, londonDate, londonTime, londonToIso, parseTime } from '../times';
import { options, words } from '../vocabulary';
import { serviceOptions, usePersonAndServices } from './appointment-forms';
import { NotFound } from './not-found';
import { personName } from './people-table';

const LABELS: Record<string, string> = {
  appointmentId: 'Was it about an appointment?',
  serviceCode: 'What was it for?',
  channel: 'How did you try to reach them?',
  result: 'What came of it?',
  date: 'Date',
  time: 'Time',
  occurredAt: 'Date and time',
  note: 'Note',
};
const FIELDS = Object.keys(LABELS);

export function LogContact({ personId }: { personId: string }) {
  const { viewer } = useSession();
  const { query } = useLocation();
  const q = usePersonAndServices(personId);
  const [draft, update, clear] = useDraft(`contact-${personId}`, {
    appointmentId: query.get('appointment') ?? '',
    serviceCode: '',
    channel: '',
    result: '',
    date: londonDate(),
    time: londonTime(),
    note: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  usePageTitle('Log a contact attempt');
  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT') return <NotFound what="Person" />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );
  const own = (q.data?.person.appointments ?? []).filter((a) => a.organisationId === viewer.organisation.id);
  const appointment = own.find((a) => a.id === draft.appointmentId);
  const chooseAppointment = (appointmentId: string) => {
    const a = own.find((x) => x.id === appointmentId);
    update({ appointmentId, ...(a ? { serviceCode: a.serviceCode } : {}) });
  };

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    const time = parseTime(draft.time);
    const serviceCode = appointment?.serviceCode ?? draft.serviceCode;
    if (!serviceCode) found.serviceCode = 'Select what the contact was for';
    if (!draft.channel) found.channel = 'Select how you tried to reach them';
    if (!draft.result) found.result = 'Select what came of it';
    if (!isIsoDate(draft.date)) found.date = 'Enter the date as year-month-day, like 2026-10-20';
    if (!time) found.time = 'Enter the time on the 24-hour clock, like 14:30';
    else if (isIsoDate(draft.date) && londonToIso(draft.date, time) > new Date(Date.now() + 60_000).toISOString())
      found.date = 'A contact attempt cannot be in the future';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await logContactAttempt({
        personId,
        serviceCode,
        channel: draft.channel as ContactChannel,
        result: draft.result as ContactResult,
        occurredAt: londonToIso(draft.date, time!),
        appointmentId: appointment?.id ?? null,
        note: draft.note.trim() || null,
      });
      clear();
      flash(`Contact attempt logged: ${(CHANNELS[draft.channel] ?? '').toLowerCase()}, ${(RESULTS[draft.result] ?? '').toLowerCase()}`);
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const out = errorsFrom(err, FIELDS);
      if (out.occurredAt) {
        out.date = out.occurredAt;
        delete out.occurredAt;
      }
      setErrors(out);
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={LABELS} />
      {q.data && <span className="caption">{personName(q.data.person)}</span>}
      <h1>Log a contact attempt</h1>
      {!q.data ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          {own.length > 0 && (
            <Select
              name="appointmentId"
              label={LABELS.appointmentId}
              hint="Optional: one of your organisation’s appointments with the person"
              value={draft.appointmentId}
              onChange={chooseAppointment}
              placeholder="No, not about an appointment"
              options={own.map((a) => ({
                value: a.id,
                label: `${a.service?.name ?? words(a.serviceCode)}, ${formatDateTime(a.startsAt)}`,
              }))}
              error={errors.appointmentId}
            />
          )}
          {!appointment && (
            <Select
              name="serviceCode"
              label={LABELS.serviceCode}
              hint="The service decides who else may see it"
              value={draft.serviceCode}
              onChange={(serviceCode) => update({ serviceCode })}
              placeholder="Choose a service"
              options={serviceOptions(q.data.services)}
              error={errors.serviceCode}
            />
          )}
          <Radios
            name="channel"
            label={LABELS.channel}
            value={draft.channel}
            onChange={(channel) => update({ channel })}
            options={options(CHANNELS)}
            error={errors.channel}
          />
          <Radios
            name="result"
            label={LABELS.result}
            value={draft.result}
            onChange={(result) => update({ result })}
            options={options(RESULTS)}
            error={errors.result}
          />
          <TextField
            name="date"
            label={LABELS.date}
            hint="For example, 2026-10-20"
            value={draft.date}
            onChange={(date) => update({ date })}
            error={errors.date}
            width="medium"
            inputMode="numeric"
          />
          <TextField
            name="time"
            label={LABELS.time}
            hint="On the 24-hour clock, UK time, for example 14:30"
            value={draft.time}
            onChange={(time) => update({ time })}
            error={errors.time}
            width="short"
          />
          <TextArea
            name="note"
            label={LABELS.note}
            hint="Optional"
            value={draft.note}
            onChange={(note) => update({ note })}
            error={errors.note}
          />
          <div className="button-group">
            <Button busy={busy}>Log contact attempt</Button>
            <Link to={`/people/${personId}`}>Cancel</Link>
          </div>
        </form>
      )}
    </div>
  );
}
