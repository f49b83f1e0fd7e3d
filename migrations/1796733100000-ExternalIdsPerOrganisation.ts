import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * External ids become each organisation's own: the key of external_ref gains the organisation whose
 * integrator gave the id, so another organisation's integrator can neither take an id first nor
 * learn from the answer that one exists. Going back keeps the first link of each id.
 */
export class ExternalIdsPerOrganisation1796733100000 implements MigrationInterface {
  name = 'ExternalIdsPerOrganisation1796733100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "external_ref" DROP CONSTRAINT "pk_external_ref"`);
    await q.query(
      `ALTER TABLE "external_ref" ADD CONSTRAINT "pk_external_ref" PRIMARY KEY ("system", "entity_type", "external_id", "organisation_id")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM "external_ref" r USING "external_ref" f
        WHERE f.system = r.system AND f.entity_type = r.entity_type AND f.external_id = r.external_id
          AND (f.created_at, f.organisation_id) < (r.created_at, r.organisation_id)`,
    );
    await q.query(`ALTER TABLE "external_ref" DROP CONSTRAINT "pk_external_ref"`);
    await q.query(`ALTER TABLE "external_ref" ADD CONSTRAINT "pk_external_ref" PRIMARY KEY ("system", "entity_type", "external_id")`);
  }
}
