import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferralSentAtIndex1795826101516 implements MigrationInterface {
  name = 'ReferralSentAtIndex1795826101516';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_referral_sent_at" ON "referral"  ("sent_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referral_sent_at"`);
  }
}
