import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hours from sending to the answer per service, and from acceptance to the start, as the referrals
 * lib has them (SERVICE_SLA_HOURS, DEFAULT_SLA_HOURS, START_SLA_HOURS in referral-vocabulary.ts; a test
 * holds the two in step). A change to those is a new migration that replaces the functions and
 * recounts (SELECT referral_count_rebuild()).
 */
const ANSWER_HOURS: [string, number][] = [
  ['accommodation_support', 72],
  ['mental_health_support', 72],
  ['resettlement', 120],
  ['employment', 120],
  ['in_work_support', 72],
];
const DEFAULT_ANSWER_HOURS = 120;
const START_HOURS = 240;

const MEASURES = [
  'sent',
  'accepted',
  'declined',
  'withdrawn_before_answer',
  'awaiting_answer',
  'answered_in_time',
  'started',
  'started_in_time',
  'completed',
  'withdrawn_after_acceptance',
];
const KEY = ['day', 'service_code', 'from_organisation_id', 'to_organisation_id'];

/** The part of referral_fact row `f` in the counts, times `sign`: its key, then each measure (0 or ±1). */
const part = (f: string, sign: string) => `
  (${f}.sent_at AT TIME ZONE 'Europe/London')::date AS day, ${f}.service_code, ${f}.from_organisation_id, ${f}.to_organisation_id,
  ${sign} AS sent,
  ${sign} * (${f}.accepted_at IS NOT NULL)::int AS accepted,
  ${sign} * (${f}.declined_at IS NOT NULL)::int AS declined,
  ${sign} * (${f}.withdrawn_at IS NOT NULL AND ${f}.accepted_at IS NULL AND ${f}.declined_at IS NULL)::int AS withdrawn_before_answer,
  ${sign} * (${f}.state = 'sent')::int AS awaiting_answer,
  ${sign} * COALESCE(LEAST(${f}.accepted_at, ${f}.declined_at) <= ${f}.sent_at + make_interval(hours => referral_answer_hours(${f}.service_code)), false)::int AS answered_in_time,
  ${sign} * (${f}.started_at IS NOT NULL)::int AS started,
  ${sign} * COALESCE(${f}.started_at <= ${f}.accepted_at + make_interval(hours => referral_start_hours()), false)::int AS started_in_time,
  ${sign} * (${f}.completed_at IS NOT NULL)::int AS completed,
  ${sign} * (${f}.withdrawn_at IS NOT NULL AND ${f}.accepted_at IS NOT NULL)::int AS withdrawn_after_acceptance`;

const sums = MEASURES.map((m) => `sum(${m})::int`).join(', ');
const anyMoved = MEASURES.map((m) => `sum(${m}) <> 0`).join(' OR ');

/**
 * Appends the signed parts of `rows` (a SELECT of `sign` and referral_fact's columns as f) to the
 * deltas: the counts, one row per key; and the hours each took to be answered (kind 0) and started
 * (kind 1), to the nearest hour, one row per month, service, kind and hours.
 */
const appendDeltas = (rows: string) => `
  INSERT INTO referral_count_delta (${KEY.join(', ')}, ${MEASURES.join(', ')})
  SELECT ${KEY.join(', ')}, ${sums}
    FROM (SELECT ${part('f', 'f.sign')} FROM (${rows}) f WHERE f.sent_at IS NOT NULL) p
   GROUP BY ${KEY.join(', ')}
  HAVING ${anyMoved};
  INSERT INTO referral_hours_delta (month, service_code, kind, hours, n)
  SELECT date_trunc('month', f.sent_at AT TIME ZONE 'Europe/London')::date, f.service_code, k.kind, k.hours, sum(f.sign)::int
    FROM (${rows}) f
   CROSS JOIN LATERAL (VALUES (0::smallint, referral_hours_between(f.sent_at, LEAST(f.accepted_at, f.declined_at))),
                              (1::smallint, referral_hours_between(f.accepted_at, f.started_at))) k(kind, hours)
   WHERE f.sent_at IS NOT NULL AND k.hours IS NOT NULL
   GROUP BY 1, 2, 3, 4
  HAVING sum(f.sign) <> 0`;

/** Folds `moved` (a CTE of deltas) into `table` keyed by `key`. */
const fold = (table: string, key: string[]) => `
  INSERT INTO ${table} AS c (${key.join(', ')}, ${MEASURES.join(', ')})
  SELECT ${key.join(', ')}, ${sums} FROM moved GROUP BY ${key.join(', ')} ORDER BY ${key.join(', ')}
  ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${MEASURES.map((m) => `${m} = c.${m} + EXCLUDED.${m}`).join(', ')}`;

/**
 * The referral report's counts per day (referral-count.entity.ts): deltas appended by a trigger on
 * referral_fact in the transaction of every write, folded by referral_count_compact(); backfilled
 * from what is recorded. Also: referral_fact's index on the sending time covers the columns the
 * medians read, and a partial index finds the open referrals whose due times the report compares with now.
 */
export class ReferralCounts1796733300000 implements MigrationInterface {
  name = 'ReferralCounts1796733300000';

  public async up(q: QueryRunner): Promise<void> {
    const measureColumns = MEASURES.map((m) => `"${m}" integer NOT NULL DEFAULT 0`).join(', ');
    await q.query(
      `CREATE TABLE "referral_count" ("day" date NOT NULL, "service_code" text NOT NULL, "from_organisation_id" uuid NOT NULL, "to_organisation_id" uuid NOT NULL, ${measureColumns}, CONSTRAINT "pk_referral_count" PRIMARY KEY ("day", "service_code", "from_organisation_id", "to_organisation_id"))`,
    );
    await q.query(`CREATE INDEX "ix_referral_count_to" ON "referral_count" ("to_organisation_id", "day") `);
    await q.query(`CREATE INDEX "ix_referral_count_from" ON "referral_count" ("from_organisation_id", "day") `);
    await q.query(
      `CREATE TABLE "referral_count_day" ("day" date NOT NULL, "service_code" text NOT NULL, ${measureColumns}, CONSTRAINT "pk_referral_count_day" PRIMARY KEY ("day", "service_code"))`,
    );
    await q.query(
      `CREATE TABLE "referral_count_delta" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "day" date NOT NULL, "service_code" text NOT NULL, "from_organisation_id" uuid NOT NULL, "to_organisation_id" uuid NOT NULL, ${measureColumns}, CONSTRAINT "pk_referral_count_delta" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_referral_count_delta_day" ON "referral_count_delta" ("day") `);
    await q.query(
      `CREATE TABLE "referral_hours" ("month" date NOT NULL, "service_code" text NOT NULL, "kind" smallint NOT NULL, "hours" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "pk_referral_hours" PRIMARY KEY ("month", "service_code", "kind", "hours"))`,
    );
    await q.query(
      `CREATE TABLE "referral_hours_delta" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "month" date NOT NULL, "service_code" text NOT NULL, "kind" smallint NOT NULL, "hours" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "pk_referral_hours_delta" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_referral_hours_delta_month" ON "referral_hours_delta" ("month") `);
    await q.query(
      `CREATE TABLE "referral_hours_year" ("year" date NOT NULL, "service_code" text NOT NULL, "kind" smallint NOT NULL, "hours" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "pk_referral_hours_year" PRIMARY KEY ("year", "service_code", "kind", "hours"))`,
    );
    await q.query(`
      CREATE FUNCTION referral_hours_between(a timestamptz, b timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT round(extract(epoch FROM b - a) / 3600)::int
      $fn$`);
    await q.query(`
      CREATE FUNCTION referral_answer_hours(service text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE service ${ANSWER_HOURS.map(([code, hours]) => `WHEN '${code}' THEN ${hours}`).join(' ')} ELSE ${DEFAULT_ANSWER_HOURS} END
      $fn$`);
    await q.query(
      `CREATE FUNCTION referral_start_hours() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT ${START_HOURS} $fn$`,
    );
    // One function for the three triggers: each branch reads only the transition tables its event has.
    await q.query(`
      CREATE FUNCTION referral_count_move() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${appendDeltas(`SELECT 1 AS sign, n.* FROM new_rows n`)};
        ELSIF TG_OP = 'UPDATE' THEN
          ${appendDeltas(`SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1, n.* FROM new_rows n`)};
        ELSE
          ${appendDeltas(`SELECT -1 AS sign, o.* FROM old_rows o`)};
        END IF;
        RETURN NULL;
      END $fn$`);
    // Folds every delta it can see into the two count tables, in one statement; returns how many.
    // Deltas of transactions still running are not seen and stay for the next fold.
    await q.query(`
      CREATE FUNCTION referral_count_compact() RETURNS integer LANGUAGE sql AS $fn$
        WITH moved AS (DELETE FROM referral_count_delta RETURNING *),
             pairs AS (${fold('referral_count', KEY)} RETURNING 1),
             days AS (${fold('referral_count_day', ['day', 'service_code'])} RETURNING 1),
             moved_hours AS (DELETE FROM referral_hours_delta RETURNING *),
             hours AS (INSERT INTO referral_hours AS c (month, service_code, kind, hours, n)
                       SELECT month, service_code, kind, hours, sum(n) FROM moved_hours GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                       ON CONFLICT (month, service_code, kind, hours) DO UPDATE SET n = c.n + EXCLUDED.n RETURNING 1),
             years AS (INSERT INTO referral_hours_year AS c (year, service_code, kind, hours, n)
                       SELECT date_trunc('year', month)::date, service_code, kind, hours, sum(n) FROM moved_hours GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                       ON CONFLICT (year, service_code, kind, hours) DO UPDATE SET n = c.n + EXCLUDED.n RETURNING 1)
        SELECT ((SELECT count(*) FROM moved) + (SELECT count(*) FROM moved_hours))::int
      $fn$`);
    // Recounts everything from referral_fact (after the due-hours functions change).
    await q.query(`
      CREATE FUNCTION referral_count_rebuild() RETURNS integer LANGUAGE plpgsql AS $fn$
      BEGIN
        LOCK TABLE referral_count, referral_count_day, referral_count_delta, referral_hours, referral_hours_year, referral_hours_delta IN EXCLUSIVE MODE;
        DELETE FROM referral_count_delta;
        DELETE FROM referral_count;
        DELETE FROM referral_count_day;
        DELETE FROM referral_hours_delta;
        DELETE FROM referral_hours;
        DELETE FROM referral_hours_year;
        ${appendDeltas(`SELECT 1 AS sign, r.* FROM referral_fact r`)};
        RETURN referral_count_compact();
      END $fn$`);
    for (const [event, refs] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ])
      await q.query(
        `CREATE TRIGGER referral_count_${event.toLowerCase()} AFTER ${event} ON referral_fact REFERENCING ${refs} FOR EACH STATEMENT EXECUTE FUNCTION referral_count_move()`,
      );
    await q.query(`SELECT referral_count_rebuild()`);
    // The medians read these columns of the period's referrals from the index alone.
    await q.query(`DROP INDEX "public"."ix_referral_fact_sent"`);
    await q.query(
      `CREATE INDEX "ix_referral_fact_sent" ON "referral_fact" ("sent_at") INCLUDE ("service_code", "accepted_at", "declined_at", "started_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_referral_fact_open" ON "referral_fact" ("sent_at") INCLUDE ("service_code", "state", "accepted_at") WHERE state IN ('sent', 'accepted')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_referral_fact_open"`);
    await q.query(`DROP INDEX "public"."ix_referral_fact_sent"`);
    await q.query(`CREATE INDEX "ix_referral_fact_sent" ON "referral_fact" ("sent_at") `);
    for (const event of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER referral_count_${event} ON referral_fact`);
    await q.query(`DROP FUNCTION referral_count_rebuild()`);
    await q.query(`DROP FUNCTION referral_count_compact()`);
    await q.query(`DROP FUNCTION referral_count_move()`);
    await q.query(`DROP FUNCTION referral_start_hours()`);
    await q.query(`DROP FUNCTION referral_answer_hours(text)`);
    await q.query(`DROP FUNCTION referral_hours_between(timestamptz, timestamptz)`);
    await q.query(`DROP INDEX "public"."ix_referral_hours_delta_month"`);
    await q.query(`DROP TABLE "referral_hours_delta"`);
    await q.query(`DROP TABLE "referral_hours_year"`);
    await q.query(`DROP TABLE "referral_hours"`);
    await q.query(`DROP INDEX "public"."ix_referral_count_delta_day"`);
    await q.query(`DROP TABLE "referral_count_delta"`);
    await q.query(`DROP TABLE "referral_count_day"`);
    await q.query(`DROP INDEX "public"."ix_referral_count_from"`);
    await q.query(`DROP INDEX "public"."ix_referral_count_to"`);
    await q.query(`DROP TABLE "referral_count"`);
  }
}
