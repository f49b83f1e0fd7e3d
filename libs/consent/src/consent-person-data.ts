import { Injectable } from '@nestjs/common';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep } from '@hub/common';
import { organisationNameSql } from '@hub/organisations';

/** The consent lib's part of a subject access export and of an erasure: every consent, in force or not. */
@Injectable()
@PersonData()
export class ConsentPersonData implements PersonDataSource {
  personDataSections(): PersonDataSection[] {
    return [
      {
        key: 'consents',
        title: 'Consents',
        order: 60,
        sql: `SELECT c.id, c.purpose, c.categories, coalesce(${organisationNameSql('c.organisation_id')}, c.organisation_kind) AS given_to, c.method, c.given_at, c.expires_at, c.withdrawn_at, c.withdrawn_reason,
                     ${organisationNameSql('c.recorded_by_organisation_id')} AS recorded_by
                FROM consent c WHERE c.person_id = ANY($1::uuid[]) ORDER BY c.given_at`,
      },
    ];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [{ key: 'consents', order: 40, sql: 'DELETE FROM consent WHERE person_id = ANY($1::uuid[])' }];
  }
}
