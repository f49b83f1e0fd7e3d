import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createTestDatabase } from './support/database.js';
import { startTestHub, type TestDatabase, type TestHub } from './support/hub.js';

describe('GraphQL protections and error shape', () => {
  let hub: TestHub;
  let token: string;
  beforeAll(async () => {
    hub = await startTestHub({ GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '5', GRAPHQL_MAX_TOKENS: '300', GRAPHQL_MAX_COST: '30' });
    token = await hub.tokenFor('probation.officer');
  });
  afterAll(() => hub.close());

  function expectCoded(res: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const e of res.errors!) {
      expect(typeof e.extensions?.code).toBe('string');
      expect(e.extensions?.stacktrace).toBeUndefined();
      expect(e.message).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  }

  it('refuses a query deeper than the limit', async () => {
    const deep = '{ viewer { organisation { id } } }';
    expect((await hub.gql(deep, {}, token)).errors).toBeUndefined();
    let nested = 'id';
    for (let i = 0; i < 8; i++) nested = `__typename ... on Query { viewer { organisation { ${nested} } } }`;
    const res = await hub.gql(`{ ${nested} }`, {}, token);
    expectCoded(res);
    expect(res.errors!.map((e) => e.message).join(' ')).toMatch(/depth/i);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 8 }, (_, i) => `a${i}: viewer { id }`).join(' ');
    const res = await hub.gql(`{ ${aliases} }`, {}, token);
    expectCoded(res);
    expect(res.errors!.map((e) => e.message).join(' ')).toMatch(/alias/i);
  });

  it('refuses a query with too many tokens', async () => {
    const fields = Array.from({ length: 400 }, () => 'id').join(' ');
    const res = await hub.gql(`{ viewer { ${fields} } }`, {}, token);
    expectCoded(res);
    expect(res.errors!.map((e) => e.message).join(' ')).toMatch(/token/i);
  });

  it('refuses a query over the cost budget', async () => {
    const many = Array.from({ length: 4 }, (_, i) => `o${i}: organisations { id name kind regions services capacity active version }`).join(
      ' ',
    );
    const res = await hub.gql(`{ ${many} }`, {}, token);
    expectCoded(res);
    expect(res.errors!.map((e) => e.message).join(' ')).toMatch(/cost/i);
  });

  it('counts a page size given as a variable, or left to its default, as the page it asks for', async () => {
    // people(first: n) { edges { cursor } } costs 7.25 per person: 4 fit a budget of 30, 5 do not.
    const literal = (n: number) => hub.gql(`{ people(first: ${n}) { edges { cursor } } }`, {}, token);
    expect((await literal(4)).errors).toBeUndefined();
    expect((await literal(5)).errors?.[0].message).toMatch(/cost/i);
    const PAGED = `query($n: Int) { people(first: $n) { edges { cursor } } }`;
    const asVariable = await hub.gql<{ people: { edges: unknown[] } }>(PAGED, { n: 4 }, token);
    expect(asVariable.errors).toBeUndefined();
    expect(Array.isArray(asVariable.data!.people.edges)).toBe(true);
    const withDefault = (n: number) => `query($n: Int = ${n}) { people(first: $n) { edges { cursor } } }`;
    expect((await hub.gql(withDefault(4), {}, token)).errors).toBeUndefined();
    for (const res of [
      await hub.gql(PAGED, { n: 5 }, token),
      await hub.gql(PAGED, {}, token),
      await hub.gql(`{ people { edges { cursor } } }`, {}, token),
      await hub.gql(withDefault(5), {}, token),
      await hub.gql(withDefault(1), { n: 5 }, token),
    ]) {
      expectCoded(res);
      expect(res.status).toBe(400);
      expect(res.data ?? null).toBeNull();
      expect(res.errors![0]).toMatchObject({
        message: expect.stringMatching(/cost limit of 30 exceeded/i),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    }
  });

  it('does not suggest field names', async () => {
    const res = await hub.gql('{ viewr { id } }', {}, token);
    expectCoded(res);
    expect(res.errors![0].message).not.toMatch(/did you mean/i);
    expect(res.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a syntax error is coded', async () => {
    const res = await hub.gql('{ viewer { id ', {}, token);
    expectCoded(res);
    expect(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']).toContain(res.errors![0].extensions?.code);
    expect(res.errors![0].message).toMatch(/syntax/i);
  });

  it('introspection is on in development', async () => {
    const res = await hub.gql<{ __schema: { queryType: { name: string } } }>('{ __schema { queryType { name } } }', {}, token);
    expect(res.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('production settings', () => {
  let hub: TestHub;
  let database: TestDatabase;
  beforeAll(async () => {
    // Production never seeds the demo world: seed it in development, then restart in production
    // (with the secrets production requires) on the same database.
    database = await createTestDatabase();
    const seeding = await startTestHub({}, database);
    await seeding.app.close();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    hub = await startTestHub(
      {
        NODE_ENV: 'production',
        SEED_DEMO: 'false',
        JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
      database,
    );
  });
  afterAll(() => hub.close());

  it('turns introspection off and still codes every error', async () => {
    const token = await hub.tokenFor('probation.officer');
    const res = await hub.gql('{ __schema { queryType { name } } }', {}, token);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/introspection/i);
  });
});
