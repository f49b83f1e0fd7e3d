/**
 * The hub as the operator runs it (`node dist/apps/hub/src/main.js`, embedded worker included) on a
 * fresh test database, with everything it writes to stdout and stderr kept, so a test can read its
 * logs. Spoken to over HTTP only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { DEMO_DOMAIN } from '../../../libs/demo/src/demo-world.js';
import { createTestDatabase } from '../../support/database.js';

export const DEMO_PASSWORD = 'Canary-Demo-Password-1';

export interface HttpResult {
  status: number;
  text: string;
  json: any;
}

export interface ChildHub {
  url: string;
  pool: pg.Pool;
  /** stdout and stderr of the process so far. */
  logs(): string;
  post(path: string, body: unknown, token?: string, form?: boolean): Promise<HttpResult>;
  get(path: string, token?: string): Promise<HttpResult>;
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<HttpResult>;
  login(who: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function request(url: string, init: RequestInit): Promise<HttpResult> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* CSV and other text */
  }
  return { status: res.status, text, json };
}

export async function startChildHub(env: Record<string, string>): Promise<ChildHub> {
  const database = await createTestDatabase();
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [resolve('dist/apps/hub/src/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      DEMO_PASSWORD,
      SEED_DEMO: 'true',
      SEED_DEMO_PEOPLE: 'false',
      WORKER_POLL_INTERVAL_MS: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub exited (${child.exitCode}): ${output.slice(-3000)}`);
    const ready = await fetch(`${url}/health/ready`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > until) throw new Error(`hub not ready within 90 s: ${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  const headers = (token?: string, type = 'application/json') => ({
    'content-type': type,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const hub: ChildHub = {
    url,
    pool,
    logs: () => output,
    post: (path, body, token, form) =>
      request(url + path, {
        method: 'POST',
        headers: headers(token, form ? 'application/x-www-form-urlencoded' : 'application/json'),
        body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
      }),
    get: (path, token) => request(url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
    gql: (query, variables = {}, token) => hub.post('/graphql', { query, variables }, token),
    async login(who, password = DEMO_PASSWORD) {
      const email = who.includes('@') ? who : `${who}@${DEMO_DOMAIN}`;
      const res = await hub.post('/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
      return res.json.access_token as string;
    },
    async close() {
      await pool.end();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await database.drop();
    },
  };
  return hub;
}
