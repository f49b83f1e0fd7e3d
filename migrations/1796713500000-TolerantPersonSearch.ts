import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tolerant search for people (libs/persons name-search.ts): the names' sounds (double metaphone of each
 * word, from fuzzystrmatch) and the names with their spaces removed, each behind a GIN index, beside
 * the trigram index of the names that exists already.
 */
export class TolerantPersonSearch1796713500000 implements MigrationInterface {
  name = 'TolerantPersonSearch1796713500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE FUNCTION person_name_sounds(name text) RETURNS text[]
         LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT
         AS $$ SELECT coalesce(array_agg(DISTINCT dmetaphone(w)) FILTER (WHERE dmetaphone(w) <> ''), '{}')
                 FROM unnest(string_to_array(name, ' ')) AS w $$`,
    );
    await q.query(`CREATE INDEX "ix_person_name_sounds" ON "person" USING gin (person_name_sounds("normalised_name"))`);
    await q.query(`CREATE INDEX "ix_person_name_compact_trgm" ON "person" USING gin (replace("normalised_name", ' ', '') gin_trgm_ops)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_person_name_compact_trgm"`);
    await q.query(`DROP INDEX "ix_person_name_sounds"`);
    await q.query(`DROP FUNCTION person_name_sounds(text)`);
    // fuzzystrmatch stays: dropping an extension another database object may use is not this migration's to do.
  }
}
