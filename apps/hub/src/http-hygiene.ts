import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubConfig } from '@hub/config';

/** A caller's X-Request-Id is kept (logs, audit, answer) only when it looks like an id. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id: the caller's X-Request-Id when it is 1-128 characters of `A-Za-z0-9._:-`, else a new
 * UUID. The only source of `req.id`, which the actor, the audit log, the outbox and the logs copy: no
 * other code reads the header.
 */
export function requestIdFor(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Request headers a browser on an allowed origin may send, and answer headers it may read. */
const CORS_REQUEST_HEADERS = 'authorization, content-type, x-purpose, x-request-id, idempotency-key';
const CORS_EXPOSED_HEADERS = 'x-request-id, retry-after';
const CORS_METHODS = 'GET, POST';

/** Answers that are not pages: nothing in them may run or be framed. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers on every answer, and CORS by allow-list (CORS_ORIGINS; none by default):
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`;
 * - a Content-Security-Policy: the portal's pages set their own (portal-static.ts); HTML without one
 *   (the development explorer) gets `frame-ancestors 'none'`; anything else `default-src 'none'`;
 * - `Cache-Control: no-store` unless the route chose its caching (the portal's static files): person
 *   data is never kept by a browser or a shared cache;
 * - `Strict-Transport-Security` when HSTS_MAX_AGE is set (deployments reached over TLS).
 * A request from an origin not on the list gets no CORS header at all; its preflight is refused 403.
 */
export function registerHttpHygiene(fastify: FastifyInstance, http: HubConfig['http']): void {
  const allowed = new Set(http.corsOrigins);

  fastify.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined && !preflight) return;
    reply.header('vary', 'Origin');
    const ok = typeof origin === 'string' && allowed.has(origin.toLowerCase());
    if (ok) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-expose-headers', CORS_EXPOSED_HEADERS);
    }
    if (!preflight) return;
    if (!ok) {
      return reply
        .code(403)
        .send({ code: 'CORS_ORIGIN_NOT_ALLOWED', message: 'This origin may not call the hub from a browser (see CORS_ORIGINS)' });
    }
    return reply
      .code(204)
      .header('access-control-allow-methods', CORS_METHODS)
      .header('access-control-allow-headers', CORS_REQUEST_HEADERS)
      .header('access-control-max-age', '600')
      .send();
  });

  fastify.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('content-security-policy')) {
      const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
      reply.header('content-security-policy', html ? "frame-ancestors 'none'" : API_CSP);
    }
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (http.hstsMaxAgeSeconds > 0) reply.header('strict-transport-security', `max-age=${http.hstsMaxAgeSeconds}`);
    return payload;
  });
}
