import { EteFunnelPerPersonLock1796630000000 } from '../migrations/1796630000000-EteFunnelPerPersonLock.js';
import { FunnelJobStartsThatBegan1795799000000 } from '../migrations/1795799000000-FunnelJobStartsThatBegan.js';
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

  it('FunnelJobStartsThatBegan removes the open windows of job starts that never began, with their checks; its revert opens them again', async () => {
    const [{ org }] = await hub.db.query(
      `INSERT INTO organisation (name, kind, version) VALUES ('Job starts', 'probation', 1) RETURNING id AS org`,
    );
    const [{ person }] = await hub.db.query(
      `INSERT INTO person (given_name, family_name, normalised_name, date_of_birth, region, created_by_organisation_id, version) VALUES ('Jo', 'Start', 'jo start', '1990-01-01', 'north_west', $1, 1) RETURNING id AS person`,
      [org],
    );
    const job = (status: string, startDate: string) =>
      hub.db
        .query(
          `INSERT INTO intervention (person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, outcome, version)
         VALUES ($1, $2, 'test', 'job_start', 'employment', $3, now(), jsonb_build_object('kind', 'job', 'employer', 'Acme', 'sector', 'Retail', 'hoursPerWeek', 20, 'startDate', $4::text), 1) RETURNING id`,
          [person, org, status, startDate],
        )
        .then((r: { id: string }[]) => r[0].id);
    const cancelled = await job('cancelled', '2025-01-06');
    const began = await job('completed', '2025-02-03');
    // As the former reading left them: a window (and a check task) for each job start.
    const windows = await hub.db.query(
      `INSERT INTO job_sustainment (person_id, intervention_id, organisation_id, start_date, due_on)
       SELECT person_id, id, organisation_id, (outcome->>'startDate')::date, (outcome->>'startDate')::date + 91 FROM intervention WHERE id = ANY($1::uuid[]) RETURNING id, intervention_id`,
      [[cancelled, began]],
    );
    const windowOf = (id: string) => windows.find((w: { intervention_id: string }) => w.intervention_id === id).id;
    await hub.db.query(
      `INSERT INTO task (organisation_id, for_role, person_id, kind, title, detail, source_key) SELECT $1, 'caseworker', $2, 'sustainment_check', '4-week in-work check', 'test', 'sustainment:' || w || ':4w' FROM unnest($3::uuid[]) w`,
      [org, person, [windowOf(cancelled), windowOf(began)]],
    );
    const state = async () => ({
      windows: (await hub.db.query(`SELECT intervention_id FROM job_sustainment WHERE person_id = $1`, [person]))
        .map((w: { intervention_id: string }) => w.intervention_id)
        .sort(),
      openTasks: Number((await hub.db.query(`SELECT count(*) AS n FROM task WHERE person_id = $1 AND status = 'open'`, [person]))[0].n),
      firstJob: (await hub.db.query(`SELECT job_start_on::text FROM ete_funnel_fact WHERE person_id = $1`, [person]))[0].job_start_on,
    });
    const migration = new FunnelJobStartsThatBegan1795799000000();
    const qr = hub.db.createQueryRunner();
    try {
      await migration.down(qr);
      expect(await state()).toEqual({ windows: [cancelled, began].sort(), openTasks: 2, firstJob: '2025-01-06' });
      await migration.up(qr);
      expect(await state()).toEqual({ windows: [began], openTasks: 1, firstJob: '2025-02-03' });
      await migration.down(qr);
      expect(await state()).toEqual({ windows: [cancelled, began].sort(), openTasks: 1, firstJob: '2025-01-06' });
      await migration.up(qr);
    } finally {
      await qr.release();
    }
  });

  it('EteFunnelPerPersonLock locks per person; its revert brings back the one global lock', async () => {
    const functions = async () =>
      Object.fromEntries(
        (
          (await hub.db.query(
            `SELECT proname, prosrc FROM pg_proc WHERE proname IN ('ete_funnel_lock', 'ete_funnel_lock_people', 'ete_funnel_lock_all', 'ete_funnel_fold', 'ete_funnel_refresh')`,
          )) as { proname: string; prosrc: string }[]
        ).map((f) => [
          f.proname,
          f.prosrc.includes('7460616964') ? 'global' : f.prosrc.includes('ete_funnel_lock_people') ? 'per person' : 'other',
        ]),
      );
    const perPerson = {
      ete_funnel_lock_people: 'other',
      ete_funnel_lock_all: 'other',
      ete_funnel_fold: 'other',
      ete_funnel_refresh: 'per person',
    };
    expect(await functions()).toEqual(perPerson);
    const migration = new EteFunnelPerPersonLock1796630000000();
    const qr = hub.db.createQueryRunner();
    try {
      await migration.down(qr);
      expect(await functions()).toEqual({ ete_funnel_lock: 'global', ete_funnel_refresh: 'other' });
      await migration.up(qr);
      expect(await functions()).toEqual(perPerson);
    } finally {
      await qr.release();
    }
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
    const tables: { tablename: string }[] = await hub.db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    expect(tables).toEqual([]);
    const applied = await hub.db.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(count);
    const diff = await hub.db.driver.createSchemaBuilder().log();
    expect(diff.upQueries).toEqual([]);
  });
});
