import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // Failed statements surface as coded errors; set DATABASE_LOG=1 to see every statement.
    logging: process.env.DATABASE_LOG === '1' ? 'all' : false,
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 20), application_name: 'rehab-hub' },
    ...extra,
  } as DataSourceOptions;
}
