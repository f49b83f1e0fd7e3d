import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The regions the hub started with (REGIONS in libs/common), now rows hub admins maintain. */
const SEED: [string, string][] = [
  ['north_east', 'North East'],
  ['north_west', 'North West'],
  ['yorkshire_humber', 'Yorkshire and the Humber'],
  ['east_midlands', 'East Midlands'],
  ['west_midlands', 'West Midlands'],
  ['east_of_england', 'East of England'],
  ['london', 'London'],
  ['kent_surrey_sussex', 'Kent, Surrey and Sussex'],
  ['south_west', 'South West'],
  ['south_central', 'South Central'],
  ['greater_manchester', 'Greater Manchester'],
  ['wales', 'Wales'],
];

/** The region vocabulary as data, with the other names of each region (libs/organisations: RegionsService). */
export class RegionVocabulary1796714656708 implements MigrationInterface {
  name = 'RegionVocabulary1796714656708';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "region" ("code" text NOT NULL, "name" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_region" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "region_synonym" ("synonym" text NOT NULL, "region_code" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_region_synonym" PRIMARY KEY ("synonym"))`,
    );
    await q.query(`CREATE INDEX "ix_region_synonym_region" ON "region_synonym" ("region_code")`);
    await q.query(`INSERT INTO region (code, name) SELECT x->>0, x->>1 FROM jsonb_array_elements($1::jsonb) x`, [JSON.stringify(SEED)]);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_region_synonym_region"`);
    await q.query(`DROP TABLE "region_synonym"`);
    await q.query(`DROP TABLE "region"`);
  }
}
