import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Paths the hub's own endpoints own: never answered with the portal's index.html. */
export const RESERVED_PREFIXES = ['/graphql', '/auth', '/oauth', '/health', '/metrics', '/.well-known'];

const INDEX_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** The built portal (dist/portal, made by `npm run build`), from the compiled hub or from the sources. */
export function findPortal(): string | null {
  const candidates = [fileURLToPath(new URL('../../../portal', import.meta.url)), resolve(process.cwd(), 'dist/portal')];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
}

const reserved = (url: string) => RESERVED_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));

/**
 * Serves the caseworker portal at `/`: its files (hashed assets cached for a year), and index.html
 * for any other GET that is not one of the hub's own paths and does not look like a file, so client
 * routes such as /people/<id> load the app. The hub's routes are matched first (static routes win
 * over the wildcard), and unknown paths under the hub's own prefixes still answer 404.
 */
export async function servePortal(app: NestFastifyApplication, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('x-content-type-options', 'nosniff');
      if (path.includes(`${resolve(root, 'assets')}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else res.setHeader('cache-control', 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  const sendIndex = (reply: { headers: (h: Record<string, string>) => unknown; sendFile: (f: string, o: object) => unknown }) => {
    reply.headers(INDEX_HEADERS);
    return reply.sendFile('index.html', { cacheControl: false });
  };
  fastify.get('/', (_req, reply) => sendIndex(reply));
  fastify.get('/*', (req, reply) => {
    const path = req.url.split('?')[0];
    if (reserved(path) || /\.[A-Za-z0-9]+$/.test(path)) {
      return reply.code(404).send({ error: 'NOT_FOUND', message: `Route GET ${path} not found` });
    }
    return sendIndex(reply);
  });
}
