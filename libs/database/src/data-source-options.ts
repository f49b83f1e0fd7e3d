import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { QueryCountingLogger } from './query-counter.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { installTimestampParser } from './timestamp-parser.js';

/** The primary's options; `poolSize` is the validated DATABASE_POOL_SIZE of the hub's configuration. */
export function dataSourceOptions(url: string, poolSize: number, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
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
    extra: { max: poolSize, application_name: 'rehab-hub' },
    ...extra,
  } as DataSourceOptions;
}
