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
  }

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    const orgs: { id: string }[] = await hub.db.query(`SELECT id FROM organisation ORDER BY name LIMIT 3`);
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
    await expectSummaryRight();
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

  it("the report's counts are one statement's over the base tables", async () => {
    const res = await hub.gql<{ referralReport: { total: Record<string, number> } }>(
      `query($input: ReferralReportInput!) { referralReport(input: $input) { total { sent accepted declined started completed withdrawnAfterAcceptance withdrawnBeforeAnswer } } }`,
      { input: { from: FROM, to: TO, threshold: 5 } },
      await hub.tokenFor('hub.admin'),
    );
    expect(res.errors).toBeUndefined();
    const [want] = await hub.db.query(
      `SELECT count(*)::int AS sent, count(a)::int AS accepted, count(d)::int AS declined, count(s)::int AS started, count(c)::int AS completed,
              count(*) FILTER (WHERE w IS NOT NULL AND a IS NOT NULL)::int AS "withdrawnAfterAcceptance",
              count(*) FILTER (WHERE w IS NOT NULL AND a IS NULL AND d IS NULL)::int AS "withdrawnBeforeAnswer"
         FROM (SELECT r.id, (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'accept') AS a,
                      (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'decline') AS d,
                      (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'start') AS s,
                      (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'complete') AS c,
                      (SELECT min(at) FROM referral_transition t WHERE t.referral_id = r.id AND t.action = 'withdraw') AS w
                 FROM referral r
                WHERE r.sent_at >= ($1::date::timestamp AT TIME ZONE 'Europe/London') AND r.sent_at < ($2::date::timestamp AT TIME ZONE 'Europe/London')) x`,
      [FROM, TO],
    );
    expect(want.sent).toBeGreaterThan(200);
    expect(res.data!.referralReport.total).toEqual(want);
  });
});
