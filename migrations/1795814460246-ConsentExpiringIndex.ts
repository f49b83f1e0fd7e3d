import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsentExpiringIndex1795814460246 implements MigrationInterface {
  name = 'ConsentExpiringIndex1795814460246';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_consent_expiring" ON "consent"  ("expires_at") WHERE withdrawn_at IS NULL AND expires_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_consent_expiring"`);
  }
}
