import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { addBearerChallenge } from '@hub/auth';
import { hubValidationPipe } from '@hub/common';
import { loadConfig } from '@hub/config';
import { createRootLogger, type HubMetrics, METRICS, PinoNestLogger } from '@hub/observability';
import { AppModule } from './app.module.js';
import { registerHttpHygiene, requestIdFor } from './http-hygiene.js';
import { applyBodyLimits } from './body-limits.js';
import { findPortal, servePortal } from './portal-static.js';

/** Builds the hub (HTTP + GraphQL) ready to listen. Used by main.ts and by the end-to-end tests. */
export async function createHub(): Promise<NestFastifyApplication> {
  const config = loadConfig();
  const root = createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: root,
    // No header is taken as the id as it stands (fastify would use requestIdHeader's value verbatim,
    // whatever its length or characters): genReqId keeps a caller's X-Request-Id only when it is valid.
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => requestIdFor(req.headers),
    // JSON bodies of REST routes (HTTP_BODY_LIMIT_BYTES); /graphql has its own below; NDJSON bulk loads are streamed.
    bodyLimit: config.input.httpBodyBytes,
    // Which peers may set X-Forwarded-*: none unless TRUST_PROXY names them.
    trustProxy: config.http.trustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new PinoNestLogger(root.child({ component: 'nest' })),
  });
  app.useGlobalPipes(hubValidationPipe());
  app.enableShutdownHooks();
  const metrics = app.get<HubMetrics>(METRICS);
  const fastify = app.getHttpAdapter().getInstance();
  applyBodyLimits(app, config.input);
  // Bulk sync bodies are streamed to the handler, never buffered (see libs/sync).
  registerHttpHygiene(fastify, config.http);
  fastify.addContentTypeParser('application/x-ndjson', (_req, payload, done) => done(null, payload));
  fastify.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    // GraphQL requests refused before execution (syntax, validation, limits) are the client's error:
    // Apollo answers some of them 500; every error in them is coded as a client error, so say 400.
    if (reply.statusCode === 500 && req.url.startsWith('/graphql') && typeof payload === 'string') {
      try {
        const body = JSON.parse(payload) as { errors?: { extensions?: { code?: string } }[]; data?: unknown };
        const client = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'];
        if (body.errors?.length && body.data === undefined && body.errors.every((e) => client.includes(e.extensions?.code ?? '')))
          reply.code(400);
      } catch {
        /* not JSON: leave it */
      }
    }
    return payload;
  });
  addBearerChallenge(fastify);
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
