import type { MigrationInterface, QueryRunner } from 'typeorm';

const EARLY = `status = 'sustained' AND recorded_at IS NOT NULL AND (recorded_at AT TIME ZONE 'Europe/London')::date < due_on`;

/**
 * "Sustained 13 weeks" is a fact only once the 13 weeks have passed (recordSustainment refuses it
 * earlier). Windows recorded as sustained before their due day are opened again, their premature
 * answer kept in the note, so the funnel stops counting them (its trigger recounts those people) and
 * the caseworker records the outcome when it is due; then a check keeps it so.
 * Reverting drops the check; the reopened windows stay open (the early answers were not facts).
 */
export class SustainedOnlyAfterThirteenWeeks1796712600000 implements MigrationInterface {
  name = 'SustainedOnlyAfterThirteenWeeks1796712600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE job_sustainment
          SET status = 'open',
              note = concat_ws(' ', 'Reopened: recorded as sustained on', to_char(recorded_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD'),
                               'by', recorded_by, 'before the 13 weeks had passed.', note),
              recorded_at = NULL, recorded_by = NULL
        WHERE ${EARLY}`,
    );
    await q.query(
      `ALTER TABLE job_sustainment ADD CONSTRAINT ck_job_sustainment_sustained_after_due
         CHECK (status <> 'sustained' OR recorded_at IS NULL OR (recorded_at AT TIME ZONE 'Europe/London')::date >= due_on)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_sustainment DROP CONSTRAINT ck_job_sustainment_sustained_after_due`);
  }
}
