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

const csvCell = (v: Cell) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);

/** One CSV line for COPY (an empty cell is NULL; every value quoted). */
export function csvLine(cells: Cell[]): string {
  return cells.map(csvCell).join(',') + '\n';
}

/** Streams `rows` into `table` with COPY on the runner's connection (inside its transaction). */
export async function copyRows<R>(qr: QueryRunner, table: string, columns: string, rows: readonly R[], toCsv: (row: R) => string): Promise<void> {
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

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
