import { DEFAULT_SLA_HOURS, ReferralOutcomesService, SERVICE_SLA_HOURS, START_SLA_HOURS } from '@hub/referrals';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * The referral report's maintained summary (referral_fact) against an independent recomputation from
 * the base tables after a mix of writes (referrals and transitions inserted many to a statement, times
 * corrected, transitions and referrals deleted, states changed), and the report's counts against one
 * statement over the base tables.
 */
describe('the referral report reads a maintained summary that stays right', () => {
  let hub: TestHub;
  const FROM = '2025-03-01';
  const TO = '2025-05-01';

  /** Every referral with the first time of each step, from referral and referral_transition alone. */
  const RECOMPUTED = `
    SELECT r.id AS referral_id, r.service_code, r.from_organisation_id, r.to_organisation_id, r.state, r.sent_at,
           (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'accept') AS accepted_at,
           (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'decline') AS declined_at,
           (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'start') AS started_at,
           (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'complete') AS completed_at,
           (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'withdraw') AS withdrawn_at
      FROM referral r`;
  const SUMMARY = `SELECT referral_id, service_code, from_organisation_id, to_organisation_id, state, sent_at, accepted_at, declined_at, started_at, completed_at, withdrawn_at FROM referral_fact`;

  async function expectSummaryRight(): Promise<void> {
    const missing = await hub.db.query(`(${RECOMPUTED}) EXCEPT (${SUMMARY})`);
    const extra = await hub.db.query(`(${SUMMARY}) EXCEPT (${RECOMPUTED})`);
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    await expectCountsRight();
  }

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
  /**
   * The counts per day, service and pair of organisations, from referral and referral_transition
   * alone, with the due hours from the referrals lib's constants ($1 codes, $2 hours, $3 default, $4 start).
   */
  const COUNTED = `
    SELECT day, service_code, from_organisation_id, to_organisation_id, count(*)::int AS sent, count(a)::int AS accepted, count(d)::int AS declined,
           count(*) FILTER (WHERE w IS NOT NULL AND a IS NULL AND d IS NULL)::int AS withdrawn_before_answer,
           count(*) FILTER (WHERE state = 'sent')::int AS awaiting_answer,
           count(*) FILTER (WHERE (a IS NOT NULL OR d IS NOT NULL) AND LEAST(a, d) <= sent_at + make_interval(hours => hours))::int AS answered_in_time,
           count(s)::int AS started, count(*) FILTER (WHERE s <= a + make_interval(hours => $4))::int AS started_in_time,
           count(c)::int AS completed, count(*) FILTER (WHERE w IS NOT NULL AND a IS NOT NULL)::int AS withdrawn_after_acceptance
      FROM (SELECT (r.sent_at AT TIME ZONE 'Europe/London')::date AS day, r.service_code, r.from_organisation_id, r.to_organisation_id, r.state, r.sent_at,
                   COALESCE((SELECT h FROM unnest($1::text[], $2::int[]) AS sla(code, h) WHERE sla.code = r.service_code), $3) AS hours,
                   (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'accept') AS a,
                   (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'decline') AS d,
                   (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'start') AS s,
                   (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'complete') AS c,
                   (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'withdraw') AS w
              FROM referral r WHERE r.sent_at IS NOT NULL) x
     GROUP BY day, service_code, from_organisation_id, to_organisation_id`;
  const KEPT = (table: string) =>
    `SELECT day, service_code, from_organisation_id, to_organisation_id, ${MEASURES.join(', ')} FROM ${table}`;
  const sla = Object.entries(SERVICE_SLA_HOURS);
  const SLA_PARAMS = [sla.map(([code]) => code), sla.map(([, hours]) => hours), DEFAULT_SLA_HOURS, START_SLA_HOURS];

  /** The count tables (folded rows plus the deltas not yet folded) against the recount, per pair of organisations and per service. */
  async function expectCountsRight(): Promise<void> {
    const nonZero = MEASURES.map((m) => `sum(${m}) <> 0`).join(' OR ');
    const summed = (rows: string, key: string) =>
      `SELECT ${key}, ${MEASURES.map((m) => `sum(${m})::int AS ${m}`).join(', ')} FROM (${rows}) k GROUP BY ${key} HAVING ${nonZero}`;
    const pairKey = 'day, service_code, from_organisation_id, to_organisation_id';
    const pairs = summed(`${KEPT('referral_count')} UNION ALL ${KEPT('referral_count_delta')}`, pairKey);
    const days = summed(
      `SELECT day, service_code, ${MEASURES.join(', ')} FROM referral_count_day UNION ALL SELECT day, service_code, ${MEASURES.join(', ')} FROM referral_count_delta`,
      'day, service_code',
    );
    const recountedDays = summed(`SELECT * FROM (${COUNTED}) c`, 'day, service_code');
    // How many took each whole hour (to the nearest) to be answered (kind 0) and started (kind 1), per month and per year.
    const took = `
      SELECT (date_trunc('month', r.sent_at AT TIME ZONE 'Europe/London'))::date AS month, r.service_code, k.kind, k.hours
        FROM (SELECT r.*, (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action IN ('accept', 'decline')) AS answered,
                     (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'accept') AS accepted,
                     (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'start') AS started
                FROM referral r WHERE r.sent_at IS NOT NULL) r
       CROSS JOIN LATERAL (VALUES (0, round(extract(epoch FROM r.answered - r.sent_at) / 3600)::int),
                                  (1, round(extract(epoch FROM r.started - r.accepted) / 3600)::int)) k(kind, hours)
       WHERE k.hours IS NOT NULL`;
    const hoursKept = (table: string, period: string) =>
      `SELECT ${period} AS at, service_code, kind, hours, sum(n)::int AS n
         FROM (SELECT ${table === 'referral_hours' ? 'month' : 'year'} AS at, service_code, kind, hours, n FROM ${table}
               UNION ALL SELECT month, service_code, kind, hours, n FROM referral_hours_delta) h
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`;
    const months = hoursKept('referral_hours', 'at');
    const years = hoursKept('referral_hours_year', `date_trunc('year', at)::date`);
    const recountedMonths = `SELECT month AS at, service_code, kind, hours, count(*)::int AS n FROM (${took}) t GROUP BY 1, 2, 3, 4`;
    const recountedYears = `SELECT date_trunc('year', month)::date AS at, service_code, kind, hours, count(*)::int AS n FROM (${took}) t GROUP BY 1, 2, 3, 4`;
    const diff = async (a: string, b: string) => hub.db.query(`(${a}) EXCEPT ALL (${b})`, SLA_PARAMS);
    const hoursDiff = async (a: string, b: string) => hub.db.query(`(${a}) EXCEPT ALL (${b})`);
    expect({
      pairsMissing: await diff(COUNTED, pairs),
      pairsExtra: await diff(pairs, COUNTED),
      daysMissing: await diff(recountedDays, days),
      daysExtra: await diff(days, recountedDays),
      monthsMissing: await hoursDiff(recountedMonths, months),
      monthsExtra: await hoursDiff(months, recountedMonths),
      yearsMissing: await hoursDiff(recountedYears, years),
      yearsExtra: await hoursDiff(years, recountedYears),
    }).toEqual({
      pairsMissing: [],
      pairsExtra: [],
      daysMissing: [],
      daysExtra: [],
      monthsMissing: [],
      monthsExtra: [],
      yearsMissing: [],
      yearsExtra: [],
    });
  }

  let receiver: string;

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    const orgs: { id: string }[] = await hub.db.query(`SELECT id FROM organisation ORDER BY name LIMIT 3`);
    receiver = orgs[1].id;
    const [{ id: person }] = await hub.db.query(
      `INSERT INTO person (given_name, family_name, normalised_name, date_of_birth, created_by_organisation_id, version) VALUES ('R', 'F', 'r f', '1990-01-01', $1, 1) RETURNING id`,
      [orgs[0].id],
    );
    // 300 referrals in one statement, sent through March and April 2025 (and some in February).
    await hub.db.query(
      `INSERT INTO referral (id, person_id, from_organisation_id, to_organisation_id, service_code, reason, state, sent_at, created_by, version)
       SELECT md5('rf' || g)::uuid, $1, $2, CASE WHEN g % 2 = 0 THEN $3 ELSE $4 END::uuid, (ARRAY['accommodation_support', 'employment', 'job_search_support'])[1 + g % 3],
              'r', 'sent', timestamptz '2025-02-20 09:00Z' + make_interval(hours => g * 5), 'test', 1
         FROM generate_series(1, 300) g`,
      [person, orgs[0].id, orgs[1].id, orgs[2].id],
    );
    // Their steps, all in one statement: accept or decline, then start, complete or withdraw; some accepted twice (the first counts).
    await hub.db.query(
      `INSERT INTO referral_transition (referral_id, action, from_state, to_state, actor, at)
       SELECT md5('rf' || g)::uuid, a.action, 'x', a.action, 'test', timestamptz '2025-02-20 09:00Z' + make_interval(hours => g * 5 + a.after)
         FROM generate_series(1, 300) g
         CROSS JOIN LATERAL (VALUES ('accept', 3 + g % 90), ('start', 60 + g % 200), ('complete', 400), ('accept', 1 + g % 7), ('withdraw', 500)) AS a(action, after)
        WHERE (a.action = 'accept' AND g % 5 <> 0 AND (a.after > 10 OR g % 4 = 0)) OR (a.action = 'start' AND g % 3 = 0)
           OR (a.action = 'complete' AND g % 6 = 0) OR (a.action = 'withdraw' AND g % 7 = 0)
       UNION ALL
       SELECT md5('rf' || g)::uuid, 'decline', 'sent', 'declined', 'test', timestamptz '2025-02-20 09:00Z' + make_interval(hours => g * 5 + 20)
         FROM generate_series(1, 300) g WHERE g % 5 = 0`,
    );
    await hub.db.query(
      `UPDATE referral SET state = CASE WHEN id IN (SELECT referral_id FROM referral_transition WHERE action = 'complete') THEN 'completed'
                                        WHEN id IN (SELECT referral_id FROM referral_transition WHERE action = 'accept') THEN 'accepted' ELSE state END
        WHERE id IN (SELECT md5('rf' || g)::uuid FROM generate_series(1, 300) g)`,
    );
  });
  afterAll(() => hub.close());

  it('after set-based inserts of referrals and their steps', async () => {
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM referral_fact WHERE accepted_at IS NOT NULL`)).not.toEqual([{ n: 0 }]);
    const [{ n }] = await hub.db.query(
      `SELECT (SELECT count(*) FROM referral_count_delta)::int + (SELECT count(*) FROM referral_hours_delta)::int AS n`,
    );
    expect(n).toBeGreaterThan(0);
    await expectSummaryRight();
    // Folded: the deltas are gone into the counts, which still agree.
    const [{ moved }] = await hub.db.query(`SELECT referral_count_compact() AS moved`);
    expect(moved).toBe(n);
    expect(
      await hub.db.query(`SELECT count(*)::int AS n FROM referral_count_delta UNION ALL SELECT count(*)::int FROM referral_hours_delta`),
    ).toEqual([{ n: 0 }, { n: 0 }]);
    await expectCountsRight();
  });

  it("the due hours in the database are the referrals lib's", async () => {
    const codes = [...Object.keys(SERVICE_SLA_HOURS), 'some_other_service'];
    const rows: { code: string; hours: number }[] = await hub.db.query(
      `SELECT code, referral_answer_hours(code) AS hours FROM unnest($1::text[]) AS code`,
      [codes],
    );
    expect(Object.fromEntries(rows.map((r) => [r.code, r.hours]))).toEqual({ ...SERVICE_SLA_HOURS, some_other_service: DEFAULT_SLA_HOURS });
    expect(await hub.db.query(`SELECT referral_start_hours() AS hours`)).toEqual([{ hours: START_SLA_HOURS }]);
  });

  it('two writers of the same day and service never wait on each other, and a fold between them loses neither', async () => {
    const [org] = await hub.db.query(`SELECT id FROM organisation ORDER BY name LIMIT 1`);
    const [{ id: person }] = await hub.db.query(`SELECT id FROM person LIMIT 1`);
    const insert = (id: string) =>
      `INSERT INTO referral (id, person_id, from_organisation_id, to_organisation_id, service_code, reason, state, sent_at, created_by, version)
       VALUES ('${id}', '${person}', '${org.id}', '${org.id}', 'employment', 'r', 'sent', '2025-04-10 10:00Z', 'test', 1)`;
    const first = hub.db.createQueryRunner();
    const second = hub.db.createQueryRunner();
    await first.connect();
    await second.connect();
    try {
      await first.startTransaction();
      await first.query(insert('00000000-0000-4000-8000-00000000aa01'));
      await second.startTransaction();
      await second.query(`SET LOCAL lock_timeout = '2s'`);
      await second.query(insert('00000000-0000-4000-8000-00000000aa02'));
      // A fold in the second writer's transaction folds its own delta, not the first's uncommitted one, and waits on neither.
      await second.query(`SELECT referral_count_compact()`);
      await second.commitTransaction();
      await hub.db.query(`SELECT referral_count_compact()`);
      await first.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    await expectCountsRight();
    await hub.db.query(`SELECT referral_count_compact()`);
    await expectCountsRight();
  });

  it('after times corrected, steps deleted and added, services changed and referrals deleted', async () => {
    await hub.db.query(
      `UPDATE referral_transition SET at = at - interval '2 hours' WHERE action = 'start' AND referral_id IN (SELECT md5('rf' || g)::uuid FROM generate_series(1, 300, 4) g)`,
    );
    await hub.db.query(
      `DELETE FROM referral_transition WHERE action = 'accept' AND referral_id IN (SELECT md5('rf' || g)::uuid FROM generate_series(1, 300, 9) g)`,
    );
    await hub.db.query(
      `INSERT INTO referral_transition (referral_id, action, from_state, to_state, actor, at)
       SELECT md5('rf' || g)::uuid, 'accept', 'sent', 'accepted', 'test', timestamptz '2025-02-01 00:00Z' FROM generate_series(1, 300, 11) g`,
    );
    await hub.db.query(
      `UPDATE referral SET service_code = 'family_support' WHERE id IN (SELECT md5('rf' || g)::uuid FROM generate_series(2, 300, 13) g)`,
    );
    await hub.db.query(`DELETE FROM referral WHERE id IN (SELECT md5('rf' || g)::uuid FROM generate_series(3, 300, 17) g)`);
    await expectSummaryRight();
  });

  it.each([
    ['over all organisations, whole months', FROM, TO, false],
    ['over all organisations, with days before and after the whole months', '2025-02-24', '2025-04-20', false],
    ['over all organisations, a whole year with months and days either side', '2024-11-15', '2026-02-10', false],
    ['for the organisation that received them', FROM, TO, true],
  ])("the report's counts, due times and medians are one statement's over the base tables, folded or not: %s", async (_, from, to, own) => {
    const organisationId = own ? receiver : null;
    const REPORT = `query($input: ReferralReportInput!) { referralReport(input: $input) { total { sent accepted declined started completed withdrawnAfterAcceptance
      withdrawnBeforeAnswer awaitingAnswer answeredInTime awaitingAnswerPastDue startedInTime acceptedNotStartedPastDue medianHoursToAnswer medianHoursToStart } } }`;
    // One organisation's counts have small ones the report would withhold: read straight from the referrals lib.
    const ownCounts = async () => {
      const rows = await hub.app.get(ReferralOutcomesService).countsByService({ from, to }, { id: receiver, side: 'received' });
      const { service_code: _, median_hours_to_answer, median_hours_to_start, ...counts } = rows.find((r) => r.service_code === null)!;
      return { ...counts, medianHoursToAnswer: median_hours_to_answer, medianHoursToStart: median_hours_to_start };
    };
    const report = async () => {
      if (own) return ownCounts();
      const res = await hub.gql<{ referralReport: { total: Record<string, number> } }>(
        REPORT,
        { input: { from, to, threshold: 5, organisationId } },
        await hub.tokenFor('hub.admin'),
      );
      expect(res.errors).toBeUndefined();
      return res.data!.referralReport.total;
    };
    // Writes whose deltas stay unfolded for the first report: answers and starts moved by parts of an
    // hour (the medians count whole hours, to the nearest), and a referral sent again.
    await hub.db.query(
      `UPDATE referral_transition SET at = at + CASE action WHEN 'accept' THEN interval '20 minutes' ELSE interval '40 minutes' END
        WHERE action IN ('accept', 'start') AND referral_id IN (SELECT md5('rf' || g)::uuid FROM generate_series(1, 300, 5) g)`,
    );
    await hub.db.query(
      `UPDATE referral SET state = CASE state WHEN 'sent' THEN 'accepted' ELSE 'sent' END WHERE id = md5('rf' || 100)::uuid`,
    );
    const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM referral_count_delta`);
    expect(n).toBeGreaterThan(0);
    const [want] = await hub.db.query(
      `SELECT count(*)::int AS sent, count(a)::int AS accepted, count(d)::int AS declined, count(s)::int AS started, count(c)::int AS completed,
              count(*) FILTER (WHERE w IS NOT NULL AND a IS NOT NULL)::int AS "withdrawnAfterAcceptance",
              count(*) FILTER (WHERE w IS NOT NULL AND a IS NULL AND d IS NULL)::int AS "withdrawnBeforeAnswer",
              count(*) FILTER (WHERE state = 'sent')::int AS "awaitingAnswer",
              count(*) FILTER (WHERE COALESCE(a, d) IS NOT NULL AND LEAST(a, d) <= sent_at + make_interval(hours => hours))::int AS "answeredInTime",
              count(*) FILTER (WHERE state = 'sent' AND sent_at + make_interval(hours => hours) < now())::int AS "awaitingAnswerPastDue",
              count(*) FILTER (WHERE s <= a + make_interval(hours => $6))::int AS "startedInTime",
              count(*) FILTER (WHERE state = 'accepted' AND a + make_interval(hours => $6) < now())::int AS "acceptedNotStartedPastDue",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY round(extract(epoch FROM LEAST(a, d) - sent_at) / 3600)) FILTER (WHERE COALESCE(a, d) IS NOT NULL) AS "medianHoursToAnswer",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY round(extract(epoch FROM s - a) / 3600)) FILTER (WHERE s IS NOT NULL) AS "medianHoursToStart"
         FROM (SELECT r.id, r.state, r.sent_at,
                      COALESCE((SELECT h FROM unnest($3::text[], $4::int[]) AS sla(code, h) WHERE sla.code = r.service_code), $5) AS hours,
                      (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'accept') AS a,
                      (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'decline') AS d,
                      (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'start') AS s,
                      (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'complete') AS c,
                      (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'withdraw') AS w
                 FROM referral r
                WHERE r.sent_at >= ($1::date::timestamp AT TIME ZONE 'Europe/London') AND r.sent_at < ($2::date::timestamp AT TIME ZONE 'Europe/London')
                  AND ($7::uuid IS NULL OR r.to_organisation_id = $7)) x`,
      [from, to, ...SLA_PARAMS, organisationId],
    );
    expect(want.sent).toBeGreaterThan(100);
    expect(want.awaitingAnswerPastDue).toBeGreaterThan(0);
    expect(want.answeredInTime).toBeGreaterThan(0);
    expect(want.answeredInTime).toBeLessThan(want.accepted + want.declined);
    expect(await report()).toEqual(want);
    await hub.db.query(`SELECT referral_count_compact()`);
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM referral_count_delta`)).toEqual([{ n: 0 }]);
    expect(await report()).toEqual(want);
    await expectCountsRight();
  });
});
