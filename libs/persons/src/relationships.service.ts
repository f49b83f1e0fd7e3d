import { Injectable } from '@nestjs/common';
import type { RelationshipFacts } from '@hub/access';
import { recordIdsSql } from './person-records.sql.js';

const ACTIVE = (alias: string) => `${alias}.started_at <= now() AND (${alias}.ended_at IS NULL OR ${alias}.ended_at > now())`;

/**
 * Who works with whom: an organisation is related to a person while it has an active involvement
 * with the person's record (or with a record merged into it). Open referrals join this with referrals.
 */
@Injectable()
export class RelationshipsService implements RelationshipFacts {
  relationshipSql(personColumn: string): string {
    return `(SELECT bool_or(inv.role = 'lead') FROM involvement inv
       WHERE inv.person_id = ANY(${recordIdsSql(personColumn)})
         AND inv.organisation_id = CAST(:accessOrg AS uuid) AND ${ACTIVE('inv')})`;
  }

  relatedIdsSql(): string {
    // The second branch relates the survivor of a merge through the merged record's involvements.
    return `SELECT inv.person_id FROM involvement inv WHERE inv.organisation_id = CAST(:accessOrg AS uuid) AND ${ACTIVE('inv')}
      UNION ALL SELECT pm.merged_into_id FROM involvement inv JOIN person pm ON pm.id = inv.person_id
       WHERE inv.organisation_id = CAST(:accessOrg AS uuid) AND ${ACTIVE('inv')} AND pm.merged_into_id IS NOT NULL`;
  }
}
