import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Global setup runs outside jest's module system, so it uses the built code (npm test builds first);
// the types come from the source.
const BUILT = '../../dist/libs/database/src/embedded-postgres.js';
const { startEmbeddedPostgres } = (await import(BUILT)) as typeof import('../../libs/database/src/embedded-postgres.js');

/**
 * One PostgreSQL server for the whole run: the one DATABASE_URL names, or an embedded one in a
 * temporary folder. Each test file then creates its own database on it (see hub.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'rehab-hub-test-'));
  // The server runs as the postgres user, which must be able to reach its folder.
  await chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir, database: 'postgres', ephemeral: true });
  process.env.TEST_ADMIN_DATABASE_URL = server.url;
  process.env.TEST_EMBEDDED_DIR = dataDir;
  (globalThis as Record<string, unknown>).__embeddedPostgres = server;
}
