import { createHash } from 'node:crypto';
import type { Pool, QueryConfig } from 'pg';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { type DataSource, EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * Server-side prepared statements for the hot read paths: each distinct statement text is parsed
 * once per connection and its plan cached by PostgreSQL (generic once it is no worse than custom
 * ones). The texts are the code's own, with arrays passed as one parameter, so they are few; past
 * this bound new texts run unnamed, so no connection ever holds an unbounded number of statements.
 */
const MAX_PREPARED = 200;
const preparedNames = new Map<string, string>();

/** The prepared statement name for a text (stable), or undefined once MAX_PREPARED texts have names. */
export function statementName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED) {
    name = `hub_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/**
 * Hand-written SQL for hot read paths, without the ORM's per-query overhead: named parameters
 * (`:name`, as in query builders and the access scope), run as a prepared statement on the data
 * source's pool, and entities hydrated from raw rows with the entity's own column metadata (types,
 * transformers). Given a transaction's manager, it runs on that transaction's connection: a caller that
 * holds a pooled connection never waits for a second one (which, with every connection so held, would
 * wait for ever), and reads what its transaction wrote.
 */
export async function namedQuery<R = Record<string, unknown>>(
  source: DataSource | EntityManager,
  sql: string,
  parameters: Record<string, unknown>,
): Promise<R[]> {
  const manager = source instanceof EntityManager ? source : undefined;
  const db = manager ? manager.connection : (source as DataSource);
  const [text, values] = db.driver.escapeQueryWithParameters(sql, parameters);
  if (manager?.queryRunner && !manager.queryRunner.isReleased) return manager.query(text, values) as Promise<R[]>;
  const pool = (db.driver as unknown as { master?: Pool }).master;
  if (!pool) return db.query(text, values) as Promise<R[]>;
  const query: QueryConfig = { text, values, name: statementName(text) };
  db.logger.logQuery(text, values); // counted like every other statement (metrics, statement bounds in tests)
  try {
    return (await pool.query(query)).rows as R[];
  } catch (err) {
    db.logger.logQueryError(err instanceof Error ? err : String(err), text, values);
    throw err;
  }
}

/**
 * A FROM item of one uuid column `alias(id)` over the given ids, for namedQuery, with its parameter.
 * One id is passed as a scalar: PostgreSQL then estimates one row, finds its generic plan as good as a
 * custom one and keeps it, instead of planning the statement afresh on every execution (an array
 * parameter is estimated at ten rows, which made planning cost more than running, page after page).
 */
export function idsRelation(
  ids: readonly string[],
  alias: string,
  parameter: string,
): { from: string; parameters: Record<string, unknown> } {
  return ids.length === 1
    ? { from: `(SELECT CAST(:${parameter} AS uuid) AS id) AS ${alias}`, parameters: { [parameter]: ids[0] } }
    : { from: `unnest(CAST(:${parameter} AS uuid[])) AS ${alias}(id)`, parameters: { [parameter]: ids } };
}

// Both run on hot paths (every person page): the metadata and the SELECT lists are looked up once.
const metadata = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, EntityMetadata>>();
const selectLists = new WeakMap<EntityMetadata, Map<string, string>>();

function metadataOf(db: DataSource, entity: EntityTarget<ObjectLiteral>): EntityMetadata {
  let byEntity = metadata.get(db);
  if (!byEntity) metadata.set(db, (byEntity = new Map<EntityTarget<ObjectLiteral>, EntityMetadata>()));
  let meta = byEntity.get(entity);
  if (!meta) byEntity.set(entity, (meta = db.getMetadata(entity)));
  return meta;
}

/** `alias.column AS "prefix<column>"` for every column of the entity selected by default (never, say, a password hash), for a SELECT list. */
export function entityColumns(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
  const meta = metadataOf(db, entity);
  let lists = selectLists.get(meta);
  if (!lists) selectLists.set(meta, (lists = new Map<string, string>()));
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

/**
 * Column types whose values node-postgres already parses into what TypeORM would hydrate (strings,
 * integers, booleans, parsed JSON, Dates): those are copied as they come, the others go through the driver.
 */
const AS_PARSED = new Set([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'int',
  'int2',
  'int4',
  'integer',
  'smallint',
  'boolean',
  'bool',
  'jsonb',
  'json',
  'timestamptz',
  'timestamp with time zone',
]);

interface HydrationStep {
  key: string;
  column: ColumnMetadata;
  asParsed: boolean;
}
const hydrationPlans = new WeakMap<EntityMetadata, Map<string, HydrationStep[]>>();

function hydrationPlan(meta: EntityMetadata, prefix: string): HydrationStep[] {
  let byPrefix = hydrationPlans.get(meta);
  if (!byPrefix) hydrationPlans.set(meta, (byPrefix = new Map<string, HydrationStep[]>()));
  let plan = byPrefix.get(prefix);
  if (!plan) {
    plan = meta.columns.map((column) => ({
      key: `${prefix}${column.databaseName}`,
      column,
      asParsed:
        typeof column.type === 'string' &&
        AS_PARSED.has(column.type) &&
        !column.transformer &&
        !column.embeddedMetadata &&
        !column.isVirtual &&
        !column.relationMetadata,
    }));
    byPrefix.set(prefix, plan);
  }
  return plan;
}

/** The entity held in the row's `prefix<column>` fields (see entityColumns). Runs for every row of a person page. */
export function hydrate<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>, prefix: string): T {
  const meta = metadataOf(db, entity);
  const out = meta.create() as T;
  for (const step of hydrationPlan(meta, prefix)) {
    const value = row[step.key];
    if (value === undefined) continue;
    if (step.asParsed) (out as Record<string, unknown>)[step.column.propertyName] = value;
    else step.column.setEntityValue(out, db.driver.prepareHydratedValue(value, step.column));
  }
  return out;
}
