import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../libs/database/src/embedded-postgres.js';

/** The compiled hub and worker (npm run build, which every test script runs first). */
export const HUB_MAIN = resolve('dist/apps/hub/src/main.js');
export const WORKER_MAIN = resolve('dist/apps/worker/src/main.js');

export interface Spawned {
  child: ChildProcess;
  /** http://127.0.0.1:<port> for a hub; '' for a worker. */
  url: string;
  /** Everything it wrote (JSON log lines), for assertions and for failure messages. */
  output: () => string;
  stop(): Promise<void>;
}

function launch(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, [script], { env: { ...process.env, NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (out = (out + d).slice(-200_000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-200_000)));
  return { child, output: () => out };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        done();
        return;
      }
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
    });
}

async function until(
  what: string,
  ok: () => Promise<boolean> | boolean,
  child: ChildProcess,
  output: () => string,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what}: the process exited (${child.exitCode}):\n${output().slice(-3000)}`);
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not ready within ${ms} ms:\n${output().slice(-3000)}`);
}

/** A hub process (node dist/apps/hub/src/main.js) on a free port; resolves once /health/ready answers 200. */
export async function spawnHub(env: Record<string, string>, ms = 90_000): Promise<Spawned> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, output } = launch(HUB_MAIN, { HOST: '127.0.0.1', PORT: String(port), ...env });
  const ready = async () => {
    try {
      return (await fetch(`${url}/health/ready`)).status === 200;
    } catch {
      return false;
    }
  };
  await until(`hub on ${port}`, ready, child, output, ms).catch(async (err) => {
    await stopper(child)();
    throw err;
  });
  return { child, url, output, stop: stopper(child) };
}

/** A worker process (node dist/apps/worker/src/main.js); resolves once it says it runs jobs. */
export async function spawnWorker(env: Record<string, string>, ms = 90_000): Promise<Spawned> {
  const { child, output } = launch(WORKER_MAIN, { ...env, LOG_LEVEL: 'info' });
  await until('worker', () => /worker \S+ running/.test(output()), child, output, ms).catch(async (err) => {
    await stopper(child)();
    throw err;
  });
  return { child, url: '', output, stop: stopper(child) };
}
