/** The SQLSTATE of an error from PostgreSQL (as node-postgres or TypeORM throws it), if it has one. */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique constraint (optionally the named one) refused the write. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { constraint?: string; driverError?: { constraint?: string } } | null | undefined;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return pgErrorCode(err) === '23505' && (!constraint || name === constraint);
}

/**
 * The write collided with another transaction: a key it was about to take was taken meanwhile
 * (23505), PostgreSQL broke a deadlock by failing it (40P01), or it could not be serialised (40001).
 * Nothing of it was written; run again, it sees what the other committed.
 */
export function isConcurrentWriteError(err: unknown): boolean {
  const code = pgErrorCode(err);
  return code === '23505' || code === '40P01' || code === '40001';
}

/** SQLSTATEs and socket errors that mean PostgreSQL cannot be reached or is going away (restart, failover, overload). */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * The database is unreachable for now: connection refused or lost, shut down, or a connection not
 * had in time. Nothing was committed by the statement that failed; the request may succeed later.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = pgErrorCode(err);
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  const driver = (err as { driverError?: unknown } | null | undefined)?.driverError ?? err;
  const message = driver instanceof Error ? driver.message : '';
  // TypeORM gives up a transaction's connection once it breaks; the commit or next statement then says so.
  if (driver instanceof Error && driver.name === 'QueryRunnerAlreadyReleasedError') return true;
  // node-postgres and its pool say so in words, without a code.
  return /^Connection terminated|^timeout exceeded when trying to connect|^Client has encountered a connection error/.test(message);
}

/**
 * PostgreSQL cancelled the statement (57014): it ran past the session's `statement_timeout` (or an
 * operator cancelled it). Its transaction is rolled back; nothing of it was written.
 */
export function isStatementTimeout(err: unknown): boolean {
  return pgErrorCode(err) === '57014';
}

/**
 * SQLSTATEs of class 22 (data exception) that a caller's value causes: text too long (22001), a number
 * out of range (22003), a date or time malformed or out of range (22007, 22008), a character text cannot
 * hold (22021: NUL or invalid UTF-8; 22P05), text not of the column's type (22P02), a bad escape (22025).
 */
const UNSTORABLE_VALUE_CODES = new Set(['22001', '22003', '22007', '22008', '22021', '22025', '22P02', '22P05']);

/** PostgreSQL refused a value as given: the caller's mistake, about that value alone (nothing was written by the statement). */
export function isUnstorableValueError(err: unknown): boolean {
  const code = pgErrorCode(err);
  return code !== undefined && UNSTORABLE_VALUE_CODES.has(code);
}
