import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Paths the hub's own endpoints own: never answered with the portal's index.html. */
export const RESERVED_PREFIXES = ['/graphql', '/auth', '/oauth', '/health', '/metrics', '/.well-known'];

const INDEX_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/**
 * Serves the caseworker portal at `/`: its files (a small, built set, held in memory; hashed assets
 * cached for a year), and index.html for any other GET that is not one of the hub's own paths and
 * does not look like a file, so client routes such as /people/<id> load the app. The hub's routes are
 * matched first (static routes win over the wildcard), and unknown paths under the hub's own prefixes
 * still answer 404.
 */
export async function servePortal(app: NestFastifyApplication, root: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const index = readFileSync(resolve(root, 'index.html'));
  for (const file of files(root)) {
    const url = '/' + relative(root, file).split(sep).join('/');
    if (url === '/index.html') continue;
    const body = readFileSync(file);
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const cache = url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    fastify.get(url, (_req, reply) =>
      reply.headers({ 'content-type': type, 'cache-control': cache, 'x-content-type-options': 'nosniff' }).send(body),
    );
  }
  const sendIndex = (reply: { headers: (h: Record<string, string>) => { send: (b: Buffer) => unknown } }) =>
    reply.headers({ ...INDEX_HEADERS, 'content-type': 'text/html; charset=utf-8' }).send(index);
  fastify.get('/', (_req, reply) => sendIndex(reply));
  fastify.get('/index.html', (_req, reply) => sendIndex(reply));
  fastify.get('/*', (req, reply) => {
    const path = req.url.split('?')[0];
    if (reserved(path) || /\.[A-Za-z0-9]+$/.test(path)) {
      return reply.code(404).send({ error: 'NOT_FOUND', message: `Route GET ${path} not found` });
    }
    return sendIndex(reply);
  });
}
