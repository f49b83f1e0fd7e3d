import { recordIdsSql, survivorSql } from './person-records.sql.js';

/**
 * The persons lib's published SQL for reviewing access after the fact (privacy's unusual-access
 * review over the audit log): whether, at a given moment, a user was a person's case owner and an
 * organisation worked with the person. Every argument is an SQL expression (a column of the caller's
 * query); a person's family of records (its survivor and the records merged into it) counts as one.
 */
const FAMILY = (person: string) => recordIdsSql(survivorSql(person));

/** SQL true when `user` (a uuid expression) was, at `at`, the case owner of the person in `person` within `organisation`. */
export function allocatedAtSql(person: string, organisation: string, user: string, at: string): string {
  return `EXISTS (SELECT 1 FROM allocation al WHERE al.person_id = ANY(${FAMILY(person)}) AND al.organisation_id = ${organisation}
    AND al.case_owner_id = ${user} AND al.allocated_at <= ${at} AND (al.ended_at IS NULL OR al.ended_at > ${at}))`;
}

/** SQL true when `organisation` had, at `at`, an involvement (of any role) with the person in `person`. */
export function involvedAtSql(person: string, organisation: string, at: string): string {
  return `EXISTS (SELECT 1 FROM involvement inv WHERE inv.person_id = ANY(${FAMILY(person)}) AND inv.organisation_id = ${organisation}
    AND inv.started_at <= ${at} AND (inv.ended_at IS NULL OR inv.ended_at > ${at}))`;
}
