import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseworkerAccess1796620127201 implements MigrationInterface {
  name = 'CaseworkerAccess1796620127201';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_team" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_team_organisation_name" ON "team"  ("organisation_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "team_member" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_team_member" PRIMARY KEY ("team_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_team_member_user" ON "team_member"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "allocation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "case_owner_id" uuid, "team_id" uuid, "reason" text NOT NULL, "allocated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "allocated_by" text NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_allocation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_allocation_team" ON "allocation"  ("organisation_id", "team_id") WHERE ended_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_allocation_owner" ON "allocation"  ("organisation_id", "case_owner_id") WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_allocation_current" ON "allocation"  ("person_id", "organisation_id") WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_restriction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "kind" text NOT NULL, "user_ids" uuid array NOT NULL, "reason" text NOT NULL, "review_on" date NOT NULL, "allows_break_glass" boolean NOT NULL DEFAULT false, "placed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "placed_by" text NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE, "lifted_at" TIMESTAMP WITH TIME ZONE, "lifted_by" text, "lift_reason" text, CONSTRAINT "pk_case_restriction" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_restriction_person" ON "case_restriction"  ("person_id") WHERE lifted_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "visibility" text NOT NULL DEFAULT 'organisation'`);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "support_areas" text array NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "support_areas"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "visibility"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_restriction_person"`);
    await queryRunner.query(`DROP TABLE "case_restriction"`);
    await queryRunner.query(`DROP INDEX "public"."ux_allocation_current"`);
    await queryRunner.query(`DROP INDEX "public"."ix_allocation_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_allocation_team"`);
    await queryRunner.query(`DROP TABLE "allocation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_team_member_user"`);
    await queryRunner.query(`DROP TABLE "team_member"`);
    await queryRunner.query(`DROP INDEX "public"."ux_team_organisation_name"`);
    await queryRunner.query(`DROP TABLE "team"`);
  }
}
