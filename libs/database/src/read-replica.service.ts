import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';

/**
 * Where aggregate reads may go: a streaming replica when DATABASE_READ_URL is set, the primary
 * otherwise. Only for reads that tolerate a replica's lag (reports over many people); access facts
 * and record reads always use the primary. The replica's sessions are read-only, so a write sent
 * here by mistake fails instead of diverging.
 */
@Injectable()
export class ReadReplica implements OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplica');
  private readonly pool?: pg.Pool;

  constructor(
    @Inject(HUB_CONFIG) config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    if (config.databaseReadUrl) {
      this.pool = new pg.Pool({
        connectionString: config.databaseReadUrl,
        max: Math.max(2, Math.ceil(config.databasePoolSize / 4)),
        application_name: 'rehab-hub-read',
        connectionTimeoutMillis: config.loadLimits.databaseAcquireTimeoutMs,
        options: '-c default_transaction_read_only=on',
        // Reads for requests: the same time limits as the primary's pool (DATABASE_STATEMENT_TIMEOUT_MS).
        statement_timeout: config.statementTimeouts.requestMs,
        idle_in_transaction_session_timeout: config.statementTimeouts.idleInTransactionMs,
      });
      // An idle connection dropped by the server must not bring the process down; the next query reconnects.
      this.pool.on('error', (err) => this.logger.warn(`read replica connection lost: ${err.message}`));
    }
  }

  /** Whether reads go to a replica. */
  get separate(): boolean {
    return this.pool !== undefined;
  }

  async query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    if (!this.pool) return this.db.query(sql, parameters) as Promise<T[]>;
    return (await this.pool.query(sql, parameters)).rows as T[];
  }

  /** Several reads from one consistent snapshot (REPEATABLE READ, read-only). */
  async snapshot<T>(
    work: (query: <R = Record<string, unknown>>(sql: string, parameters?: unknown[]) => Promise<R[]>) => Promise<T>,
  ): Promise<T> {
    if (!this.pool) {
      return this.db.transaction('REPEATABLE READ', (m) =>
        work(<R>(sql: string, parameters: unknown[] = []) => m.query(sql, parameters) as Promise<R[]>),
      );
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await work(async <R>(sql: string, parameters: unknown[] = []) => (await client.query(sql, parameters)).rows as R[]);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }
}

@Global()
@Module({ providers: [ReadReplica], exports: [ReadReplica] })
export class ReadReplicaModule {}
