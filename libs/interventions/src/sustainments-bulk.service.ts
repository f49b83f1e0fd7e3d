import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { AccessService, DataCategory } from '@hub/access';
import type { Actor } from '@hub/common';
import { OutboxService } from '@hub/events';
import { actorRef, survivorSql } from '@hub/persons';
import { SustainmentStatus } from './intervention-vocabulary.js';

/**
 * The staging table's shape for sustainment outcomes (whether a job start was sustained 13 weeks),
 * filled by the bulk loader (COPY) before mergeStaged; `external_id` is the job start intervention's.
 */
export const SUSTAINMENT_STAGE_COLUMNS = `
  line integer NOT NULL,
  external_id text NOT NULL,
  sustained boolean NOT NULL,
  note text,
  sustainment_id uuid,
  person_id uuid,
  action text,
  reject_code text`;

/** The columns of SUSTAINMENT_STAGE_COLUMNS the loader fills by COPY. */
export const SUSTAINMENT_STAGE_COPY_COLUMNS = 'line, external_id, sustained, note';

/** How the loader finds the job start a staged row names: an SQL expression over the staged row `x`, and its parameters. */
export interface StagedSustainmentRefs {
  intervention: string;
  parameters: Record<string, unknown>;
}

/**
 * Set-based recording of the 13-week outcomes of job starts, with the rules of recording one
 * (SustainmentsService.record) applied to the whole chunk in SQL:
 *
 * - the job start must be one the actor's organisation logged, that began (it has a window), about a
 *   person the actor may see (NOT_FOUND otherwise, as for an unknown one); the actor must read and
 *   write employment data for them (FORBIDDEN);
 * - "sustained" only from the window's end (TOO_EARLY); "not sustained" before then needs a note
 *   saying why (NOTE_REQUIRED);
 * - an outcome already recorded is `unchanged` when sent again the same; sent otherwise it is a
 *   correction (`updated`), which needs a note saying why (CORRECTION_NOTE_REQUIRED) and follows the
 *   same rule of time (TOO_EARLY for "sustained" before the window's end);
 * - each outcome recorded or corrected emits `outcome.recorded` with the outcome it now has (as one
 *   does) and its audit event, by INSERT … SELECT; the funnel's summary follows by its triggers.
 */
@Injectable()
export class SustainmentsBulkService {
  constructor(
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
  ) {}

  async mergeStaged(qr: QueryRunner, stage: string, actor: Actor, refs: StagedSustainmentRefs): Promise<void> {
    await this.check(qr, stage, actor, refs);
    const outcome = `CASE WHEN s.sustained THEN '${SustainmentStatus.SUSTAINED}' ELSE '${SustainmentStatus.NOT_SUSTAINED}' END`;
    // Emitted first, so a correction's audit event can say what the outcome and note were before it.
    await this.outbox.emitSelect(
      qr,
      actor,
      `SELECT 'outcome.recorded' AS type, 'job_sustainment' AS aggregate_type, s.sustainment_id AS aggregate_id, s.person_id,
              jsonb_build_object('outcome', ${outcome}, 'dataCategory', '${DataCategory.EMPLOYMENT}') AS payload,
              CASE WHEN s.action = 'updated'
                   THEN jsonb_build_object('status', jsonb_build_object('old', j.status, 'new', ${outcome}),
                                           'note', jsonb_build_object('old', j.note, 'new', s.note)) END AS changes,
              ARRAY['${DataCategory.EMPLOYMENT}'] AS categories, '{note,status}'::text[] AS fields
         FROM ${stage} s JOIN job_sustainment j ON j.id = s.sustainment_id WHERE s.action IN ('created', 'updated')`,
    );
    await qr.query(
      `UPDATE job_sustainment j SET status = ${outcome}, recorded_at = now(), recorded_by = $1, note = s.note
         FROM ${stage} s WHERE s.action IN ('created', 'updated') AND j.id = s.sustainment_id`,
      [actorRef(actor)],
    );
  }

  private async check(qr: QueryRunner, stage: string, actor: Actor, refs: StagedSustainmentRefs): Promise<void> {
    const visible = this.access.personScope(actor, 'p.person_id', true);
    const employment = `'${DataCategory.EMPLOYMENT}'`;
    const readable = this.access.scope(actor, 'read', { person: 'p.person_id', category: employment, perRow: true });
    const writable = this.access.scope(actor, 'write', { person: 'p.person_id', category: employment, perRow: true });
    const writeWhere = writable.where.replaceAll(':accessCeiling', ':writeCeiling');
    const outcome = `CASE WHEN k.sustained THEN '${SustainmentStatus.SUSTAINED}' ELSE '${SustainmentStatus.NOT_SUSTAINED}' END`;
    const early = `(now() AT TIME ZONE 'Europe/London')::date < k.due_on`;
    const sql = `
      WITH r AS MATERIALIZED (SELECT x.line, x.sustained, x.note, ${refs.intervention} AS intervention_id FROM ${stage} x),
           k AS MATERIALIZED (
             SELECT r.line, r.sustained, r.note, j.id AS sustainment_id, j.status, j.due_on, i.organisation_id,
                    ${survivorSql('j.person_id')} AS person_id
               FROM r LEFT JOIN LATERAL (SELECT id, organisation_id FROM intervention WHERE id = r.intervention_id OFFSET 0) i ON TRUE
                      LEFT JOIN LATERAL (SELECT id, person_id, status, due_on FROM job_sustainment WHERE intervention_id = i.id OFFSET 0) j ON TRUE),
           v AS MATERIALIZED (
             SELECT p.person_id, COALESCE(${visible.where}, FALSE) AS visible,
                    COALESCE(${readable.where}, FALSE) AND COALESCE(${writeWhere}, FALSE) AS writable
               FROM (SELECT DISTINCT person_id FROM k WHERE person_id IS NOT NULL) p),
           c AS (
             SELECT k.line, k.sustainment_id, k.person_id,
                    CASE WHEN k.sustainment_id IS NULL OR k.organisation_id <> CAST(:accessOrg AS uuid) OR NOT v.visible THEN 'NOT_FOUND'
                         WHEN NOT v.writable THEN 'FORBIDDEN'
                         WHEN k.status = ${outcome} THEN NULL
                         WHEN k.sustained AND ${early} THEN 'TOO_EARLY'
                         WHEN k.status <> '${SustainmentStatus.OPEN}' AND COALESCE(btrim(k.note), '') = '' THEN 'CORRECTION_NOTE_REQUIRED'
                         WHEN NOT k.sustained AND ${early} AND COALESCE(btrim(k.note), '') = '' THEN 'NOTE_REQUIRED' END AS reject_code,
                    CASE WHEN k.status = '${SustainmentStatus.OPEN}' THEN 'created' WHEN k.status = ${outcome} THEN 'unchanged' ELSE 'updated' END AS action
               FROM k LEFT JOIN v ON v.person_id = k.person_id)
      UPDATE ${stage} s SET sustainment_id = c.sustainment_id, person_id = c.person_id, reject_code = c.reject_code,
             action = CASE WHEN c.reject_code IS NULL THEN c.action END
        FROM c WHERE c.line = s.line`;
    const [text, values] = qr.connection.driver.escapeQueryWithParameters(sql, {
      ...refs.parameters,
      ...visible.parameters,
      ...readable.parameters,
      writeCeiling: writable.parameters.accessCeiling,
    });
    await qr.query(text, values);
  }
}
