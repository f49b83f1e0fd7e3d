import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Hand-written SQL for hot read paths, without the ORM's per-query overhead: named parameters
 * (`:name`, as in query builders and the access scope) and entities hydrated from raw rows with
 * the entity's own column metadata (types, transformers).
 */
export async function namedQuery<R = Record<string, unknown>>(db: DataSource, sql: string, parameters: Record<string, unknown>): Promise<R[]> {
  const [text, values] = db.driver.escapeQueryWithParameters(sql, parameters);
  return db.query(text, values) as Promise<R[]>;
}

// Both run on hot paths (every person page): the metadata and the SELECT lists are looked up once.
const metadata = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, EntityMetadata>>();
const selectLists = new WeakMap<EntityMetadata, Map<string, string>>();

function metadataOf(db: DataSource, entity: EntityTarget<ObjectLiteral>): EntityMetadata {
  let byEntity = metadata.get(db);
  if (!byEntity) metadata.set(db, (byEntity = new Map()));
  let meta = byEntity.get(entity);
  if (!meta) byEntity.set(entity, (meta = db.getMetadata(entity)));
  return meta;
}

/** `alias.column AS "prefix<column>"` for every column of the entity selected by default (never, say, a password hash), for a SELECT list. */
export function entityColumns(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
  const meta = metadataOf(db, entity);
  let lists = selectLists.get(meta);
  if (!lists) selectLists.set(meta, (lists = new Map()));
  const key = `${alias} ${prefix}`;
  let list = lists.get(key);
  if (list === undefined) {
    list = meta.columns
      .filter((c) => c.isSelect)
      .map((c) => `${alias}.${c.databaseName} AS "${prefix}${c.databaseName}"`)
      .join(', ');
    lists.set(key, list);
  }
  return list;
}

/** The entity held in the row's `prefix<column>` fields (see entityColumns). */
export function hydrate<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>, prefix: string): T {
  const meta = metadataOf(db, entity as EntityTarget<ObjectLiteral>);
  const out = meta.create() as T;
  for (const column of meta.columns) {
    const value = row[`${prefix}${column.databaseName}`];
    if (value !== undefined) column.setEntityValue(out, db.driver.prepareHydratedValue(value, column));
  }
  return out;
}
