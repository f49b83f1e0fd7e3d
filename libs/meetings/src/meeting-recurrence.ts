import { MeetingRecurrence } from './meeting-vocabulary.js';

const LONDON = 'Europe/London';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** The wall-clock time in London of an instant, as if it were UTC (for arithmetic on the calendar). */
function londonWall(at: Date): number {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, at.getUTCMilliseconds());
}

/** The instant whose London wall-clock time is `wall` (read as UTC); in the hour the clocks skip, an hour later. */
function fromLondonWall(wall: number): Date {
  let guess = wall - (londonWall(new Date(wall)) - wall);
  // Twice: across a change of offset the first guess can land on the other side of it.
  guess = wall - (londonWall(new Date(guess)) - guess);
  return new Date(guess);
}

/**
 * When the next meeting of a series starts: the same time of day in London (whatever the clocks did
 * between), a week, a fortnight or a calendar month on; a month from the 31st is the month's last day.
 */
export function nextOccurrence(startsAt: Date, recurrence: MeetingRecurrence): Date {
  const wall = new Date(londonWall(startsAt));
  if (recurrence !== MeetingRecurrence.MONTHLY) {
    const days = recurrence === MeetingRecurrence.WEEKLY ? 7 : 14;
    return fromLondonWall(wall.getTime() + days * 86_400_000);
  }
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const next = Date.UTC(
    year,
    month,
    Math.min(wall.getUTCDate(), lastDay),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  return fromLondonWall(next);
}
