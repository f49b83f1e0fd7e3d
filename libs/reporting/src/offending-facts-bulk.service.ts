import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { AccessService, DataCategory } from '@hub/access';
import type { Actor } from '@hub/common';
import { OutboxService } from '@hub/events';
import { actorRef, survivorSql } from '@hub/persons';

/**
 * The staging table's shape for OGRS assessments and proven reconvictions, filled by the bulk loader
 * (COPY) before mergeStaged: `score` for an assessment (null for a reconviction), `on_date` the
 * assessment's or the new offence's date. mergeStaged sets person_id and fact_id.
 */
export const OFFENDING_FACT_STAGE_COLUMNS = `
  line integer NOT NULL,
  external_id text NOT NULL,
  new_id uuid NOT NULL,
  score numeric(5,2),
  on_date date NOT NULL,
  person_id uuid,
  fact_id uuid,
  action text,
  reject_code text,
  changes jsonb`;

/** The columns of OFFENDING_FACT_STAGE_COLUMNS the loader fills by COPY. */
export const OFFENDING_FACT_STAGE_COPY_COLUMNS = 'line, external_id, new_id, score, on_date';

export type OffendingFactKind = 'ogrs' | 'reconviction';

/** How the loader finds what a staged row's external ids name: SQL expressions over the staged row `x`. */
export interface StagedFactRefs {
  /** The id of the person record the row's external person id names (null when unknown). */
  person: string;
  /** The id of the assessment or reconviction the row's external id names (null when it is new). */
  fact: string;
  parameters: Record<string, unknown>;
}

const TABLES: Record<OffendingFactKind, { table: string; date: string; dateField: string; event: string; aggregate: string }> = {
  ogrs: { table: 'ogrs_assessment', date: 'assessed_on', dateField: 'assessedOn', event: 'ogrs.recorded', aggregate: 'ogrs_assessment' },
  reconviction: {
    table: 'reconviction',
    date: 'convicted_on',
    dateField: 'convictedOn',
    event: 'reconviction.recorded',
    aggregate: 'reconviction',
  },
};

/**
 * Set-based merge of staged OGRS assessments or proven reconvictions (offending data), with the rules
 * of recording one (ReconvictionFactsService) applied to the whole chunk in SQL:
 *
 * - the person (the surviving record of a merge) must be one the actor may see (NOT_FOUND otherwise,
 *   exactly as for an unknown person), and the actor must read and write offending data for them
 *   (FORBIDDEN);
 * - an existing record (by its external id) is changed only by the organisation that recorded it
 *   (NOT_FOUND for anyone else); a changed score or date is written over, with its old and new values
 *   in the audit; the same values again are `unchanged`;
 * - every created or changed record emits `ogrs.recorded` / `reconviction.recorded` (source `sync`)
 *   and its audit event, by INSERT … SELECT, in the chunk's transaction.
 */
@Injectable()
export class OffendingFactsBulkService {
  constructor(
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
  ) {}

  private scoped(qr: QueryRunner, sql: string, parameters: Record<string, unknown>): Promise<unknown> {
    const [text, values] = qr.connection.driver.escapeQueryWithParameters(sql, parameters);
    return qr.query(text, values);
  }

  async mergeStaged(qr: QueryRunner, stage: string, actor: Actor, kind: OffendingFactKind, refs: StagedFactRefs): Promise<void> {
    const t = TABLES[kind];
    await this.check(qr, stage, actor, t.table, refs);
    const scoreChange =
      kind === 'ogrs'
        ? `CASE WHEN f.score IS DISTINCT FROM s.score THEN jsonb_build_object('score', jsonb_build_object('old', f.score, 'new', s.score)) ELSE '{}'::jsonb END`
        : `'{}'::jsonb`;
    await qr.query(
      `WITH d AS (
         SELECT s.line, s.fact_id,
                ${scoreChange}
             || CASE WHEN f.${t.date} <> s.on_date THEN jsonb_build_object('${t.dateField}', jsonb_build_object('old', f.${t.date}, 'new', s.on_date)) ELSE '{}'::jsonb END AS changes
           FROM ${stage} s JOIN ${t.table} f ON f.id = s.fact_id
          WHERE s.fact_id IS NOT NULL AND s.reject_code IS NULL),
       upd AS (
         UPDATE ${t.table} f SET ${kind === 'ogrs' ? 'score = s.score, ' : ''}${t.date} = s.on_date
           FROM ${stage} s JOIN d ON d.line = s.line WHERE f.id = s.fact_id AND d.changes <> '{}'::jsonb)
       UPDATE ${stage} s SET action = CASE WHEN d.changes = '{}'::jsonb THEN 'unchanged' ELSE 'updated' END, changes = NULLIF(d.changes, '{}'::jsonb)
         FROM d WHERE d.line = s.line`,
    );
    await qr.query(
      `INSERT INTO ${t.table} (id, person_id, ${kind === 'ogrs' ? 'score, ' : ''}${t.date}, source, organisation_id, recorded_by)
       SELECT new_id, person_id, ${kind === 'ogrs' ? 'score, ' : ''}on_date, 'sync', $1, $2 FROM ${stage} WHERE action = 'created'`,
      [actor.organisationId, actorRef(actor)],
    );
    await this.outbox.emitSelect(
      qr,
      actor,
      `SELECT '${t.event}' AS type, '${t.aggregate}' AS aggregate_type, COALESCE(s.fact_id, s.new_id) AS aggregate_id, s.person_id,
              jsonb_build_object('${t.dateField}', s.on_date, 'dataCategory', '${DataCategory.OFFENDING}', 'source', 'sync') AS payload,
              s.changes, ARRAY['${DataCategory.OFFENDING}'] AS categories,
              CASE WHEN s.action = 'created' THEN ${kind === 'ogrs' ? `'{${t.dateField},score}'` : `'{${t.dateField}}'`}::text[]
                   ELSE ARRAY(SELECT k COLLATE "C" FROM jsonb_object_keys(s.changes) k ORDER BY 1) END AS fields
         FROM ${stage} s WHERE s.action IN ('created', 'updated')`,
    );
  }

  /**
   * What each row's external ids name, the person (an existing record's own, else the one named; the
   * surviving record of a merge), then the policy once per person: NOT_FOUND, FORBIDDEN, or created.
   */
  private async check(qr: QueryRunner, stage: string, actor: Actor, table: string, refs: StagedFactRefs): Promise<void> {
    const visible = this.access.personScope(actor, 'p.person_id', true);
    const offending = `'${DataCategory.OFFENDING}'`;
    const readable = this.access.scope(actor, 'read', { person: 'p.person_id', category: offending, perRow: true });
    const writable = this.access.scope(actor, 'write', { person: 'p.person_id', category: offending, perRow: true });
    const writeWhere = writable.where.replaceAll(':accessCeiling', ':writeCeiling');
    const sql = `
      WITH r AS MATERIALIZED (SELECT x.line, ${refs.person} AS named, ${refs.fact} AS fact_id FROM ${stage} x),
           k AS MATERIALIZED (
             SELECT r.line, r.fact_id, ${survivorSql('COALESCE(f.person_id, r.named)')} AS person_id,
                    CASE WHEN r.named IS NULL OR (r.fact_id IS NOT NULL AND f.id IS NULL) OR f.organisation_id <> CAST(:accessOrg AS uuid) THEN 'NOT_FOUND' END AS refused
               FROM r LEFT JOIN LATERAL (SELECT id, person_id, organisation_id FROM ${table} WHERE id = r.fact_id OFFSET 0) f ON TRUE),
           v AS MATERIALIZED (
             SELECT p.person_id, COALESCE(${visible.where}, FALSE) AS visible,
                    COALESCE(${readable.where}, FALSE) AND COALESCE(${writeWhere}, FALSE) AS writable
               FROM (SELECT DISTINCT person_id FROM k WHERE refused IS NULL) p),
           c AS (
             SELECT k.line, k.person_id, k.fact_id,
                    CASE WHEN k.refused IS NOT NULL THEN k.refused WHEN NOT v.visible THEN 'NOT_FOUND' WHEN NOT v.writable THEN 'FORBIDDEN' END AS reject_code
               FROM k LEFT JOIN v ON v.person_id = k.person_id)
      UPDATE ${stage} s SET person_id = c.person_id, fact_id = c.fact_id, reject_code = c.reject_code,
             action = CASE WHEN c.reject_code IS NULL AND c.fact_id IS NULL THEN 'created' END
        FROM c WHERE c.line = s.line`;
    await this.scoped(qr, sql, {
      ...refs.parameters,
      ...visible.parameters,
      ...readable.parameters,
      writeCeiling: writable.parameters.accessCeiling,
    });
  }
}
