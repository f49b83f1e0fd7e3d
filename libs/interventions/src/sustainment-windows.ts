import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@hub/events';
import { DataCategory } from '@hub/access';
import { jobBegunSql, SUSTAINMENT_WEEKS } from './intervention-vocabulary.js';

/** A sustainment window opened, moved or withdrawn by `alignSustainmentWindows`. */
export interface WindowChange {
  change: 'opened' | 'rescheduled' | 'withdrawn';
  intervention_id: string;
  person_id: string;
  sustainment_id: string;
  due_on: string;
  sector: string;
  status: string;
  type_code: string;
  data_category: string;
}

/**
 * Brings the 13-week sustainment windows of the job starts among `ids` in line with their status and
 * start date, in the caller's transaction: a job that began and has no window gets one (due 13 weeks
 * after its start date); an open window whose job's start date was corrected moves with it; a job
 * start that no longer counts (planned again, cancelled, not attended) loses its open window. A
 * window whose outcome is recorded is left alone: callers refuse those changes first
 * (`refusedWindowChanges`). One statement, whatever the number of ids (the bulk path passes a chunk's).
 */
export async function alignSustainmentWindows(m: EntityManager, ids: readonly string[]): Promise<WindowChange[]> {
  if (!ids.length) return [];
  const due = (start: string) => `${start} + ${SUSTAINMENT_WEEKS * 7}`;
  return m.query(
    `WITH j AS MATERIALIZED (
       SELECT i.id, i.person_id, i.organisation_id, i.status, i.type_code, i.data_category, (i.outcome->>'startDate')::date AS start_date, i.outcome->>'sector' AS sector
         FROM intervention i WHERE i.id = ANY($1::uuid[]) AND i.outcome->>'kind' = 'job'),
     opened AS (
       INSERT INTO job_sustainment (person_id, intervention_id, organisation_id, start_date, due_on)
       SELECT j.person_id, j.id, j.organisation_id, j.start_date, ${due('j.start_date')} FROM j
        WHERE ${jobBegunSql('j.status')} AND NOT EXISTS (SELECT 1 FROM job_sustainment s WHERE s.intervention_id = j.id)
       RETURNING id, intervention_id, person_id, due_on),
     moved AS (
       UPDATE job_sustainment s SET start_date = j.start_date, due_on = ${due('j.start_date')} FROM j
        WHERE s.intervention_id = j.id AND ${jobBegunSql('j.status')} AND s.status = 'open' AND s.start_date <> j.start_date
       RETURNING s.id, s.intervention_id, s.person_id, s.due_on),
     withdrawn AS (
       DELETE FROM job_sustainment s USING j
        WHERE s.intervention_id = j.id AND NOT ${jobBegunSql('j.status')} AND s.status = 'open'
       RETURNING s.id, s.intervention_id, s.person_id, s.due_on),
     changed AS (
       SELECT 'opened' AS change, * FROM opened UNION ALL SELECT 'rescheduled', * FROM moved UNION ALL SELECT 'withdrawn', * FROM withdrawn)
     SELECT c.change, c.intervention_id, c.person_id, c.id AS sustainment_id, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, j.sector, j.status, j.type_code, j.data_category
       FROM changed c JOIN j ON j.id = c.intervention_id`,
    [ids],
  );
}

/**
 * The domain events of the windows changed: a job that began records its outcome and starts its window
 * (`outcome.recorded`, `job.started`, as logging one does); a moved window is `job.rescheduled` (its
 * in-work checks move); a withdrawn one is `job.withdrawn`, so the checks it scheduled are cancelled
 * and the rules see the job is off.
 */
export function windowEvents(changes: readonly WindowChange[]): DomainEvent[] {
  return changes.flatMap((c): DomainEvent[] => {
    const on = { aggregateType: 'intervention', aggregateId: c.intervention_id, personId: c.person_id };
    const window = { sustainmentId: c.sustainment_id, dataCategory: DataCategory.EMPLOYMENT };
    if (c.change === 'opened') {
      return [
        { type: 'outcome.recorded', ...on, payload: { typeCode: c.type_code, outcome: 'job', dataCategory: c.data_category } },
        { type: 'job.started', ...on, payload: { ...window, dueOn: c.due_on, sector: c.sector } },
      ];
    }
    if (c.change === 'rescheduled') return [{ type: 'job.rescheduled', ...on, payload: { ...window, dueOn: c.due_on } }];
    return [{ type: 'job.withdrawn', ...on, payload: { ...window, status: c.status } }];
  });
}

/** Why a change to a job start is refused: its 13-week outcome is recorded, so the job began, on the day the window started. */
export const OUTCOME_RECORDED_MESSAGE = {
  status: 'The 13-week outcome of this job is recorded: the job began, and its status stays started or completed',
  startDate: 'The 13-week outcome of this job is recorded: its start date stays the one the outcome was measured from',
};

/**
 * The rule, in SQL: a window `w` (a job_sustainment row) whose outcome is recorded refuses a change to
 * `status`, and to `startDate` (a date expression, NULL when the change gives none), when the job would
 * no longer count or its start would move. Used for one change and for a bulk chunk alike.
 */
export function recordedWindowRefusesSql(w: string, status: string, startDate: string): string {
  return `(${w}.status <> 'open' AND (NOT ${jobBegunSql(status)} OR (${startDate} IS NOT NULL AND ${startDate} <> ${w}.start_date)))`;
}

/**
 * Of the given changes to interventions (new status, and the job's start date when the change gives
 * one), those a recorded window refuses: the job would no longer count, or its start would move.
 */
export async function refusedWindowChanges(
  m: EntityManager,
  changes: readonly { id: string; status: string; startDate?: string | null }[],
): Promise<{ id: string; field: 'status' | 'startDate' }[]> {
  if (!changes.length) return [];
  return m.query(
    `SELECT c.id, CASE WHEN NOT ${jobBegunSql('c.status')} THEN 'status' ELSE 'startDate' END AS field
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, status text, start_date date)
       JOIN job_sustainment s ON s.intervention_id = c.id
      WHERE ${recordedWindowRefusesSql('s', 'c.status', 'c.start_date')}`,
    [JSON.stringify(changes.map((c) => ({ id: c.id, status: c.status, start_date: c.startDate ?? null })))],
  );
}
