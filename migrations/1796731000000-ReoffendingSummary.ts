import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The scope of the rows counted across all organisations (ALL_ORGANISATIONS in reoffending-fact.entity.ts). */
const ALL = `'00000000-0000-0000-0000-000000000000'::uuid`;

const FACT_COLUMNS =
  'scope_id, person_id, cohort, region, types, step_on, start_on, step_score, step_reconvicted, start_score, start_reconvicted';

/**
 * The OGRS score in force on `ref` (the latest assessment on or before it, the latest recorded on a
 * tie) and whether a proven reconviction followed within the year after it, over every record of
 * the surviving person `survivor` (itself and the records merged into it).
 */
const records = (survivor: string) =>
  `(SELECT ${survivor} UNION ALL SELECT m.id FROM person_merged_record m WHERE m.survivor_id = ${survivor})`;
// Each record is probed through its own index range (a LATERAL with LIMIT is never flattened), so the
// cost per person stays the same whatever the planner believes of tables filled in the same transaction.
const scoreOn = (survivor: string, ref: string) =>
  `(SELECT s.score FROM ${records(survivor)} r(id)
     CROSS JOIN LATERAL (SELECT o.score, o.assessed_on, o.created_at FROM ogrs_assessment o
                          WHERE o.person_id = r.id AND o.assessed_on <= ${ref} ORDER BY o.assessed_on DESC, o.created_at DESC LIMIT 1) s
     ORDER BY s.assessed_on DESC, s.created_at DESC LIMIT 1)`;
const reconvictedAfter = (survivor: string, ref: string) =>
  `EXISTS (SELECT 1 FROM ${records(survivor)} r(id)
            CROSS JOIN LATERAL (SELECT 1 FROM reconviction x
                                 WHERE x.person_id = r.id AND x.convicted_on > ${ref} AND x.convicted_on <= (${ref} + interval '1 year')::date LIMIT 1) y)`;

/** Each measure of reoffending_count as the signed sum over `d` (rows of reoffending_fact with a sign). */
const MEASURES: [string, string][] = [
  ['people', 'sum(d.sign)'],
  ['no_start', 'sum(d.sign * (d.start_on IS NULL)::int)'],
  ['step_scored', 'sum(d.sign * (d.step_score IS NOT NULL)::int)'],
  ['step_reconvicted', 'sum(d.sign * (d.step_score IS NOT NULL AND d.step_reconvicted)::int)'],
  ['step_score_sum', 'sum(d.sign * COALESCE(d.step_score, 0))'],
  ['start_scored', 'sum(d.sign * (d.start_score IS NOT NULL)::int)'],
  ['start_reconvicted', 'sum(d.sign * (d.start_score IS NOT NULL AND d.start_reconvicted)::int)'],
  ['start_score_sum', 'sum(d.sign * COALESCE(d.start_score, 0))'],
];
const KEY = 'scope_id, type, cohort, step_on, region, start_on';

/**
 * Recounts the parts of the given surviving people (reoffending_fact) from the funnel summary, their
 * OGRS assessments and reconvictions, and moves the aggregate (reoffending_count) by the difference,
 * in one statement: the old parts out, the new in, per key, in key order (two writers that share
 * keys take them in one order). The new parts are written once the old are deleted (the one-time
 * filter on \`gone\` runs the delete to the end first), so a part kept under the same key replaces itself. The caller holds the people (ete_funnel_lock_people, or the funnel's
 * own maintenance, which holds them).
 */
const RECOUNT = `
  CREATE FUNCTION reoffending_recount(survivors uuid[]) RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' SET enable_seqscan = off AS $fn$
  BEGIN
    IF survivors IS NULL OR cardinality(survivors) = 0 THEN
      RETURN;
    END IF;
    WITH ids AS MATERIALIZED (SELECT DISTINCT u.id FROM unnest(survivors) u(id)),
    gone AS (DELETE FROM reoffending_fact r USING ids WHERE r.person_id = ids.id RETURNING ${FACT_COLUMNS.replace(/(\w+)/g, 'r.$1')}),
    f AS (SELECT ${ALL} AS scope_id, x.person_id, x.region, x.types, x.took_up_on, x.job_start_on, x.sustained_on
            FROM ids JOIN ete_funnel_fact x ON x.person_id = ids.id
          UNION ALL
          SELECT x.organisation_id, x.person_id, x.region, x.types, x.took_up_on, x.job_start_on, x.sustained_on
            FROM ids JOIN ete_funnel_org_fact x ON x.person_id = ids.id),
    c AS (SELECT f.scope_id, f.person_id, v.cohort, f.region, f.types, v.step_on, f.took_up_on AS start_on
            FROM f CROSS JOIN LATERAL (VALUES (0::smallint, f.took_up_on), (1::smallint, f.job_start_on), (2::smallint, f.sustained_on)) v(cohort, step_on)
           WHERE v.step_on IS NOT NULL),
    added AS (INSERT INTO reoffending_fact (${FACT_COLUMNS})
              SELECT c.scope_id, c.person_id, c.cohort, c.region, c.types, c.step_on, c.start_on,
                     ${scoreOn('c.person_id', 'c.step_on')}, ${reconvictedAfter('c.person_id', 'c.step_on')},
                     CASE WHEN c.start_on IS NULL THEN NULL ELSE ${scoreOn('c.person_id', 'c.start_on')} END,
                     c.start_on IS NOT NULL AND ${reconvictedAfter('c.person_id', 'c.start_on')}
                FROM c
               WHERE (SELECT count(*) FROM gone) >= 0
              RETURNING ${FACT_COLUMNS})
    INSERT INTO reoffending_count AS a (${KEY}, ${MEASURES.map(([m]) => m).join(', ')})
    SELECT d.scope_id, t.type, d.cohort, d.step_on, COALESCE(d.region, ''), COALESCE(d.start_on, d.step_on),
           ${MEASURES.map(([, sql]) => sql).join(', ')}
      FROM (SELECT 1 AS sign, * FROM added UNION ALL SELECT -1, * FROM gone) d
     CROSS JOIN LATERAL unnest(ARRAY['']::text[] || d.types) t(type)
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING ${MEASURES.map(([, sql]) => `${sql} <> 0`).join(' OR ')}
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (${KEY}) DO UPDATE SET ${MEASURES.map(([m]) => `${m} = a.${m} + EXCLUDED.${m}`).join(', ')};
  END
  $fn$`;

/** The whole summary again from the funnel summary (the backfill, and what a TRUNCATE of either runs). */
const REBUILD = `
  CREATE FUNCTION reoffending_rebuild() RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $fn$
  BEGIN
    PERFORM ete_funnel_lock_all();
    DELETE FROM reoffending_fact;
    DELETE FROM reoffending_count;
    PERFORM reoffending_recount(ARRAY(SELECT person_id FROM ete_funnel_fact UNION SELECT person_id FROM ete_funnel_org_fact));
  END
  $fn$`;

// A bulk loader that writes many people in one transaction (the population generator) may set
// reoffending.recount to 'deferred' for that transaction (SET LOCAL), and then recounts the people it
// wrote once before it commits (reoffending_recount(ete_funnel_lock_people(ids))), not once per statement.

/** A funnel summary row changed: recount its person (the funnel's maintenance holds them). */
const ON_FUNNEL = `
  CREATE FUNCTION reoffending_on_funnel() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF current_setting('reoffending.recount', true) = 'deferred' THEN
      RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
      PERFORM reoffending_recount(ARRAY(SELECT DISTINCT person_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM reoffending_recount(ARRAY(SELECT DISTINCT person_id FROM old_rows));
    ELSE
      PERFORM reoffending_recount(ARRAY(
        SELECT DISTINCT v.person_id FROM old_rows o JOIN new_rows n ON n.person_id = o.person_id
         CROSS JOIN LATERAL (VALUES (o.person_id), (n.person_id)) v(person_id)
         WHERE (o.region, o.types, o.took_up_on, o.job_start_on, o.sustained_on) IS DISTINCT FROM
               (n.region, n.types, n.took_up_on, n.job_start_on, n.sustained_on)));
    END IF;
    RETURN NULL;
  END
  $fn$`;

/** An OGRS assessment or a reconviction recorded, corrected or erased (late, one by one or in bulk): recount its person. */
const onOutcome = (name: string, changed: string) => `
  CREATE FUNCTION reoffending_on_${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF current_setting('reoffending.recount', true) = 'deferred' THEN
      RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
      PERFORM reoffending_recount(ete_funnel_lock_people(ARRAY(SELECT DISTINCT person_id FROM new_rows)));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM reoffending_recount(ete_funnel_lock_people(ARRAY(SELECT DISTINCT person_id FROM old_rows)));
    ELSE
      PERFORM reoffending_recount(ete_funnel_lock_people(ARRAY(
        SELECT DISTINCT v.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id
         CROSS JOIN LATERAL (VALUES (o.person_id), (n.person_id)) v(person_id)
         WHERE (${changed.replace(/\$/g, 'o')}) IS DISTINCT FROM (${changed.replace(/\$/g, 'n')}))));
    END IF;
    RETURN NULL;
  END
  $fn$`;

const ON_TRUNCATE = `
  CREATE FUNCTION reoffending_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    PERFORM reoffending_rebuild();
    RETURN NULL;
  END
  $fn$`;

const TRIGGERED: [string, string][] = [
  ['ete_funnel_fact', 'reoffending_on_funnel()'],
  ['ete_funnel_org_fact', 'reoffending_on_funnel()'],
  ['ogrs_assessment', 'reoffending_on_ogrs()'],
  ['reconviction', 'reoffending_on_reconviction()'],
];

/**
 * The reoffending analysis's maintained aggregate (libs/reporting/src/reoffending-fact.entity.ts):
 * reoffending_fact holds each person's part, reoffending_count the sums the analysis reads, so its
 * cost follows the days and dimensions of the period rather than the people. Kept right in the
 * transaction of every write by statement-level triggers: a funnel summary row changed (a step
 * reached, a merge, an unmerge, an erasure, a region or type change: the funnel's own maintenance,
 * which holds the people), an OGRS assessment or a reconviction recorded, corrected or deleted (the
 * people are locked per person as the funnel's maintenance does: never hub-wide). The backfill and a
 * TRUNCATE rebuild it whole.
 */
export class ReoffendingSummary1796731000000 implements MigrationInterface {
  name = 'ReoffendingSummary1796731000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "reoffending_fact" ("scope_id" uuid NOT NULL, "person_id" uuid NOT NULL, "cohort" smallint NOT NULL, "region" text, "types" text array NOT NULL, "step_on" date NOT NULL, "start_on" date, "step_score" numeric(5,2), "step_reconvicted" boolean NOT NULL, "start_score" numeric(5,2), "start_reconvicted" boolean NOT NULL, CONSTRAINT "pk_reoffending_fact" PRIMARY KEY ("scope_id", "person_id", "cohort"))`,
    );
    await q.query(`CREATE INDEX "ix_reoffending_fact_person" ON "reoffending_fact" ("person_id")`);
    await q.query(
      `CREATE TABLE "reoffending_count" ("scope_id" uuid NOT NULL, "type" text NOT NULL, "cohort" smallint NOT NULL, "step_on" date NOT NULL, "region" text NOT NULL, "start_on" date NOT NULL, "people" integer NOT NULL DEFAULT 0, "no_start" integer NOT NULL DEFAULT 0, "step_scored" integer NOT NULL DEFAULT 0, "step_reconvicted" integer NOT NULL DEFAULT 0, "step_score_sum" numeric NOT NULL DEFAULT 0, "start_scored" integer NOT NULL DEFAULT 0, "start_reconvicted" integer NOT NULL DEFAULT 0, "start_score_sum" numeric NOT NULL DEFAULT 0, CONSTRAINT "pk_reoffending_count" PRIMARY KEY ("scope_id", "type", "cohort", "step_on", "region", "start_on"))`,
    );
    for (const sql of [
      RECOUNT,
      REBUILD,
      ON_FUNNEL,
      onOutcome('ogrs', '$.person_id, $.score, $.assessed_on, $.created_at'),
      onOutcome('reconviction', '$.person_id, $.convicted_on'),
      ON_TRUNCATE,
    ])
      await q.query(sql);
    for (const [table, fn] of TRIGGERED) {
      await q.query(
        `CREATE TRIGGER reoffending_${table}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
      );
      await q.query(
        `CREATE TRIGGER reoffending_${table}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
      );
      await q.query(
        `CREATE TRIGGER reoffending_${table}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
      );
      await q.query(
        `CREATE TRIGGER reoffending_${table}_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION reoffending_on_truncate()`,
      );
    }
    await q.query(`SELECT reoffending_rebuild()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table] of TRIGGERED)
      for (const op of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER reoffending_${table}_${op} ON ${table}`);
    for (const fn of ['on_truncate()', 'on_reconviction()', 'on_ogrs()', 'on_funnel()', 'rebuild()', 'recount(uuid[])'])
      await q.query(`DROP FUNCTION reoffending_${fn}`);
    await q.query(`DROP TABLE "reoffending_count"`);
    await q.query(`DROP TABLE "reoffending_fact"`);
  }
}
