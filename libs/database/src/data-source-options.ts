import type { DataSourceOptions } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { QueryCountingLogger } from './query-counter.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { installTimestampParser } from './timestamp-parser.js';

/** PostgreSQL's time limits for every session of a pool (ms; 0: none), sent when each connection opens. */
export interface SessionTimeouts {
  statementMs: number;
  idleInTransactionMs: number;
}

/**
 * The session time limits of this process's pool: the hub's own serves requests (DATABASE_STATEMENT_TIMEOUT_MS);
 * a separate worker process runs jobs (DATABASE_BACKGROUND_STATEMENT_TIMEOUT_MS); the CLI runs an operator's
 * commands: migrations, population generation (DATABASE_MIGRATION_STATEMENT_TIMEOUT_MS).
 */
export function sessionTimeoutsFor(role: string | undefined, limits: HubConfig['statementTimeouts']): SessionTimeouts {
  const statementMs = role === 'cli' ? limits.migrationMs : role === 'worker' ? limits.backgroundMs : limits.requestMs;
  return { statementMs, idleInTransactionMs: limits.idleInTransactionMs };
}

/**
 * Lets the statements of the current transaction run up to `ms` (0: without limit), for work that is
 * long by nature (a bulk load's merge, a retention sweep) on a pool whose sessions serve requests.
 */
export async function allowLongStatements(
  runner: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  ms: number,
): Promise<void> {
  await runner.query(`SELECT set_config('statement_timeout', $1, true)`, [String(ms)]);
}

/** How long a request waits for a pooled connection by default (DATABASE_ACQUIRE_TIMEOUT_MS). */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5000;

/**
 * The primary's options; `poolSize` is the validated DATABASE_POOL_SIZE of the hub's configuration,
 * `timeouts` the session's statement limits, `acquireTimeoutMs` its DATABASE_ACQUIRE_TIMEOUT_MS: a request
 * that gets no connection in that time fails (SERVICE_UNAVAILABLE, Retry-After) instead of waiting for
 * ever behind a starved pool. The migrations come in `extra` (from DatabaseModule.forRoot, given them
 * by the composition root): this lib does not know them.
 */
export function dataSourceOptions(
  url: string,
  poolSize: number,
  extra: Partial<DataSourceOptions> = {},
  timeouts?: SessionTimeouts,
  acquireTimeoutMs = DEFAULT_ACQUIRE_TIMEOUT_MS,
): DataSourceOptions {
  // node-postgres sends these as the session's defaults when each connection opens (0 is PostgreSQL's "none").
  const limits = timeouts
    ? { statement_timeout: timeouts.statementMs, idle_in_transaction_session_timeout: timeouts.idleInTransactionMs }
    : {};
  installTimestampParser();
  return {
    type: 'postgres',
    url,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // Every statement is counted (metrics); failed ones surface as coded errors. DATABASE_LOG=1 prints them.
    logging: ['query', 'error'],
    logger: new QueryCountingLogger(process.env.DATABASE_LOG === '1'),
    extra: { max: poolSize, application_name: 'rehab-hub', connectionTimeoutMillis: acquireTimeoutMs, ...limits },
    ...extra,
  } as DataSourceOptions;
}
