/**
 * The oldest transaction of this database that may still be running, as an SQL expression (a 64-bit
 * transaction id). Every transaction below it has committed or rolled back, so rows stamped with a
 * transaction id below it (`pg_current_xact_id()` at insert) are final: none can still appear there.
 * The change feed holds back events at or past it; the audit sealer seals only events below it.
 *
 * The server-wide snapshot counts every database's transactions; those known to run in another
 * database are left out, so a long transaction elsewhere on a shared server does not hold this one
 * back. A transaction that ends between the snapshot and the activity read stays counted (the safe side).
 * Evaluate it in the same statement (the same snapshot) as the rows it guards.
 */
export const TRANSACTION_HORIZON = `(SELECT COALESCE(
    (SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
      WHERE (x::text::bigint % 4294967296) NOT IN (
        SELECT a.backend_xid::text::bigint FROM pg_stat_activity a
        WHERE a.backend_xid IS NOT NULL AND a.datname IS DISTINCT FROM current_database())),
    pg_snapshot_xmax(pg_current_snapshot())::text::bigint))`;
