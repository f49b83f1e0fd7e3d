import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { pendingMigrations } from '@hub/database';
import { metricsAccess } from './metrics-access.js';
import { type HubMetrics, METRICS } from './metrics.js';
import { ServingHealth } from './serving-health.js';

type Check = 'ok' | 'failing' | 'pending' | 'starved' | 'stalled';

/** Rejects after `ms` (the readiness probe answers in bounded time whatever the pool does). */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Controller()
export class HealthController {
  private migrated = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(METRICS) private readonly metrics: HubMetrics,
    private readonly serving: ServingHealth,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /**
   * The process can still serve: its event loop is not stalled and its pool not starved (every
   * connection held and nothing handed out for HEALTH_MAX_POOL_STARVED_MS). A database that is down is
   * not the process's fault, and does not fail liveness (readiness says it).
   */
  @Public()
  @Get('health/live')
  live(@Res() reply: FastifyReply) {
    const s = this.serving.state();
    const checks: Record<string, Check> = {
      eventLoop: s.eventLoopStallMs >= this.serving.limits.stallMs ? 'stalled' : 'ok',
      pool: s.poolStarvedMs >= this.serving.limits.starvedMs ? 'starved' : 'ok',
    };
    const ok = checks.eventLoop === 'ok' && checks.pool === 'ok';
    reply
      .status(ok ? 200 : 503)
      .send(ok ? { status: 'ok' } : { status: 'failing', checks, eventLoopStallMs: s.eventLoopStallMs, poolStarvedMs: s.poolStarvedMs });
  }

  /** Ready to serve: the database answers through the pool in bounded time, the pool is not starved, and every migration is applied. */
  @Public()
  @Get('health/ready')
  async ready(@Res() reply: FastifyReply) {
    const checks: Record<string, Check> = { database: 'failing', migrations: 'pending' };
    const s = this.serving.state();
    // Starved for as long as a request may wait for a connection: requests are failing now.
    if (s.poolStarvedMs >= this.serving.limits.acquireMs) checks.pool = 'starved';
    else {
      try {
        await within(this.db.query('SELECT 1'), this.serving.limits.acquireMs);
        checks.database = 'ok';
        if (!this.migrated) this.migrated = (await within(pendingMigrations(this.db), this.serving.limits.acquireMs)).length === 0;
        checks.migrations = this.migrated ? 'ok' : 'pending';
      } catch {
        checks.database = 'failing';
      }
    }
    const ok = checks.database === 'ok' && checks.migrations === 'ok' && checks.pool === undefined;
    reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
  }

  @Public()
  @Get('metrics')
  async metricsText(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    // Operational figures (routes, rates, pool use) are not for everyone who can reach the hub.
    const access = metricsAccess(this.config.metricsToken, req.socket.remoteAddress, req.headers);
    if (access === 'token-required') {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="rehab-hub-metrics"')
        .send({ error: 'UNAUTHENTICATED', message: 'GET /metrics needs the bearer token METRICS_TOKEN names' });
    }
    if (access === 'not-from-here') {
      return reply.status(403).send({
        error: 'FORBIDDEN',
        message: 'GET /metrics answers callers on this machine only; set METRICS_TOKEN to scrape from elsewhere',
      });
    }
    reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
