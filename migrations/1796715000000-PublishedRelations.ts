import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relations libs publish for other libs to read, as views: the owning lib's tables stay its own, and
 * a reader names a view whose columns are a typed contract (`*.relations.ts` in the owning lib, checked
 * against the database by test/published-relations.e2e-spec.ts). Plain views: PostgreSQL expands them
 * into the reader's query, so plans are those of the SQL they replace.
 *
 * persons: person_merged_record, person_reporting, person_lead, person_led_record, person_involvement_ref;
 * organisations: organisation_directory; interventions: intervention_reporting, intervention_contact,
 * intervention_ref; consent: consent_unrenewed, consent_ref; reporting: ogrs_assessment_ref, reconviction_ref.
 */
const VIEWS: [name: string, sql: string][] = [
  ['person_merged_record', `SELECT p.id, p.merged_into_id AS survivor_id FROM person p WHERE p.merged_into_id IS NOT NULL`],
  ['person_reporting', `SELECT p.id, COALESCE(p.merged_into_id, p.id) AS survivor_id, p.region FROM person p`],
  [
    'person_lead',
    `SELECT COALESCE(p.merged_into_id, p.id) AS person_id, i.organisation_id, i.started_at, i.ended_at
       FROM involvement i JOIN person p ON p.id = i.person_id WHERE i.role = 'lead'`,
  ],
  [
    'person_led_record',
    `SELECT l.organisation_id, r.id AS record_id
       FROM person_lead l CROSS JOIN LATERAL unnest(l.person_id || ARRAY(SELECT pm.id FROM person pm WHERE pm.merged_into_id = l.person_id)) AS r(id)`,
  ],
  ['person_involvement_ref', `SELECT v.id, v.person_id FROM involvement v`],
  ['organisation_directory', `SELECT o.id, o.name FROM organisation o`],
  [
    'intervention_reporting',
    `SELECT i.person_id, i.organisation_id, i.type_code, t.group_name, i.data_category, i.status, i.occurred_at,
        CASE WHEN i.outcome->>'kind' = 'qualification' THEN i.outcome->>'qualification' END AS qualification,
        CASE WHEN i.outcome->>'kind' = 'job' THEN i.outcome->>'sector' END AS job_sector,
        CASE WHEN i.outcome->>'kind' = 'job' AND i.status IN ('started', 'completed') THEN (i.outcome->>'startDate')::date END AS job_start_date,
        s.status AS sustainment_status
       FROM intervention i
       JOIN intervention_type t ON t.code = i.type_code
       LEFT JOIN job_sustainment s ON s.intervention_id = i.id`,
  ],
  [
    'intervention_contact',
    `SELECT i.person_id, i.data_category, i.status, i.occurred_at FROM intervention i
     UNION ALL SELECT a.person_id, a.data_category, 'completed', a.starts_at FROM appointment a WHERE a.status = 'attended'
     UNION ALL SELECT c.person_id, c.data_category, 'completed', c.occurred_at FROM contact_attempt c WHERE c.result = 'reached'`,
  ],
  ['intervention_ref', `SELECT i.id, i.person_id FROM intervention i`],
  [
    'consent_unrenewed',
    `SELECT c.id, c.person_id, c.purpose, c.organisation_id, c.organisation_kind, c.recorded_by_organisation_id, c.expires_at
       FROM consent c
      WHERE c.withdrawn_at IS NULL AND c.expires_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM consent n
                         WHERE n.person_id = c.person_id AND n.purpose = c.purpose AND n.id <> c.id AND n.withdrawn_at IS NULL
                           AND n.organisation_id IS NOT DISTINCT FROM c.organisation_id AND n.organisation_kind IS NOT DISTINCT FROM c.organisation_kind
                           AND (n.expires_at IS NULL OR n.expires_at > c.expires_at))`,
  ],
  ['consent_ref', `SELECT c.id, c.person_id FROM consent c`],
  ['ogrs_assessment_ref', `SELECT o.id, o.person_id FROM ogrs_assessment o`],
  ['reconviction_ref', `SELECT r.id, r.person_id FROM reconviction r`],
];

export class PublishedRelations1796715000000 implements MigrationInterface {
  name = 'PublishedRelations1796715000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const [name, sql] of VIEWS) await q.query(`CREATE VIEW "${name}" AS ${sql}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...VIEWS].reverse()) await q.query(`DROP VIEW "${name}"`);
  }
}
