import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExternalRefKey1795696046173 implements MigrationInterface {
  name = 'ExternalRefKey1795696046173';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "external_ref" DROP CONSTRAINT "uq_external_ref"`);
    await queryRunner.query(`ALTER TABLE "external_ref" DROP CONSTRAINT "pk_external_ref"`);
    await queryRunner.query(`ALTER TABLE "external_ref" DROP COLUMN "id"`);
    await queryRunner.query(
      `ALTER TABLE "external_ref" ADD CONSTRAINT "pk_external_ref" PRIMARY KEY ("system", "entity_type", "external_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "external_ref" DROP CONSTRAINT "pk_external_ref"`);
    await queryRunner.query(`ALTER TABLE "external_ref" ADD "id" uuid NOT NULL DEFAULT gen_random_uuid()`);
    await queryRunner.query(`ALTER TABLE "external_ref" ADD CONSTRAINT "pk_external_ref" PRIMARY KEY ("id")`);
    await queryRunner.query(`ALTER TABLE "external_ref" ADD CONSTRAINT "uq_external_ref" UNIQUE ("system", "entity_type", "external_id")`);
  }
}
