import pg from 'pg';
import { parseTimestamptz } from './timestamp-parser.js';

const reference = pg.types.getTypeParser(1184, 'text') as (value: string) => unknown;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** How PostgreSQL writes a timestamptz for a session at the given offset (minutes east of UTC). */
function pgText(ms: number, offsetMinutes: number, fractionDigits: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const micro = pad(d.getUTCMilliseconds(), 3) + pad(Math.floor((ms * 7) % 1000 < 0 ? 0 : (ms * 7) % 1000), 3);
  const fraction = fractionDigits ? '.' + micro.slice(0, fractionDigits) : '';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = sign + pad(Math.floor(abs / 60), 2) + (abs % 60 ? ':' + pad(abs % 60, 2) : '');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}${fraction}${zone}`;
}

describe('parseTimestamptz', () => {
  it('gives the Date node-postgres gives, for timestamps across centuries, offsets and fractions', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const offsets = [0, 60, -300, 330, 345, -570, 840, -720];
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(Date.UTC(1000, 0, 1) + random() * (Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1)));
      const text = pgText(ms, offsets[i % offsets.length], i % 7);
      const got = parseTimestamptz(text) as Date;
      const want = reference(text) as Date;
      if (got.getTime() !== want.getTime()) throw new Error(`${text}: ${got.getTime()} != ${want.getTime()}`);
      checked++;
    }
    expect(checked).toBe(20_000);
  });

  it('reads every millisecond fraction as node-postgres does', () => {
    for (let ms = 0; ms < 1000; ms++) {
      for (const text of [
        `2026-11-26 09:30:00.${pad(ms, 3)}+00`,
        `2026-11-26 09:30:00.${pad(ms, 3)}999+00`,
        `2026-11-26 09:30:00.${String(ms / 1000).slice(2) || '0'}+00`,
      ]) {
        expect((parseTimestamptz(text) as Date).getTime()).toBe((reference(text) as Date).getTime());
      }
    }
  });

  it('hands what it does not read itself to node-postgres: infinity, BC, years past 9999 or before 1000, offsets with seconds', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '0044-03-15 12:00:00+00 BC',
      '2026-11-26 09:30:00+00 BC',
      '12026-11-26 09:30:00+00',
      '0099-01-01 00:00:00+00',
      '0999-12-31 23:59:59.5+00',
      '1901-01-01 00:00:00+00:19:32',
      '2026-11-26 09:30:00.1234567+00',
    ]) {
      expect(parseTimestamptz(text)).toEqual(reference(text));
    }
  });

  it('is what node-postgres uses once installed', async () => {
    const { installTimestampParser } = await import('./timestamp-parser.js');
    installTimestampParser();
    expect(pg.types.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
  });
});
