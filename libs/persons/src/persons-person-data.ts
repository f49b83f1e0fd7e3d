import { Injectable } from '@nestjs/common';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep } from '@hub/common';
import { organisationNameSql } from '@hub/organisations';

/** The persons lib's part of a subject access export and of an erasure: the record, its identifiers, involvements and history. */
@Injectable()
@PersonData()
export class PersonsPersonData implements PersonDataSource {
  personDataSections(): PersonDataSection[] {
    return [
      {
        key: 'person',
        title: 'Record',
        order: 10,
        sql: `SELECT id, given_name, family_name, date_of_birth::text AS date_of_birth, region, release_date::text AS release_date, offence_summary, ogrs_score, risk_level, health_notes, stage, merged_into_id, created_at, updated_at
                FROM person WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
      },
      {
        key: 'identifiers',
        title: 'Identifiers',
        order: 20,
        sql: `SELECT scheme, value, person_id FROM person_identifier WHERE person_id = ANY($1::uuid[]) ORDER BY scheme, value`,
      },
      {
        key: 'involvements',
        title: 'Organisations working with the person',
        order: 30,
        sql: `SELECT ${organisationNameSql('i.organisation_id')} AS organisation, i.role, i.started_at, i.ended_at, i.source FROM involvement i WHERE i.person_id = ANY($1::uuid[]) ORDER BY i.started_at`,
      },
      {
        key: 'allocations',
        title: 'Allocations to caseworkers and teams',
        order: 35,
        sql: `SELECT ${organisationNameSql('a.organisation_id')} AS organisation, a.allocated_at, a.ended_at, a.reason FROM allocation a WHERE a.person_id = ANY($1::uuid[]) ORDER BY a.allocated_at, a.id`,
      },
      {
        // That the record was restricted, by whom and when; not whom it names nor why (about staff, and may itself be exempt).
        key: 'restrictions',
        title: 'Restrictions on who may open the record',
        order: 36,
        sql: `SELECT ${organisationNameSql('r.organisation_id')} AS organisation, r.kind, r.placed_at, r.review_on::text AS review_on, r.lifted_at FROM case_restriction r WHERE r.person_id = ANY($1::uuid[]) ORDER BY r.placed_at, r.id`,
      },
      {
        key: 'history',
        title: 'Changes to the record',
        order: 80,
        sql: `SELECT c.action, c.changed_at, ${organisationNameSql('c.organisation_id')} AS organisation, c.reason, c.changes FROM person_change c WHERE c.person_id = ANY($1::uuid[]) ORDER BY c.changed_at, c.id`,
      },
    ];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [
      { key: 'identifiers', order: 10, sql: 'DELETE FROM person_identifier WHERE person_id = ANY($1::uuid[])' },
      { key: 'history', order: 50, sql: 'DELETE FROM person_change WHERE person_id = ANY($1::uuid[])' },
      { key: 'involvements', order: 60, sql: 'DELETE FROM involvement WHERE person_id = ANY($1::uuid[])' },
      { key: 'allocations', order: 61, sql: 'DELETE FROM allocation WHERE person_id = ANY($1::uuid[])' },
      { key: 'restrictions', order: 62, sql: 'DELETE FROM case_restriction WHERE person_id = ANY($1::uuid[])' },
      // Which records were one person stays (ids only); the reasons given for merging and undoing are free text about them.
      {
        key: 'mergeReasons',
        order: 75,
        sql: `UPDATE person_merge SET reason = '[erased]', undo_reason = CASE WHEN undo_reason IS NULL THEN NULL ELSE '[erased]' END
               WHERE (survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[])) AND reason <> '[erased]'`,
      },
      // The record stays as a tombstone (its id is referenced by the audit log), with nothing that identifies the person.
      {
        key: 'records',
        order: 80,
        sql: `UPDATE person SET given_name = '[erased]', family_name = '[erased]', normalised_name = '', date_of_birth = '1900-01-01', region = NULL, release_date = NULL,
                offence_summary = NULL, ogrs_score = NULL, risk_level = NULL, health_notes = NULL, stage = NULL WHERE id = ANY($1::uuid[])`,
      },
    ];
  }
}
