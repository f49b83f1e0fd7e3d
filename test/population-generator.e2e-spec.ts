import { generatedUserEmail, GENERATED_PASSWORD, type PopulationSummary } from '@hub/demo';
import { ReferralAction, ReferralState, TRANSITIONS } from '@hub/referrals';
import { generateInto, startTestHub, type TestHub } from './support/hub.js';

/**
 * The synthetic population's referrals: each follows the lifecycle the hub enforces, step by step,
 * is sent by the person's lead organisation, and is what the hub's own reads and reports then see.
 */
describe('the population generator', () => {
  let hub: TestHub;
  let summary: PopulationSummary;
  const SEED = 9;

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    summary = await generateInto(hub, { people: 400, batch: 150, seed: SEED, organisations: 30 });
  }, 120_000);
  afterAll(() => hub.close());

  const generated = `SELECT r.* FROM referral r JOIN organisation o ON o.id = r.from_organisation_id WHERE o.name LIKE '%(s${SEED})'`;

  it('uses only regions of the hub’s vocabulary, for people, organisations and staff', async () => {
    const outside = await hub.db.query(
      `SELECT DISTINCT r FROM (
         SELECT p.region AS r FROM person p WHERE p.region IS NOT NULL
         UNION ALL SELECT unnest(o.regions) FROM organisation o WHERE o.name LIKE '%(s${SEED})'
         UNION ALL SELECT unnest(u.regions) FROM user_account u
       ) x WHERE r NOT IN (SELECT code FROM region WHERE active)`,
    );
    expect(outside).toEqual([]);
  });

  it('writes referrals whose every step is one the lifecycle allows, ending in the referral state', async () => {
    const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM (${generated}) g`);
    expect(n).toBe(summary.referrals);
    expect(summary.referrals).toBeGreaterThan(summary.people); // one per partner the person works with, and more
    const rows: { id: string; state: string; steps: { action: ReferralAction; from: string; to: string; at: string }[] }[] =
      await hub.db.query(
        `SELECT g.id, g.state, json_agg(json_build_object('action', t.action, 'from', t.from_state, 'to', t.to_state, 'at', t.at) ORDER BY t.id) AS steps
         FROM (${generated}) g JOIN referral_transition t ON t.referral_id = g.id GROUP BY g.id, g.state`,
      );
    expect(rows).toHaveLength(summary.referrals);
    const ends = new Map<string, number>();
    for (const r of rows) {
      let state = ReferralState.DRAFT as string;
      let at = '';
      for (const step of r.steps) {
        const rule = TRANSITIONS[step.action];
        expect(rule).toBeDefined();
        expect([step.from, (rule.from as string[]).includes(step.from), step.to]).toEqual([state, true, rule.to]);
        expect(new Date(step.at).getTime()).toBeGreaterThanOrEqual(at ? new Date(at).getTime() : 0);
        state = step.to;
        at = step.at;
      }
      expect(state).toBe(r.state);
      ends.set(r.state, (ends.get(r.state) ?? 0) + 1);
    }
    // Every outcome occurs.
    expect([...ends.keys()].sort()).toEqual(['accepted', 'completed', 'declined', 'in_progress', 'sent', 'withdrawn']);
  });

  it('sends them from the lead to its partners, with a due time while open, escalated once past it', async () => {
    const [wrong] = await hub.db.query(
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM involvement i WHERE i.person_id = g.person_id AND i.organisation_id = g.from_organisation_id AND i.role = 'lead'))::int AS not_from_lead,
              count(*) FILTER (WHERE g.to_organisation_id = g.from_organisation_id)::int AS to_itself,
              count(*) FILTER (WHERE (g.state IN ('sent', 'accepted')) <> (g.due_at IS NOT NULL))::int AS due_mismatch,
              count(*) FILTER (WHERE (g.due_at < now()) IS DISTINCT FROM (g.escalated_at IS NOT NULL) AND g.due_at IS NOT NULL)::int AS escalation_mismatch,
              count(*) FILTER (WHERE g.sent_at IS NULL)::int AS unsent
         FROM (${generated}) g`,
    );
    expect(wrong).toEqual({ not_from_lead: 0, to_itself: 0, due_mismatch: 0, escalation_mismatch: 0, unsent: 0 });
  });

  it('gives the receiver of an open referral the person, as the hub does for any open referral', async () => {
    const [open]: { person_id: string; to_organisation_id: string }[] = await hub.db.query(
      `SELECT g.person_id, g.to_organisation_id FROM (${generated}) g
        WHERE g.state = 'sent' AND NOT EXISTS (SELECT 1 FROM involvement i WHERE i.person_id = g.person_id AND i.organisation_id = g.to_organisation_id)
        ORDER BY g.id LIMIT 1`,
    );
    expect(open).toBeDefined();
    const [{ idx }] = await hub.db.query(
      `SELECT substring(name from ' (\\d+) \\(s${SEED}\\)$')::int AS idx FROM organisation WHERE id = $1`,
      [open.to_organisation_id],
    );
    const token = await hub.tokenFor(generatedUserEmail(SEED, idx, 'caseworker'), GENERATED_PASSWORD);
    const res = await hub.gql<{ person: { id: string; referrals: { edges: { node: { state: string } }[] } } }>(
      `query($id: ID!) { person(id: $id) { id referrals { edges { node { state } } } } }`,
      { id: open.person_id },
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.person.referrals.edges.map((e) => e.node.state)).toContain('SENT');
  });

  it('is what the referral report counts', async () => {
    const period = { from: '2020-01-01', to: '2028-01-01' };
    const token = await hub.tokenFor(generatedUserEmail(SEED, 'hub', 'admin'), GENERATED_PASSWORD);
    const res = await hub.gql<{ referralReport: { total: { sent: number; completed: number; declined: number } } }>(
      `query($input: ReferralReportInput!) { referralReport(input: $input) { total { sent completed declined } } }`,
      { input: period },
      token,
    );
    expect(res.errors).toBeUndefined();
    const [expected] = await hub.db.query(
      `SELECT count(*)::int AS sent, count(*) FILTER (WHERE state = 'completed')::int AS completed, count(*) FILTER (WHERE state = 'declined')::int AS declined
         FROM referral WHERE sent_at >= '2020-01-01' AND sent_at < '2028-01-01'`,
    );
    expect(res.data!.referralReport.total).toEqual(expected);
  });
});
