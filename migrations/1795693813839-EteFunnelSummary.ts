import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EteFunnelSummary1795693813839 implements MigrationInterface {
  name = 'EteFunnelSummary1795693813839';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ete_funnel_fact" ("region" text, "referred_on" date, "took_up_on" date, "training_on" date, "qualified_on" date, "qualification" text, "job_start_on" date, "job_sector" text, "sustained_on" date, "types" text array NOT NULL, "person_id" uuid NOT NULL, CONSTRAINT "pk_ete_funnel_fact" PRIMARY KEY ("person_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ete_funnel_org_fact" ("region" text, "referred_on" date, "took_up_on" date, "training_on" date, "qualified_on" date, "qualification" text, "job_start_on" date, "job_sector" text, "sustained_on" date, "types" text array NOT NULL, "organisation_id" uuid NOT NULL, "person_id" uuid NOT NULL, CONSTRAINT "pk_ete_funnel_org_fact" PRIMARY KEY ("organisation_id", "person_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ete_funnel_org_fact_person" ON "ete_funnel_org_fact"  ("person_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_ete_funnel_org_fact_person"`);
    await queryRunner.query(`DROP TABLE "ete_funnel_org_fact"`);
    await queryRunner.query(`DROP TABLE "ete_funnel_fact"`);
  }
}
