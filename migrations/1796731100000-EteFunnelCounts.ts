import type { MigrationInterface, QueryRunner } from 'typeorm';

const ALL = `'00000000-0000-0000-0000-000000000000'::uuid`;

/** The steps in the order of ete_funnel_count.step (FUNNEL_STEP_CODES in ete-funnel-count.entity.ts), with the detail each is broken down by. */
const STEPS = `(VALUES (0::smallint, d.referred_on, ''), (1::smallint, d.took_up_on, ''), (2::smallint, d.training_on, ''),
                       (3::smallint, d.qualified_on, COALESCE(d.qualification, '')), (4::smallint, d.job_start_on, COALESCE(d.job_sector, '')),
                       (5::smallint, d.sustained_on, ''))`;

/** Moves the counts by the rows of `signed` (summary rows with a sign and their scope), per key, in key order. */
const move = (signed: string) => `
    INSERT INTO ete_funnel_count AS a (scope_id, type, step, on_date, region, detail, people)
    SELECT d.scope_id, t.type, v.step, v.on_date, COALESCE(d.region, ''), v.detail, sum(d.sign)
      FROM (${signed}) d
     CROSS JOIN LATERAL unnest(ARRAY['']::text[] || d.types) t(type)
     CROSS JOIN LATERAL ${STEPS} v(step, on_date, detail)
     WHERE v.on_date IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(d.sign) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (scope_id, type, step, on_date, region, detail) DO UPDATE SET people = a.people + EXCLUDED.people`;

const COLUMNS = 'region, types, referred_on, took_up_on, training_on, qualified_on, qualification, job_start_on, job_sector, sustained_on';
const rows = (table: string, sign: number, scope: string) => `SELECT ${sign} AS sign, ${scope} AS scope_id, ${COLUMNS} FROM ${table}`;

const onSummary = (name: string, scope: string) => `
  CREATE FUNCTION ete_funnel_count_on_${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${move(rows('new_rows', 1, scope))};
    ELSIF TG_OP = 'DELETE' THEN
      ${move(rows('old_rows', -1, scope))};
    ELSE
      ${move(`${rows('new_rows', 1, scope)} UNION ALL ${rows('old_rows', -1, scope)}`)};
    END IF;
    RETURN NULL;
  END
  $fn$`;

const REBUILD = `
  CREATE FUNCTION ete_funnel_count_rebuild() RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $fn$
  BEGIN
    PERFORM ete_funnel_lock_all();
    DELETE FROM ete_funnel_count;
    ${move(`${rows('ete_funnel_fact', 1, ALL)} UNION ALL ${rows('ete_funnel_org_fact', 1, 'organisation_id')}`)};
  END
  $fn$`;

const ON_TRUNCATE = `
  CREATE FUNCTION ete_funnel_count_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    PERFORM ete_funnel_count_rebuild();
    RETURN NULL;
  END
  $fn$`;

const TRIGGERED: [string, string][] = [
  ['ete_funnel_fact', 'ete_funnel_count_on_fact()'],
  ['ete_funnel_org_fact', 'ete_funnel_count_on_org_fact()'],
];

/**
 * The ETE funnel's aggregate (libs/reporting/src/ete-funnel-count.entity.ts): people per scope (all
 * organisations, or one), intervention type (or any), step, day the step was first reached, region and
 * detail (the first qualification for "completed a course", the first job's sector for "found work").
 * Every step is counted on its own, so a funnel sums the rows of its period, whatever the people. The
 * funnel summary's own rows move it: statement-level triggers on ete_funnel_fact and
 * ete_funnel_org_fact take each changed row's old part out and its new part in, in the statement that
 * changed it, per key, in key order (the funnel's maintenance holds the people; the keys are locked
 * one at a time by the writers whose change moves them). The backfill and a TRUNCATE rebuild it.
 */
export class EteFunnelCounts1796731100000 implements MigrationInterface {
  name = 'EteFunnelCounts1796731100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "ete_funnel_count" ("scope_id" uuid NOT NULL, "type" text NOT NULL, "step" smallint NOT NULL, "on_date" date NOT NULL, "region" text NOT NULL, "detail" text NOT NULL, "people" integer NOT NULL DEFAULT 0, CONSTRAINT "pk_ete_funnel_count" PRIMARY KEY ("scope_id", "type", "step", "on_date", "region", "detail"))`,
    );
    for (const sql of [onSummary('fact', ALL), onSummary('org_fact', 'organisation_id'), REBUILD, ON_TRUNCATE]) await q.query(sql);
    for (const [table, fn] of TRIGGERED) {
      await q.query(
        `CREATE TRIGGER ete_funnel_count_${table}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
      );
      await q.query(
        `CREATE TRIGGER ete_funnel_count_${table}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
      );
      await q.query(
        `CREATE TRIGGER ete_funnel_count_${table}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
      );
      await q.query(
        `CREATE TRIGGER ete_funnel_count_${table}_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ete_funnel_count_on_truncate()`,
      );
    }
    await q.query(`SELECT ete_funnel_count_rebuild()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table] of TRIGGERED)
      for (const op of ['insert', 'update', 'delete', 'truncate'])
        await q.query(`DROP TRIGGER ete_funnel_count_${table}_${op} ON ${table}`);
    for (const fn of ['on_truncate()', 'rebuild()', 'on_org_fact()', 'on_fact()']) await q.query(`DROP FUNCTION ete_funnel_count_${fn}`);
    await q.query(`DROP TABLE "ete_funnel_count"`);
  }
}
