import { CONSENT_RELATIONS } from '@hub/consent';
import { INTERVENTION_RELATIONS, InterventionStatus, jobBegun } from '@hub/interventions';
import { ORGANISATION_RELATIONS } from '@hub/organisations';
import { PERSON_RELATIONS } from '@hub/persons';
import { REPORTING_RELATIONS } from '@hub/reporting';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * The relations libs publish for each other (views) are typed contracts: the database's view must have
 * exactly the columns the owning lib declares, and what a view computes from the lib's own vocabulary
 * must agree with that vocabulary.
 */
describe('published relations', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO: 'false', WORKER_MODE: 'off' });
  });
  afterAll(() => hub.close());

  const relations = [
    ...PERSON_RELATIONS,
    ...ORGANISATION_RELATIONS,
    ...INTERVENTION_RELATIONS,
    ...CONSENT_RELATIONS,
    ...REPORTING_RELATIONS,
  ];

  it.each(relations.map((r) => [r.name, r]))('%s is a view with exactly the declared columns', async (_name, relation) => {
    const rows: { column_name: string }[] = await hub.db.query(
      `SELECT c.column_name FROM information_schema.columns c JOIN information_schema.views v ON v.table_name = c.table_name AND v.table_schema = c.table_schema
        WHERE c.table_schema = 'public' AND c.table_name = $1 ORDER BY c.column_name`,
      [relation.name],
    );
    expect(rows.map((r) => r.column_name)).toEqual([...relation.columns].sort());
  });

  it('each name is published once', () => {
    expect(new Set(relations.map((r) => r.name)).size).toBe(relations.length);
  });

  it('intervention_reporting gives a job start date exactly for the statuses the interventions lib says a job began', async () => {
    const [{ org }] = await hub.db.query(
      `INSERT INTO organisation (name, kind, version) VALUES ('Published', 'employer', 1) RETURNING id AS org`,
    );
    const [{ person }] = await hub.db.query(
      `INSERT INTO person (given_name, family_name, normalised_name, date_of_birth, region, created_by_organisation_id, version)
       VALUES ('Pat', 'Lished', 'pat lished', '1990-01-01', 'north_west', $1, 1) RETURNING id AS person`,
      [org],
    );
    const statuses = Object.values(InterventionStatus);
    for (const status of statuses) {
      await hub.db.query(
        `INSERT INTO intervention (person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, outcome, version)
         VALUES ($1, $2, 'test', 'job_start', 'employment', $3, now(), jsonb_build_object('kind', 'job', 'employer', 'Acme', 'sector', 'Retail', 'hoursPerWeek', 20, 'startDate', '2026-01-05'), 1)`,
        [person, org, status],
      );
    }
    const rows: { status: string; job_start_date: string | null; job_sector: string | null }[] = await hub.db.query(
      `SELECT status, job_start_date::text AS job_start_date, job_sector FROM intervention_reporting WHERE person_id = $1 ORDER BY status`,
      [person],
    );
    expect(rows).toHaveLength(statuses.length);
    for (const r of rows) {
      expect({ status: r.status, dated: r.job_start_date !== null }).toEqual({ status: r.status, dated: jobBegun(r.status) });
      expect(r.job_sector).toBe('Retail');
    }
    expect(rows.filter((r) => r.job_start_date === '2026-01-05').length).toBeGreaterThan(0);
  });

  it('person_merged_record, person_lead and person_led_record follow a merge to the survivor', async () => {
    const [{ org }] = await hub.db.query(
      `INSERT INTO organisation (name, kind, version) VALUES ('Leads', 'probation', 1) RETURNING id AS org`,
    );
    const person = async (name: string) =>
      (
        await hub.db.query(
          `INSERT INTO person (given_name, family_name, normalised_name, date_of_birth, region, created_by_organisation_id, version)
           VALUES ($1, 'Merge', $1, '1990-01-01', 'london', $2, 1) RETURNING id`,
          [name, org],
        )
      )[0].id as string;
    const survivor = await person('sam');
    const merged = await person('sammy');
    await hub.db.query(`UPDATE person SET merged_into_id = $1 WHERE id = $2`, [survivor, merged]);
    await hub.db.query(
      `INSERT INTO involvement (person_id, organisation_id, role, started_at, source, created_by) VALUES ($1, $2, 'lead', now() - interval '1 day', 'manual', 'test')`,
      [merged, org],
    );
    expect(await hub.db.query(`SELECT id, survivor_id FROM person_merged_record WHERE id = $1`, [merged])).toEqual([
      { id: merged, survivor_id: survivor },
    ]);
    expect(await hub.db.query(`SELECT person_id FROM person_lead WHERE organisation_id = $1`, [org])).toEqual([{ person_id: survivor }]);
    const led: { record_id: string }[] = await hub.db.query(`SELECT record_id FROM person_led_record WHERE organisation_id = $1`, [org]);
    expect(led.map((r) => r.record_id).sort()).toEqual([survivor, merged].sort());
  });
});
