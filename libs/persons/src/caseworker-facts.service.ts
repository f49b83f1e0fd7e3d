import { Injectable } from '@nestjs/common';
import type { CaseworkerFacts } from '@hub/access';
import { recordIdsSql, survivorSql } from './person-records.sql.js';

/**
 * A person's whole family of records: its survivor and every record merged into it. A restriction, an
 * allocation or a region on any of them holds for all (a merge must not drop a restriction, and rows
 * kept on a merged record belong to the survivor).
 */
const FAMILY = (person: string) => recordIdsSql(survivorSql(person));
const RESTRICTIONS = (person: string) => `case_restriction cr WHERE cr.person_id = ANY(${FAMILY(person)}) AND cr.lifted_at IS NULL`;
/** `:accessUser` is NULL for an API client: never listed. */
const LISTED = `COALESCE(CAST(:accessUser AS uuid) = ANY(cr.user_ids), false)`;

/**
 * Who within an organisation may open a case: allocations (to the user, to the user's teams), the
 * person's region (the user's regions), restrictions and exclusions. See CaseworkerFacts.
 */
@Injectable()
export class CaseworkerFactsService implements CaseworkerFacts {
  allocatedSql(person: string): string {
    return `EXISTS (SELECT 1 FROM allocation al WHERE al.person_id = ANY(${FAMILY(person)}) AND al.organisation_id = CAST(:accessOrg AS uuid)
      AND al.ended_at IS NULL AND al.case_owner_id = CAST(:accessUser AS uuid))`;
  }

  teamOrRegionSql(person: string): string {
    return `(EXISTS (SELECT 1 FROM allocation al WHERE al.person_id = ANY(${FAMILY(person)}) AND al.organisation_id = CAST(:accessOrg AS uuid)
      AND al.ended_at IS NULL AND al.team_id = ANY(CAST(:accessTeams AS uuid[])))
      OR EXISTS (SELECT 1 FROM person rp WHERE rp.id = ${survivorSql(person)} AND rp.region = ANY(CAST(:accessRegions AS text[]))))`;
  }

  restrictedSql(person: string): string {
    return `EXISTS (SELECT 1 FROM ${RESTRICTIONS(person)} AND cr.kind = 'restriction' AND NOT ${LISTED})`;
  }

  restrictionYieldsSql(person: string): string {
    return `NOT EXISTS (SELECT 1 FROM ${RESTRICTIONS(person)} AND cr.kind = 'restriction' AND NOT ${LISTED} AND NOT cr.allows_break_glass)`;
  }

  excludedSql(person: string): string {
    return `EXISTS (SELECT 1 FROM ${RESTRICTIONS(person)} AND cr.kind = 'exclusion' AND ${LISTED})`;
  }
}
