import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { DEMO_PASSWORD, signIn, startHubAsUser, type StartedHub } from './support/started-hub.js';

/** An address of this machine that is not loopback: what another machine on the network would connect to. */
function networkAddress(): string {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const found =
    all.find((a) => !a.internal && a.family === 'IPv4') ??
    all.find((a) => !a.internal && a.family === 'IPv6' && !a.address.startsWith('fe80'));
  if (!found) throw new Error('this machine has no non-loopback address to test from');
  return found.address;
}

/** 'connected' or the connection error's code. */
function tcp(host: string, port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      done('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      done('ETIMEDOUT');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'error'));
  });
}

/** The secrets production needs, valid in shape; the database named is never reached (the hub refuses first). */
function productionSecrets(): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://hub@127.0.0.1:1/hub',
    JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
}

/** A hub expected to refuse to start: its exit code, what it wrote, and whether its data folder stayed empty. */
async function refusal(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string; dataFiles: string[]; answered: boolean }> {
  const hub = await startHubAsUser({ env, waitReady: false });
  try {
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([hub.exited, new Promise<'running'>((r) => (timer = setTimeout(() => r('running'), 60_000)))]);
    clearTimeout(timer);
    const answered = await fetch(`${hub.url}/health/live`).then(
      () => true,
      () => false,
    );
    return { code: code === 'running' ? -1 : code, output: hub.output(), dataFiles: await readdir(hub.dataDir), answered };
  } finally {
    await hub.stop();
  }
}

/** Another entry point (worker, CLI) run as its npm script runs it. */
function entryPoint(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const base = { ...process.env };
    for (const key of [
      'DATABASE_URL',
      'HOST',
      'NODE_ENV',
      'TEST_ADMIN_DATABASE_URL',
      'JEST_WORKER_ID',
      'DATA_ENCRYPTION_KEY',
      'JWT_PRIVATE_KEY',
    ])
      delete base[key];
    const child = spawn(process.execPath, [resolve(script), ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe('safe defaults: what npm start exposes, and what production refuses', () => {
  describe('npm start (development)', () => {
    let hub: StartedHub;
    // Starting a hub (embedded PostgreSQL, migrations, demo world) takes a minute or more on a loaded machine.
    beforeAll(async () => {
      hub = await startHubAsUser();
    }, 180_000);
    afterAll(() => hub?.stop(), 30_000);

    it('answers on 127.0.0.1 only: from the network nothing listens', async () => {
      expect(await tcp('127.0.0.1', hub.port)).toBe('connected');
      const address = networkAddress();
      expect(await tcp(address, hub.port)).not.toBe('connected');
      // Over loopback the demo still works as the README says.
      expect(await signIn(hub, 'probation.officer')).toMatch(/^ey/);
      expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
    });

    it('prints a few lines: the portal address, the GraphQL endpoint and how to sign in, not a wall of JSON', async () => {
      const lines = hub
        .output()
        .split('\n')
        .filter((l) => l.trim());
      expect(lines.filter((l) => l.startsWith('Rehab hub ready in '))).toHaveLength(1);
      expect(lines).toContain(`  Portal:   http://localhost:${hub.port}/`);
      expect(lines).toContain(`  GraphQL:  http://localhost:${hub.port}/graphql (explorer in a browser)`);
      // The harness sets a DEMO_PASSWORD of its own: named, never printed.
      expect(lines).toContain(
        '  Sign in:  probation.officer@demo.rehab-hub.example, the password in DEMO_PASSWORD (every demo account: docs/guide/README.md)',
      );
      expect(hub.output()).not.toContain(DEMO_PASSWORD);
      expect(lines.filter((l) => l.startsWith('{"level":30'))).toEqual([]);
    });
  });

  it('refuses a network-reachable HOST while the demo accounts would keep the published password', async () => {
    const { code, output, answered } = await refusal({ HOST: '0.0.0.0', DEMO_PASSWORD: '' });
    expect(code).toBe(78);
    expect(output).toMatch(/HOST=0\.0\.0\.0 makes the demo accounts reachable from the network: set DEMO_PASSWORD/);
    expect(answered).toBe(false);
  }, 120_000);

  it('production without its secrets exits non-zero naming each one, having started and seeded nothing', async () => {
    const { code, output, dataFiles, answered } = await refusal({ NODE_ENV: 'production' });
    expect(code).toBe(78);
    for (const name of ['DATABASE_URL', 'JWT_PRIVATE_KEY', 'DATA_ENCRYPTION_KEY'])
      expect(output).toMatch(new RegExp(`${name} is required in production`));
    expect(output).not.toMatch(/\n\s+at /); // no stack
    expect(dataFiles).toEqual([]); // no embedded database, so no demo accounts
    expect(answered).toBe(false);
  }, 120_000);

  it('production with its secrets refuses SEED_DEMO=true rather than seed published accounts', async () => {
    const { code, output, dataFiles } = await refusal({ ...productionSecrets(), SEED_DEMO: 'true' });
    expect(code).toBe(78);
    expect(output).toMatch(/SEED_DEMO: the demo world .* is never seeded in production/);
    expect(output).not.toMatch(/DATABASE_URL|JWT_PRIVATE_KEY|DATA_ENCRYPTION_KEY/);
    expect(dataFiles).toEqual([]);
  }, 120_000);

  it('production refuses a partner identity provider whose keys or issuer are over plain http', async () => {
    const OIDC_ISSUERS = JSON.stringify([
      { issuer: 'http://id.partner.example', jwksUri: 'http://id.partner.example/jwks', audience: 'rehab-hub-api' },
    ]);
    const { code, output } = await refusal({ ...productionSecrets(), OIDC_ISSUERS });
    expect(code).toBe(78);
    expect(output).toMatch(/OIDC_ISSUERS .*jwksUri must be an https:\/\/ URL in production/);
  }, 120_000);

  it('the worker and the CLI apply the same refusal, and the CLI never seeds demo accounts in production', async () => {
    const worker = await entryPoint('dist/apps/worker/src/main.js', [], { NODE_ENV: 'production' });
    expect(worker.code).toBe(78);
    for (const name of ['DATABASE_URL', 'JWT_PRIVATE_KEY', 'DATA_ENCRYPTION_KEY'])
      expect(worker.output).toMatch(new RegExp(`${name} is required in production`));
    const cli = await entryPoint('dist/apps/cli/src/main.js', ['seed-demo'], { NODE_ENV: 'production' });
    expect(cli.code).toBe(78);
    expect(cli.output).toMatch(/JWT_PRIVATE_KEY is required in production/);
    const seeded = await entryPoint('dist/apps/cli/src/main.js', ['seed-demo'], productionSecrets());
    expect(seeded.code).toBe(78);
    expect(seeded.output).toMatch(/seed-demo creates accounts with a published password and is refused in production/);
  }, 120_000);
});
