import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first time of each step of the referrals in `ids` (an SQL uuid[]), from their transitions. */
const firsts = (ids: string) => `
  SELECT x.referral_id,
         min(x.at) FILTER (WHERE x.action = 'accept') AS accepted_at, min(x.at) FILTER (WHERE x.action = 'decline') AS declined_at,
         min(x.at) FILTER (WHERE x.action = 'start') AS started_at, min(x.at) FILTER (WHERE x.action = 'complete') AS completed_at,
         min(x.at) FILTER (WHERE x.action = 'withdraw') AS withdrawn_at
    FROM referral_transition x WHERE x.referral_id = ANY(${ids}) GROUP BY x.referral_id`;

/**
 * Keeps the referral report's summary (referral_fact: libs/referrals/src/referral-fact.entity.ts)
 * right in the transaction of every write, whatever writes (the services, the population generator,
 * erasure, hand-written SQL), by statement-level triggers with transition tables:
 * - a referral inserted or changed: its row's referral columns are upserted (a new one's step times
 *   read from its transitions, usually none yet);
 * - transitions inserted: each step's time becomes the earlier of the kept one and the new one;
 * - transitions deleted (erasure) or changed: the referrals they belong to are recounted from what is recorded;
 * - a referral deleted: its row goes.
 * The migration backfills it from what is recorded.
 */
export class ReferralFacts1796714658064 implements MigrationInterface {
  name = 'ReferralFacts1796714658064';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "referral_fact" ("referral_id" uuid NOT NULL, "service_code" text NOT NULL, "from_organisation_id" uuid NOT NULL, "to_organisation_id" uuid NOT NULL, "state" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "declined_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_referral_fact" PRIMARY KEY ("referral_id"))`,
    );
    await q.query(`CREATE INDEX "ix_referral_fact_sent" ON "referral_fact" ("sent_at")`);
    await q.query(`CREATE INDEX "ix_referral_fact_to_sent" ON "referral_fact" ("to_organisation_id", "sent_at")`);
    await q.query(`CREATE INDEX "ix_referral_fact_from_sent" ON "referral_fact" ("from_organisation_id", "sent_at")`);
    await q.query(`
      CREATE FUNCTION referral_fact_upsert() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO referral_fact AS f (referral_id, service_code, from_organisation_id, to_organisation_id, state, sent_at,
                                        accepted_at, declined_at, started_at, completed_at, withdrawn_at)
        SELECT n.id, n.service_code, n.from_organisation_id, n.to_organisation_id, n.state, n.sent_at,
               t.accepted_at, t.declined_at, t.started_at, t.completed_at, t.withdrawn_at
          FROM new_rows n LEFT JOIN (${firsts('ARRAY(SELECT id FROM new_rows)')}) t ON t.referral_id = n.id
        ON CONFLICT (referral_id) DO UPDATE SET service_code = EXCLUDED.service_code, from_organisation_id = EXCLUDED.from_organisation_id,
               to_organisation_id = EXCLUDED.to_organisation_id, state = EXCLUDED.state, sent_at = EXCLUDED.sent_at;
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION referral_fact_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM referral_fact f USING old_rows o WHERE f.referral_id = o.id;
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION referral_fact_steps_added() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE referral_fact f SET accepted_at = LEAST(f.accepted_at, t.accepted_at), declined_at = LEAST(f.declined_at, t.declined_at),
               started_at = LEAST(f.started_at, t.started_at), completed_at = LEAST(f.completed_at, t.completed_at),
               withdrawn_at = LEAST(f.withdrawn_at, t.withdrawn_at)
          FROM (SELECT x.referral_id,
                       min(x.at) FILTER (WHERE x.action = 'accept') AS accepted_at, min(x.at) FILTER (WHERE x.action = 'decline') AS declined_at,
                       min(x.at) FILTER (WHERE x.action = 'start') AS started_at, min(x.at) FILTER (WHERE x.action = 'complete') AS completed_at,
                       min(x.at) FILTER (WHERE x.action = 'withdraw') AS withdrawn_at
                  FROM new_rows x WHERE x.action IN ('accept', 'decline', 'start', 'complete', 'withdraw') GROUP BY x.referral_id) t
         WHERE f.referral_id = t.referral_id;
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION referral_fact_steps_removed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE referral_fact f SET accepted_at = t.accepted_at, declined_at = t.declined_at, started_at = t.started_at,
               completed_at = t.completed_at, withdrawn_at = t.withdrawn_at
          FROM (SELECT o.referral_id, c.accepted_at, c.declined_at, c.started_at, c.completed_at, c.withdrawn_at
                  FROM (SELECT DISTINCT referral_id FROM old_rows) o
                  LEFT JOIN (${firsts('ARRAY(SELECT DISTINCT referral_id FROM old_rows)')}) c ON c.referral_id = o.referral_id) t
         WHERE f.referral_id = t.referral_id;
        RETURN NULL;
      END $fn$`);
    // A transition changed (its time corrected, say): its referral is recounted from what is recorded.
    await q.query(`
      CREATE FUNCTION referral_fact_steps_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE referral_fact f SET accepted_at = c.accepted_at, declined_at = c.declined_at, started_at = c.started_at,
               completed_at = c.completed_at, withdrawn_at = c.withdrawn_at
          FROM (${firsts('ARRAY(SELECT DISTINCT referral_id FROM new_rows UNION SELECT DISTINCT referral_id FROM old_rows)')}) c
         WHERE f.referral_id = c.referral_id;
        RETURN NULL;
      END $fn$`);
    await q.query(
      `CREATE TRIGGER referral_fact_insert AFTER INSERT ON referral REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION referral_fact_upsert()`,
    );
    await q.query(
      `CREATE TRIGGER referral_fact_update AFTER UPDATE ON referral REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION referral_fact_upsert()`,
    );
    await q.query(
      `CREATE TRIGGER referral_fact_delete AFTER DELETE ON referral REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION referral_fact_delete()`,
    );
    await q.query(
      `CREATE TRIGGER referral_fact_steps_added AFTER INSERT ON referral_transition REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION referral_fact_steps_added()`,
    );
    await q.query(
      `CREATE TRIGGER referral_fact_steps_removed AFTER DELETE ON referral_transition REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION referral_fact_steps_removed()`,
    );
    await q.query(
      `CREATE TRIGGER referral_fact_steps_changed AFTER UPDATE ON referral_transition REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION referral_fact_steps_changed()`,
    );
    // The backfill: every referral as recorded.
    await q.query(
      `INSERT INTO referral_fact (referral_id, service_code, from_organisation_id, to_organisation_id, state, sent_at, accepted_at, declined_at, started_at, completed_at, withdrawn_at)
       SELECT r.id, r.service_code, r.from_organisation_id, r.to_organisation_id, r.state, r.sent_at, t.accepted_at, t.declined_at, t.started_at, t.completed_at, t.withdrawn_at
         FROM referral r
         LEFT JOIN (SELECT x.referral_id,
                           min(x.at) FILTER (WHERE x.action = 'accept') AS accepted_at, min(x.at) FILTER (WHERE x.action = 'decline') AS declined_at,
                           min(x.at) FILTER (WHERE x.action = 'start') AS started_at, min(x.at) FILTER (WHERE x.action = 'complete') AS completed_at,
                           min(x.at) FILTER (WHERE x.action = 'withdraw') AS withdrawn_at
                      FROM referral_transition x GROUP BY x.referral_id) t ON t.referral_id = r.id`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER referral_fact_steps_changed ON referral_transition`);
    await q.query(`DROP TRIGGER referral_fact_steps_removed ON referral_transition`);
    await q.query(`DROP TRIGGER referral_fact_steps_added ON referral_transition`);
    await q.query(`DROP TRIGGER referral_fact_delete ON referral`);
    await q.query(`DROP TRIGGER referral_fact_update ON referral`);
    await q.query(`DROP TRIGGER referral_fact_insert ON referral`);
    await q.query(`DROP FUNCTION referral_fact_steps_changed()`);
    await q.query(`DROP FUNCTION referral_fact_steps_removed()`);
    await q.query(`DROP FUNCTION referral_fact_steps_added()`);
    await q.query(`DROP FUNCTION referral_fact_delete()`);
    await q.query(`DROP FUNCTION referral_fact_upsert()`);
    await q.query(`DROP INDEX "public"."ix_referral_fact_from_sent"`);
    await q.query(`DROP INDEX "public"."ix_referral_fact_to_sent"`);
    await q.query(`DROP INDEX "public"."ix_referral_fact_sent"`);
    await q.query(`DROP TABLE "referral_fact"`);
  }
}
