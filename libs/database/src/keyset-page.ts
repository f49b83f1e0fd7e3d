import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Connection, type CountedConnection, decodeCursor, encodeCursor, pageSize, ValidationError } from '@hub/common';
import { entityColumns, hydrate, namedQuery } from './raw-rows.js';

/** How a list is ordered: newest first by a timestamp column, then by id; or by a growing bigint id alone. */
export type KeysetOrder = { alias: string; at: string; id: 'uuid' } | { alias: string; id: 'bigint' };

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** The default and the largest page of the hub's lists. */
export const LIST_PAGE = { fallback: 100, max: 500 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^[0-9]{1,19}$/;
/** The shape AT_TEXT writes: anything else did not come from this list (and PostgreSQL might refuse it). */
const AT_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** The timestamp in a cursor keeps PostgreSQL's microseconds (a JavaScript Date would drop them and skip or repeat rows). */
const AT_TEXT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function badCursor(): never {
  throw new ValidationError([{ field: 'after', messages: ['not a cursor from this list'] }]);
}

/**
 * One page of a query builder's rows (a single table, no joins), newest first, resumed after a cursor.
 * The cursor holds the row's sort key, so a page never depends on the rows before it still existing,
 * and rows written meanwhile never shift a page. Reads one row more than the page to know whether
 * another page follows.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  order: KeysetOrder,
  args: PageArgs,
): Promise<Connection<T>> {
  const first = pageSize(args.first, LIST_PAGE.fallback, LIST_PAGE.max);
  const id = `${order.alias}.id`;
  if ('at' in order) {
    const at = `${order.alias}.${order.at}`;
    if (args.after) {
      const [time, key] = decodeCursor(args.after, 2);
      if (typeof time !== 'string' || !AT_FORMAT.test(time) || Number.isNaN(Date.parse(time)) || typeof key !== 'string' || !UUID.test(key))
        badCursor();
      qb.andWhere(`(${at}, ${id}) < (:keysetAt::timestamptz, :keysetId::uuid)`, { keysetAt: time, keysetId: key });
    }
    qb.addSelect(AT_TEXT(at), 'keyset_at').orderBy(at, 'DESC').addOrderBy(id, 'DESC');
  } else {
    if (args.after) {
      const [key] = decodeCursor(args.after, 1);
      if (typeof key !== 'string' || !DIGITS.test(key)) badCursor();
      qb.andWhere(`${id} < :keysetId::bigint`, { keysetId: key });
    }
    qb.orderBy(id, 'DESC');
  }
  const { entities, raw } = await qb.limit(first + 1).getRawAndEntities();
  const atOf = new Map<string, string>(raw.map((r: Record<string, unknown>) => [String(r[`${order.alias}_id`]), String(r.keyset_at)]));
  const edges = entities
    .slice(0, first)
    .map((node) => ({ cursor: encodeCursor('at' in order ? [atOf.get(String(node.id)), String(node.id)] : [String(node.id)]), node }));
  return { edges, pageInfo: { hasNextPage: entities.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** An empty page (for actors who may not list anything). */
export function emptyPage<T>(): Connection<T> {
  return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
}

/** How a per-parent list is ordered: by a growing bigint id, or by a timestamp then a uuid id; oldest or newest first. */
export type ParentListOrder = { id: 'bigint'; direction: 'ASC' | 'DESC' } | { at: string; id: 'uuid'; direction: 'ASC' | 'DESC' };

export interface ParentListSpec<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  /** The table and the column naming the parent (the person), with its record ids (a survivor's merged records too). */
  table: string;
  parentColumn: string;
  /** Further conditions on the alias `e`, with their named parameters. */
  filter?: string;
  parameters?: Record<string, unknown>;
  order: ParentListOrder;
  /** Page size: default and largest. */
  size: { fallback: number; max: number };
  /** false: no totals are counted (totalCount is then 0). */
  count?: boolean;
}

/**
 * One page of a growing list for each of many parents (a person's history, referrals …) in two
 * statements, whatever the number of parents: the rows of the page (a LATERAL LIMIT per parent, so no
 * parent's list is ever read whole) and each list's total. Meant for a DataLoader: the parents of a
 * page of people, with the same `first` and `after`.
 */
export async function pagesPerParent<T extends ObjectLiteral & { id: string }>(
  db: DataSource,
  spec: ParentListSpec<T>,
  parents: readonly { key: string; recordIds: string[] }[],
  args: PageArgs,
): Promise<CountedConnection<T>[]> {
  const first = pageSize(args.first, spec.size.fallback, spec.size.max);
  const { order } = spec;
  const descending = order.direction === 'DESC';
  const cmp = descending ? '<' : '>';
  const params: Record<string, unknown> = {
    ...spec.parameters,
    parents: JSON.stringify(parents.map((p) => ({ parent: p.key, record_ids: p.recordIds }))),
    limit: first + 1,
  };
  let after = '';
  if (args.after) {
    if ('at' in order) {
      const [time, key] = decodeCursor(args.after, 2);
      if (typeof time !== 'string' || !AT_FORMAT.test(time) || Number.isNaN(Date.parse(time)) || typeof key !== 'string' || !UUID.test(key))
        badCursor();
      after = `AND (e.${order.at}, e.id) ${cmp} (CAST(:keysetAt AS timestamptz), CAST(:keysetId AS uuid))`;
      Object.assign(params, { keysetAt: time, keysetId: key });
    } else {
      const [key] = decodeCursor(args.after, 1);
      if (typeof key !== 'string' || !DIGITS.test(key)) badCursor();
      after = `AND e.id ${cmp} CAST(:keysetId AS bigint)`;
      params.keysetId = key;
    }
  }
  const where = `e.${spec.parentColumn} = ANY(x.record_ids)${spec.filter ? ` AND (${spec.filter})` : ''}`;
  const orderBy = 'at' in order ? `e.${order.at} ${order.direction}, e.id ${order.direction}` : `e.id ${order.direction}`;
  const outerOrder = 'at' in order ? `p."e_${order.at}" ${order.direction}, p."e_id" ${order.direction}` : `p."e_id" ${order.direction}`;
  const keysetAt = 'at' in order ? `, ${AT_TEXT(`e.${order.at}`)} AS keyset_at` : '';
  const recordset = `jsonb_to_recordset(CAST(:parents AS jsonb)) AS x(parent text, record_ids uuid[])`;
  const [rows, counts] = await Promise.all([
    namedQuery(
      db,
      `SELECT x.parent AS keyset_parent, p.* FROM ${recordset} CROSS JOIN LATERAL (SELECT ${entityColumns(db, spec.entity, 'e', 'e_')}${keysetAt} FROM ${spec.table} e WHERE ${where} ${after} ORDER BY ${orderBy} LIMIT :limit) p ORDER BY keyset_parent, ${outerOrder}`,
      params,
    ),
    spec.count === false
      ? []
      : namedQuery<{ parent: string; n: number }>(
          db,
          `SELECT x.parent, (SELECT count(*) FROM ${spec.table} e WHERE ${where})::int AS n FROM ${recordset}`,
          { ...spec.parameters, parents: params.parents },
        ),
  ]);
  const byParent = new Map<string, { node: T; cursor: string }[]>();
  for (const row of rows) {
    const node = hydrate(db, spec.entity, row, 'e_');
    const cursor = encodeCursor('at' in order ? [String(row.keyset_at), String(node.id)] : [String(node.id)]);
    const parent = String(row.keyset_parent);
    let mine = byParent.get(parent);
    if (!mine) byParent.set(parent, (mine = []));
    mine.push({ node, cursor });
  }
  const totals = new Map(counts.map((c) => [c.parent, c.n]));
  return parents.map((p) => {
    const mine = byParent.get(p.key) ?? [];
    const edges = mine.slice(0, first);
    return {
      edges,
      pageInfo: { hasNextPage: mine.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: totals.get(p.key) ?? 0,
    };
  });
}

/**
 * `sql` (a SELECT of the rows of many parents, say a person's consents for a page of people) keeping
 * at most `limit` rows per parent, ordered by `order` (output column names of `sql` with a direction),
 * so that no parent's list is ever read whole. `partition` is the output column naming the parent.
 */
export function limitPerParent(
  sql: string,
  partition: string,
  order: [column: string, direction: 'ASC' | 'DESC'][],
  limit: number,
): string {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`limitPerParent: ${limit} is no row count`);
  const by = (alias: string) => order.map(([column, direction]) => `${alias}."${column}" ${direction}`).join(', ');
  return `SELECT * FROM (SELECT q.*, row_number() OVER (PARTITION BY q."${partition}" ORDER BY ${by('q')}) AS per_parent_rank FROM (${sql}) q) ranked
    WHERE ranked.per_parent_rank <= ${limit} ORDER BY ${by('ranked')}`;
}
