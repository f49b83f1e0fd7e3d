import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { hubValidationPipe } from '@hub/common';
import { loadConfig } from '@hub/config';
import { createRootLogger, type HubMetrics, METRICS, PinoNestLogger } from '@hub/observability';
import { AppModule } from './app.module.js';
import { applyBodyLimits } from './body-limits.js';
import { findPortal, servePortal } from './portal-static.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the hub (HTTP + GraphQL) ready to listen. Used by main.ts and by the end-to-end tests. */
export async function createHub(): Promise<NestFastifyApplication> {
  const config = loadConfig();
  const root = createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: root,
    requestIdHeader: 'x-request-id',
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.loadLimits.jsonBodyBytes,
    trustProxy: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new PinoNestLogger(root.child({ component: 'nest' })),
  });
  app.useGlobalPipes(hubValidationPipe());
  app.enableShutdownHooks();
  const metrics = app.get<HubMetrics>(METRICS);
  const fastify = app.getHttpAdapter().getInstance();
  applyBodyLimits(app, config.loadLimits);
  // Bulk sync bodies are streamed to the handler, never buffered (see libs/sync).
  fastify.addContentTypeParser('application/x-ndjson', (_req, payload, done) => done(null, payload));
  fastify.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    // GraphQL requests refused before execution (syntax, validation, limits) are the client's error:
    // Apollo answers some of them 500; every error in them is coded as a client error, so say 400.
    if (reply.statusCode === 500 && req.url.startsWith('/graphql') && typeof payload === 'string') {
      try {
        const body = JSON.parse(payload) as { errors?: { extensions?: { code?: string } }[]; data?: unknown };
        const client = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'];
        if (body.errors?.length && body.data === undefined && body.errors.every((e) => client.includes(e.extensions?.code ?? ''))) reply.code(400);
      } catch {
        /* not JSON: leave it */
      }
    }
    return payload;
  });
  fastify.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions?.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  const portal = findPortal();
  if (portal) await servePortal(app, portal);
  else root.warn('the portal is not built (run npm run build): / serves nothing');
  await app.init();
  await fastify.ready();
  return app;
}
