import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An agreement ended early keeps why, and who ended it (endSharingAgreement). */
export class SharingAgreementEnd1795799104923 implements MigrationInterface {
  name = 'SharingAgreementEnd1795799104923';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sharing_agreement" ADD "ended_reason" text`);
    await queryRunner.query(`ALTER TABLE "sharing_agreement" ADD "ended_by" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sharing_agreement" DROP COLUMN "ended_by"`);
    await queryRunner.query(`ALTER TABLE "sharing_agreement" DROP COLUMN "ended_reason"`);
  }
}
