import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access search and the unusual-access review read the audit log by who acted and by period.
 * By actor: a B-tree on (actor, id), newest first. By period: a BRIN on occurred_at, which costs
 * the append-only log almost nothing to keep (events arrive in time order) and narrows a week's
 * search to the blocks written that week.
 *
 * Built CONCURRENTLY, outside a transaction: on a large log a plain build would hold back every
 * audited write (every write of the hub) until it finished. A build cut short leaves an invalid
 * index, so each is dropped first and the migration can simply run again.
 */
export class AuditSearchIndexes1796733000000 implements MigrationInterface {
  name = 'AuditSearchIndexes1796733000000';
  transaction = false as const;

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_audit_event_actor"`);
    await q.query(`CREATE INDEX CONCURRENTLY "ix_audit_event_actor" ON "audit_event" ("actor", "id") `);
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_audit_event_occurred"`);
    await q.query(`CREATE INDEX CONCURRENTLY "ix_audit_event_occurred" ON "audit_event" USING brin ("occurred_at")`);
  }

  // Reverting runs in a transaction (TypeORM's undo takes no per-migration mode); dropping is quick.
  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "ix_audit_event_occurred"`);
    await q.query(`DROP INDEX IF EXISTS "ix_audit_event_actor"`);
  }
}
