import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferralBasis1796619825502 implements MigrationInterface {
  name = 'ReferralBasis1796619825502';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" ADD "basis" text`);
    await queryRunner.query(`ALTER TABLE "referral" ADD "basis_id" uuid`);
    await queryRunner.query(`ALTER TABLE "referral" ADD "safeguarding_reason" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "safeguarding_reason"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "basis_id"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "basis"`);
  }
}
