import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795684512687 implements MigrationInterface {
  name = 'Foundation1795684512687';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."organisation_kind" AS ENUM('probation', 'prison', 'charity', 'training_provider', 'employer', 'jobcentre', 'local_authority', 'health', 'housing')`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" "public"."organisation_kind" NOT NULL, "regions" text array NOT NULL DEFAULT '{}', "services" text array NOT NULL DEFAULT '{}', "capacity" integer, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "UQ_d9428f9c8e3052d6617e3aab0ed" UNIQUE ("name"), CONSTRAINT "pk_organisation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."api_scope" AS ENUM('people:read', 'people:write', 'referrals:write', 'sync', 'reports:read')`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_client" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" text NOT NULL, "client_id" text NOT NULL, "secret_hash" text NOT NULL, "scopes" "public"."api_scope" array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a0ad7eb2aef50308b512c483ad5" UNIQUE ("client_id"), CONSTRAINT "pk_api_client" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8184d7cb314d8da1c6c8da37f5" ON "api_client"  ("organisation_id") `);
    await queryRunner.query(
      `CREATE TABLE "outbox_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "type" text NOT NULL, "aggregate_type" text NOT NULL, "aggregate_id" uuid NOT NULL, "person_id" uuid, "payload" jsonb NOT NULL, "actor_id" text, "organisation_id" uuid, "request_id" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_outbox_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_outbox_event_unpublished" ON "outbox_event"  ("id") WHERE published_at IS NULL`);
    await queryRunner.query(
      `CREATE TYPE "public"."role" AS ENUM('caseworker', 'manager', 'org_admin', 'data_protection_officer', 'hub_admin')`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "password_hash" text, "roles" "public"."role" array NOT NULL DEFAULT '{}', "regions" text array NOT NULL DEFAULT '{}', "team" text, "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_56a0e4bcec2b5411beafa47ffa5" UNIQUE ("email"), CONSTRAINT "pk_user_account" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6b1d49dc4407c09cf2e6e99a64" ON "user_account"  ("organisation_id") `);
    await queryRunner.query(
      `CREATE TABLE "user_identity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "issuer" text NOT NULL, "subject" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_user_identity_issuer_subject" UNIQUE ("issuer", "subject"), CONSTRAINT "pk_user_identity" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2818839f889ab24f4077437753" ON "user_identity"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "signing_key" ("kid" text NOT NULL, "alg" text NOT NULL, "private_key_pem" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_signing_key" PRIMARY KEY ("kid"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_client" ADD CONSTRAINT "FK_8184d7cb314d8da1c6c8da37f50" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_account" ADD CONSTRAINT "FK_6b1d49dc4407c09cf2e6e99a646" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_identity" ADD CONSTRAINT "FK_2818839f889ab24f4077437753f" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_identity" DROP CONSTRAINT "FK_2818839f889ab24f4077437753f"`);
    await queryRunner.query(`ALTER TABLE "user_account" DROP CONSTRAINT "FK_6b1d49dc4407c09cf2e6e99a646"`);
    await queryRunner.query(`ALTER TABLE "api_client" DROP CONSTRAINT "FK_8184d7cb314d8da1c6c8da37f50"`);
    await queryRunner.query(`DROP TABLE "signing_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2818839f889ab24f4077437753"`);
    await queryRunner.query(`DROP TABLE "user_identity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6b1d49dc4407c09cf2e6e99a64"`);
    await queryRunner.query(`DROP TABLE "user_account"`);
    await queryRunner.query(`DROP TYPE "public"."role"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8184d7cb314d8da1c6c8da37f5"`);
    await queryRunner.query(`DROP TABLE "api_client"`);
    await queryRunner.query(`DROP TYPE "public"."api_scope"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(`DROP TYPE "public"."organisation_kind"`);
  }
}
