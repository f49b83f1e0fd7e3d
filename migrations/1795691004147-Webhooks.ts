import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1795691004147 implements MigrationInterface {
  name = 'Webhooks1795691004147';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "event_id" bigint NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_webhook_delivery" UNIQUE ("endpoint_id", "event_id"), CONSTRAINT "pk_webhook_delivery" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "url" text NOT NULL, "event_types" text array NOT NULL, "secret" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_webhook_endpoint" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_webhook_endpoint_org" ON "webhook_endpoint"  ("organisation_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_endpoint_org"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
  }
}
