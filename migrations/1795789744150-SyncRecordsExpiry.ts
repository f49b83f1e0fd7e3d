import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys are deleted once older than SYNC_RECORDS_DAYS (hourly): found by when they were claimed. */
export class SyncRecordsExpiry1795789744150 implements MigrationInterface {
  name = 'SyncRecordsExpiry1795789744150';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_idempotency_key_created_at" ON "idempotency_key"  ("created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_key_created_at"`);
  }
}
