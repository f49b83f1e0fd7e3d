import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RelationshipFacts } from '@hub/access';
import { OPEN_STATES } from './referral-vocabulary.js';

const OPEN = OPEN_STATES.map((s) => `'${s}'`).join(', ');

/**
 * An open referral (sent, accepted, in progress) to an organisation relates it to the person, so
 * the receiver can see who it is asked to help. Given to the access layer as EXTRA_RELATIONSHIP_FACTS;
 * the JS and SQL forms say the same thing.
 */
@Injectable()
export class ReferralRelationshipsService implements RelationshipFacts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async relationships(organisationId: string, personIds: readonly string[]): Promise<Map<string, { lead: boolean }>> {
    if (personIds.length === 0) return new Map();
    const rows: { person_id: string }[] = await this.db.query(
      `SELECT DISTINCT person_id FROM referral WHERE to_organisation_id = $2 AND state IN (${OPEN}) AND person_id = ANY($1::uuid[])`,
      [personIds, organisationId],
    );
    return new Map(rows.map((r) => [r.person_id, { lead: false }]));
  }

  relatedSql(personColumn: string): string {
    return `EXISTS (SELECT 1 FROM referral rr WHERE rr.to_organisation_id = CAST(:accessOrg AS uuid) AND rr.state IN (${OPEN}) AND rr.person_id = ${personColumn})`;
  }
}
