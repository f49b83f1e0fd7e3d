import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An intervention as it was before each correction by the organisation that logged it (libs/interventions). */
export class InterventionRevisions1796714000000 implements MigrationInterface {
  name = 'InterventionRevisions1796714000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "intervention_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "intervention_id" uuid NOT NULL, "person_id" uuid NOT NULL, "version" integer NOT NULL, "status" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notes" text, "outcome" jsonb, "corrected_by" text NOT NULL, "corrected_by_name" text NOT NULL, "corrected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reason" text, CONSTRAINT "pk_intervention_revision" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_intervention_revision_person" ON "intervention_revision" ("person_id")`);
    await q.query(`CREATE UNIQUE INDEX "ix_intervention_revision_intervention" ON "intervention_revision" ("intervention_id", "version")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_intervention_revision_intervention"`);
    await q.query(`DROP INDEX "public"."ix_intervention_revision_person"`);
    await q.query(`DROP TABLE "intervention_revision"`);
  }
}
