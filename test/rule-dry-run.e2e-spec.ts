import { eventually, startTestHub, type TestHub } from './support/hub.js';

interface DryRun {
  considered: number;
  matched: number;
  wouldRefer: number;
  heldForConsent: number;
  truncated: boolean;
  people: { personId: string; outcome: string; receiverOrganisationId: string | null; receiverName: string | null; detail: string }[];
}

const DRY_RUN = `query($input: DryRunReferralRuleInput!) { dryRunReferralRule(input: $input) {
  considered matched wouldRefer heldForConsent truncated people { personId outcome receiverOrganisationId receiverName detail } } }`;

describe('referral rule dry run', () => {
  let hub: TestHub;
  let probation: string;
  let admin: string;
  let housing: string;
  let seq = 0;

  beforeAll(async () => {
    hub = await startTestHub();
    probation = await hub.tokenFor('probation.officer');
    admin = await hub.tokenFor('hub.admin');
    const orgs = await hub.db.query(`SELECT id FROM organisation WHERE name = 'Safe Harbour Housing Trust'`);
    housing = orgs[0].id;
  });
  afterAll(() => hub.close());

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const res = await hub.gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }
  async function person(): Promise<string> {
    seq++;
    const input = {
      givenName: `Dry${seq}`,
      familyName: 'Run',
      dateOfBirth: '1991-01-01',
      region: 'north_west',
      identifiers: [],
      confirmNew: true,
    };
    return (
      await ok<{ createPerson: { person: { id: string } } }>(
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        { input },
        probation,
      )
    ).createPerson.person.id;
  }
  const log = (personId: string) =>
    ok(
      `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`,
      { input: { personId, typeCode: 'finance_id_documents', status: 'STARTED', occurredAt: new Date().toISOString() } },
      probation,
    );

  const rule = {
    name: 'ID documents -> housing (dry run)',
    active: true,
    triggerEvent: 'intervention.logged',
    conditions: '{"all":[{"fact":"event.typeCode","operator":"equal","value":"finance_id_documents"}]}',
    serviceCode: 'accommodation_support',
    matchRegion: true,
    consentPurpose: 'ACCOMMODATION',
    cooldownDays: 30,
  };

  /** Rows a rule could write, about these people (and rules and firings hub-wide). */
  async function written(ids: string[]): Promise<Record<string, number>> {
    const [row] = await hub.db.query(
      `SELECT (SELECT count(*) FROM referral WHERE person_id = ANY($1::uuid[]))::int AS referrals,
              (SELECT count(*) FROM task WHERE person_id = ANY($1::uuid[]))::int AS tasks,
              (SELECT count(*) FROM outbox_event WHERE person_id = ANY($1::uuid[]) OR type LIKE 'referral_rule.%')::int AS events,
              (SELECT count(*) FROM rule_firing)::int AS firings,
              (SELECT count(*) FROM referral_rule)::int AS rules`,
      [ids],
    );
    return row;
  }

  it('says whom a rule would refer and whom it would hold for consent, writing nothing; turned on, it does just that', async () => {
    const consenting = await person();
    const silent = await person();
    await ok(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
      { input: { personId: consenting, purpose: 'ACCOMMODATION', organisationId: housing, method: 'SIGNED_FORM', personPresent: true } },
      probation,
    );
    await log(consenting);
    await log(silent);
    // The demo rules do not react to this intervention: wait until the engine has seen both events.
    await eventually(
      async () =>
        (
          await hub.db.query(
            `SELECT 1 FROM event_delivery d JOIN outbox_event e ON e.id = d.event_id
              WHERE d.handler = 'referrals.rules' AND e.type = 'intervention.logged' AND e.person_id = ANY($1::uuid[])`,
            [[consenting, silent]],
          )
        ).length === 2,
      15_000,
      'events delivered',
    );

    const before = await written([consenting, silent]);
    const dry = (await ok<{ dryRunReferralRule: DryRun }>(DRY_RUN, { input: { ...rule, days: 1 } }, admin)).dryRunReferralRule;
    expect(await written([consenting, silent])).toEqual(before);
    const of = (id: string) => dry.people.find((p) => p.personId === id);
    expect(of(consenting)).toMatchObject({
      outcome: 'REFERRED',
      receiverOrganisationId: housing,
      receiverName: 'Safe Harbour Housing Trust',
    });
    expect(of(silent)).toMatchObject({ outcome: 'CONSENT_MISSING', receiverOrganisationId: housing });
    // In general words: never the lead's name, which its author (who reads no person data) is not told.
    expect(of(silent)?.detail).toMatch(/^Would hold: no consent or agreement covers sharing/);
    expect(dry.people.map((p) => p.detail).join(' ')).not.toMatch(/probation/i);
    expect(dry.wouldRefer).toBeGreaterThanOrEqual(1);
    expect(dry.heldForConsent).toBeGreaterThanOrEqual(1);

    // Turned on, the next such event does what the dry run said.
    await ok(`mutation($input: ReferralRuleInput!) { createReferralRule(input: $input) { ruleId } }`, { input: rule }, admin);
    await log(consenting);
    await log(silent);
    const firings = await eventually(
      async () => {
        const r: { person_id: string; outcome: string; to: string | null }[] = await hub.db.query(
          `SELECT f.person_id, f.outcome, r.to_organisation_id AS to FROM rule_firing f
             JOIN referral_rule rr ON rr.rule_id = f.rule_id AND rr.name = $2 LEFT JOIN referral r ON r.id = f.referral_id
            WHERE f.person_id = ANY($1::uuid[])`,
          [[consenting, silent], rule.name],
        );
        return r.length === 2 ? r : null;
      },
      15_000,
      'firings',
    );
    expect(firings.find((f) => f.person_id === consenting)).toMatchObject({ outcome: 'referred', to: housing });
    expect(firings.find((f) => f.person_id === silent)).toMatchObject({ outcome: 'consent_missing' });
  });

  it('is for hub admins, with bounded input', async () => {
    expect((await hub.gql(DRY_RUN, { input: { ...rule, days: 1 } }, probation)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(DRY_RUN, { input: { ...rule, days: 91 } }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await hub.gql(DRY_RUN, { input: { ...rule, days: 1, conditions: '{"all":[{"fact":"person.shoeSize"}]}' } }, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
