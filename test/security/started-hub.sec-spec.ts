import { startFlags, startHubAsUser, type StartedHub } from './support/started-hub.js';

describe('the security harness starts the hub as npm start does', () => {
  let hub: StartedHub;
  beforeAll(async () => {
    hub = await startHubAsUser();
  });
  afterAll(() => hub?.stop());

  it('runs main.js with the start script node flags and its own embedded PostgreSQL, alive and ready', async () => {
    const flags = await startFlags();
    expect(flags).toContain('--max-old-space-size=256');
    expect(hub.child.spawnargs).toEqual(expect.arrayContaining(flags));
    expect(hub.output()).not.toMatch(/DATABASE_URL=/);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });
});
