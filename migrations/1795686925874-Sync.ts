import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Sync1795686925874 implements MigrationInterface {
  name = 'Sync1795686925874';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "external_ref" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "system" text NOT NULL, "entity_type" text NOT NULL, "external_id" text NOT NULL, "entity_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_external_ref" UNIQUE ("system", "entity_type", "external_id"), CONSTRAINT "pk_external_ref" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_external_ref_entity" ON "external_ref"  ("entity_type", "entity_id") `);
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("caller" text NOT NULL, "key" text NOT NULL, "operation" text NOT NULL, "request_hash" text NOT NULL, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_idempotency_key" PRIMARY KEY ("caller", "key"))`,
    );
    // Hand-added: the writing transaction's id, as a bigint, for the change feed's visibility horizon.
    await queryRunner.query(
      `CREATE FUNCTION hub_current_txid() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT (pg_current_xact_id())::text::bigint $$`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "tx_id" bigint NOT NULL DEFAULT hub_current_txid()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "tx_id"`);
    await queryRunner.query(`DROP FUNCTION hub_current_txid()`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_external_ref_entity"`);
    await queryRunner.query(`DROP TABLE "external_ref"`);
  }
}
