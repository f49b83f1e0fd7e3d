import { PERSON_MERGED_RECORD } from './person.relations.js';

/**
 * "A person's records" as SQL expressions over the published PERSON_MERGED_RECORD view: other libs keep
 * rows on a record that may later be merged into another, and those rows belong to the survivor. Pure, so
 * that libs the persons lib itself depends on through the access layer (consent's lawful basis, referral
 * relationships) can use them too. The view is expanded into the query, so indexes on `person` serve.
 */

/** SQL for a uuid[] of the record in `column` and every record merged into it; compared with `= ANY(...)`, it keeps the row's index usable. */
export function recordIdsSql(column: string): string {
  return `(${column} || ARRAY(SELECT pm.id FROM ${PERSON_MERGED_RECORD.name} pm WHERE pm.survivor_id = ${column}))`;
}

/** SQL for the surviving record of the person id in `column` (rows of merged records belong to the survivor). */
export function survivorSql(column: string): string {
  return `COALESCE((SELECT pm.survivor_id FROM ${PERSON_MERGED_RECORD.name} pm WHERE pm.id = ${column}), ${column})`;
}
