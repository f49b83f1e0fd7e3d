/** Shared pieces of the benchmarks: a database with a generated population, the hub and the baseline as child processes, load and latency runs. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres.js';
import { recordResult } from './results.js';

const here = dirname(fileURLToPath(import.meta.url));
/** dist/ (this file runs as dist/test/bench/lib.js). */
export const DIST = resolve(here, '../..');
export const SEED = 1;
export const PASSWORD = 'Generated-Population-1';
export const DOMAIN = 'gen.rehab-hub.example';

export const env = {
  people: Number(process.env.BENCH_PEOPLE ?? 20_000),
  scale: Number(process.env.BENCH_SCALE ?? 10),
  caseload: Number(process.env.BENCH_CASELOAD ?? 300),
  duration: Number(process.env.BENCH_DURATION ?? 8),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
  reuse: process.env.BENCH_REUSE === '1',
};

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
export const fmt = (x: number, d = 2) => x.toFixed(d);
export const log = (m: string) => process.stderr.write(`  · ${m}\n`);

let adminUrl: string | undefined;
let embedded: { stop(): Promise<void> } | undefined;

/** The machine's PostgreSQL at 127.0.0.1:5432 (trust, postgres) when it answers; an embedded one otherwise. */
export async function postgresAdminUrl(): Promise<string> {
  if (adminUrl) return adminUrl;
  const given = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new pg.Client({ connectionString: given, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    adminUrl = given;
  } catch {
    const dataDir = await mkdtemp(join(tmpdir(), 'rehab-bench-'));
    await chmod(dataDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir, database: 'postgres', ephemeral: true });
    embedded = server;
    adminUrl = server.url;
  }
  return adminUrl;
}

export async function stopPostgres(): Promise<void> {
  await embedded?.stop();
}

export function dbUrl(name: string): string {
  const u = new URL(adminUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

function run(cmd: string, args: string[], extraEnv: Record<string, string>): Promise<string> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${err.slice(-2000)}`))));
  });
}

/** A database holding a generated population of `people` (kept between runs with BENCH_REUSE=1). */
export async function populatedDatabase(people: number): Promise<{ url: string; name: string; generateMs: number | null }> {
  await postgresAdminUrl();
  const name = `rehab_bench_p${people}_c${env.caseload}`;
  const exists = (await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).rowCount;
  if (exists && env.reuse) {
    const c = new pg.Client({ connectionString: dbUrl(name) });
    await c.connect();
    const done = await c.query(`SELECT count(*)::int AS n FROM person`).catch(() => ({ rows: [{ n: 0 }] }));
    await c.end();
    if (done.rows[0].n >= people) return { url: dbUrl(name), name, generateMs: null };
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const t = Date.now();
  log(`generating ${people} people into ${name}`);
  await run(
    process.execPath,
    [
      join(DIST, 'apps/cli/src/main.js'),
      'generate',
      '--people',
      String(people),
      '--seed',
      String(SEED),
      '--caseload',
      String(env.caseload),
      '--batch',
      '50000',
    ],
    {
      DATABASE_URL: dbUrl(name),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
  );
  const generateMs = Date.now() - t;
  // Write the load's dirty pages out now, so that the checkpoint following a bulk load does not run
  // during the first measurements.
  await adminQuery('CHECKPOINT').catch((err: Error) =>
    log(`CHECKPOINT refused (${err.message}); the first measurements may overlap the load's checkpoint`),
  );
  return { url: dbUrl(name), name, generateMs };
}

/**
 * Migrates `url` and seeds the demo world into it with the CLI (`migrate`, `seed-demo`), outside
 * production: a hub started as operators run it (NODE_ENV=production) refuses SEED_DEMO.
 */
export async function seedDemoDatabase(url: string, extraEnv: Record<string, string> = {}): Promise<void> {
  const cli = join(DIST, 'apps/cli/src/main.js');
  const cliEnv = { DATABASE_URL: url, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...extraEnv };
  await run(process.execPath, [cli, 'migrate'], cliEnv);
  await run(process.execPath, [cli, 'seed-demo'], cliEnv);
}

export interface Server {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered`);
    try {
      const r = await fetch(url);
      if (r.status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export async function startChild(
  script: string,
  extraEnv: Record<string, string>,
  readyPath: string,
  nodeArgs: string[] = [],
): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...extraEnv, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHttp(url + readyPath, child, 60_000);
  return {
    url,
    pid: child.pid!,
    child,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) {
          res();
          return;
        }
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** The Node flags `npm start` gives the hub (package.json), so the benchmarks run it as operators do. */
const START_FLAGS: string[] = (() => {
  const start = (JSON.parse(readFileSync(resolve(DIST, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
    .start;
  return (/^node\s+(.*?)\s*dist\/apps\/hub\/src\/main\.js/.exec(start)?.[1] ?? '').split(/\s+/).filter(Boolean);
})();

/** The secrets production requires, one set per run, shared by every hub it starts (tokens verify on each). */
const PRODUCTION_SECRETS = {
  JWT_PRIVATE_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

export function startHub(databaseUrl: string, extra: Record<string, string> = {}): Promise<Server> {
  return startChild(
    join(DIST, 'apps/hub/src/main.js'),
    {
      ...PRODUCTION_SECRETS,
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production', // as operators run it (graphql-js skips its development-only checks)
      HOST: '127.0.0.1',
      ...extra,
    },
    '/health/ready',
    [...START_FLAGS, ...(process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean)],
  ); // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the hub
}

export function startBaseline(databaseUrl: string): Promise<Server> {
  return startChild(
    join(here, 'baseline-server.js'),
    {
      DATABASE_URL: databaseUrl,
      POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
      // The authorised baseline verifies the hub's tokens with the hub's public key.
      JWT_PUBLIC_KEY: createPublicKey(PRODUCTION_SECRETS.JWT_PRIVATE_KEY).export({ format: 'pem', type: 'spki' }).toString(),
    },
    '/health',
  );
}

export async function login(hub: Server, email: string): Promise<string> {
  const r = await fetch(`${hub.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

export async function gql(hub: Server, token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const r = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body: any = await r.json();
  if (r.status !== 200 || body.errors) throw new Error(`graphql ${r.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux: 100 clock ticks a second); 0 once it is gone. */
function cpuMs(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time of every PostgreSQL process on this machine (backends and background workers alike); null when none runs here. */
function postgresCpuMs(): number | null {
  let total = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) continue;
    } catch {
      continue;
    }
    found = true;
    total += cpuMs(entry);
  }
  return found ? total : null;
}

/**
 * CPU time spent by a server process and by PostgreSQL between start() and stop(), per request:
 * where a request's cost lies on a machine whose cores all three share with the load generator.
 */
export function cpuPerRequest(pid: number): { start(): void; stop(requests: number): { server: number; postgres: number | null } } {
  let server0 = 0;
  let pg0: number | null = null;
  return {
    start() {
      server0 = cpuMs(pid);
      pg0 = postgresCpuMs();
    },
    stop(requests) {
      const pg1 = postgresCpuMs();
      return { server: (cpuMs(pid) - server0) / requests, postgres: pg0 === null || pg1 === null ? null : (pg1 - pg0) / requests };
    },
  };
}

/** Peak resident memory of a process, sampled from /proc every 100 ms. */
export function rssSampler(pid: number): { stop(): number; peak(): number } {
  let peak = 0;
  const sample = async () => {
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      /* gone */
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), 100);
  return { stop: () => (clearInterval(timer), peak), peak: () => peak };
}

export interface LoadResult {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Throughput and latency under `connections` concurrent keep-alive clients (autocannon). */
export async function load(
  url: string,
  path: string,
  body: string,
  headers: Record<string, string>,
  seconds: number,
  connections = env.connections,
): Promise<LoadResult> {
  const r = await autocannon({
    url: url + path,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    connections,
    duration: seconds,
  });
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** Per-request latencies (ms) of `count` requests with `concurrency` clients in flight. */
export async function latencies(
  url: string,
  body: () => string,
  headers: Record<string, string>,
  count: number,
  concurrency = 4,
  check?: (json: any) => void,
): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const t = performance.now();
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body() });
      const json = await r.json();
      out.push(performance.now() - t);
      if (r.status !== 200 || (json as { errors?: unknown }).errors)
        throw new Error(`${url}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
      check?.(json);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

/** Prints a result line and records it, with its figures by name, in the run's results file (results.ts). */
export function result(line: string, figures: Record<string, number> = {}): void {
  process.stdout.write(line + '\n');
  recordResult(line, figures);
}
