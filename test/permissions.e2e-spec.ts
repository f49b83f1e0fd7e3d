import { readFile, writeFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { declaredOperations, type DeclaredOperation, permissionTableMarkdown } from './support/permission-table.js';
import { startTestHub, type TestHub } from './support/hub.js';

const TABLE_FILE = new URL('../schema/permissions.md', import.meta.url);

/** schema/permissions.md is the checked-in table of who may call what. `npm run permissions` rewrites it. */
describe('permissions: every operation declares one', () => {
  let hub: TestHub;
  let operations: DeclaredOperation[];
  beforeAll(async () => {
    hub = await startTestHub();
    operations = declaredOperations(hub.app);
  });
  afterAll(() => hub.close());

  it('finds every root field the schema serves (so the checks below see them all)', () => {
    const schema = hub.app.get(GraphQLSchemaHost).schema;
    const served = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
      t ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : [],
    );
    const found = operations.filter((o) => o.kind !== 'Field' && o.kind !== 'REST').map((o) => o.name);
    expect([...found].sort()).toEqual([...served].sort());
    expect(operations.filter((o) => o.kind === 'REST').length).toBeGreaterThan(5);
  });

  it('no resolver operation, field resolver or route is without a declaration (@RequirePermission, or @Public)', () => {
    expect(operations.filter((o) => !o.isPublic && !o.permission).map((o) => `${o.name} (${o.handler})`)).toEqual([]);
  });

  it('only sign-in, token, key, health and metrics routes are public', () => {
    expect(operations.filter((o) => o.isPublic).map((o) => o.name)).toEqual(
      expect.arrayContaining(['POST /auth/login', 'POST /oauth/token', 'GET /health/live', 'GET /health/ready', 'GET /metrics']),
    );
    expect(operations.filter((o) => o.isPublic && o.kind !== 'REST')).toEqual([]);
  });

  it('schema/permissions.md matches the running hub', async () => {
    const generated = permissionTableMarkdown(operations);
    if (process.env.UPDATE_PERMISSIONS === '1') await writeFile(TABLE_FILE, generated);
    const checkedIn = await readFile(TABLE_FILE, 'utf8').catch(() => '');
    expect(checkedIn).toBe(generated);
  });
});
