import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCommissionerRole1795708286280 implements MigrationInterface {
  name = 'AddCommissionerRole1795708286280';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."role" ADD VALUE 'commissioner'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The old type has no commissioner: users lose that role (and keep any other). The column's
    // default cannot be cast from one enum array type to another, so it is dropped and set again.
    await queryRunner.query(
      `UPDATE "user_account" SET "roles" = array_remove("roles", 'commissioner') WHERE 'commissioner' = ANY("roles")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."role_old" AS ENUM('caseworker', 'manager', 'org_admin', 'data_protection_officer', 'hub_admin')`,
    );
    await queryRunner.query(`ALTER TABLE "user_account" ALTER COLUMN "roles" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "user_account" ALTER COLUMN "roles" TYPE "public"."role_old"[] USING "roles"::"text"::"public"."role_old"[]`,
    );
    await queryRunner.query(`DROP TYPE "public"."role"`);
    await queryRunner.query(`ALTER TYPE "public"."role_old" RENAME TO "role"`);
    await queryRunner.query(`ALTER TABLE "user_account" ALTER COLUMN "roles" SET DEFAULT '{}'`);
  }
}
