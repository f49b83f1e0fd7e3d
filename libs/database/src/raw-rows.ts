import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Hand-written SQL for hot read paths, without the ORM's per-query overhead: named parameters
 * (`:name`, as in query builders and the access scope) and entities hydrated from raw rows with
 * the entity's own column metadata (types, transformers).
 */
export async function namedQuery<R = Record<string, unknown>>(db: DataSource, sql: string, parameters: Record<string, unknown>): Promise<R[]> {
  const [text, values] = db.driver.escapeQueryWithParameters(sql, parameters);
  return db.query(text, values) as Promise<R[]>;
}

/** `alias.column AS "prefix<column>"` for every column of the entity selected by default (never, say, a password hash), for a SELECT list. */
export function entityColumns(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
  return db
    .getMetadata(entity)
    .columns.filter((c) => c.isSelect)
    .map((c) => `${alias}.${c.databaseName} AS "${prefix}${c.databaseName}"`)
    .join(', ');
}

/** The entity held in the row's `prefix<column>` fields (see entityColumns). */
export function hydrate<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>, prefix: string): T {
  const meta = db.getMetadata(entity);
  const out = meta.create() as T;
  for (const column of meta.columns) {
    const value = row[`${prefix}${column.databaseName}`];
    if (value !== undefined) column.setEntityValue(out, db.driver.prepareHydratedValue(value, column));
  }
  return out;
}
