import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { QueryCountingLogger } from './query-counter.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { installTimestampParser } from './timestamp-parser.js';

/** How long a request waits for a pooled connection by default (DATABASE_ACQUIRE_TIMEOUT_MS). */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5000;

/**
 * The primary's options; `poolSize` is the validated DATABASE_POOL_SIZE of the hub's configuration,
 * `acquireTimeoutMs` its DATABASE_ACQUIRE_TIMEOUT_MS: a request that gets no connection in that time
 * fails (SERVICE_UNAVAILABLE, Retry-After) instead of waiting for ever behind a starved pool.
 */
export function dataSourceOptions(url: string, poolSize: number, extra: Partial<DataSourceOptions> = {}, acquireTimeoutMs = DEFAULT_ACQUIRE_TIMEOUT_MS): DataSourceOptions {
  installTimestampParser();
  return {
    type: 'postgres',
    url,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // Every statement is counted (metrics); failed ones surface as coded errors. DATABASE_LOG=1 prints them.
    logging: ['query', 'error'],
    logger: new QueryCountingLogger(process.env.DATABASE_LOG === '1'),
    extra: { max: poolSize, application_name: 'rehab-hub', connectionTimeoutMillis: acquireTimeoutMs },
    ...extra,
  } as DataSourceOptions;
}
