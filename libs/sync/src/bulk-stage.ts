import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';

/** One record of a load, checked and shaped for its staging table. */
export interface StagedRecord {
  line: number;
  externalId: string;
}

/** What a record check returns: the staging row, or the problems (with the external id when it could be read). */
export type CheckedRecord<R extends StagedRecord> = { row: R } | { problems: string[]; externalId: string | null };

type Cell = string | number | null;

function csvCell(v: Cell): string {
  if (v === null) return '';
  const text = typeof v === 'string' ? v : String(v);
  return text.includes('"') ? `"${text.replace(/"/g, '""')}"` : `"${text}"`;
}

/** One CSV line for COPY (an empty cell is NULL; every value quoted). */
export function csvLine(cells: Cell[]): string {
  return cells.map(csvCell).join(',') + '\n';
}

/** Streams `rows` into `table` with COPY on the runner's connection (inside its transaction). */
/**
 * The advisory lock under which a chunk of a load is merged: loads of one kind into one system of one
 * organisation take turns (their external ids are the organisation's own). People are the hub's, not
 * an organisation's: a person is found by identifier before it is created, so loads of people into
 * the system take turns across organisations too, or two at once would each create the same person
 * (the second without its identifier, which the first holds).
 */
export function loadLockKey(kind: string, organisationId: string, system: string): string {
  return kind === 'people' ? `sync_bulk:people:${system}` : `sync_bulk:${kind}:${organisationId}:${system}`;
}

export async function copyRows<R>(
  qr: QueryRunner,
  table: string,
  columns: string,
  rows: readonly R[],
  toCsv: (row: R) => string,
): Promise<void> {
  if (rows.length === 0) return;
  const client = (qr as unknown as { databaseConnection: PoolClient }).databaseConnection;
  await pipeline(
    (async function* () {
      for (const r of rows) yield toCsv(r);
    })(),
    client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN WITH (FORMAT csv)`)),
  );
}

/** Text that is present, not blank and at most `max` characters. */
export function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether the YYYY-MM-DD at the start of `value` is a real calendar day (years 0001 to 9999: PostgreSQL has no year 0). */
export function isCalendarDay(value: string): boolean {
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && isCalendarDay(value);
}
