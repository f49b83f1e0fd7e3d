// Dates and times as a caseworker in England reads and types them: wall-clock time in London, whatever
// the browser's own time zone, turned into the API's ISO instants and back.
const ZONE = 'Europe/London';

const parts = (at: Date) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

/** London's offset from UTC at an instant, in milliseconds (0 in winter, one hour in summer). */
function offset(at: Date): number {
  const p = parts(at);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The London date (`2026-10-20`) of an instant (now by default). */
export function londonDate(at: Date = new Date()): string {
  const p = parts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The London time (`14:30`) of an instant (now by default). */
export function londonTime(at: Date = new Date()): string {
  const p = parts(at);
  return `${p.hour}:${p.minute}`;
}

/** The instant (ISO) of a London date and time (`2026-10-20`, `14:30`). */
export function londonToIso(date: string, time = '00:00'): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - offset(new Date(guess));
  return new Date(guess - offset(new Date(first))).toISOString();
}

/** The London date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days, 12)).toISOString().slice(0, 10);
}

/** A time of day as typed: `9:05`, `09:05`, `14.30` (24-hour clock); null if it is not one. */
export function parseTime(s: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(s.trim());
  if (!m || +m[1] > 23 || +m[2] > 59) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** `14:30` of an ISO instant, in London. */
export const formatTime = (iso: string) => londonTime(new Date(iso));

/** `Tuesday 20 October 2026 at 14:30`, in London. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  const day = at.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
  return `${day} at ${londonTime(at)}`;
}
