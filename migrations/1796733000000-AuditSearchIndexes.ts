import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access search and the unusual-access review read the audit log by who acted and by period.
 * By actor: a B-tree on (actor, id), newest first. By period: a BRIN on occurred_at, which costs
 * the append-only log almost nothing to keep (events arrive in time order) and narrows a week's
 * search to the blocks written that week.
 */
export class AuditSearchIndexes1796733000000 implements MigrationInterface {
  name = 'AuditSearchIndexes1796733000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor", "id") `);
    await q.query(`CREATE INDEX "ix_audit_event_occurred" ON "audit_event" USING brin ("occurred_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_audit_event_occurred"`);
    await q.query(`DROP INDEX "ix_audit_event_actor"`);
  }
}
