import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@hub/events';
import { DataCategory } from '@hub/access';
import { jobBegunSql, SUSTAINMENT_WEEKS } from './intervention-vocabulary.js';

/** A sustainment window opened or withdrawn by `alignSustainmentWindows`. */
export interface WindowChange {
  change: 'opened' | 'withdrawn';
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
 * Brings the 13-week sustainment windows of the job starts among `ids` in line with their status, in
 * the caller's transaction: a job that began and has no window gets one (due 13 weeks after its start
 * date); a job start that no longer counts (planned again, cancelled, not attended) loses its open
 * window. A window whose outcome is recorded is left alone: callers refuse that change first
 * (`recordedWindowsOf`). One statement, whatever the number of ids (the bulk path passes a chunk's).
 */
export async function alignSustainmentWindows(m: EntityManager, ids: readonly string[]): Promise<WindowChange[]> {
  if (!ids.length) return [];
  return m.query(
    `WITH j AS MATERIALIZED (
       SELECT i.id, i.person_id, i.organisation_id, i.status, i.type_code, i.data_category, (i.outcome->>'startDate')::date AS start_date, i.outcome->>'sector' AS sector
         FROM intervention i WHERE i.id = ANY($1::uuid[]) AND i.outcome->>'kind' = 'job'),
     opened AS (
       INSERT INTO job_sustainment (person_id, intervention_id, organisation_id, start_date, due_on)
       SELECT j.person_id, j.id, j.organisation_id, j.start_date, j.start_date + ${SUSTAINMENT_WEEKS * 7} FROM j
        WHERE ${jobBegunSql('j.status')} AND NOT EXISTS (SELECT 1 FROM job_sustainment s WHERE s.intervention_id = j.id)
       RETURNING id, intervention_id, person_id, due_on),
     withdrawn AS (
       DELETE FROM job_sustainment s USING j
        WHERE s.intervention_id = j.id AND NOT ${jobBegunSql('j.status')} AND s.status = 'open'
       RETURNING s.id, s.intervention_id, s.person_id, s.due_on)
     SELECT 'opened' AS change, o.intervention_id, o.person_id, o.id AS sustainment_id, to_char(o.due_on, 'YYYY-MM-DD') AS due_on, j.sector, j.status, j.type_code, j.data_category
       FROM opened o JOIN j ON j.id = o.intervention_id
     UNION ALL
     SELECT 'withdrawn', w.intervention_id, w.person_id, w.id, to_char(w.due_on, 'YYYY-MM-DD'), j.sector, j.status, j.type_code, j.data_category
       FROM withdrawn w JOIN j ON j.id = w.intervention_id`,
    [ids],
  );
}

/**
 * The domain events of the windows changed: a job that began records its outcome and starts its window
 * (`outcome.recorded`, `job.started`, as logging one does); a withdrawn window is `job.withdrawn`, so
 * the in-work checks it scheduled are cancelled and the rules see the job is off.
 */
export function windowEvents(changes: readonly WindowChange[]): DomainEvent[] {
  return changes.flatMap((c): DomainEvent[] =>
    c.change === 'opened'
      ? [
          { type: 'outcome.recorded', aggregateType: 'intervention', aggregateId: c.intervention_id, personId: c.person_id, payload: { typeCode: c.type_code, outcome: 'job', dataCategory: c.data_category } },
          { type: 'job.started', aggregateType: 'intervention', aggregateId: c.intervention_id, personId: c.person_id, payload: { sustainmentId: c.sustainment_id, dueOn: c.due_on, sector: c.sector, dataCategory: DataCategory.EMPLOYMENT } },
        ]
      : [{ type: 'job.withdrawn', aggregateType: 'intervention', aggregateId: c.intervention_id, personId: c.person_id, payload: { sustainmentId: c.sustainment_id, status: c.status, dataCategory: DataCategory.EMPLOYMENT } }],
  );
}

/** Of `ids` (interventions) with their new statuses, those whose job would stop counting though its window's outcome is recorded. */
export async function recordedWindowsOf(m: EntityManager, changes: readonly { id: string; status: string }[]): Promise<string[]> {
  if (!changes.length) return [];
  const rows: { id: string }[] = await m.query(
    `SELECT c.id FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, status text)
       JOIN job_sustainment s ON s.intervention_id = c.id
      WHERE NOT ${jobBegunSql('c.status')} AND s.status <> 'open'`,
    [JSON.stringify(changes)],
  );
  return rows.map((r) => r.id);
}
