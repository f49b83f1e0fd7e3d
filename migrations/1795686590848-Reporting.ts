import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reporting1795686590848 implements MigrationInterface {
  name = 'Reporting1795686590848';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_intervention_org"`);
    await queryRunner.query(
      `CREATE TABLE "ogrs_assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "score" numeric(5,2) NOT NULL, "assessed_on" date NOT NULL, "source" text NOT NULL, "organisation_id" uuid NOT NULL, "recorded_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_ogrs_assessment" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ogrs_person_date" ON "ogrs_assessment"  ("person_id", "assessed_on") `);
    await queryRunner.query(
      `CREATE TABLE "reconviction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "convicted_on" date NOT NULL, "source" text NOT NULL, "organisation_id" uuid NOT NULL, "recorded_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_reconviction" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_reconviction_person_date" ON "reconviction"  ("person_id", "convicted_on") `);
    await queryRunner.query(`CREATE INDEX "ix_intervention_time" ON "intervention"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_intervention_org" ON "intervention"  ("organisation_id", "occurred_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_intervention_org"`);
    await queryRunner.query(`DROP INDEX "public"."ix_intervention_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reconviction_person_date"`);
    await queryRunner.query(`DROP TABLE "reconviction"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ogrs_person_date"`);
    await queryRunner.query(`DROP TABLE "ogrs_assessment"`);
    await queryRunner.query(`CREATE INDEX "ix_intervention_org" ON "intervention" USING btree ("organisation_id") `);
  }
}
