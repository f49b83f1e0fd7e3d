import { readFile } from 'node:fs/promises';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
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

  // The build transpiles file by file (apps/build.mjs): the types the code-first schema, TypeORM and
  // the validation pipe read from decorator metadata must come out as the type checker wrote them.
  it('serves the schema checked in as schema/schema.graphql, so the build kept the types the schema is made from', async () => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: getIntrospectionQuery({
          descriptions: true,
          specifiedByUrl: true,
          directiveIsRepeatable: true,
          inputValueDeprecation: true,
        }),
      }),
    });
    const body = (await res.json()) as { data?: IntrospectionQuery; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const served = printSchema(lexicographicSortSchema(buildClientSchema(body.data!)));
    const checkedIn = printSchema(lexicographicSortSchema(buildSchema(await readFile('schema/schema.graphql', 'utf8'))));
    expect(served).toBe(checkedIn);
  });
});
