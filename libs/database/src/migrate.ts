import { type DataSource, MigrationExecutor } from 'typeorm';

/** Arbitrary key for the advisory lock that serialises migrations across hub processes. */
const MIGRATION_LOCK = 72_350_001;

/**
 * Runs pending migrations, one process at a time, each migration in its own transaction, on one
 * connection whose statements may run up to `statementTimeoutMs` (0: no limit) whatever the pool's
 * limit for requests (DATABASE_MIGRATION_STATEMENT_TIMEOUT_MS): rewriting a large table takes long.
 */
export async function migrate(dataSource: DataSource, statementTimeoutMs = 0): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT set_config('statement_timeout', $1, false)`, [String(statementTimeoutMs)]);
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const done = await executor.executePendingMigrations();
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    // The connection goes back to the pool with the pool's own limit.
    await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.release();
  }
}

/** Names of migrations known to the code but not yet applied to the database. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const rows = await dataSource.query<{ name: string }[]>(`SELECT name FROM ${table}`).catch(() => []);
  const applied = new Set(rows.map((r) => r.name));
  return dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((n) => !applied.has(n));
}
