import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import type { CompiledScope } from '@hub/access';
import { OrganisationKind } from '@hub/common';

/** The staging table's shape, filled by the bulk loader (COPY) before mergeStaged. */
export const PERSON_STAGE_COLUMNS = `
  line integer NOT NULL,
  external_id text NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  normalised_name text NOT NULL,
  date_of_birth date NOT NULL,
  region text,
  release_date date,
  identifiers jsonb NOT NULL,
  offence_summary text,
  ogrs_score numeric(5,2),
  ogrs_assessed_on date,
  risk_level text,
  person_id uuid,
  action text,
  reject_code text,
  ogrs_changed boolean NOT NULL DEFAULT false`;

export interface BulkActor {
  ref: string;
  organisationId: string;
  organisationKind: string;
}

/**
 * Set-based merge of staged person records into this lib's tables: match by the person id the caller
 * resolved (external reference) or by identifier, refuse people the organisation does not work with,
 * create the new, update what changed (with history and a version bump), add identifiers and the
 * organisation's involvement. Marks each staged row created / updated / unchanged or rejected, and
 * whether its OGRS score took a new value (ogrs_changed: the caller emits OGRS_SCORED for those).
 */
@Injectable()
export class PersonsBulkService {
  /**
   * `writable`: the access policy's scope (AccessService.scope, 'write', identity, perRow) over `s.person_id`:
   * an existing person outside it is refused NOT_FOUND, exactly as updatePerson would.
   * `checkFields`: run once every staged row has its person (or none, to be created) and before anything
   * is written, to reject rows whose field values the organisation may not put into the record.
   */
  async mergeStaged(
    qr: QueryRunner,
    stage: string,
    actor: BulkActor,
    writable: CompiledScope,
    checkFields?: (qr: QueryRunner) => Promise<void>,
  ): Promise<void> {
    // The staged chunk is small and the tables large: lookups are probes per staged row, kept so with
    // OFFSET 0 where the planner (its statistics behind a growing table) might scan a whole table instead.
    // Identifier match for rows with no person yet: one person, or a conflict.
    await qr.query(`
      WITH ids AS (
        SELECT s.line, x.scheme, upper(replace(x.value, ' ', '')) AS value
          FROM ${stage} s, jsonb_to_recordset(s.identifiers) AS x(scheme text, value text)
         WHERE s.person_id IS NULL AND s.reject_code IS NULL),
      matched AS (
        SELECT ids.line, array_agg(DISTINCT m.person) AS persons
          FROM ids CROSS JOIN LATERAL (
                 SELECT COALESCE(p.merged_into_id, p.id) AS person FROM person_identifier pi JOIN person p ON p.id = pi.person_id
                  WHERE pi.scheme = ids.scheme AND pi.value = ids.value OFFSET 0) m
         GROUP BY ids.line)
      UPDATE ${stage} s
         SET person_id = CASE WHEN cardinality(m.persons) = 1 THEN m.persons[1] END,
             reject_code = CASE WHEN cardinality(m.persons) > 1 THEN 'IDENTIFIER_CONFLICT' END
        FROM matched m WHERE m.line = s.line`);
    // Existing people: only those the organisation may write (works with), by the access policy's own SQL scope.
    const [worksWith, values] = qr.connection.driver.escapeQueryWithParameters(
      `UPDATE ${stage} s SET reject_code = 'NOT_FOUND' WHERE s.person_id IS NOT NULL AND s.reject_code IS NULL AND NOT COALESCE(${writable.where}, FALSE)`,
      writable.parameters,
    );
    await qr.query(worksWith, values);
    // No identifier and the same name and date of birth as someone: a person must tell them apart.
    await qr.query(`
      UPDATE ${stage} s SET reject_code = 'POSSIBLE_DUPLICATE'
       WHERE s.person_id IS NULL AND s.reject_code IS NULL AND s.identifiers = '[]'::jsonb
         AND EXISTS (SELECT 1 FROM person p WHERE p.normalised_name = s.normalised_name AND p.date_of_birth = s.date_of_birth AND p.merged_into_id IS NULL)`);
    await checkFields?.(qr);
    await qr.query(
      `UPDATE ${stage} SET person_id = gen_random_uuid(), action = 'created', ogrs_changed = ogrs_score IS NOT NULL WHERE person_id IS NULL AND reject_code IS NULL`,
    );
    await qr.query(
      `INSERT INTO person (id, given_name, family_name, normalised_name, date_of_birth, region, release_date, offence_summary, ogrs_score, risk_level, created_by_organisation_id, version)
       SELECT person_id, given_name, family_name, normalised_name, date_of_birth, region, release_date, offence_summary, ogrs_score, risk_level, $1, 1
         FROM ${stage} WHERE action = 'created'`,
      [actor.organisationId],
    );
    await qr.query(
      `INSERT INTO person_change (person_id, action, version, changes, reason, changed_by, organisation_id)
       SELECT person_id, 'created', 1, '{}'::jsonb, 'Synchronised from external system (bulk)', $1, $2 FROM ${stage} WHERE action = 'created'`,
      [actor.ref, actor.organisationId],
    );
    const role = actor.organisationKind === OrganisationKind.PROBATION ? 'lead' : 'provider';
    await qr.query(
      `INSERT INTO involvement (person_id, organisation_id, role, started_at, source, created_by)
       SELECT person_id, $1, $2, now(), 'sync', $3 FROM ${stage} WHERE action = 'created'`,
      [actor.organisationId, role, actor.ref],
    );
    // Updates: absent (null) optional fields leave the value as it is.
    const field = (col: string, key: string) =>
      `'${key}', CASE WHEN s.${col} IS NOT NULL AND p.${col} IS DISTINCT FROM s.${col} THEN jsonb_build_object('old', p.${col}, 'new', s.${col}) END`;
    await qr.query(
      `WITH diff AS (
         SELECT s.line, p.id, jsonb_strip_nulls(jsonb_build_object(
           ${field('given_name', 'givenName')}, ${field('family_name', 'familyName')}, ${field('date_of_birth', 'dateOfBirth')},
           ${field('region', 'region')}, ${field('release_date', 'releaseDate')}, ${field('offence_summary', 'offenceSummary')},
           ${field('ogrs_score', 'ogrsScore')}, ${field('risk_level', 'riskLevel')})) AS changes
           FROM ${stage} s CROSS JOIN LATERAL (SELECT * FROM person WHERE id = s.person_id OFFSET 0) p
          WHERE s.action IS NULL AND s.reject_code IS NULL),
       upd AS (
         UPDATE person p SET
           given_name = s.given_name, family_name = s.family_name, normalised_name = s.normalised_name, date_of_birth = s.date_of_birth,
           region = COALESCE(s.region, p.region), release_date = COALESCE(s.release_date, p.release_date),
           offence_summary = COALESCE(s.offence_summary, p.offence_summary), ogrs_score = COALESCE(s.ogrs_score, p.ogrs_score),
           risk_level = COALESCE(s.risk_level, p.risk_level), version = p.version + 1, updated_at = now()
           FROM ${stage} s JOIN diff d ON d.line = s.line
          WHERE p.id = s.person_id AND d.changes <> '{}'::jsonb
         RETURNING p.id, p.version),
       hist AS (
         INSERT INTO person_change (person_id, action, version, changes, reason, changed_by, organisation_id)
         SELECT upd.id, 'updated', upd.version, d.changes, 'Synchronised from external system (bulk)', $1, $2 FROM upd JOIN diff d ON d.id = upd.id)
       UPDATE ${stage} s SET action = CASE WHEN EXISTS (SELECT 1 FROM upd WHERE upd.id = s.person_id) THEN 'updated' ELSE 'unchanged' END,
              ogrs_changed = EXISTS (SELECT 1 FROM upd JOIN diff d ON d.id = upd.id WHERE d.line = s.line AND d.changes ? 'ogrsScore')
        WHERE s.action IS NULL AND s.reject_code IS NULL`,
      [actor.ref, actor.organisationId],
    );
    await qr.query(`
      INSERT INTO person_identifier (person_id, scheme, value)
      SELECT s.person_id, x.scheme, upper(replace(x.value, ' ', ''))
        FROM ${stage} s, jsonb_to_recordset(s.identifiers) AS x(scheme text, value text)
       WHERE s.action IN ('created', 'updated', 'unchanged')
      ON CONFLICT (scheme, value) DO NOTHING`);
  }
}
