import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, sessionTimeoutsFor } from './data-source-options.js';
import { DatabaseServer } from './database-server.js';
import { migrate } from './migrate.js';
import { ReadReplicaModule } from './read-replica.service.js';

@Global()
@Module({ providers: [DatabaseServer], exports: [DatabaseServer] })
class DatabaseServerModule {}

@Module({
  imports: [
    DatabaseServerModule,
    TypeOrmModule.forRootAsync({
      inject: [DatabaseServer],
      useFactory: async (server: DatabaseServer) => ({
        ...dataSourceOptions(await server.url(), server.poolSize, {}, sessionTimeoutsFor(process.env.HUB_ROLE, server.timeouts), server.acquireTimeoutMs),
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
})
export class DatabaseModule {}
