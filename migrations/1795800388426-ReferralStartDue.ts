import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA sweep watches accepted referrals too (to be started by their due time), so the partial
 * index of due referrals covers both states. TypeORM does not compare an index's WHERE clause: written
 * by hand.
 */
export class ReferralStartDue1795800388426 implements MigrationInterface {
  name = 'ReferralStartDue1795800388426';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referral_due"`);
    await queryRunner.query(
      `CREATE INDEX "ix_referral_due" ON "referral" ("due_at") WHERE state IN ('sent', 'accepted') AND escalated_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referral_due"`);
    await queryRunner.query(`CREATE INDEX "ix_referral_due" ON "referral" ("due_at") WHERE state = 'sent' AND escalated_at IS NULL`);
  }
}
