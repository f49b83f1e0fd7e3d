import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps the ETE funnel summary (ete_funnel_fact, ete_funnel_org_fact; see
 * libs/reporting/src/ete-funnel-fact.entity.ts) right in the database itself, so every path that
 * writes keeps it right in its own transaction: the services, bulk sync, the population generator,
 * retention and hand-written SQL. TypeORM cannot describe this, so it is written by hand.
 *
 * - `ete_funnel_activity`: interventions as the funnel reads them (the surviving record of a merge and
 *   its region, the calendar day in Europe/London, the step each one can reach). The database form of
 *   the shapes InterventionsService.reportingSql() and PersonsService.reportingSql() publish in code.
 * - Adding activity folds it in (an upsert: the earliest date wins, type lists are united), so a new
 *   intervention never needs a recount; a sustainment recorded as sustained moves one date. Anything else (an update, a delete, a merge or an unmerge, a
 *   catalogue group change) recounts the people it touches from scratch: `ete_funnel_refresh(people)`.
 *   `ete_funnel_rebuild()` recounts everyone (the backfill below).
 * - Statement-level triggers with transition tables: one set-based statement per write statement,
 *   whatever its size (the population generator inserts 500,000 interventions in one statement; the
 *   functions run with work_mem 64MB for that, and for the backfill, which reads them all).
 * - Ties (two qualifications on the same first day) and type lists are ordered by code point
 *   (COLLATE "C"), the same whatever the database's locale.
 * - Concurrency: maintenance runs at READ COMMITTED under the audit chain's transaction-scoped advisory
 *   lock, which every write of the hub takes anyway (AuditChain). Each recount therefore reads everything
 *   committed before it, and two writers never lose each other's change; using that one lock rather
 *   than one of its own adds no lock-order deadlock. (EteFunnelPerPersonLock replaces that one lock with a
 *   lock per person: see there.)
 */

/** When an intervention's job outcome counts as a job start, as this migration first read it (a later one narrows it). */
export const ANY_JOB = `i.outcome->>'kind' = 'job'`;

/**
 * The activity rows of the interventions in `from` (a relation with intervention's columns, aliased i);
 * `jobStart`: when an intervention's job outcome gives the person's job start.
 */
export function activity(from: string, jobStart = ANY_JOB): string {
  return `SELECT i.id AS intervention_id,
         COALESCE(p.merged_into_id, p.id) AS person_id,
         CASE WHEN p.merged_into_id IS NULL THEN p.region ELSE sp.region END AS region,
         i.organisation_id,
         i.type_code,
         i.data_category IN ('ete', 'employment') AS ete,
         (i.occurred_at AT TIME ZONE 'Europe/London')::date AS on_date,
         i.status IN ('started', 'completed') AS attended,
         COALESCE(t.group_name IN ('skills', 'training'), false) AS training,
         CASE WHEN i.outcome->>'kind' = 'qualification' THEN i.outcome->>'qualification' END AS qualification,
         CASE WHEN i.outcome->>'kind' = 'job' THEN i.outcome->>'sector' END AS job_sector,
         CASE WHEN ${jobStart} THEN (i.outcome->>'startDate')::date END AS job_start_on,
         COALESCE(s.status = 'sustained', false) AS sustained
    FROM ${from}
    JOIN person p ON p.id = i.person_id
    LEFT JOIN person sp ON sp.id = p.merged_into_id
    LEFT JOIN intervention_type t ON t.code = i.type_code
    LEFT JOIN job_sustainment s ON s.intervention_id = i.id`;
}

const COLUMNS = 'region, referred_on, took_up_on, training_on, qualified_on, qualification, job_start_on, job_sector, sustained_on, types';

/** On conflict, the earliest of the stored and the new (a date and what came with it), and the union of types. */
const EARLIEST = `region = EXCLUDED.region,
      referred_on = LEAST(f.referred_on, EXCLUDED.referred_on),
      took_up_on = LEAST(f.took_up_on, EXCLUDED.took_up_on),
      training_on = LEAST(f.training_on, EXCLUDED.training_on),
      qualified_on = LEAST(f.qualified_on, EXCLUDED.qualified_on),
      qualification = CASE WHEN EXCLUDED.qualified_on IS NOT NULL AND (f.qualified_on IS NULL OR (EXCLUDED.qualified_on, EXCLUDED.qualification COLLATE "C") < (f.qualified_on, f.qualification COLLATE "C"))
                           THEN EXCLUDED.qualification ELSE f.qualification END,
      job_start_on = LEAST(f.job_start_on, EXCLUDED.job_start_on),
      job_sector = CASE WHEN EXCLUDED.job_start_on IS NOT NULL AND (f.job_start_on IS NULL OR (EXCLUDED.job_start_on, EXCLUDED.job_sector COLLATE "C") < (f.job_start_on, f.job_sector COLLATE "C"))
                        THEN EXCLUDED.job_sector ELSE f.job_sector END,
      sustained_on = LEAST(f.sustained_on, EXCLUDED.sustained_on),
      types = CASE WHEN EXCLUDED.types <@ f.types THEN f.types ELSE ete_funnel_union(f.types, EXCLUDED.types) END`;

/** Folds the activity rows of `source` into both tables: one statement. */
export function fold(source: string): string {
  return `WITH a AS (${source}),
    o AS MATERIALIZED (
      SELECT person_id, organisation_id, min(region) AS region,
             min(on_date) FILTER (WHERE ete) AS referred_on,
             min(on_date) FILTER (WHERE ete AND attended) AS took_up_on,
             min(on_date) FILTER (WHERE ete AND attended AND training) AS training_on,
             min(on_date) FILTER (WHERE ete AND qualification IS NOT NULL) AS qualified_on,
             (array_agg(qualification ORDER BY on_date, qualification COLLATE "C") FILTER (WHERE ete AND qualification IS NOT NULL))[1] AS qualification,
             min(job_start_on) FILTER (WHERE ete) AS job_start_on,
             (array_agg(job_sector ORDER BY job_start_on, job_sector COLLATE "C") FILTER (WHERE ete AND job_start_on IS NOT NULL))[1] AS job_sector,
             min(job_start_on) FILTER (WHERE ete AND sustained) AS sustained_on,
             array_agg(DISTINCT type_code COLLATE "C" ORDER BY type_code COLLATE "C") AS types
        FROM a GROUP BY person_id, organisation_id),
    per_org AS (
      INSERT INTO ete_funnel_org_fact AS f (organisation_id, person_id, ${COLUMNS})
      SELECT organisation_id, person_id, ${COLUMNS} FROM o
      ON CONFLICT (organisation_id, person_id) DO UPDATE SET ${EARLIEST})
    INSERT INTO ete_funnel_fact AS f (person_id, ${COLUMNS})
    SELECT person_id, min(region), min(referred_on), min(took_up_on), min(training_on), min(qualified_on),
           (array_agg(qualification ORDER BY qualified_on, qualification COLLATE "C") FILTER (WHERE qualified_on IS NOT NULL))[1],
           min(job_start_on), (array_agg(job_sector ORDER BY job_start_on, job_sector COLLATE "C") FILTER (WHERE job_start_on IS NOT NULL))[1],
           min(sustained_on), ete_funnel_union_agg(types)
      FROM o GROUP BY person_id
    ON CONFLICT (person_id) DO UPDATE SET ${EARLIEST}`;
}

/**
 * A sustained outcome recorded for jobs already folded in: only the sustained date can move, and the
 * rows exist (every intervention has them from its insert), so two updates do.
 */
export function foldSustained(source: string): string {
  return `WITH a AS (${source}),
    s AS (SELECT person_id, organisation_id, min(job_start_on) AS sustained_on FROM a WHERE ete AND sustained GROUP BY person_id, organisation_id),
    per_org AS (
      UPDATE ete_funnel_org_fact f SET sustained_on = s.sustained_on FROM s
       WHERE f.organisation_id = s.organisation_id AND f.person_id = s.person_id AND (f.sustained_on IS NULL OR s.sustained_on < f.sustained_on))
    UPDATE ete_funnel_fact f SET sustained_on = x.sustained_on FROM (SELECT person_id, min(sustained_on) AS sustained_on FROM s GROUP BY person_id) x
     WHERE f.person_id = x.person_id AND (f.sustained_on IS NULL OR x.sustained_on < f.sustained_on)`;
}

/** The surviving records of the person ids in `column` of `relation`, as an array. */
const survivorsOf = (relation: string, column: string, where = 'TRUE') =>
  `SELECT array_agg(DISTINCT COALESCE(p.merged_into_id, p.id)) FROM ${relation} JOIN person p ON p.id = ${column} WHERE ${where}`;

/**
 * The view and the functions that read interventions as activity, for a reading of job starts: this
 * migration creates them, and a later one that changes the reading replaces them (and undoes that).
 */
export function activitySql(jobStart: string): string[] {
  return [
    `CREATE OR REPLACE VIEW ete_funnel_activity AS ${activity('intervention i', jobStart)}`,
    // Folds the given interventions in (planned for the array it is given: a few ids or a million).
    `
      CREATE OR REPLACE FUNCTION ete_funnel_merge(ids uuid[]) RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $fn$
      BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN
          RETURN;
        END IF;
        PERFORM ete_funnel_lock();
        EXECUTE $q$${fold(activity('unnest($1) u(id) JOIN intervention i ON i.id = u.id', jobStart))}$q$ USING ids;
      END
      $fn$`,
    // New interventions are folded straight from the statement's transition table.
    `
      CREATE OR REPLACE FUNCTION ete_funnel_on_intervention() RETURNS trigger LANGUAGE plpgsql SET work_mem = '64MB' AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM ete_funnel_lock();
          ${fold(activity('new_rows i', jobStart))};
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM ete_funnel_refresh((${survivorsOf('old_rows o', 'o.person_id')}));
        ELSE
          PERFORM ete_funnel_refresh((${survivorsOf(
            'old_rows o JOIN new_rows n ON n.id = o.id CROSS JOIN LATERAL (VALUES (o.person_id), (n.person_id)) v(person_id)',
            'v.person_id',
            `(o.person_id, o.organisation_id, o.type_code, o.data_category, o.status, o.occurred_at) IS DISTINCT FROM
             (n.person_id, n.organisation_id, n.type_code, n.data_category, n.status, n.occurred_at) OR o.outcome IS DISTINCT FROM n.outcome`,
          )}));
        END IF;
        RETURN NULL;
      END
      $$`,
    // Only a sustained job moves the funnel: a window opened or closed as not sustained changes nothing.
    `
      CREATE OR REPLACE FUNCTION ete_funnel_on_sustainment() RETURNS trigger LANGUAGE plpgsql SET work_mem = '64MB' AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'sustained') THEN
            PERFORM ete_funnel_lock();
            ${foldSustained(activity(`(SELECT i0.* FROM new_rows n JOIN intervention i0 ON i0.id = n.intervention_id WHERE n.status = 'sustained') i`, jobStart))};
          END IF;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM ete_funnel_refresh((${survivorsOf('old_rows o', 'o.person_id', `o.status = 'sustained'`)}));
        ELSE
          PERFORM ete_funnel_refresh((${survivorsOf(
            'old_rows o JOIN new_rows n ON n.id = o.id CROSS JOIN LATERAL (VALUES (o.person_id), (n.person_id)) v(person_id)',
            'v.person_id',
            `(o.status = 'sustained' OR n.status = 'sustained') AND (o.person_id, o.intervention_id, o.status) IS DISTINCT FROM (n.person_id, n.intervention_id, n.status)`,
          )}));
        END IF;
        RETURN NULL;
      END
      $$`,
  ];
}

/** The lock, the recount, the rebuild and two triggers' functions as this migration creates them (EteFunnelPerPersonLock replaces them, and restores these on revert). */
export const LOCK_SQL = `
      CREATE FUNCTION ete_funnel_lock() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'the ETE funnel summary is maintained at READ COMMITTED (a recount must see the last committed write)';
        END IF;
        PERFORM pg_advisory_xact_lock(7460616964);
      END
      $$`;

export const REFRESH_SQL = `
      CREATE FUNCTION ete_funnel_refresh(survivors uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF survivors IS NULL OR cardinality(survivors) = 0 THEN
          RETURN;
        END IF;
        PERFORM ete_funnel_lock();
        DELETE FROM ete_funnel_fact WHERE person_id = ANY(survivors);
        DELETE FROM ete_funnel_org_fact WHERE person_id = ANY(survivors);
        PERFORM ete_funnel_merge(ARRAY(
          SELECT i.id FROM person p JOIN intervention i ON i.person_id = p.id
           WHERE (p.id = ANY(survivors) AND p.merged_into_id IS NULL) OR p.merged_into_id = ANY(survivors)));
      END
      $$`;

export const REBUILD_SQL = `
      CREATE FUNCTION ete_funnel_rebuild() RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $$
      BEGIN
        PERFORM ete_funnel_lock();
        DELETE FROM ete_funnel_fact;
        DELETE FROM ete_funnel_org_fact;
        ${fold('SELECT * FROM ete_funnel_activity')};
      END
      $$`;

export const ON_PERSON_SQL = `
      CREATE FUNCTION ete_funnel_on_person() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM ete_funnel_refresh(ARRAY(SELECT DISTINCT v.id FROM old_rows o CROSS JOIN LATERAL (VALUES (o.id), (o.merged_into_id)) v(id) WHERE v.id IS NOT NULL));
          RETURN NULL;
        END IF;
        PERFORM ete_funnel_refresh(ARRAY(
          SELECT DISTINCT v.id FROM old_rows o JOIN new_rows n ON n.id = o.id
           CROSS JOIN LATERAL (VALUES (COALESCE(o.merged_into_id, o.id)), (COALESCE(n.merged_into_id, n.id))) v(id)
           WHERE o.merged_into_id IS DISTINCT FROM n.merged_into_id));
        IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.merged_into_id IS NULL AND o.region IS DISTINCT FROM n.region) THEN
          PERFORM ete_funnel_lock();
          UPDATE ete_funnel_fact f SET region = n.region FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE f.person_id = n.id AND n.merged_into_id IS NULL AND o.region IS DISTINCT FROM n.region;
          UPDATE ete_funnel_org_fact f SET region = n.region FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE f.person_id = n.id AND n.merged_into_id IS NULL AND o.region IS DISTINCT FROM n.region;
        END IF;
        RETURN NULL;
      END
      $$`;

export const ON_TYPE_SQL = `
      CREATE FUNCTION ete_funnel_on_type() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ete_funnel_refresh(ARRAY(
          SELECT DISTINCT COALESCE(p.merged_into_id, p.id)
            FROM old_rows o JOIN new_rows n ON n.code = o.code
            JOIN intervention i ON i.type_code = n.code
            JOIN person p ON p.id = i.person_id
           WHERE o.group_name IS DISTINCT FROM n.group_name));
        RETURN NULL;
      END
      $$`;

const TRIGGERED = ['intervention', 'job_sustainment', 'person'];

export class EteFunnelMaintenance1795693900000 implements MigrationInterface {
  name = 'EteFunnelMaintenance1795693900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ete_funnel_union(a text[], b text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT COALESCE(array_agg(DISTINCT x COLLATE "C" ORDER BY x COLLATE "C"), '{}') FROM unnest(a || b) x $$`);
    await queryRunner.query(
      `CREATE FUNCTION ete_funnel_sorted(a text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ete_funnel_union(a, '{}') $$`,
    );
    await queryRunner.query(
      `CREATE AGGREGATE ete_funnel_union_agg(text[]) (SFUNC = array_cat, STYPE = text[], INITCOND = '{}', FINALFUNC = ete_funnel_sorted)`,
    );
    await queryRunner.query(LOCK_SQL);
    for (const sql of activitySql(ANY_JOB)) await queryRunner.query(sql);
    await queryRunner.query(REFRESH_SQL);
    await queryRunner.query(REBUILD_SQL);
    // A merge or an unmerge moves activity between survivors (recount both); a survivor's region moves its rows.
    await queryRunner.query(ON_PERSON_SQL);
    await queryRunner.query(ON_TYPE_SQL);
    await queryRunner.query(`
      CREATE FUNCTION ete_funnel_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ete_funnel_rebuild();
        RETURN NULL;
      END
      $$`);
    for (const table of TRIGGERED) {
      const fn = `ete_funnel_on_${table === 'job_sustainment' ? 'sustainment' : table}()`;
      // People are never added with activity already on them: only their changes matter.
      if (table !== 'person') {
        await queryRunner.query(
          `CREATE TRIGGER ete_funnel_${table}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
        );
      }
      await queryRunner.query(
        `CREATE TRIGGER ete_funnel_${table}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ete_funnel_${table}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ete_funnel_${table}_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ete_funnel_on_truncate()`,
      );
    }
    await queryRunner.query(
      `CREATE TRIGGER ete_funnel_intervention_type_update AFTER UPDATE ON intervention_type REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ete_funnel_on_type()`,
    );
    // Backfill: what was recorded before.
    await queryRunner.query(`SELECT ete_funnel_rebuild()`);
    await queryRunner.query(`ANALYZE ete_funnel_fact, ete_funnel_org_fact`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ete_funnel_intervention_type_update ON intervention_type`);
    for (const table of TRIGGERED) {
      if (table !== 'person') await queryRunner.query(`DROP TRIGGER ete_funnel_${table}_insert ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ete_funnel_${table}_update ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ete_funnel_${table}_delete ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ete_funnel_${table}_truncate ON ${table}`);
    }
    for (const fn of [
      'ete_funnel_on_truncate()',
      'ete_funnel_on_type()',
      'ete_funnel_on_person()',
      'ete_funnel_on_sustainment()',
      'ete_funnel_on_intervention()',
      'ete_funnel_rebuild()',
      'ete_funnel_refresh(uuid[])',
      'ete_funnel_merge(uuid[])',
      'ete_funnel_lock()',
    ]) {
      await queryRunner.query(`DROP FUNCTION ${fn}`);
    }
    await queryRunner.query(`DROP AGGREGATE ete_funnel_union_agg(text[])`);
    await queryRunner.query(`DROP FUNCTION ete_funnel_sorted(text[])`);
    await queryRunner.query(`DROP FUNCTION ete_funnel_union(text[], text[])`);
    await queryRunner.query(`DROP VIEW ete_funnel_activity`);
    await queryRunner.query(`DELETE FROM ete_funnel_org_fact`);
    await queryRunner.query(`DELETE FROM ete_funnel_fact`);
  }
}
