import type { MigrationInterface, QueryRunner } from 'typeorm';
import { activitySql, ANY_JOB } from './1795693900000-EteFunnelMaintenance.js';

/** A job start counts once the person began the job: its status is started or completed (written out: this migration is a snapshot). */
export const BEGUN_JOB = `i.outcome->>'kind' = 'job' AND i.status IN ('started', 'completed')`;
const NOT_BEGUN = `i.outcome->>'kind' = 'job' AND i.status NOT IN ('started', 'completed')`;

/**
 * Only a job that began is found work. The ETE funnel read every recorded job start as one, planned,
 * cancelled and not attended ones included, and each of those had opened a 13-week sustainment window
 * with its in-work checks. Here the funnel's activity reads a job start only once it began (the view
 * and the functions built from it, then a recount), and the open windows of job starts that did not
 * begin go, with their open check tasks. A window whose outcome was recorded stays.
 *
 * Down restores the former reading and recount, and opens a window again for every job start without
 * one (new ids; the check tasks closed here stay closed).
 */
export class FunnelJobStartsThatBegan1795799000000 implements MigrationInterface {
  name = 'FunnelJobStartsThatBegan1795799000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH gone AS (
        DELETE FROM job_sustainment s USING intervention i
         WHERE i.id = s.intervention_id AND s.status = 'open' AND ${NOT_BEGUN}
        RETURNING s.id)
      UPDATE task t SET status = 'done', closed_at = now(), closed_by = 'system:job-withdrawn'
        FROM gone WHERE t.status = 'open' AND t.source_key LIKE 'sustainment:' || gone.id || ':%'`);
    for (const sql of activitySql(BEGUN_JOB)) await queryRunner.query(sql);
    await queryRunner.query(`SELECT ete_funnel_rebuild()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of activitySql(ANY_JOB)) await queryRunner.query(sql);
    await queryRunner.query(`
      INSERT INTO job_sustainment (person_id, intervention_id, organisation_id, start_date, due_on)
      SELECT i.person_id, i.id, i.organisation_id, (i.outcome->>'startDate')::date, (i.outcome->>'startDate')::date + 91
        FROM intervention i
       WHERE ${NOT_BEGUN} AND NOT EXISTS (SELECT 1 FROM job_sustainment s WHERE s.intervention_id = i.id)`);
    await queryRunner.query(`SELECT ete_funnel_rebuild()`);
  }
}
