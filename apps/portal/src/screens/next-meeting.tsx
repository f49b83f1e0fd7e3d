// The organiser of a recurring meeting schedules its next one (scheduleNextMeeting): the same invitees,
// the same time in London a week, a fortnight or a month on, the agenda carried over.
import { useState } from 'react';
import { flash } from '../flash';
import { Button } from '../forms';
import { scheduleNextMeeting } from '../meetings-api';
import { navigate } from '../router';
import { formatDateTime } from '../times';

export const REPEATS: Record<string, string> = { WEEKLY: 'Every week', FORTNIGHTLY: 'Every two weeks', MONTHLY: 'Every month' };

/** The organiser of a recurring meeting schedules its next one (same invitees, the agenda carried over) and goes to it. */
export function NextMeeting({ meetingId }: { meetingId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function schedule() {
    setBusy(true);
    try {
      const next = await scheduleNextMeeting(meetingId);
      flash(`The next meeting is on ${formatDateTime(next.startsAt)}, with this agenda carried over`, true);
      navigate(`/meetings/${next.id}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <p>
      <Button type="button" secondary busy={busy} onClick={() => void schedule()}>
        Schedule the next meeting
      </Button>
      {error && (
        <span className="error-message" role="alert">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}
