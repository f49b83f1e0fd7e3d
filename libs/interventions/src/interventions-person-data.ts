import { Injectable } from '@nestjs/common';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep, type PersonRetentionRule } from '@hub/common';
import { organisationNameSql } from '@hub/organisations';

/**
 * The interventions lib's part of a subject access export, of an erasure and of retention:
 * interventions with outcomes, sustainment checks, appointments and contact attempts.
 */
@Injectable()
@PersonData()
export class InterventionsPersonData implements PersonDataSource {
  personDataSections(): PersonDataSection[] {
    return [
      {
        key: 'interventions',
        title: 'Interventions',
        order: 40,
        sql: `SELECT i.id, ${organisationNameSql('i.organisation_id')} AS organisation, t.name AS type, i.data_category, i.status, i.occurred_at, i.notes, i.outcome
                FROM intervention i LEFT JOIN intervention_type t ON t.code = i.type_code WHERE i.person_id = ANY($1::uuid[]) ORDER BY i.occurred_at`,
      },
      {
        key: 'interventionCorrections',
        title: 'Interventions as they were before a correction',
        order: 41,
        sql: `SELECT r.intervention_id, r.version, r.status, r.occurred_at, r.notes, r.outcome, r.corrected_by_name, r.corrected_at, r.reason
                FROM intervention_revision r WHERE r.person_id = ANY($1::uuid[]) ORDER BY r.intervention_id, r.version`,
      },
      {
        key: 'appointments',
        title: 'Appointments',
        order: 42,
        sql: `SELECT a.id, ${organisationNameSql('a.organisation_id')} AS organisation, t.name AS service, a.data_category, a.starts_at, a.duration_minutes,
                     a.mode, a.location, a.status, a.cancelled_by, a.outcome_note, a.rescheduled_from_id, a.rescheduled_to_id
                FROM appointment a LEFT JOIN intervention_type t ON t.code = a.service_code WHERE a.person_id = ANY($1::uuid[]) ORDER BY a.starts_at`,
      },
      {
        key: 'contactAttempts',
        title: 'Contact attempts',
        order: 44,
        sql: `SELECT c.id, ${organisationNameSql('c.organisation_id')} AS organisation, t.name AS service, c.data_category, c.channel, c.result, c.occurred_at, c.note
                FROM contact_attempt c LEFT JOIN intervention_type t ON t.code = c.service_code WHERE c.person_id = ANY($1::uuid[]) ORDER BY c.occurred_at`,
      },
      {
        key: 'sustainments',
        title: 'Job sustainment checks',
        order: 50,
        sql: `SELECT s.start_date::text AS start_date, s.due_on::text AS due_on, s.status, s.recorded_at, s.note, ${organisationNameSql('s.organisation_id')} AS organisation
                FROM job_sustainment s WHERE s.person_id = ANY($1::uuid[]) ORDER BY s.start_date`,
      },
    ];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [
      { key: 'interventionCorrections', order: 19, sql: 'DELETE FROM intervention_revision WHERE person_id = ANY($1::uuid[])' },
      { key: 'interventions', order: 20, sql: 'DELETE FROM intervention WHERE person_id = ANY($1::uuid[])' },
      { key: 'sustainments', order: 30, sql: 'DELETE FROM job_sustainment WHERE person_id = ANY($1::uuid[])' },
      { key: 'contactAttempts', order: 32, sql: 'DELETE FROM contact_attempt WHERE person_id = ANY($1::uuid[])' },
      { key: 'appointments', order: 34, sql: 'DELETE FROM appointment WHERE person_id = ANY($1::uuid[])' },
    ];
  }

  /** An intervention is kept for its category's period from when it happened; its sustainment check goes with it. */
  personRetention(): PersonRetentionRule[] {
    return [
      {
        key: 'interventions',
        expiredSql: `SELECT i.person_id AS record_id, i.id, i.data_category FROM intervention i
                       JOIN jsonb_each_text($1::jsonb) AS cut(category, before) ON cut.category = i.data_category
                      WHERE i.occurred_at < cut.before::timestamptz`,
        eraseSql: [
          'DELETE FROM intervention WHERE id = ANY($1::uuid[]) RETURNING data_category',
          'DELETE FROM job_sustainment WHERE intervention_id = ANY($1::uuid[]) RETURNING id',
          'DELETE FROM intervention_revision WHERE intervention_id = ANY($1::uuid[]) RETURNING id',
        ],
        activitySql: '(SELECT i.person_id, i.occurred_at AS at FROM intervention i)',
      },
    ];
  }
}
