import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { AccessService, DataCategory } from '@hub/access';
import type { Actor } from '@hub/common';
import { OutboxService } from '@hub/events';
import { actorRef, PersonsService, survivorSql } from '@hub/persons';
import { InterventionType } from './intervention-type.entity.js';
import { jobBegunSql } from './intervention-vocabulary.js';
import { alignSustainmentWindows, recordedWindowRefusesSql, windowEvents } from './sustainment-windows.js';

/**
 * The staging table's shape, filled by the bulk loader (COPY) before mergeStaged: each line checked
 * against the catalogue (data_category, outcome) and given an id to use if it is new (new_id) and the
 * sustainment window's end for a job start (due_on). mergeStaged sets person_id and
 * intervention_id from the loader's StagedRefs.
 */
export const INTERVENTION_STAGE_COLUMNS = `
  line integer NOT NULL,
  external_id text NOT NULL,
  new_id uuid NOT NULL,
  type_code text NOT NULL,
  data_category text NOT NULL,
  status text NOT NULL,
  occurred_at timestamptz NOT NULL,
  notes text,
  outcome jsonb,
  due_on date,
  person_id uuid,
  intervention_id uuid,
  action text,
  reject_code text,
  changes jsonb`;

/** The columns of INTERVENTION_STAGE_COLUMNS the loader fills by COPY. */
export const INTERVENTION_STAGE_COPY_COLUMNS =
  'line, external_id, new_id, type_code, data_category, status, occurred_at, notes, outcome, due_on';

/** How the loader finds what a staged row's external ids name: SQL expressions over the staged row `x`. */
export interface StagedRefs {
  /** The id of the person record the row's external person id names (null when unknown). */
  person: string;
  /** The id of the intervention the row's external id names (null when it is new). */
  intervention: string;
  /** The named parameters the expressions use. */
  parameters: Record<string, unknown>;
}

/**
 * Set-based merge of staged interventions into this lib's tables, with the rules of logging and
 * updating one intervention applied to the whole chunk in SQL:
 *
 * - an existing intervention is changed only by the organisation that logged it (NOT_FOUND for
 *   anyone else, as for an unknown one), on its own person, with its type fixed (TYPE_CHANGED);
 * - the person (the surviving record of a merge) must be one the actor may see (the access policy's
 *   SQL scope; NOT_FOUND otherwise, exactly as for an unknown person);
 * - a new intervention needs the policy's write permission for its type's data category (FORBIDDEN);
 * - status, occurredAt, notes (when given), a qualification and a job's details are updated with a version bump;
 * - a job that began opens its 13-week sustainment window; a job start whose status changes opens or
 *   withdraws it, and a corrected start date moves it (OUTCOME_RECORDED when its outcome is recorded
 *   and the line says it did not begin, or moves its start);
 * - every change emits its domain events (intervention.logged, intervention.updated,
 *   outcome.recorded, job.started) and their audit events, by INSERT … SELECT (job.withdrawn, and the
 *   events of a window opened by an update, are emitted per row: they are rare).
 *
 * Marks each staged row created / updated / unchanged, or rejected with a reject_code.
 */
@Injectable()
export class InterventionsBulkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly persons: PersonsService,
    private readonly outbox: OutboxService,
  ) {}

  /** The active catalogue by code, for checking lines before they are staged. */
  async activeTypes(): Promise<Map<string, InterventionType>> {
    const types = await this.db.getRepository(InterventionType).findBy({ active: true });
    return new Map(types.map((t) => [t.code, t]));
  }

  /** Runs `sql` with the named parameters of a compiled access scope. */
  private scoped(qr: QueryRunner, sql: string, parameters: Record<string, unknown>): Promise<unknown> {
    const [text, values] = qr.connection.driver.escapeQueryWithParameters(sql, parameters);
    return qr.query(text, values);
  }

  async mergeStaged(qr: QueryRunner, stage: string, actor: Actor, refs: StagedRefs): Promise<void> {
    await this.check(qr, stage, actor, refs);
    const [{ existing }] = (await qr.query(
      `SELECT EXISTS (SELECT 1 FROM ${stage} WHERE intervention_id IS NOT NULL AND reject_code IS NULL) AS existing`,
    )) as { existing: boolean }[];
    if (existing) {
      await this.refuseUnbegunRecordedJobs(qr, stage);
      await this.updateExisting(qr, stage, actor);
    }
    await this.createNew(qr, stage, actor);
    await this.outbox.emitSelect(qr, actor, this.eventsSql(stage));
    if (existing) {
      // Job starts whose status now says the job began, or no longer does, or whose start moved (rare): windows and their events as for one.
      const moved = (await qr.query(
        `SELECT intervention_id AS id FROM ${stage} WHERE action = 'updated' AND (changes ? 'status' OR (changes ? 'outcome' AND outcome->>'kind' = 'job'))`,
      )) as { id: string }[];
      const changes = await alignSustainmentWindows(
        qr.manager,
        moved.map((r) => r.id),
      );
      if (changes.length) await this.outbox.emit(qr.manager, actor, ...windowEvents(changes));
    }
  }

  /**
   * A job whose 13-week outcome is recorded began, on the start date the outcome was measured from: a
   * line saying it did not begin, or moving its start, is refused (OUTCOME_RECORDED), as for one.
   */
  private async refuseUnbegunRecordedJobs(qr: QueryRunner, stage: string): Promise<void> {
    await qr.query(
      `UPDATE ${stage} s SET reject_code = 'OUTCOME_RECORDED', action = NULL
        WHERE s.intervention_id IS NOT NULL AND s.reject_code IS NULL
          AND EXISTS (SELECT 1 FROM job_sustainment j WHERE j.intervention_id = s.intervention_id
                         AND ${recordedWindowRefusesSql('j', 's.status', `CASE WHEN s.outcome->>'kind' = 'job' THEN (s.outcome->>'startDate')::date END`)})`,
    );
  }

  /**
   * One pass over the chunk: what the row's external ids name; the person of each row (an existing
   * intervention's own person, else the one named; the surviving record of a merge); then the policy:
   * NOT_FOUND when the person is unknown or one the actor may not see, or the intervention is another
   * organisation's; FORBIDDEN when the actor may not write the type's category for the person;
   * TYPE_CHANGED when an existing intervention is sent with another type. New rows are marked created.
   */
  private async check(qr: QueryRunner, stage: string, actor: Actor, refs: StagedRefs): Promise<void> {
    // The policy is tested once per person (and category) of the chunk, a probe each (perRow).
    const visible = this.access.personScope(actor, 'p.person_id', true);
    const writable = this.access.scope(actor, 'write', { person: 'q.person_id', category: 'q.data_category', perRow: true });
    // Both scopes name the actor's category ceiling :accessCeiling; the write scope's is another list.
    const writeWhere = writable.where.replaceAll(':accessCeiling', ':writeCeiling');
    // Each step computed once (MATERIALIZED), then joined by key: never re-evaluated per row.
    const sql = `
      WITH r AS MATERIALIZED (SELECT x.line, x.type_code, x.data_category, ${refs.person} AS named, ${refs.intervention} AS intervention_id FROM ${stage} x),
           k AS MATERIALIZED (
             SELECT r.line, r.intervention_id, r.data_category, ${survivorSql('COALESCE(i.person_id, r.named)')} AS person_id,
                    CASE WHEN r.named IS NULL OR (r.intervention_id IS NOT NULL AND i.id IS NULL) OR i.organisation_id <> CAST(:accessOrg AS uuid) THEN 'NOT_FOUND'
                         WHEN i.type_code <> r.type_code THEN 'TYPE_CHANGED' END AS refused
               -- OFFSET 0 keeps this a probe per row: pulled up, the planner may hash the whole intervention table.
               FROM r LEFT JOIN LATERAL (SELECT id, person_id, organisation_id, type_code FROM intervention WHERE id = r.intervention_id OFFSET 0) i ON TRUE),
           v AS MATERIALIZED (
             SELECT p.person_id, COALESCE(${visible.where}, FALSE) AS visible FROM (SELECT DISTINCT person_id FROM k WHERE refused IS NULL) p),
           w AS MATERIALIZED (
             SELECT q.person_id, q.data_category, COALESCE(${writeWhere}, FALSE) AS writable
               FROM (SELECT DISTINCT person_id, data_category FROM k WHERE refused IS NULL AND intervention_id IS NULL) q),
           c AS (
             SELECT k.line, k.person_id, k.intervention_id,
                    CASE WHEN k.refused IS NOT NULL THEN k.refused
                         WHEN NOT v.visible THEN 'NOT_FOUND'
                         WHEN k.intervention_id IS NULL AND NOT w.writable THEN 'FORBIDDEN' END AS reject_code
               FROM k LEFT JOIN v ON v.person_id = k.person_id LEFT JOIN w ON w.person_id = k.person_id AND w.data_category = k.data_category)
      UPDATE ${stage} s SET person_id = c.person_id, intervention_id = c.intervention_id, reject_code = c.reject_code,
             action = CASE WHEN c.reject_code IS NULL AND c.intervention_id IS NULL THEN 'created' END
        FROM c WHERE c.line = s.line`;
    await this.scoped(qr, sql, { ...refs.parameters, ...visible.parameters, writeCeiling: writable.parameters.accessCeiling });
  }

  /** Changes what differs; each intervention changed keeps its version as it was (intervention_revision), as one update does. */
  private async updateExisting(qr: QueryRunner, stage: string, actor: Actor): Promise<void> {
    const change = (field: string, differs: string, oldValue: string, newValue: string) =>
      `CASE WHEN ${differs} THEN jsonb_build_object('${field}', jsonb_build_object('old', ${oldValue}, 'new', ${newValue})) ELSE '{}'::jsonb END`;
    await qr.query(
      `WITH diff AS (
         SELECT s.line, s.intervention_id AS id,
                ${change('status', 'i.status <> s.status', 'i.status', 's.status')}
             || ${change('occurredAt', 'i.occurred_at <> s.occurred_at', 'i.occurred_at', 's.occurred_at')}
             || ${change('notes', 's.notes IS NOT NULL AND i.notes IS DISTINCT FROM s.notes', 'i.notes', 's.notes')}
             || ${change('outcome', `s.outcome->>'kind' IN ('qualification', 'job') AND i.outcome IS DISTINCT FROM s.outcome`, 'i.outcome', 's.outcome')} AS changes
           FROM ${stage} s CROSS JOIN LATERAL (SELECT * FROM intervention WHERE id = s.intervention_id OFFSET 0) i
          WHERE s.intervention_id IS NOT NULL AND s.reject_code IS NULL),
       -- Every statement of the WITH reads the rows as they were before the update below.
       rev AS (
         INSERT INTO intervention_revision (intervention_id, person_id, version, status, occurred_at, notes, outcome, corrected_by, corrected_by_name, reason)
         SELECT i.id, i.person_id, i.version, i.status, i.occurred_at, i.notes, i.outcome, $1, $2, 'Synchronised from the organisation’s own system'
           FROM diff d JOIN intervention i ON i.id = d.id WHERE d.changes <> '{}'::jsonb),
       upd AS (
         UPDATE intervention i SET status = s.status, occurred_at = s.occurred_at, notes = COALESCE(s.notes, i.notes),
                outcome = CASE WHEN d.changes ? 'outcome' THEN s.outcome ELSE i.outcome END, version = i.version + 1, updated_at = now()
           FROM ${stage} s JOIN diff d ON d.line = s.line
          WHERE i.id = s.intervention_id AND d.changes <> '{}'::jsonb)
       UPDATE ${stage} s SET action = CASE WHEN d.changes = '{}'::jsonb THEN 'unchanged' ELSE 'updated' END, changes = NULLIF(d.changes, '{}'::jsonb)
         FROM diff d WHERE d.line = s.line`,
      [actorRef(actor), actor.displayName],
    );
  }

  private async createNew(qr: QueryRunner, stage: string, actor: Actor): Promise<void> {
    await qr.query(
      `INSERT INTO intervention (id, person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, notes, outcome, version)
       SELECT new_id, person_id, $1, $2, type_code, data_category, status, occurred_at, notes, outcome, 1 FROM ${stage} WHERE action = 'created'`,
      [actor.organisationId, actorRef(actor)],
    );
    await qr.query(
      `INSERT INTO job_sustainment (person_id, intervention_id, organisation_id, start_date, due_on)
       SELECT person_id, new_id, $1, (outcome->>'startDate')::date, due_on FROM ${stage} WHERE action = 'created' AND outcome->>'kind' = 'job' AND ${jobBegunSql('status')}`,
      [actor.organisationId],
    );
  }

  /**
   * The domain events of the merged chunk, as logging and updating one intervention emit them. Their
   * audit names the fields a creation wrote, not the values (the values are the record itself, and a
   * later change is audited with its old and new values); updates carry their old and new values.
   */
  private eventsSql(stage: string): string {
    return `
      SELECT 'intervention.logged' AS type, 'intervention' AS aggregate_type, s.new_id AS aggregate_id, s.person_id,
             jsonb_build_object('typeCode', s.type_code, 'status', s.status, 'dataCategory', s.data_category, 'source', 'bulk') AS payload,
             NULL::jsonb AS changes, ARRAY[s.data_category] AS categories, '{notes,occurredAt,outcome,status,typeCode}'::text[] AS fields
        FROM ${stage} s WHERE s.action = 'created'
      UNION ALL
      SELECT 'intervention.updated', 'intervention', s.intervention_id, s.person_id,
             jsonb_build_object('status', s.status, 'dataCategory', s.data_category, 'source', 'bulk'), s.changes, ARRAY[s.data_category],
             ARRAY(SELECT k COLLATE "C" FROM jsonb_object_keys(s.changes) k ORDER BY 1)
        FROM ${stage} s WHERE s.action = 'updated'
      UNION ALL
      SELECT 'outcome.recorded', 'intervention', COALESCE(s.intervention_id, s.new_id), s.person_id,
             jsonb_build_object('typeCode', s.type_code, 'outcome', s.outcome->>'kind', 'dataCategory', s.data_category), NULL, NULL, NULL
        FROM ${stage} s WHERE (s.action = 'created' AND s.outcome IS NOT NULL AND (s.outcome->>'kind' <> 'job' OR ${jobBegunSql('s.status')}))
                           OR (s.action = 'updated' AND s.changes ? 'outcome' AND s.outcome->>'kind' = 'qualification')
      UNION ALL
      SELECT 'job.started', 'intervention', s.new_id, s.person_id,
             jsonb_build_object('sustainmentId', j.id, 'dueOn', j.due_on, 'sector', s.outcome->>'sector', 'dataCategory', '${DataCategory.EMPLOYMENT}'), NULL, NULL, NULL
        FROM ${stage} s CROSS JOIN LATERAL (SELECT id, due_on FROM job_sustainment WHERE intervention_id = s.new_id OFFSET 0) j
       WHERE s.action = 'created' AND s.outcome->>'kind' = 'job'`;
  }
}
