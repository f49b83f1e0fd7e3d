import { nodes, type Page, startTestHub, type TestHub } from './support/hub.js';

/**
 * Channels beyond the page where a restricted record must stay hidden. Each test states what the
 * issue requires (a restricted record is, to anyone not listed, exactly what a record that does not
 * exist is, in every channel) and fails while the channel leaks.
 */
describe('a restricted record, in referrals and through a merge', () => {
  let hub: TestHub;
  const ids: Record<string, string> = {};
  let orgs: Record<string, string>;

  async function gql<T>(who: string, query: string, variables: Record<string, unknown> = {}) {
    return hub.gql<T>(query, variables, await hub.tokenFor(who));
  }
  async function ok<T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await gql<T>(who, query, variables);
    if (res.errors) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  }
  const PERSON = `query($id: ID!) { person(id: $id) { id givenName identifiers { scheme value } } }`;
  const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

  async function createPerson(who: string, givenName: string, identifiers: { scheme: string; value: string }[] = []): Promise<string> {
    const data = await ok<{ createPerson: { person: { id: string } } }>(
      who,
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      { input: { givenName, familyName: 'Review', dateOfBirth: '1985-06-07', region: 'north_west', confirmNew: true, identifiers } },
    );
    return data.createPerson.person.id;
  }
  async function restrict(personId: string, userIds: string[]): Promise<void> {
    await ok('probation.manager', `mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id } }`, {
      input: {
        personId,
        kind: 'RESTRICTION',
        userIds,
        reason: 'High-profile case',
        reviewOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    });
  }

  beforeAll(async () => {
    hub = await startTestHub();
    const res = await ok<{ organisations: { id: string; name: string }[] }>('probation.officer', `{ organisations { id name } }`);
    orgs = Object.fromEntries(res.organisations.map((o) => [o.name, o.id]));
    for (const who of ['probation.officer', 'probation.manager', 'probation.dpo', 'housing.worker'])
      ids[who] = (await ok<{ viewer: { id: string } }>(who, '{ viewer { id } }')).viewer.id;
  });
  afterAll(() => hub.close());

  it('referrals: an unlisted colleague of the sender, and the receiver, get nothing of the referral (NOT_FOUND, not listed)', async () => {
    const id = await createPerson('probation.officer', 'Rhona');
    const reason = 'Needs a tenancy on release; overdosed twice this year';
    const sent = await ok<{ sendReferral: { id: string } }>(
      'probation.officer',
      `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`,
      {
        input: {
          personId: id,
          toOrganisationId: orgs['Safe Harbour Housing Trust'],
          serviceCode: 'accommodation_support',
          reason,
          sharedCategories: [],
        },
      },
    );
    await restrict(id, [ids['probation.dpo']]);
    // The record itself is shut to both (control).
    expect(codeOf(await gql('probation.officer', PERSON, { id }))).toBe('NOT_FOUND');
    expect(codeOf(await gql('housing.worker', PERSON, { id }))).toBe('NOT_FOUND');

    const REF = `id personId reason`;
    const leaks: string[] = [];
    const one = await gql<{ referral: { personId: string; reason: string } }>(
      'probation.officer',
      `query($id: ID!) { referral(id: $id) { ${REF} } }`,
      { id: sent.sendReferral.id },
    );
    if (one.data?.referral) leaks.push(`referral(id) to probation.officer: ${JSON.stringify(one.data.referral)}`);
    const sentList = await ok<{ sentReferrals: Page<{ personId: string; reason: string }> }>(
      'probation.officer',
      `{ sentReferrals(first: 100) { edges { cursor node { ${REF} } } pageInfo { hasNextPage endCursor } } }`,
    );
    const mine = nodes(sentList.sentReferrals).filter((r) => r.personId === id);
    if (mine.length) leaks.push(`sentReferrals to probation.officer: ${JSON.stringify(mine)}`);
    const inbox = await ok<{ referralInbox: Page<{ personId: string; reason: string }> }>(
      'housing.worker',
      `{ referralInbox(first: 100) { edges { cursor node { ${REF} } } pageInfo { hasNextPage endCursor } } }`,
    );
    const theirs = nodes(inbox.referralInbox).filter((r) => r.personId === id);
    if (theirs.length) leaks.push(`referralInbox to housing.worker: ${JSON.stringify(theirs)}`);
    expect(leaks).toEqual([]);
  });

  it('merge: a listed caseworker of another organisation merges the restricted record into one of its own, and the restriction still holds', async () => {
    const id = await createPerson('probation.officer', 'Selwyn', [{ scheme: 'PNC', value: '2001/0412345R' }]);
    await ok('probation.officer', `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`, {
      input: { personId: id, organisationId: orgs['Safe Harbour Housing Trust'] },
    });
    // Restricted to the housing caseworker (and the manager who places it, listed by the rule).
    await restrict(id, [ids['housing.worker']]);
    expect(codeOf(await gql('probation.officer', PERSON, { id }))).toBe('NOT_FOUND');
    // The listed caseworker (not of the lead organisation, not a manager) merges it into a record of its own.
    const duplicate = await createPerson('housing.worker', 'Selwyn');
    const merged = await gql('housing.worker', `mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }`, {
      input: { survivorId: duplicate, duplicateId: id, reason: 'Same person' },
    });
    // Either the merge is refused, or the merged record stays shut to those the restriction kept out.
    if (!merged.errors) {
      const seen = await gql<{ person: { id: string; identifiers: { value: string }[] } }>('probation.officer', PERSON, { id });
      expect({ byOldId: codeOf(seen), data: seen.data?.person ?? null }).toEqual({ byOldId: 'NOT_FOUND', data: null });
      const survivor = await gql<{ person: { identifiers: { value: string }[] } }>('probation.officer', PERSON, { id: duplicate });
      expect(codeOf(survivor)).toBe('NOT_FOUND');
    }
  });
});
