import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens issued before a deactivation, a password change or reset, or a client's revocation stay
 * refused (tokens_valid_after against their iat); an admin's reset makes the next sign-in allow only a
 * password change; failed sign-ins are counted in PostgreSQL (shared by every hub process, kept across
 * restarts). down() drops them: tokens from before an invalidation would be accepted again.
 */
export class TokenInvalidationAndSignInThrottle1796597533965 implements MigrationInterface {
  name = 'TokenInvalidationAndSignInThrottle1796597533965';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_throttle" ("key" text NOT NULL, "failures" integer NOT NULL DEFAULT '0', "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_sign_in_throttle" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sign_in_throttle_last_failure_at" ON "sign_in_throttle"  ("last_failure_at") `);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "tokens_valid_after" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "api_client" ADD "tokens_valid_after" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "user_account" ADD "tokens_valid_after" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "user_account" ADD "password_change_required" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN "password_change_required"`);
    await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN "tokens_valid_after"`);
    await queryRunner.query(`ALTER TABLE "api_client" DROP COLUMN "tokens_valid_after"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "tokens_valid_after"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sign_in_throttle_last_failure_at"`);
    await queryRunner.query(`DROP TABLE "sign_in_throttle"`);
  }
}
