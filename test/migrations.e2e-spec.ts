import { startTestHub, type TestHub } from './support/hub.js';

describe('migrations', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO: 'false', WORKER_MODE: 'off' });
  });
  afterAll(() => hub.close());

  it('describe exactly the entities (nothing left for a new migration)', async () => {
    const diff = await hub.db.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('all revert and re-apply cleanly', async () => {
    const count = hub.db.migrations.length;
    // Data the reverts must cope with: a user holding a role a later migration added (commissioner).
    await hub.db.query(
      `WITH o AS (INSERT INTO organisation (name, kind, version) VALUES ('Reverted', 'probation', 1) RETURNING id)
       INSERT INTO user_account (organisation_id, email, name, roles)
       SELECT id, 'reverted.commissioner@test.example', 'R', ARRAY['commissioner', 'manager']::role[] FROM o`,
    );
    for (let i = 0; i < count; i++) await hub.db.undoLastMigration({ transaction: 'each' });
    const tables: { tablename: string }[] = await hub.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    expect(tables).toEqual([]);
    const applied = await hub.db.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(count);
    const diff = await hub.db.driver.createSchemaBuilder().log();
    expect(diff.upQueries).toEqual([]);
  });
});
