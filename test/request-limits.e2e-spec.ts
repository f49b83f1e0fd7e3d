import pg from 'pg';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * Time and size limits of a request, end to end: every statement of the hub's pool runs under
 * DATABASE_STATEMENT_TIMEOUT_MS and a cancelled one answers QUERY_TIMEOUT (nothing internal);
 * migrations ran under their own limit; bodies past their limit are refused with a code, in
 * GraphQL's shape on /graphql and the REST shape elsewhere.
 */
describe('request limits (statement timeout, body sizes)', () => {
  let hub: TestHub;
  let token: string;

  beforeAll(async () => {
    hub = await startTestHub({
      DATABASE_STATEMENT_TIMEOUT_MS: '3000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '20000',
      GRAPHQL_MAX_BODY_BYTES: '65536',
      HTTP_BODY_LIMIT_BYTES: '16384',
    });
    token = await hub.tokenFor('probation.officer');
  }, 180_000);
  afterAll(() => hub.close());

  it("the pool's sessions carry the configured limits", async () => {
    const [{ statement_timeout }] = await hub.db.query('SHOW statement_timeout');
    const [{ idle_in_transaction_session_timeout }] = await hub.db.query('SHOW idle_in_transaction_session_timeout');
    expect([statement_timeout, idle_in_transaction_session_timeout]).toEqual(['3s', '20s']);
  });

  it('a statement past the limit is cancelled and answered QUERY_TIMEOUT; the next request is served', async () => {
    // Another session holds the table the search reads: the hub's statement waits until its limit.
    const blocker = new pg.Client({ connectionString: hub.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE person IN ACCESS EXCLUSIVE MODE');
      const res = await hub.gql(`{ people(search: "a", first: 5) { edges { node { id } } } }`, {}, token);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TIMEOUT']);
      expect(res.errors?.[0].message).not.toMatch(/canceling statement|statement timeout|57014|person/i);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    const after = await hub.gql(`{ people(search: "a", first: 5) { edges { node { id } } } }`, {}, token);
    expect(after.errors).toBeUndefined();
  }, 30_000);

  it('a GraphQL body past GRAPHQL_MAX_BODY_BYTES is refused 413 PAYLOAD_TOO_LARGE in GraphQL shape; a REST body past HTTP_BODY_LIMIT_BYTES in REST shape', async () => {
    const big = await hub
      .http()
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: '{ viewer { name } }', variables: { pad: 'x'.repeat(70_000) } }));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    const login = await hub
      .http()
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(20_000), password: 'y' }));
    expect(login.status).toBe(413);
    expect(login.body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
    const broken = await hub
      .http()
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
