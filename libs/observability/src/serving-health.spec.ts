import type { DataSource } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { ServingHealth, starvedFor } from './serving-health.js';

describe('starvedFor', () => {
  const full = { total: 20, idle: 0, waiting: 3, max: 20 };
  it('counts from when requests began to wait, or from the last connection handed out, whichever is later', () => {
    expect(starvedFor(full, 1_000, 500, 9_000)).toBe(8_000);
    expect(starvedFor(full, 1_000, 4_000, 9_000)).toBe(5_000);
  });
  it('is not starved with nobody waiting, an idle connection, or connections still to open (a database that is down)', () => {
    expect(starvedFor({ ...full, waiting: 0 }, 1_000, 0, 9_000)).toBe(0);
    expect(starvedFor({ ...full, idle: 1 }, 1_000, 0, 9_000)).toBe(0);
    expect(starvedFor({ ...full, total: 4 }, 1_000, 0, 9_000)).toBe(0);
  });
});

describe('ServingHealth: the event loop', () => {
  it('measures a stall that begins just after a tick at nearly its full length', async () => {
    const db = { driver: {} } as unknown as DataSource;
    const config = {
      loadLimits: { liveMaxEventLoopStallMs: 800, liveMaxPoolStarvedMs: 1500, databaseAcquireTimeoutMs: 700 },
    } as unknown as HubConfig;
    const health = new ServingHealth(db, config);
    health.onModuleInit();
    try {
      // Wait for a tick to have just happened: the next one is as far off as it can be.
      await new Promise((r) => setTimeout(r, 300));
      const tick = health as unknown as { lastTick: number };
      const seen = tick.lastTick;
      while (tick.lastTick === seen) await new Promise((r) => setImmediate(r));
      const until = Date.now() + 1000;
      while (Date.now() < until) {
        // a stall of one second: nothing else runs
      }
      await new Promise((r) => setImmediate(r));
      expect(health.state().eventLoopStallMs).toBeGreaterThanOrEqual(900);
    } finally {
      health.onApplicationShutdown();
    }
  });
});
