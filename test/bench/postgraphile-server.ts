/**
 * PostGraphile 4 (the line whose engines include Node 20; version 5 calls Node 22 APIs) serving the
 * bench_api views of postgraphile-rls.ts, as the hub's competitor in benchmark g. The caller's hub
 * token is verified against the hub's JWKS and its claims become the transaction's settings (role,
 * jwt.claims.sub, jwt.claims.org), which the row-level security policies read.
 * Run as a child process: DATABASE_URL (the authenticator role), HUB_URL, PORT, POOL_SIZE.
 */
import { createServer, type IncomingMessage } from 'node:http';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import pg from 'pg';
import { ACTOR_ROLE, API_SCHEMA } from './postgraphile-rls.js';

// PostGraphile 4 needs graphql 15 (the hub uses 16), and npm installs a copy of 15 beside each of its
// packages that cannot see postgraphile's own: graphql refuses types from another copy. In this process
// every `graphql` import resolves to the one copy postgraphile ships with.
const require = createRequire(import.meta.url);
const graphql15 = dirname(require.resolve('graphql/package.json', { paths: [dirname(require.resolve('postgraphile/package.json'))] }));
const resolver = Module as unknown as { _resolveFilename: (this: unknown, request: string, ...rest: unknown[]) => string };
const resolve = resolver._resolveFilename;
resolver._resolveFilename = function (request, ...rest) {
  const own = request === 'graphql' || request.startsWith('graphql/');
  return resolve.call(this, own ? join(graphql15, request.slice('graphql'.length)) : request, ...rest);
};
const { postgraphile } = await import('postgraphile');

const jwks = createRemoteJWKSet(new URL(`${process.env.HUB_URL}/.well-known/jwks.json`));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });

/** An invalid or missing token leaves the claims unset: the policies then show nothing. */
async function pgSettings(req: IncomingMessage): Promise<Record<string, string>> {
  const settings: Record<string, string> = { role: ACTOR_ROLE };
  const header = req.headers.authorization;
  const verified = header?.startsWith('Bearer ') ? await jwtVerify(header.slice(7), jwks).catch(() => null) : null;
  if (verified) {
    settings['jwt.claims.sub'] = String(verified.payload.sub ?? '');
    settings['jwt.claims.org'] = String(verified.payload.org ?? '');
  }
  return settings;
}

// The options its documentation recommends for production; read-only views, so no mutations.
const middleware = postgraphile(pool, [API_SCHEMA], {
  pgSettings,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  disableDefaultMutations: true,
  disableQueryLog: true,
  graphiql: false,
  watchPg: false,
  retryOnInitFail: false,
  extendedErrors: ['errcode'],
});

const server = createServer((req, res) => {
  void middleware(req, res, () => {
    res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
  });
});
server.listen(Number(process.env.PORT ?? 3901), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void middleware
    .release()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
