import { readFile, writeFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startTestHub, type TestHub } from './support/hub.js';

const SCHEMA_FILE = new URL('../schema/schema.graphql', import.meta.url);

/** schema/schema.graphql is the checked-in contract. `npm run schema` rewrites it. */
describe('schema/schema.graphql', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.close());

  it('matches the schema the server serves', async () => {
    const served = printSchema(lexicographicSortSchema(hub.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') await writeFile(SCHEMA_FILE, served);
    const checkedIn = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    expect(checkedIn).toBe(served);
  });
});
