import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where the hub keeps the data encryption key it generates when DATA_ENCRYPTION_KEY is not set
 * (development and tests). Webhook signing secrets are sealed by the hub itself at start-up (SQL
 * cannot), not here. down() drops the table and leaves sealed secrets sealed, which the code before
 * this migration cannot read: after going back, endpoints must be registered again, unless the hub
 * goes forward again with the DATA_ENCRYPTION_KEY that sealed them (a generated key is lost with
 * the table).
 */
export class DataEncryptionKey1795708404129 implements MigrationInterface {
  name = 'DataEncryptionKey1795708404129';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "data_encryption_key" ("id" text NOT NULL, "key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_data_encryption_key" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "data_encryption_key"`);
  }
}
