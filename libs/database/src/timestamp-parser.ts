import pg from 'pg';

const TIMESTAMPTZ = 1184;
const fallback = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (value: string) => unknown;

const ZERO = 48;
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `timestamptz` as PostgreSQL sends it (`2026-11-26 09:30:00.123456+00`, `... +05:30`) read without
 * regular expressions: a person page carries about 150 of them. Anything else (years outside
 * 1000-9999, BC, infinity, offsets with seconds) goes to node-postgres's own parser, and both
 * give the same Date (tested against each other).
 */
export function parseTimestamptz(s: string): unknown {
  const n = s.length;
  if (
    n < 22 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 32 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return fallback(s);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < n && s.charCodeAt(i) >= ZERO && s.charCodeAt(i) <= ZERO + 9) i++;
    const count = i - start;
    if (count === 0 || count > 6) return fallback(s);
    for (let k = start; k < start + 3; k++) ms = ms * 10 + (k < i ? s.charCodeAt(k) - ZERO : 0); // milliseconds: the first three digits
  }
  const sign = s.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return fallback(s);
  let offset: number;
  if (n === i + 3) offset = digits(s, i + 1, 2) * 60;
  else if (n === i + 6 && s.charCodeAt(i + 3) === 58) offset = digits(s, i + 1, 2) * 60 + digits(s, i + 4, 2);
  else return fallback(s);
  if (year < 1000 || Number.isNaN(year + month + day + hour + minute + second + offset)) return fallback(s);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - (sign === 45 ? -offset : offset) * 60_000);
}

let installed = false;
/** Makes node-postgres read timestamptz with parseTimestamptz (process-wide: every pool gets it). */
export function installTimestampParser(): void {
  if (installed) return;
  installed = true;
  pg.types.setTypeParser(TIMESTAMPTZ, parseTimestamptz);
}
