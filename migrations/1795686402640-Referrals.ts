import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Referrals1795686402640 implements MigrationInterface {
  name = 'Referrals1795686402640';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "event_delivery" ("event_id" bigint NOT NULL, "handler" text NOT NULL, "worker_id" text NOT NULL, "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_event_delivery" PRIMARY KEY ("event_id", "handler"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule_id" uuid NOT NULL, "version" integer NOT NULL, "name" text NOT NULL, "active" boolean NOT NULL, "trigger_event" text NOT NULL, "conditions" jsonb NOT NULL, "service_code" text NOT NULL, "match_region" boolean NOT NULL, "consent_purpose" text, "cooldown_days" integer NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_referral_rule" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_rule_trigger" ON "referral_rule"  ("trigger_event") WHERE superseded_at IS NULL AND active`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_referral_rule_current" ON "referral_rule"  ("rule_id") WHERE superseded_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_referral_rule_version" ON "referral_rule"  ("rule_id", "version") `);
    await queryRunner.query(
      `CREATE TABLE "rule_firing" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule_id" uuid NOT NULL, "rule_version" integer NOT NULL, "event_id" bigint NOT NULL, "person_id" uuid NOT NULL, "outcome" text NOT NULL, "referral_id" uuid, "task_id" uuid, "detail" text NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_rule_firing" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_rule_firing_person" ON "rule_firing"  ("rule_id", "person_id", "fired_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_rule_firing_event" ON "rule_firing"  ("rule_id", "event_id") `);
    await queryRunner.query(
      `CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "for_role" text NOT NULL, "person_id" uuid, "referral_id" uuid, "kind" text NOT NULL, "title" text NOT NULL, "detail" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "due_at" TIMESTAMP WITH TIME ZONE, "source_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" text, CONSTRAINT "UQ_b773ec2c256d20d8c31fe903a56" UNIQUE ("source_key"), CONSTRAINT "pk_task" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_org_status" ON "task"  ("organisation_id", "status") `);
    await queryRunner.query(
      `CREATE TABLE "referral_transition" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "referral_id" uuid NOT NULL, "action" text NOT NULL, "from_state" text, "to_state" text NOT NULL, "reason" text, "actor" text NOT NULL, "organisation_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_referral_transition" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referral_transition_referral" ON "referral_transition"  ("referral_id", "at") `);
    await queryRunner.query(
      `CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "from_organisation_id" uuid NOT NULL, "to_organisation_id" uuid NOT NULL, "service_code" text NOT NULL, "reason" text NOT NULL, "shared_categories" text array NOT NULL DEFAULT '{}', "state" text NOT NULL, "state_reason" text, "sent_at" TIMESTAMP WITH TIME ZONE, "due_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, "rule_id" uuid, "rule_version" integer, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "pk_referral" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referral_due" ON "referral"  ("due_at") WHERE state = 'sent' AND escalated_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_referral_person" ON "referral"  ("person_id") `);
    await queryRunner.query(`CREATE INDEX "ix_referral_from_state" ON "referral"  ("from_organisation_id", "state") `);
    await queryRunner.query(`CREATE INDEX "ix_referral_to_state" ON "referral"  ("to_organisation_id", "state") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referral_to_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_from_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_due"`);
    await queryRunner.query(`DROP TABLE "referral"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_transition_referral"`);
    await queryRunner.query(`DROP TABLE "referral_transition"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_org_status"`);
    await queryRunner.query(`DROP TABLE "task"`);
    await queryRunner.query(`DROP INDEX "public"."ux_rule_firing_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_rule_firing_person"`);
    await queryRunner.query(`DROP TABLE "rule_firing"`);
    await queryRunner.query(`DROP INDEX "public"."ux_referral_rule_version"`);
    await queryRunner.query(`DROP INDEX "public"."ux_referral_rule_current"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_rule_trigger"`);
    await queryRunner.query(`DROP TABLE "referral_rule"`);
    await queryRunner.query(`DROP TABLE "event_delivery"`);
  }
}
