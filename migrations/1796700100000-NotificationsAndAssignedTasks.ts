import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsAndAssignedTasks1796700100000 implements MigrationInterface {
  name = 'NotificationsAndAssignedTasks1796700100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "event_id" bigint NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "person_id" uuid, "path" text NOT NULL, "status" text NOT NULL, "reason" text, "attempts" jsonb NOT NULL DEFAULT '[]', "message_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_notification_event_user" UNIQUE ("event_id", "user_id"), CONSTRAINT "pk_notification" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_notification_digest" ON "notification"  ("user_id") WHERE status = 'digest'`);
    await queryRunner.query(`CREATE INDEX "ix_notification_user_created" ON "notification"  ("user_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "notification_setting" ("user_id" uuid NOT NULL, "delivery" text NOT NULL DEFAULT 'immediate', "disabled_kinds" text array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notification_setting" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "task" ADD "assignee_user_id" uuid`);
    await queryRunner.query(`ALTER TABLE "task" ADD "assignee_team_id" uuid`);
    await queryRunner.query(`ALTER TABLE "task" ADD "created_by" text`);
    await queryRunner.query(`CREATE INDEX "ix_task_assignee_user" ON "task"  ("assignee_user_id") WHERE assignee_user_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_task_assignee_user"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "created_by"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "assignee_team_id"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "assignee_user_id"`);
    await queryRunner.query(`DROP TABLE "notification_setting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_digest"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
