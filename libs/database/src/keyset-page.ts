import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Connection, decodeCursor, encodeCursor, pageSize, ValidationError } from '@hub/common';

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
export async function keysetPage<T extends ObjectLiteral & { id: string }>(qb: SelectQueryBuilder<T>, order: KeysetOrder, args: PageArgs): Promise<Connection<T>> {
  const first = pageSize(args.first, LIST_PAGE.fallback, LIST_PAGE.max);
  const id = `${order.alias}.id`;
  if ('at' in order) {
    const at = `${order.alias}.${order.at}`;
    if (args.after) {
      const [time, key] = decodeCursor(args.after, 2);
      if (typeof time !== 'string' || !AT_FORMAT.test(time) || Number.isNaN(Date.parse(time)) || typeof key !== 'string' || !UUID.test(key)) badCursor();
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
  const edges = entities.slice(0, first).map((node) => ({ cursor: encodeCursor('at' in order ? [atOf.get(String(node.id)), String(node.id)] : [String(node.id)]), node }));
  return { edges, pageInfo: { hasNextPage: entities.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** An empty page (for actors who may not list anything). */
export function emptyPage<T>(): Connection<T> {
  return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
}
