import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1795686735696 implements MigrationInterface {
  name = 'AuditLog1795686735696';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "organisation_id" uuid, "purpose" text, "request_id" text, "person_id" uuid, "action" text NOT NULL, "categories" text array NOT NULL DEFAULT '{}', "fields" text array NOT NULL DEFAULT '{}', "withheld" text array NOT NULL DEFAULT '{}', "break_glass" boolean NOT NULL DEFAULT false, "detail" jsonb, "detail_digest" text, "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "pk_audit_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_event_break_glass" ON "audit_event"  ("id") WHERE break_glass`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_person" ON "audit_event"  ("person_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "break_glass_grant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "actor" text NOT NULL, "organisation_id" uuid NOT NULL, "reason" text NOT NULL, "purpose" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE, "reviewed_by" text, "review_note" text, CONSTRAINT "pk_break_glass_grant" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_break_glass_grant_actor" ON "break_glass_grant"  ("actor", "person_id", "expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "legal_hold" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "reason" text NOT NULL, "placed_by" text NOT NULL, "organisation_id" uuid, "placed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "released_at" TIMESTAMP WITH TIME ZONE, "released_by" text, CONSTRAINT "pk_legal_hold" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_legal_hold_person" ON "legal_hold"  ("person_id") WHERE released_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "person_erasure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "kind" text NOT NULL, "categories" text array NOT NULL, "reason" text NOT NULL, "erased_by" text NOT NULL, "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "counts" jsonb NOT NULL, CONSTRAINT "pk_person_erasure" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "person_erasure"`);
    await queryRunner.query(`DROP INDEX "public"."ix_legal_hold_person"`);
    await queryRunner.query(`DROP TABLE "legal_hold"`);
    await queryRunner.query(`DROP INDEX "public"."ix_break_glass_grant_actor"`);
    await queryRunner.query(`DROP TABLE "break_glass_grant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_break_glass"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
