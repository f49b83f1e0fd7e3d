import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '@hub/common';
import { pendingMigrations } from '@hub/database';
import { type HubMetrics, METRICS } from './metrics.js';

@Controller()
export class HealthController {
  private migrated = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(METRICS) private readonly metrics: HubMetrics,
  ) {}

  /** The process is up. */
  @Public()
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: the database answers and every migration is applied. */
  @Public()
  @Get('health/ready')
  async ready(@Res() reply: FastifyReply) {
    const checks: Record<string, 'ok' | 'failing' | 'pending'> = { database: 'failing', migrations: 'pending' };
    try {
      await this.db.query('SELECT 1');
      checks.database = 'ok';
      if (!this.migrated) this.migrated = (await pendingMigrations(this.db)).length === 0;
      checks.migrations = this.migrated ? 'ok' : 'pending';
    } catch {
      checks.database = 'failing';
    }
    const ok = checks.database === 'ok' && checks.migrations === 'ok';
    reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
  }

  @Public()
  @Get('metrics')
  async metricsText(@Res() reply: FastifyReply) {
    reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
