import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '@hub/common';
import type { HubConfig } from '@hub/config';

/** A host as a client may name it in a URL: name or address, optional port; nothing else. */
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/**
 * The hub's public base URL: PUBLIC_URL; without it (outside production only), the URL the request was
 * made to. In production without PUBLIC_URL, NOT_FOUND: nothing that depends on it (the authorization
 * server metadata, the OpenID Connect redirect URI) is served from a Host header.
 */
export function hubBaseUrl(config: HubConfig, req: FastifyRequest, what = 'This route (set PUBLIC_URL)'): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const host = req.host;
  if (config.nodeEnv === 'production' || typeof host !== 'string' || !HOST.test(host)) throw new NotFoundError(what);
  return `${req.protocol}://${host}`;
}
