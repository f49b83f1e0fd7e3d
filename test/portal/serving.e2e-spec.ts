import { startTestHub, type TestHub } from '../support/hub.js';

describe('the hub serves the built portal at /', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.close());

  it('serves index.html at / and for client routes, with a content security policy', async () => {
    for (const path of ['/', '/people/3b7c5a1e-0000-4000-8000-000000000000', '/search?q=carl', '/sign-in']) {
      const res = await hub.http().get(path).set('accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the hashed assets, cached for a year', async () => {
    const index = await hub.http().get('/');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const res = await hub.http().get(script);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it("does not shadow the hub's own paths", async () => {
    expect((await hub.http().get('/health/live')).body).toMatchObject({});
    expect((await hub.http().get('/health/live')).headers['content-type']).toMatch(/json/);
    expect((await hub.http().get('/.well-known/jwks.json')).body.keys).toBeDefined();
    const metrics = await hub.http().get('/metrics');
    expect(metrics.text).not.toContain('<div id="root">');
    const gql = await hub.gql('{ __typename }');
    expect(gql.status).not.toBe(404);
    for (const path of [
      '/graphql/nope',
      '/auth/nope',
      '/oauth/nope',
      '/health/nope',
      '/.well-known/nope',
      '/assets/missing.js',
      '/favicon.ico',
    ]) {
      const res = await hub.http().get(path).set('accept', 'text/html');
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('<div id="root">');
    }
  });
});
