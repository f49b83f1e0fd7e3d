import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  activity,
  activitySql,
  fold,
  foldSustained,
  LOCK_SQL,
  ON_PERSON_SQL,
  ON_TYPE_SQL,
  REBUILD_SQL,
  REFRESH_SQL,
} from './1795693900000-EteFunnelMaintenance.js';
import { BEGUN_JOB } from './1795799000000-FunnelJobStartsThatBegan.js';

/**
 * The ETE funnel summary's maintenance (EteFunnelMaintenance) serialised every write of the hub on one
 * advisory lock, the audit chain's. It needs less: a recount must see the last committed write *of
 * the people it recounts*, and two writers of one person must not lose each other's change. So each
 * maintenance step now locks the people it touches, and only them:
 *
 * - `ete_funnel_lock_people(records)` locks, FOR NO KEY UPDATE, the person rows of the given records
 *   and of their surviving records (a merge), survivors first, each group in id order, so writers
 *   of the same people queue in one order; then, if a merge committed while it waited moved a record
 *   to a survivor it does not hold yet, that survivor too. It returns the surviving records as read
 *   once the locks are held: a record's survivor changes only by an update of its row, which waits
 *   for the lock. Every statement after it (READ COMMITTED: a new snapshot each) sees every
 *   committed write of those people. Writers of other people never wait on it; the foreign keys
 *   of their own writes take KEY SHARE, which the lock does not conflict with.
 * - The fold of new activity locks the people it folds into; a recount (an update, a delete, a
 *   merge or an unmerge, a region change, a catalogue group change) locks the records it was given
 *   and recounts the survivors the lock returns. `ete_funnel_fold(ids)` folds without locking (the
 *   recount's inner step); `ete_funnel_merge(ids)` locks, then folds.
 * - Each of those also takes a SHARED transaction advisory lock (7460616, 964), which never makes
 *   one writer wait for another. `ete_funnel_rebuild()` (the backfill, and what a TRUNCATE runs) takes
 *   it EXCLUSIVE: the only hub-wide form, off the write path (migrations, by hand, a truncate). It
 *   waits for writers in flight and holds new ones until it commits.
 * - Row locks rather than advisory locks: a statement of the population generator touches 100,000
 *   people, which row locks hold in the rows themselves, and advisory locks would hold in the shared
 *   lock table (64 per connection by default).
 * - Merges and unmerges (PersonRecordsService) take the same order: both records (the survivor and
 *   the duplicate; for an unmerge, the survivor, then the record) before the records that follow them.
 *   Two writes can still take people in different orders when a merge commits while one waits (the
 *   survivors it read are no longer the survivors), or when one transaction writes for several people
 *   in several statements: PostgreSQL breaks such a deadlock by failing one (40P01: CONFLICT to the
 *   caller; batch sync runs it again). The global lock never deadlocked, but made everyone wait.
 *
 * Down restores the functions exactly as EteFunnelMaintenance and FunnelJobStartsThatBegan left them.
 */

/** The transaction advisory lock every maintenance step holds shared and a rebuild exclusive. */
const ALL = '7460616, 964';

const READ_COMMITTED = `
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'the ETE funnel summary is maintained at READ COMMITTED (a recount must see the last committed write)';
        END IF;`;

/** The person records of the rows of `relation` (person_id in `column`) `where`, as an array. */
const recordsOf = (relation: string, column: string, where = 'TRUE') => `ARRAY(SELECT DISTINCT ${column} FROM ${relation} WHERE ${where})`;

const LOCK_PEOPLE = `
      CREATE FUNCTION ete_funnel_lock_people(records uuid[]) RETURNS uuid[] LANGUAGE plpgsql AS $$
      DECLARE
        held uuid[];
        missing uuid[];
      BEGIN
        IF records IS NULL OR cardinality(records) = 0 THEN
          RETURN '{}';
        END IF;${READ_COMMITTED}
        PERFORM pg_advisory_xact_lock_shared(${ALL});
        held := ARRAY(SELECT DISTINCT COALESCE(p.merged_into_id, p.id) FROM person p WHERE p.id = ANY(records));
        PERFORM 1 FROM person p WHERE p.id = ANY(held) ORDER BY p.id FOR NO KEY UPDATE;
        PERFORM 1 FROM person p WHERE p.id = ANY(records) ORDER BY p.id FOR NO KEY UPDATE;
        LOOP
          missing := ARRAY(SELECT p.merged_into_id FROM person p WHERE p.id = ANY(records) AND p.merged_into_id IS NOT NULL
                           EXCEPT SELECT unnest(held));
          EXIT WHEN cardinality(missing) = 0;
          PERFORM 1 FROM person p WHERE p.id = ANY(missing) ORDER BY p.id FOR NO KEY UPDATE;
          held := held || missing;
        END LOOP;
        RETURN ARRAY(SELECT DISTINCT COALESCE(p.merged_into_id, p.id) FROM person p WHERE p.id = ANY(records));
      END
      $$`;

const LOCK_ALL = `
      CREATE FUNCTION ete_funnel_lock_all() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN${READ_COMMITTED}
        PERFORM pg_advisory_xact_lock(${ALL});
      END
      $$`;

/** The functions that read interventions as activity (EteFunnelMaintenance's activitySql), locking per person. */
function lockedActivitySql(jobStart: string): string[] {
  return [
    `
      CREATE FUNCTION ete_funnel_fold(ids uuid[]) RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $fn$
      BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN
          RETURN;
        END IF;
        EXECUTE $q$${fold(activity('unnest($1) u(id) JOIN intervention i ON i.id = u.id', jobStart))}$q$ USING ids;
      END
      $fn$`,
    `
      CREATE OR REPLACE FUNCTION ete_funnel_merge(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN
          RETURN;
        END IF;
        PERFORM ete_funnel_lock_people(ARRAY(SELECT DISTINCT i.person_id FROM intervention i WHERE i.id = ANY(ids)));
        PERFORM ete_funnel_fold(ids);
      END
      $fn$`,
    `
      CREATE OR REPLACE FUNCTION ete_funnel_on_intervention() RETURNS trigger LANGUAGE plpgsql SET work_mem = '64MB' AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM ete_funnel_lock_people(${recordsOf('new_rows', 'person_id')});
          ${fold(activity('new_rows i', jobStart))};
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM ete_funnel_refresh(ete_funnel_lock_people(${recordsOf('old_rows', 'person_id')}));
        ELSE
          PERFORM ete_funnel_refresh(ete_funnel_lock_people(${recordsOf(
            'old_rows o JOIN new_rows n ON n.id = o.id CROSS JOIN LATERAL (VALUES (o.person_id), (n.person_id)) v(person_id)',
            'v.person_id',
            `(o.person_id, o.organisation_id, o.type_code, o.data_category, o.status, o.occurred_at) IS DISTINCT FROM
             (n.person_id, n.organisation_id, n.type_code, n.data_category, n.status, n.occurred_at) OR o.outcome IS DISTINCT FROM n.outcome`,
          )}));
        END IF;
        RETURN NULL;
      END
      $$`,
    `
      CREATE OR REPLACE FUNCTION ete_funnel_on_sustainment() RETURNS trigger LANGUAGE plpgsql SET work_mem = '64MB' AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'sustained') THEN
            PERFORM ete_funnel_lock_people(${recordsOf('new_rows n JOIN intervention i0 ON i0.id = n.intervention_id', 'i0.person_id', `n.status = 'sustained'`)});
            ${foldSustained(activity(`(SELECT i0.* FROM new_rows n JOIN intervention i0 ON i0.id = n.intervention_id WHERE n.status = 'sustained') i`, jobStart))};
          END IF;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM ete_funnel_refresh(ete_funnel_lock_people(${recordsOf('old_rows o', 'o.person_id', `o.status = 'sustained'`)}));
        ELSE
          PERFORM ete_funnel_refresh(ete_funnel_lock_people(${recordsOf(
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

const REFRESH = `
      CREATE OR REPLACE FUNCTION ete_funnel_refresh(survivors uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF survivors IS NULL OR cardinality(survivors) = 0 THEN
          RETURN;
        END IF;
        PERFORM ete_funnel_lock_people(survivors);
        DELETE FROM ete_funnel_fact WHERE person_id = ANY(survivors);
        DELETE FROM ete_funnel_org_fact WHERE person_id = ANY(survivors);
        PERFORM ete_funnel_fold(ARRAY(
          SELECT i.id FROM person p JOIN intervention i ON i.person_id = p.id
           WHERE (p.id = ANY(survivors) AND p.merged_into_id IS NULL) OR p.merged_into_id = ANY(survivors)));
      END
      $$`;

const REBUILD = `
      CREATE OR REPLACE FUNCTION ete_funnel_rebuild() RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $$
      BEGIN
        PERFORM ete_funnel_lock_all();
        DELETE FROM ete_funnel_fact;
        DELETE FROM ete_funnel_org_fact;
        ${fold('SELECT * FROM ete_funnel_activity')};
      END
      $$`;

// The updated rows are locked by the update itself; their survivors (old and new) by the recount.
const ON_PERSON = `
      CREATE OR REPLACE FUNCTION ete_funnel_on_person() RETURNS trigger LANGUAGE plpgsql AS $$
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
          PERFORM ete_funnel_lock_people(${recordsOf('old_rows o JOIN new_rows n ON n.id = o.id', 'n.id', 'n.merged_into_id IS NULL AND o.region IS DISTINCT FROM n.region')});
          UPDATE ete_funnel_fact f SET region = n.region FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE f.person_id = n.id AND n.merged_into_id IS NULL AND o.region IS DISTINCT FROM n.region;
          UPDATE ete_funnel_org_fact f SET region = n.region FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE f.person_id = n.id AND n.merged_into_id IS NULL AND o.region IS DISTINCT FROM n.region;
        END IF;
        RETURN NULL;
      END
      $$`;

const ON_TYPE = `
      CREATE OR REPLACE FUNCTION ete_funnel_on_type() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ete_funnel_refresh(ete_funnel_lock_people(${recordsOf(
          'old_rows o JOIN new_rows n ON n.code = o.code JOIN intervention i ON i.type_code = n.code',
          'i.person_id',
          'o.group_name IS DISTINCT FROM n.group_name',
        )}));
        RETURN NULL;
      END
      $$`;

/** A function EteFunnelMaintenance created, as CREATE OR REPLACE (its text otherwise unchanged). */
const replacing = (sql: string) => sql.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');

export class EteFunnelPerPersonLock1796630000000 implements MigrationInterface {
  name = 'EteFunnelPerPersonLock1796630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(LOCK_PEOPLE);
    await queryRunner.query(LOCK_ALL);
    for (const sql of lockedActivitySql(BEGUN_JOB)) await queryRunner.query(sql);
    for (const sql of [REFRESH, REBUILD, ON_PERSON, ON_TYPE]) await queryRunner.query(sql);
    await queryRunner.query(`DROP FUNCTION ete_funnel_lock()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(LOCK_SQL);
    for (const sql of activitySql(BEGUN_JOB)) await queryRunner.query(sql);
    for (const sql of [REFRESH_SQL, REBUILD_SQL, ON_PERSON_SQL, ON_TYPE_SQL]) await queryRunner.query(replacing(sql));
    await queryRunner.query(`DROP FUNCTION ete_funnel_fold(uuid[])`);
    await queryRunner.query(`DROP FUNCTION ete_funnel_lock_all()`);
    await queryRunner.query(`DROP FUNCTION ete_funnel_lock_people(uuid[])`);
  }
}
