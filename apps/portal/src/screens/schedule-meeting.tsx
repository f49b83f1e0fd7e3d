// Scheduling a multi-agency meeting your organisation organises: its title, date and time (UK time),
// where, whether it repeats, and the organisations invited; then on to its page to build the agenda.
import { type SubmitEvent, useState } from 'react';
import { flash } from '../flash';
import { Button, Checkboxes, type Errors, ErrorSummary, errorsFrom, isIsoDate, Select, TextField } from '../forms';
import type { MeetingRecurrence } from '../gql/graphql';
import { meetings, scheduleMeeting } from '../meetings-api';
import { Link, navigate, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { londonToIso, parseTime } from '../times';
import { useQuery } from '../use-query';

const LABELS: Record<string, string> = {
  title: 'Title',
  day: 'Date',
  time: 'Time',
  place: 'Where',
  recurrence: 'Does it repeat?',
  invitedOrganisationIds: 'Organisations invited',
};
const RECURRENCES = [
  { value: '', label: 'Once' },
  { value: 'WEEKLY', label: 'Every week' },
  { value: 'FORTNIGHTLY', label: 'Every two weeks' },
  { value: 'MONTHLY', label: 'Every month' },
];

export function ScheduleMeeting() {
  usePageTitle('Schedule a meeting');
  const { viewer } = useSession();
  const q = useQuery(() => meetings(), []);
  const [title, setTitle] = useState('');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [place, setPlace] = useState('');
  const [recurrence, setRecurrence] = useState('');
  const [invited, setInvited] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const others = (q.data?.organisations ?? []).filter((o) => o.id !== viewer.organisation.id).map((o) => ({ value: o.id, label: o.name }));

  async function submit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const problems: Errors = {};
    const at = parseTime(time);
    if (title.trim().length < 3) problems.title = 'Give the meeting a title (at least 3 characters)';
    if (!isIsoDate(day)) problems.day = 'Give the date as YYYY-MM-DD';
    if (!at) problems.time = 'Give the time as HH:MM';
    if (!invited.length) problems.invitedOrganisationIds = 'Invite at least one organisation';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const made = await scheduleMeeting({
        title: title.trim(),
        startsAt: londonToIso(day, at!),
        place: place.trim() || null,
        recurrence: (recurrence || null) as MeetingRecurrence | null,
        invitedOrganisationIds: invited,
      });
      flash('Meeting scheduled');
      navigate(`/meetings/${made.id}`);
    } catch (err) {
      setErrors(errorsFrom(err, Object.keys(LABELS)));
      setBusy(false);
    }
  }

  return (
    <>
      <p>
        <Link to="/meetings">All meetings</Link>
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Schedule a meeting</h1>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField name="title" label={LABELS.title} value={title} onChange={setTitle} error={errors.title} />
        <TextField
          name="day"
          label={LABELS.day}
          hint="For example 2027-01-12"
          value={day}
          onChange={setDay}
          width="short"
          error={errors.day}
        />
        <TextField
          name="time"
          label={LABELS.time}
          hint="UK time, for example 10:00"
          value={time}
          onChange={setTime}
          width="short"
          error={errors.time}
        />
        <TextField name="place" label={LABELS.place} value={place} onChange={setPlace} error={errors.place} />
        <Select name="recurrence" label={LABELS.recurrence} value={recurrence} onChange={setRecurrence} options={RECURRENCES} />
        <Checkboxes
          name="invitedOrganisationIds"
          label={LABELS.invitedOrganisationIds}
          values={invited}
          onChange={setInvited}
          options={others}
          error={errors.invitedOrganisationIds}
        />
        <Button busy={busy}>Schedule meeting</Button>
      </form>
    </>
  );
}
