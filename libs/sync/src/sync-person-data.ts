import { Injectable } from '@nestjs/common';
import {
  PersonData,
  type PersonDataSection,
  type PersonDataSource,
  type PersonErasureStep,
  type PersonRetentionFollowUp,
} from '@hub/common';
import { CONSENT_REF } from '@hub/consent';
import { INTERVENTION_REF } from '@hub/interventions';
import { PERSON_INVOLVEMENT_REF } from '@hub/persons';
import { OGRS_ASSESSMENT_REF, RECONVICTION_REF } from '@hub/reporting';
import { organisationNameSql } from '@hub/organisations';
import { isSuppressedSql } from './external-id-suppression.js';
import { ExternalIdSuppressionService } from './external-id-suppression.service.js';

/**
 * The sync lib's part of a subject access export and of an erasure: the ids of the person, of their
 * interventions, consents, involvements, OGRS assessments and reconvictions in partners' case systems. At erasure each of the person's
 * becomes a keyed fingerprint, so a later sync of it is refused and the id itself is no longer held;
 * the others go, as an intervention's do when retention erases it.
 */
@Injectable()
@PersonData()
export class SyncPersonData implements PersonDataSource {
  constructor(private readonly suppression: ExternalIdSuppressionService) {}

  personDataSections(): PersonDataSection[] {
    return [
      {
        key: 'externalIds',
        title: 'Identifiers in partners’ case systems',
        order: 25,
        sql: `SELECT r.system, r.entity_type AS of, r.entity_id AS id, r.external_id, ${organisationNameSql('r.organisation_id')} AS organisation, r.created_at AS linked_at
                FROM external_ref r
               WHERE ((r.entity_type = 'person' AND r.entity_id = ANY($1::uuid[]))
                   OR (r.entity_type = 'intervention' AND r.entity_id IN (SELECT x.id FROM ${INTERVENTION_REF.name} x WHERE x.person_id = ANY($1::uuid[])))
                   OR (r.entity_type = 'consent' AND r.entity_id IN (SELECT x.id FROM ${CONSENT_REF.name} x WHERE x.person_id = ANY($1::uuid[])))
                   OR (r.entity_type = 'involvement' AND r.entity_id IN (SELECT x.id FROM ${PERSON_INVOLVEMENT_REF.name} x WHERE x.person_id = ANY($1::uuid[])))
                   OR (r.entity_type = 'ogrs_assessment' AND r.entity_id IN (SELECT x.id FROM ${OGRS_ASSESSMENT_REF.name} x WHERE x.person_id = ANY($1::uuid[])))
                   OR (r.entity_type = 'reconviction' AND r.entity_id IN (SELECT x.id FROM ${RECONVICTION_REF.name} x WHERE x.person_id = ANY($1::uuid[]))))
                 AND NOT ${isSuppressedSql('r.external_id')}
               ORDER BY r.system, r.entity_type DESC, r.external_id`,
      },
    ];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [
      {
        key: 'externalIds',
        order: 15,
        sql: `DELETE FROM external_ref WHERE entity_type = 'person' AND entity_id = ANY($1::uuid[]) AND NOT ${isSuppressedSql('external_id')}
              RETURNING system, external_id, entity_id, organisation_id, created_at`,
        after: (m, rows) => this.suppression.suppress(m, rows),
      },
      // Before the interventions go (order 20): their ids in the partners' systems are dropped, as a sync
      // of them now finds no person to log them on.
      {
        key: 'externalInterventionIds',
        order: 16,
        sql: `DELETE FROM external_ref WHERE entity_type = 'intervention' AND entity_id IN (SELECT x.id FROM ${INTERVENTION_REF.name} x WHERE x.person_id = ANY($1::uuid[]))`,
      },
      // Before the consents go (order 40).
      {
        key: 'externalConsentIds',
        order: 17,
        sql: `DELETE FROM external_ref WHERE entity_type = 'consent' AND entity_id IN (SELECT x.id FROM ${CONSENT_REF.name} x WHERE x.person_id = ANY($1::uuid[]))`,
      },
      // Before the involvements go (order 60).
      {
        key: 'externalInvolvementIds',
        order: 18,
        sql: `DELETE FROM external_ref WHERE entity_type = 'involvement' AND entity_id IN (SELECT x.id FROM ${PERSON_INVOLVEMENT_REF.name} x WHERE x.person_id = ANY($1::uuid[]))`,
      },
      // Before the OGRS assessments and reconvictions go (orders 35 and 36).
      {
        key: 'externalOffendingFactIds',
        order: 34,
        sql: `DELETE FROM external_ref WHERE (entity_type = 'ogrs_assessment' AND entity_id IN (SELECT x.id FROM ${OGRS_ASSESSMENT_REF.name} x WHERE x.person_id = ANY($1::uuid[])))
                 OR (entity_type = 'reconviction' AND entity_id IN (SELECT x.id FROM ${RECONVICTION_REF.name} x WHERE x.person_id = ANY($1::uuid[])))`,
      },
    ];
  }

  /** An intervention erased when its period ran out takes its ids in partners' systems with it. */
  personRetentionFollowUps(): PersonRetentionFollowUp[] {
    return [
      {
        key: 'externalInterventionIds',
        rule: 'interventions',
        sql: `DELETE FROM external_ref WHERE entity_type = 'intervention' AND entity_id = ANY($1::uuid[])`,
      },
      {
        key: 'externalOgrsIds',
        rule: 'ogrsAssessments',
        sql: `DELETE FROM external_ref WHERE entity_type = 'ogrs_assessment' AND entity_id = ANY($1::uuid[])`,
      },
      {
        key: 'externalReconvictionIds',
        rule: 'reconvictions',
        sql: `DELETE FROM external_ref WHERE entity_type = 'reconviction' AND entity_id = ANY($1::uuid[])`,
      },
    ];
  }
}
