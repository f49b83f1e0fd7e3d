import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncJobs1795687348426 implements MigrationInterface {
  name = 'SyncJobs1795687348426';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sync_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "caller" text NOT NULL, "idempotency_key" text NOT NULL, "kind" text NOT NULL, "system" text NOT NULL, "status" text NOT NULL, "lines_committed" integer NOT NULL DEFAULT '0', "created" integer NOT NULL DEFAULT '0', "updated" integer NOT NULL DEFAULT '0', "unchanged" integer NOT NULL DEFAULT '0', "rejected" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL DEFAULT '[]', "failure" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_sync_job_key" UNIQUE ("caller", "idempotency_key"), CONSTRAINT "pk_sync_job" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sync_job"`);
  }
}
