import { rm } from 'node:fs/promises';
import type { RunningEmbedded } from '../../libs/database/src/embedded-postgres.js';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>).__embeddedPostgres as RunningEmbedded | undefined;
  if (server) await server.stop();
  if (process.env.TEST_EMBEDDED_DIR) await rm(process.env.TEST_EMBEDDED_DIR, { recursive: true, force: true });
}
