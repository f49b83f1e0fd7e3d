import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions, sessionTimeoutsFor } from './data-source-options.js';
import { DatabaseServer } from './database-server.js';
import { migrate } from './migrate.js';
import { ReadReplicaModule } from './read-replica.service.js';

@Global()
@Module({ providers: [DatabaseServer], exports: [DatabaseServer] })
class DatabaseServerModule {}

/** What the composition root gives the database: the migrations to run at start, in order. */
export interface DatabaseModuleOptions {
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/**
 * The primary's data source (migrated before anything uses it) and the read replica. The migrations
 * are passed in by the composition root (libs/composition), so this lib does not import migrations/.
 */
@Module({})
export class DatabaseModule {
  static forRoot({ migrations }: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        DatabaseServerModule,
        TypeOrmModule.forRootAsync({
          inject: [DatabaseServer],
          useFactory: async (server: DatabaseServer) => ({
            ...dataSourceOptions(
              await server.url(),
              server.poolSize,
              { migrations },
              sessionTimeoutsFor(process.env.HUB_ROLE, server.timeouts),
              server.acquireTimeoutMs,
            ),
            autoLoadEntities: true,
            retryAttempts: 3,
            retryDelay: 1000,
            // Read back by dataSourceFactory below (TypeORM ignores it).
            migrationStatementTimeoutMs: server.timeouts.migrationMs,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await migrate(dataSource, (options as { migrationStatementTimeoutMs?: number }).migrationStatementTimeoutMs ?? 0);
            return dataSource;
          },
        }),
        ReadReplicaModule,
      ],
      exports: [DatabaseServerModule],
    };
  }
}
