import { Injectable } from '@nestjs/common';
import type { RelationshipFacts } from '@hub/access';
import { recordIdsSql, survivorSql } from '@hub/persons';
import { OPEN_STATES } from './referral-vocabulary.js';

const OPEN = OPEN_STATES.map((s) => `'${s}'`).join(', ');

/**
 * An open referral (sent, accepted, in progress) to an organisation relates it to the person, so
 * the receiver can see who it is asked to help. Given to the access layer as EXTRA_RELATIONSHIP_FACTS.
 * A referral made on a record later merged into another relates the survivor (as involvements do),
 * and the merged record again once the merge is undone.
 */
@Injectable()
export class ReferralRelationshipsService implements RelationshipFacts {
  relationshipSql(personColumn: string): string {
    return `(SELECT FALSE FROM referral rr WHERE rr.to_organisation_id = CAST(:accessOrg AS uuid) AND rr.state IN (${OPEN})
       AND rr.person_id = ANY(${recordIdsSql(personColumn)}) LIMIT 1)`;
  }

  relatedIdsSql(): string {
    return `SELECT ${survivorSql('rr.person_id')} FROM referral rr WHERE rr.to_organisation_id = CAST(:accessOrg AS uuid) AND rr.state IN (${OPEN})`;
  }
}
