import { serverAudits } from 'graphql-http';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * The GraphQL-over-HTTP conformance audits of graphql-http against the whole hub listening on a
 * port: every MUST passes. The requests carry a signed-in caseworker's token (an anonymous request
 * is refused 401 before GraphQL, as every route but sign-in and health is).
 */
describe('GraphQL over HTTP conformance (graphql-http audits)', () => {
  let hub: TestHub;
  let url: string;
  let token: string;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const address = hub.app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${address.port}/graphql`;
    token = await hub.tokenFor('probation.officer');
  }, 180_000);
  afterAll(() => hub.close());

  const signedFetch = (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };

  it('passes every MUST audit', async () => {
    const failures: string[] = [];
    const musts = serverAudits({ url: () => url, fetchFn: signedFetch }).filter((audit) => audit.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThanOrEqual(10);
    for (const audit of musts) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
