import { startTestHub, type TestHub } from '../support/hub.js';

const PAGE = `query($id: ID!) { person(id: $id) { id readableCategories withheldFields
  interventions { edges { node { typeCode notes } } } } }`;

interface Page {
  person: { readableCategories: string[]; interventions: { edges: { node: { typeCode: string; notes: string | null } }[] } };
}

/**
 * A housing charity reads a person's accommodation record under the person's consent while 50 readers
 * hammer the page; the consent is withdrawn mid-stream. A read that starts after the withdrawal has
 * committed (its acknowledgement received) must not see the accommodation data.
 */
describe('consent withdrawal racing 50 concurrent readers', () => {
  let hub: TestHub;
  let personId: string;
  let consentId: string;
  let housing: string;
  let probation: string;
  const MARKER = 'RACE-ACCOMMODATION-NOTE-7f3a';

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const res = await hub.gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  beforeAll(async () => {
    hub = await startTestHub({ DATABASE_POOL_SIZE: '10' });
    probation = await hub.tokenFor('probation.officer');
    housing = await hub.tokenFor('housing.worker');
    const orgs = await ok<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, probation);
    const housingOrg = orgs.organisations.find((o) => o.name === 'Safe Harbour Housing Trust')!.id;
    personId = (
      await ok<{ createPerson: { person: { id: string } } }>(
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        { input: { givenName: 'Rae', familyName: 'Consentrace', dateOfBirth: '1991-03-03', identifiers: [], confirmNew: true } },
        probation,
      )
    ).createPerson.person.id;
    await ok(
      `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
      { input: { personId, organisationId: housingOrg, role: 'PROVIDER' } },
      probation,
    );
    consentId = (
      await ok<{ grantConsent: { id: string } }>(
        `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
        { input: { personId, purpose: 'ACCOMMODATION', organisationId: housingOrg, method: 'SIGNED_FORM', personPresent: true } },
        probation,
      )
    ).grantConsent.id;
    // Written by probation, so housing sees it only under the consent (not as its own record).
    await ok(
      `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`,
      { input: { personId, typeCode: 'accommodation_support', status: 'STARTED', occurredAt: '2026-09-10T09:00:00Z', notes: MARKER } },
      probation,
    );
  });
  afterAll(() => hub.close());

  it('no read that starts after the withdrawal commits returns the withdrawn data', async () => {
    const first = await ok<Page>(PAGE, { id: personId }, housing);
    expect(first.person.readableCategories).toContain('ACCOMMODATION');
    expect(JSON.stringify(first)).toContain(MARKER);

    let withdrawnAt = Infinity; // performance.now() when the withdrawal was acknowledged
    let stop = false;
    const reads: { start: number; sawMarker: boolean; status: number }[] = [];
    const reader = async () => {
      while (!stop) {
        const start = performance.now();
        const res = await hub.gql(PAGE, { id: personId }, housing);
        reads.push({ start, sawMarker: JSON.stringify(res).includes(MARKER), status: res.status });
      }
    };
    const readers = Array.from({ length: 50 }, reader);
    await new Promise((r) => setTimeout(r, 300));
    const res = await hub.gql(
      `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { status } }`,
      { input: { consentId, reason: 'Asked to stop sharing' } },
      probation,
    );
    withdrawnAt = performance.now();
    expect(res.errors).toBeUndefined();
    // Keep reading until at least 100 reads have started after the withdrawal.
    const deadline = Date.now() + 60_000;
    while (reads.filter((r) => r.start > withdrawnAt).length < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await Promise.all(readers);

    const before = reads.filter((r) => r.start < withdrawnAt);
    const after = reads.filter((r) => r.start > withdrawnAt);
    expect(before.some((r) => r.sawMarker)).toBe(true); // the race was real
    expect(after.length).toBeGreaterThanOrEqual(100);
    expect(after.filter((r) => r.sawMarker)).toEqual([]);
    expect(reads.filter((r) => r.status >= 500)).toEqual([]);
  }, 120_000);
});
