/**
 * The persons lib's published SQL for "a person's records": other libs keep rows on a record that may
 * later be merged into another, and those rows belong to the survivor. Pure, so that libs the persons
 * lib itself depends on through the access layer (consent's lawful basis, referral relationships) can use it too.
 */

/** SQL for a uuid[] of the record in `column` and every record merged into it; compared with `= ANY(...)`, it keeps the row's index usable. */
export function recordIdsSql(column: string): string {
  return `(${column} || ARRAY(SELECT pm.id FROM person pm WHERE pm.merged_into_id = ${column}))`;
}

/** SQL for the surviving record of the person id in `column` (rows of merged records belong to the survivor). */
export function survivorSql(column: string): string {
  return `COALESCE((SELECT pm.merged_into_id FROM person pm WHERE pm.id = ${column}), ${column})`;
}

/** Records merged into another, as a SQL relation (id, survivor_id). */
export function mergedRecordsSql(): string {
  return `(SELECT p.id, p.merged_into_id AS survivor_id FROM person p WHERE p.merged_into_id IS NOT NULL)`;
}
