import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppointmentsAndCaseNotes1796710000000 implements MigrationInterface {
  name = 'AppointmentsAndCaseNotes1796710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "appointment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "booked_by" text NOT NULL, "with_user_id" uuid NOT NULL, "service_code" text NOT NULL, "data_category" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "mode" text NOT NULL, "location" text, "status" text NOT NULL, "cancelled_by" text, "outcome_note" text, "outcome_recorded_at" TIMESTAMP WITH TIME ZONE, "rescheduled_from_id" uuid, "rescheduled_to_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "pk_appointment" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_appointment_org_time" ON "appointment"  ("organisation_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_appointment_with_time" ON "appointment"  ("with_user_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_appointment_person_time" ON "appointment"  ("person_id", "starts_at") `);
    await queryRunner.query(
      `CREATE TABLE "contact_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "recorded_by" text NOT NULL, "service_code" text NOT NULL, "data_category" text NOT NULL, "channel" text NOT NULL, "result" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text, "appointment_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_contact_attempt" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_contact_attempt_person_time" ON "contact_attempt"  ("person_id", "occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "case_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "written_by" text NOT NULL, "data_category" text NOT NULL, "about_kind" text, "about_id" uuid, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "pk_case_note" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_note_person_time" ON "case_note"  ("person_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "case_note_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "note_id" uuid NOT NULL, "person_id" uuid NOT NULL, "version" integer NOT NULL, "body" text NOT NULL, "data_category" text NOT NULL, "written_by" text NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL, "corrected_by" text NOT NULL, "corrected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reason" text NOT NULL, CONSTRAINT "pk_case_note_revision" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_note_revision_person" ON "case_note_revision"  ("person_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_case_note_revision_note" ON "case_note_revision"  ("note_id", "version") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_case_note_revision_note"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_note_revision_person"`);
    await queryRunner.query(`DROP TABLE "case_note_revision"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_note_person_time"`);
    await queryRunner.query(`DROP TABLE "case_note"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_attempt_person_time"`);
    await queryRunner.query(`DROP TABLE "contact_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_appointment_person_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_appointment_with_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_appointment_org_time"`);
    await queryRunner.query(`DROP TABLE "appointment"`);
  }
}
