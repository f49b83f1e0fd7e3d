import { Injectable } from '@nestjs/common';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep, type PersonRetentionRule } from '@hub/common';
import { organisationNameSql } from '@hub/organisations';

/**
 * The reporting lib's part of a subject access export, of an erasure and of retention: the OGRS
 * scores and proven reconvictions recorded about the person (offending data, kept for the outcome
 * measures). The summaries the reports read (the ETE funnel) follow the interventions by trigger.
 */
@Injectable()
@PersonData()
export class ReportingPersonData implements PersonDataSource {
  personDataSections(): PersonDataSection[] {
    return [
      {
        key: 'ogrsAssessments',
        title: 'Reoffending risk scores (OGRS)',
        order: 55,
        sql: `SELECT o.assessed_on::text AS assessed_on, o.score::float8 AS score, o.source, ${organisationNameSql('o.organisation_id')} AS organisation, o.created_at AS recorded_at
                FROM ogrs_assessment o WHERE o.person_id = ANY($1::uuid[]) ORDER BY o.assessed_on`,
      },
      {
        key: 'reconvictions',
        title: 'Proven reconvictions',
        order: 56,
        sql: `SELECT r.convicted_on::text AS convicted_on, r.source, ${organisationNameSql('r.organisation_id')} AS organisation, r.created_at AS recorded_at
                FROM reconviction r WHERE r.person_id = ANY($1::uuid[]) ORDER BY r.convicted_on`,
      },
    ];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [
      { key: 'ogrsAssessments', order: 35, sql: 'DELETE FROM ogrs_assessment WHERE person_id = ANY($1::uuid[])' },
      { key: 'reconvictions', order: 36, sql: 'DELETE FROM reconviction WHERE person_id = ANY($1::uuid[])' },
    ];
  }

  /** Each is offending data, kept for that category's period from its date; recording one is work with the person. */
  personRetention(): PersonRetentionRule[] {
    return [
      {
        key: 'ogrsAssessments',
        expiredSql: `SELECT o.person_id AS record_id, o.id, 'offending' AS data_category FROM ogrs_assessment o WHERE o.assessed_on < (($1::jsonb)->>'offending')::timestamptz`,
        eraseSql: [`DELETE FROM ogrs_assessment WHERE id = ANY($1::uuid[]) RETURNING 'offending' AS data_category`],
        activitySql: '(SELECT o.person_id, o.created_at AS at FROM ogrs_assessment o)',
      },
      {
        key: 'reconvictions',
        expiredSql: `SELECT r.person_id AS record_id, r.id, 'offending' AS data_category FROM reconviction r WHERE r.convicted_on < (($1::jsonb)->>'offending')::timestamptz`,
        eraseSql: [`DELETE FROM reconviction WHERE id = ANY($1::uuid[]) RETURNING 'offending' AS data_category`],
        activitySql: '(SELECT r.person_id, r.created_at AS at FROM reconviction r)',
      },
    ];
  }
}
