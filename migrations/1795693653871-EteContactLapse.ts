import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EteContactLapse1795693653871 implements MigrationInterface {
  name = 'EteContactLapse1795693653871';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ete_contact_lapse" ("person_id" uuid NOT NULL, "lapse_key" text NOT NULL, "organisation_id" uuid NOT NULL, "last_contact_at" TIMESTAMP WITH TIME ZONE, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_ete_contact_lapse" PRIMARY KEY ("person_id", "lapse_key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ete_contact_lapse"`);
  }
}
