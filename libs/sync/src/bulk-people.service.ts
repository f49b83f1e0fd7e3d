import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { AccessService, DataCategory, Permission } from '@hub/access';
import { type Actor, OrganisationKind } from '@hub/common';
import { OutboxService } from '@hub/events';
import { RegionsService } from '@hub/organisations';
import { actorRef, OGRS_SCORED, PERSON_STAGE_COLUMNS, PersonsBulkService } from '@hub/persons';
import { type BulkJob, type BulkKind, BulkLoader } from './bulk-loader.service.js';
import { ExternalIdSuppressionService } from './external-id-suppression.service.js';
import { type PersonStageRow, STAGE_COPY_COLUMNS, stageCsv, toPersonStageRow } from './person-stage-row.js';

const REJECTIONS: Record<string, { code: string; message: string }> = {
  IDENTIFIER_CONFLICT: { code: 'IDENTIFIER_CONFLICT', message: 'The identifiers belong to different people' },
  NOT_FOUND: { code: 'NOT_FOUND', message: 'A person with these identifiers exists but your organisation does not work with them' },
  POSSIBLE_DUPLICATE: {
    code: 'POSSIBLE_DUPLICATE',
    message: 'Someone with the same name and date of birth exists and no identifier tells them apart',
  },
  FORBIDDEN: {
    code: 'FORBIDDEN',
    // What to do about it: an organisation reads these categories by a consent or a sharing agreement in force (a
    // probation organisation by its statutory agreement, which a new organisation lacks until it is recorded).
    message:
      'Your organisation may not record offending or risk data for this person: it could not read it back (no consent or sharing agreement in force covers that data for it)',
  },
};

/**
 * People on the streaming bulk path (POST /sync/people): each line checked with the rules of
 * syncPeople, merged by the persons lib's set-based SQL, external ids and domain events (with their
 * audit events) written set-based in the chunk's transaction.
 */
@Injectable()
export class BulkPeopleService implements BulkKind<PersonStageRow> {
  readonly kind = 'people';
  readonly stage = 'sync_person_stage';
  readonly stageColumns = PERSON_STAGE_COLUMNS;
  readonly copyColumns = STAGE_COPY_COLUMNS;
  readonly toCsv = stageCsv;

  constructor(
    private readonly loader: BulkLoader,
    private readonly persons: PersonsBulkService,
    private readonly outbox: OutboxService,
    private readonly access: AccessService,
    private readonly suppression: ExternalIdSuppressionService,
    private readonly vocabulary: RegionsService,
  ) {}

  load(actor: Actor, system: string, key: string, input: Readable): Promise<BulkJob> {
    return this.loader.load(this, actor, system, key, input);
  }

  async checker(actor: Actor) {
    const writable = this.access.ceiling(actor, 'write');
    this.access.require(actor, Permission.SYNC_LOAD);
    // The fingerprint keys are read now: merge() runs on the load's connection and must not wait for another.
    await this.suppression.ready();
    const regions = await this.vocabulary.vocabulary();
    return (line: number, raw: unknown) => toPersonStageRow(line, raw, writable, regions);
  }

  /**
   * The rule of updatePerson and createPerson (decideFieldChange), set-based: a row giving offending or
   * risk values is rejected unless the organisation may read that category of the person (an existing
   * one: the policy's SQL scope, row by row; a new one: the facts it will have, its agreements only).
   */
  private async checkFields(qr: QueryRunner, actor: Actor): Promise<void> {
    const newFacts = await this.access.newRecordFacts(actor, actor.organisationKind === OrganisationKind.PROBATION);
    const conditions: string[] = [];
    let parameters: Record<string, unknown> = {};
    for (const [category, given] of [
      [DataCategory.OFFENDING, '(s.offence_summary IS NOT NULL OR s.ogrs_score IS NOT NULL)'],
      [DataCategory.RISK, 's.risk_level IS NOT NULL'],
    ] as const) {
      const existing = this.access.scope(actor, 'read', { person: 's.person_id', category: `'${category}'`, perRow: true });
      const onNew = this.access.decideFieldChange(actor, category, newFacts).allowed;
      parameters = { ...parameters, ...existing.parameters };
      conditions.push(`(${given} AND CASE WHEN s.person_id IS NULL THEN NOT ${onNew} ELSE NOT (${existing.where}) END)`);
    }
    const [sql, values] = qr.connection.driver.escapeQueryWithParameters(
      `UPDATE ${this.stage} s SET reject_code = 'FORBIDDEN' WHERE s.reject_code IS NULL AND (${conditions.join(' OR ')})`,
      parameters,
    );
    await qr.query(sql, values);
  }

  async merge(qr: QueryRunner, actor: Actor, system: string, rows: readonly PersonStageRow[]): Promise<void> {
    // A probe per staged row (a join may scan every reference of the system for each chunk).
    await qr.query(
      `UPDATE ${this.stage} s SET person_id = (SELECT r.entity_id FROM external_ref r WHERE r.system = $1 AND r.organisation_id = $2 AND r.entity_type = 'person' AND r.external_id = s.external_id)`,
      [system, actor.organisationId],
    );
    await this.matchErased(qr, actor, system, rows);
    // Existing people: the policy's own rule (relationship, by involvement or an open referral to the organisation), as SQL.
    const writable = this.access.scope(actor, 'write', { person: 's.person_id', category: `'${DataCategory.IDENTITY}'`, perRow: true });
    await this.persons.mergeStaged(
      qr,
      this.stage,
      { ref: actorRef(actor), organisationId: actor.organisationId, organisationKind: actor.organisationKind },
      writable,
      (q) => this.checkFields(q, actor),
    );
    await qr.query(
      `INSERT INTO external_ref (system, entity_type, external_id, entity_id, organisation_id)
       SELECT $1, 'person', external_id, person_id, $2 FROM ${this.stage} WHERE action IS NOT NULL ON CONFLICT (organisation_id, system, entity_type, external_id) DO NOTHING`,
      [system, actor.organisationId],
    );
    await this.outbox.emitSelect(
      qr,
      actor,
      `SELECT CASE action WHEN 'created' THEN 'person.created' ELSE 'person.updated' END AS type, 'person' AS aggregate_type, person_id AS aggregate_id,
              person_id, jsonb_build_object('source', 'bulk', 'system', $1::text) AS payload, NULL::jsonb AS changes,
              ARRAY['${DataCategory.IDENTITY}'] || CASE WHEN offence_summary IS NOT NULL OR ogrs_score IS NOT NULL THEN ARRAY['${DataCategory.OFFENDING}'] ELSE '{}' END
                || CASE WHEN risk_level IS NOT NULL THEN ARRAY['${DataCategory.RISK}'] ELSE '{}' END AS categories, NULL::text[] AS fields
         FROM ${this.stage} WHERE action IN ('created', 'updated')
       UNION ALL
       SELECT '${OGRS_SCORED}', 'person', person_id, person_id,
              jsonb_strip_nulls(jsonb_build_object('dataCategory', '${DataCategory.OFFENDING}', 'assessedOn', ogrs_assessed_on)), NULL, NULL, NULL
         FROM ${this.stage} WHERE action IN ('created', 'updated') AND ogrs_changed`,
      [system],
    );
  }

  /**
   * An id not found may be an erased person's: its fingerprint (under each key, computed here) then
   * finds the record, which the merge refuses as one the caller cannot read. A probe per fingerprint,
   * kept apart from any join (LIMIT), so it goes through the key whatever the statistics say.
   */
  private async matchErased(qr: QueryRunner, actor: Actor, system: string, rows: readonly PersonStageRow[]): Promise<void> {
    const { of, fingerprints } = await this.suppression.fingerprints(rows.map((r) => r.externalId));
    if (!fingerprints.length) return;
    await qr.query(
      `UPDATE ${this.stage} s SET person_id = m.entity_id
         FROM (SELECT f.line, r.entity_id FROM unnest($2::int[], $3::text[]) AS f(line, fingerprint)
                 CROSS JOIN LATERAL (SELECT r.entity_id FROM external_ref r WHERE r.system = $1 AND r.organisation_id = $4 AND r.entity_type = 'person' AND r.external_id = f.fingerprint LIMIT 1) r) m
        WHERE s.line = m.line AND s.person_id IS NULL`,
      [system, of.map((i) => rows[i].line), fingerprints, actor.organisationId],
    );
  }

  rejection(rejectCode: string): { code: string; message: string } {
    return REJECTIONS[rejectCode] ?? { code: rejectCode, message: rejectCode };
  }
}
