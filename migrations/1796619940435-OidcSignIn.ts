import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OidcSignIn1796619940435 implements MigrationInterface {
  name = 'OidcSignIn1796619940435';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organisation_identity_provider" ("organisation_id" uuid NOT NULL, "issuer" text NOT NULL, "client_id" text NOT NULL, "client_secret" text NOT NULL, "identity_claim" text NOT NULL DEFAULT 'sub', "mfa_required" boolean NOT NULL DEFAULT false, "mfa_acr_values" text array NOT NULL DEFAULT '{}', "provision_users" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_organisation_identity_provider" PRIMARY KEY ("organisation_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "oidc_sign_in" ("browser_key_hash" text NOT NULL, "organisation_id" uuid NOT NULL, "state" text NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "client_address" text NOT NULL, "user_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_oidc_sign_in" PRIMARY KEY ("browser_key_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_oidc_sign_in_client_address" ON "oidc_sign_in"  ("client_address") `);
    await queryRunner.query(`CREATE INDEX "ix_oidc_sign_in_expires_at" ON "oidc_sign_in"  ("expires_at") `);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "password_sign_in" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(
      `ALTER TABLE "organisation_identity_provider" ADD CONSTRAINT "FK_136912f30c38a34f744820518ea" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation_identity_provider" DROP CONSTRAINT "FK_136912f30c38a34f744820518ea"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "password_sign_in"`);
    await queryRunner.query(`DROP INDEX "public"."ix_oidc_sign_in_expires_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_oidc_sign_in_client_address"`);
    await queryRunner.query(`DROP TABLE "oidc_sign_in"`);
    await queryRunner.query(`DROP TABLE "organisation_identity_provider"`);
  }
}
