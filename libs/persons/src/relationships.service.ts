import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RelationshipFacts } from '@hub/access';

const ACTIVE = (alias: string) => `${alias}.started_at <= now() AND (${alias}.ended_at IS NULL OR ${alias}.ended_at > now())`;

/**
 * Who works with whom: an organisation is related to a person while it has an active involvement
 * with the person's record (or with a record merged into it). Open referrals join this with referrals.
 */
@Injectable()
export class RelationshipsService implements RelationshipFacts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async relationships(organisationId: string, personIds: readonly string[]): Promise<Map<string, { lead: boolean }>> {
    if (personIds.length === 0) return new Map();
    const rows: { person_id: string; lead: boolean }[] = await this.db.query(
      `SELECT p.id AS person_id, bool_or(inv.role = 'lead') AS lead
         FROM person p
         JOIN involvement inv ON inv.person_id = p.id OR inv.person_id IN (SELECT pm.id FROM person pm WHERE pm.merged_into_id = p.id)
        WHERE p.id = ANY($1::uuid[]) AND inv.organisation_id = $2 AND ${ACTIVE('inv')}
        GROUP BY p.id`,
      [personIds, organisationId],
    );
    return new Map(rows.map((r) => [r.person_id, { lead: r.lead }]));
  }

  relatedSql(personColumn: string, perRow = false): string {
    if (perRow) {
      // Probes of ix_involvement_org_person (and of the merged records' ids) for the row's person.
      return `(EXISTS (SELECT 1 FROM involvement inv WHERE inv.organisation_id = CAST(:accessOrg AS uuid) AND inv.person_id = ${personColumn} AND ${ACTIVE('inv')})
        OR EXISTS (SELECT 1 FROM person pm JOIN involvement inv ON inv.person_id = pm.id
                    WHERE pm.merged_into_id = ${personColumn} AND inv.organisation_id = CAST(:accessOrg AS uuid) AND ${ACTIVE('inv')}))`;
    }
    // Uncorrelated, so the planner starts from the organisation's involvements (a semi-join or one hashed
    // subplan): the cost follows the caseload, not the size of the person table. The second branch
    // relates the survivor of a merge through the merged record's involvements.
    return `${personColumn} IN (SELECT inv.person_id FROM involvement inv WHERE inv.organisation_id = CAST(:accessOrg AS uuid) AND ${ACTIVE('inv')}
      UNION ALL SELECT pm.merged_into_id FROM involvement inv JOIN person pm ON pm.id = inv.person_id
       WHERE inv.organisation_id = CAST(:accessOrg AS uuid) AND ${ACTIVE('inv')} AND pm.merged_into_id IS NOT NULL)`;
  }
}
