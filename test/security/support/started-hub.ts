import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../../libs/database/src/embedded-postgres.js';

/**
 * The hub started as a user starts it: `npm start`'s node flags (read from package.json, so they
 * cannot drift), the built main.js, no DATABASE_URL (so its own embedded PostgreSQL in a fresh data
 * folder), the default host. Each security test file starts one (or more), attacks it over the
 * network only, and checks afterwards that it is still alive and ready.
 */
export const SECURITY_SHORT = process.env.SECURITY_SHORT === '1';
export const HUB_MAIN = resolve('dist/apps/hub/src/main.js');
export const DEMO_PASSWORD = 'Security-Test-Demo-Pass-2026';

export interface StartedHub {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  dataDir: string;
  output(): string;
  /** Resolves with the exit code once the process has exited (for tests that expect it to refuse to start). */
  exited: Promise<number | null>;
  /** GET /health/live and /health/ready: both 200 within `ms`. */
  aliveAndReady(ms?: number): Promise<{ live: number; ready: number }>;
  stop(): Promise<void>;
}

/** `node` flags of the start script: what `npm start` runs, minus the script path. */
export async function startFlags(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(resolve('package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.start.split(/\s+/);
  if (words[0] !== 'node') throw new Error(`the start script does not begin with node: ${pkg.scripts.start}`);
  return words.slice(1).filter((w) => w.startsWith('--'));
}

async function status(url: string, ms: number): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(ms) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Wait for /health/ready (default true); false returns at once (for a hub expected to refuse to start). */
  waitReady?: boolean;
  readyMs?: number;
  /** Start on this data folder, as another hub left it (a restart); by default a fresh one. */
  dataDir?: string;
  /** Leave the data folder in place on stop(), for a restart on it (default false: removed). */
  keepData?: boolean;
}

export async function startHubAsUser(options: StartOptions = {}): Promise<StartedHub> {
  const port = await freePort();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'rehab-hub-sec-')));
  // The embedded server runs as the postgres user, which must be able to reach its folder.
  await chmod(dataDir, 0o755);
  const flags = await startFlags();
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  // As a user starts it: no database named, no host chosen, development mode unless a test says otherwise.
  for (const key of ['DATABASE_URL', 'DATABASE_READ_URL', 'HOST', 'NODE_ENV', 'TEST_ADMIN_DATABASE_URL', 'JEST_WORKER_ID']) {
    if (!(options.env && key in options.env)) delete env[key];
  }
  let out = '';
  const child = spawn(process.execPath, [...flags, HUB_MAIN], { env: env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (out = (out + d).slice(-400_000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-400_000)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.keepData) await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  };
  const hub: StartedHub = {
    child,
    url,
    port,
    dataDir,
    output: () => out,
    exited,
    stop,
    async aliveAndReady(ms = 10_000) {
      const deadline = Date.now() + ms;
      let live = 0;
      let ready = 0;
      while (Date.now() < deadline) {
        live = await status(`${url}/health/live`, 2_000);
        ready = await status(`${url}/health/ready`, 2_000);
        if (live === 200 && ready === 200) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      return { live, ready };
    },
  };
  if (options.waitReady === false) return hub;
  const deadline = Date.now() + (options.readyMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the hub exited (${child.exitCode}) before it was ready:\n${out.slice(-3000)}`);
    if ((await status(`${url}/health/ready`, 2_000)) === 200) return hub;
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the hub was not ready within ${options.readyMs ?? 120_000} ms:\n${out.slice(-3000)}`);
}

/** Signs in a demo user (local part of the email, or a whole email) and returns the bearer token. */
export async function signIn(hub: StartedHub, who: string, password = DEMO_PASSWORD): Promise<string> {
  const email = who.includes('@') ? who : `${who}@demo.rehab-hub.example`;
  const res = await fetch(`${hub.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export interface GqlAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

export async function gql<T = Record<string, unknown>>(
  hub: StartedHub,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  headers: Record<string, string> = {},
): Promise<GqlAnswer<T>> {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: Omit<GqlAnswer<T>, 'status' | 'headers'> = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: res.status, headers: res.headers, ...body };
}
