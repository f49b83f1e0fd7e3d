import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../libs/database/src/embedded-postgres.js';

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rehab-hub-embedded-'));
    await chmod(dir, 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps data across restarts and stops a server left behind by a killed run', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dir, ephemeral: true });
    await query(first.url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
    const pid = Number((await readFile(join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);

    // Pretend the process that started it was killed: its owner record names a dead process.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(join(dir, 'pg-owner.json'), JSON.stringify({ ownerPid: dead.pid, port: first.port }));

    const second = await startEmbeddedPostgres({ dataDir: dir, ephemeral: true });
    try {
      expect(() => process.kill(pid, 0)).toThrow();
      expect(second.port).not.toBe(0);
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it('shares the server of a live owner instead of starting a second one', async () => {
    const owner = await startEmbeddedPostgres({ dataDir: dir, ephemeral: true });
    try {
      // Another process of the same hub (a CLI command, a worker) sees the owner alive.
      await writeFile(join(dir, 'pg-owner.json'), JSON.stringify({ ownerPid: process.ppid, port: owner.port }));
      const guest = await startEmbeddedPostgres({ dataDir: dir, ephemeral: true });
      expect(guest.port).toBe(owner.port);
      await guest.stop();
      expect(await query(owner.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await owner.stop();
    }
  });
});
