import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Meetings1796720655376 implements MigrationInterface {
  name = 'Meetings1796720655376';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organiser_organisation_id" uuid NOT NULL, "title" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "place" text, "link" text, "recurrence" text, "invited_organisation_ids" uuid array NOT NULL DEFAULT '{}', "invited_user_ids" uuid array NOT NULL DEFAULT '{}', "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "pk_meeting" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meeting_invited" ON "meeting" USING gin ("invited_organisation_ids")`);
    await queryRunner.query(`CREATE INDEX "ix_meeting_organiser_time" ON "meeting"  ("organiser_organisation_id", "starts_at") `);
    await queryRunner.query(
      `CREATE TABLE "meeting_agenda_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "person_id" uuid NOT NULL, "person_label" text NOT NULL, "reason" text NOT NULL, "position" integer NOT NULL, "added_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_meeting_agenda_item" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meeting_agenda_item_by_person" ON "meeting_agenda_item"  ("person_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_meeting_agenda_item_person" ON "meeting_agenda_item"  ("meeting_id", "person_id") `);
    await queryRunner.query(
      `CREATE TABLE "meeting_attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "user_id" uuid, "user_key" text NOT NULL, "attended" boolean NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_meeting_attendance" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_meeting_attendance_who" ON "meeting_attendance"  ("meeting_id", "organisation_id", "user_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "person_id" uuid NOT NULL, "kind" text NOT NULL, "organisation_id" uuid NOT NULL, "written_by" text NOT NULL, "data_category" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_meeting_note" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meeting_note_person" ON "meeting_note"  ("person_id") `);
    await queryRunner.query(`CREATE INDEX "ix_meeting_note_item" ON "meeting_note"  ("agenda_item_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "meeting_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "person_id" uuid NOT NULL, "owner_organisation_id" uuid NOT NULL, "owner_user_id" uuid, "title" text NOT NULL, "due_on" date NOT NULL, "status" text NOT NULL DEFAULT 'open', "overdue_at" TIMESTAMP WITH TIME ZONE, "link_kind" text, "link_id" uuid, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" text, "completion_note" text, CONSTRAINT "pk_meeting_action" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_meeting_action_due" ON "meeting_action"  ("due_on") WHERE status = 'open' AND overdue_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meeting_action_owner_status" ON "meeting_action"  ("owner_organisation_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_meeting_action_person" ON "meeting_action"  ("person_id") `);
    await queryRunner.query(`CREATE INDEX "ix_meeting_action_item" ON "meeting_action"  ("agenda_item_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_action_item"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_action_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_action_owner_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_action_due"`);
    await queryRunner.query(`DROP TABLE "meeting_action"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_note_item"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_note_person"`);
    await queryRunner.query(`DROP TABLE "meeting_note"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_attendance_who"`);
    await queryRunner.query(`DROP TABLE "meeting_attendance"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_agenda_item_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_agenda_item_by_person"`);
    await queryRunner.query(`DROP TABLE "meeting_agenda_item"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_organiser_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_invited"`);
    await queryRunner.query(`DROP TABLE "meeting"`);
  }
}
