import { networkInterfaces } from 'node:os';
import { startHubAsUser, type StartedHub } from './support/started-hub.js';

/**
 * GET /metrics (routes, rates, pool use, executions) is operational detail about the hub: not for
 * whoever can reach it. Without METRICS_TOKEN it answers callers on the hub's own machine connected
 * directly; with it, whoever sends the token.
 */
function networkAddress(): string {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const found = all.find((a) => !a.internal && a.family === 'IPv4');
  if (!found) throw new Error('this machine has no non-loopback IPv4 address to test from');
  return found.address;
}

async function status(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { headers });
  return { status: res.status, text: await res.text() };
}

describe('metrics: not for everyone who can reach the hub', () => {
  const TOKEN = 'metrics-token-for-the-security-suite-0001';
  let open: StartedHub;
  let tokened: StartedHub;

  beforeAll(async () => {
    // On every interface (with a demo password of its own, as the hub requires there).
    [open, tokened] = await Promise.all([startHubAsUser({ env: { HOST: '0.0.0.0' } }), startHubAsUser({ env: { METRICS_TOKEN: TOKEN } })]);
  });
  afterAll(async () => {
    await Promise.all([open?.stop(), tokened?.stop()]);
  });

  it('without METRICS_TOKEN: served on the machine itself, refused from the network and through a proxy', async () => {
    const local = await status(`${open.url}/metrics`);
    expect(local.status).toBe(200);
    expect(local.text).toMatch(/hub_http_request_duration_seconds|process_cpu/);
    const remote = await status(`http://${networkAddress()}:${open.port}/metrics`);
    expect(remote.status).toBe(403);
    expect(remote.text).not.toMatch(/process_cpu|hub_/);
    const forwarded = await status(`${open.url}/metrics`, { 'x-forwarded-for': '203.0.113.9' });
    expect(forwarded.status).toBe(403);
    expect(await open.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });

  it('with METRICS_TOKEN: the token opens it from anywhere, nothing else does (loopback included)', async () => {
    const none = await fetch(`${tokened.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await status(`${tokened.url}/metrics`, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    const right = await status(`${tokened.url}/metrics`, { authorization: `Bearer ${TOKEN}` });
    expect(right.status).toBe(200);
    expect(right.text).toMatch(/process_cpu/);
    expect(await tokened.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });
});
