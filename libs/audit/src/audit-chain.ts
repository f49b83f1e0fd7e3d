import { createHash } from 'node:crypto';

/** An audit event as `audit verify` reads it: every value already rendered as text by PostgreSQL. */
export interface ChainRow {
  id: string;
  prev_hash: string | null;
  hash: string;
  occurred_at: string;
  actor: string;
  organisation_id: string | null;
  purpose: string | null;
  request_id: string | null;
  person_id: string | null;
  action: string;
  categories: string[];
  fields: string[];
  withheld: string[];
  detail: string | null;
  detail_digest: string | null;
  break_glass: boolean;
}

const SEP = '\x1f';

/**
 * The canonical text of an event, whose sha256 is its digest (`hash`) and so its Merkle leaf (the
 * detail through its digest, so that it can be erased with the log still verifiable; prev_hash only
 * for events chained before sealing). Must stay identical to the SQL function audit_event_canonical
 * (migration AuditSealing): the trigger computes digests in SQL, `audit verify` recomputes them
 * here, independently of the database's own function.
 */
export function canonical(row: ChainRow): string {
  return [
    row.id,
    row.prev_hash ?? '',
    row.occurred_at,
    row.actor,
    row.organisation_id ?? '',
    row.purpose ?? '',
    row.request_id ?? '',
    row.person_id ?? '',
    row.action,
    row.categories.join(','),
    row.fields.join(','),
    row.withheld.join(','),
    row.detail_digest ?? '',
    row.break_glass ? 'true' : 'false',
  ].join(SEP);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function digest(row: ChainRow): string {
  return sha256(canonical(row));
}

/** The detail is intact when present and matching its digest, or erased (null) with its digest kept. */
export function detailIntact(row: ChainRow): boolean {
  return row.detail === null ? true : row.detail_digest === sha256(row.detail);
}

/** The SELECT list that renders a row as ChainRow expects (timestamps in UTC with microseconds). */
export const CHAIN_COLUMNS = `id::text AS id, prev_hash, hash, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  actor, organisation_id::text AS organisation_id, purpose, request_id, person_id::text AS person_id, action, categories, fields, withheld,
  detail::text AS detail, detail_digest, break_glass`;
