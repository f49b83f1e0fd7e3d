import { gql, SECURITY_SHORT, signIn, startHubAsUser, type StartedHub } from './support/started-hub.js';

/**
 * A list that grows with use is read a page at a time (a connection with a bounded `first`), or has a
 * hard maximum; either way the query cost limit counts it. Before, `Person.history` had neither: after
 * 3,000 updates of one person a single query returned 86.7 MB, and three at once took the hub (256 MB
 * of heap, as npm start runs it) down.
 */
const UPDATES = SECURITY_SHORT ? 1000 : 3000;
/** updatePerson calls per request: top-level mutation fields run one after another, so each can name the next version. */
const PER_REQUEST = 15;
/** Records updated side by side, then merged into one. */
const CHAINS = 10;
/** The page used to read the whole history (with its cursor and total, the cost limit allows about 250). */
const PAGE = 200;
const PER_PERSON_MAX = 5;
const DIRECTORY_MAX = 3;

interface Change {
  version: number;
  action: string;
  reason: string | null;
}
interface HistoryPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Change }[];
}

describe('lists that grow: pages, hard maxima and the query cost limit', () => {
  let hub: StartedHub;
  let officer: string;
  let personId: string;

  const historyPage = async (first: number, after: string | null) => {
    const res = await gql<{ person: { history: HistoryPage } }>(
      hub,
      'query($id: ID!, $first: Int, $after: String) { person(id: $id) { history(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { version action reason } } } } }',
      { id: personId, first, after },
      officer,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.person.history;
  };

  beforeAll(async () => {
    hub = await startHubAsUser({ env: { LIST_PER_PERSON_MAX: String(PER_PERSON_MAX), LIST_DIRECTORY_MAX: String(DIRECTORY_MAX) } });
    officer = await signIn(hub, 'probation.officer');
    // An update names the version it read, so updates of one record run one after another. To go
    // faster, CHAINS records of the same person are updated side by side, then merged into one: the
    // person's history is theirs together (as after duplicates are merged).
    const records: string[] = [];
    for (let k = 0; k < CHAINS; k++) {
      const created = await gql<{ createPerson: { person: { id: string } } }>(
        hub,
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        {
          input: {
            givenName: 'Hist',
            familyName: `Ory-${k}-${Date.now()}`,
            dateOfBirth: '1985-03-02',
            region: 'north_west',
            confirmNew: true,
          },
        },
        officer,
      );
      expect(created.errors).toBeUndefined();
      records.push(created.data!.createPerson.person.id);
    }
    await Promise.all(
      records.map(async (id, k) => {
        const mine = Math.floor(UPDATES / CHAINS) + (k < UPDATES % CHAINS ? 1 : 0);
        for (let done = 0; done < mine;) {
          const n = Math.min(PER_REQUEST, mine - done);
          const fields = Array.from(
            { length: n },
            (_, i) =>
              `u${i}: updatePerson(input: { id: $id, version: ${done + i + 1}, reason: "Security test update ${k}-${done + i + 1}", familyName: "Ory-${done + i + 1}" }) { version }`,
          );
          const res = await gql(hub, `mutation($id: ID!) { ${fields.join(' ')} }`, { id }, officer);
          expect(res.errors).toBeUndefined();
          done += n;
        }
      }),
    );
    personId = records[0];
    for (const duplicateId of records.slice(1)) {
      const merged = await gql(
        hub,
        'mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }',
        { input: { survivorId: personId, duplicateId, reason: 'The same person' } },
        officer,
      );
      expect(merged.errors).toBeUndefined();
    }
    const [head] = (await historyPage(1, null)).edges;
    expect(head.node).toMatchObject({ action: 'created' });
  }, 600_000);
  afterAll(() => hub?.stop());

  it('pages through the whole history: first and last pages, the right total, nothing twice or missing', async () => {
    const seen: Change[] = [];
    const cursors: string[] = [];
    const total = (await historyPage(1, null)).totalCount;
    expect(total).toBeGreaterThanOrEqual(UPDATES + CHAINS);
    let after: string | null = null;
    let pages = 0;
    let last: HistoryPage | undefined;
    do {
      last = await historyPage(PAGE, after);
      expect(last.totalCount).toBe(total);
      expect(last.edges.length).toBe(last.pageInfo.hasNextPage ? PAGE : total - seen.length);
      seen.push(...last.edges.map((e) => e.node));
      cursors.push(...last.edges.map((e) => e.cursor));
      after = last.pageInfo.endCursor;
      pages += 1;
    } while (last.pageInfo.hasNextPage && pages < 100);
    expect(pages).toBe(Math.ceil(total / PAGE));
    expect(last.pageInfo.hasNextPage).toBe(false);
    // Every change once, in the order written: the creations, every update, the merges.
    expect(seen).toHaveLength(total);
    const updates = seen.filter((c) => c.action === 'updated').map((c) => c.reason);
    expect(updates).toHaveLength(UPDATES);
    expect(new Set(updates).size).toBe(UPDATES);
    expect(seen.filter((c) => c.action === 'created')).toHaveLength(CHAINS);
    expect(seen[0]).toMatchObject({ action: 'created', version: 1 });
    expect(new Set(cursors).size).toBe(total);
    // The default page is small.
    const byDefault = await gql<{ person: { history: HistoryPage } }>(
      hub,
      'query($id: ID!) { person(id: $id) { history { totalCount edges { node { version } } } } }',
      { id: personId },
      officer,
    );
    expect(byDefault.data!.person.history.edges).toHaveLength(20);
    expect(byDefault.data!.person.history.totalCount).toBe(total);
  });

  it('refuses a page larger than the maximum, and a cursor not from the list, with coded errors', async () => {
    const tooBig = await gql(
      hub,
      'query($id: ID!) { person(id: $id) { history(first: 501) { edges { node { version } } } } }',
      { id: personId },
      officer,
    );
    expect(tooBig.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(tooBig.data).toBeNull();
    const forged = await gql(
      hub,
      'query($id: ID!) { person(id: $id) { history(first: 5, after: "bm90LWEtY3Vyc29y") { edges { node { version } } } } }',
      { id: personId },
      officer,
    );
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    // The old unpaged shape is gone: a list of changes cannot be asked for whole.
    const whole = await gql(hub, 'query($id: ID!) { person(id: $id) { history { version } } }', { id: personId }, officer);
    expect(whole.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const users = await gql(hub, '{ users(first: 501) { edges { node { id } } } }', {}, await signIn(hub, 'probation.admin'));
    expect(users.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses huge nested pages by the query cost limit, literal or from variables', async () => {
    const nested = `query($n: Int, $m: Int) { people(first: $n) { edges { node { id
      history(first: $m) { edges { node { version action changes { field newValue } } } }
      referrals(first: $m) { edges { node { id reason } } } } } } }`;
    for (const variables of [
      { n: 100, m: 500 },
      { n: 20, m: 100 },
    ]) {
      const res = await gql(hub, nested, variables, officer);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/cost/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
    const literal = await gql(
      hub,
      '{ people(first: 100) { edges { node { history(first: 500) { edges { node { version } } } } } } }',
      {},
      officer,
    );
    expect(literal.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    // Lists that are not pages count as their maximum: many of them on a page of people cost that much.
    const bounded = await gql(
      hub,
      '{ people(first: 100) { edges { node { consents { id purpose status } involvements { id role } sustainments { id status } identifiers { scheme value } } } } }',
      {},
      officer,
    );
    expect(bounded.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('answers three of the heaviest history pages the cost limit allows at once, each bounded, and stays alive and ready', async () => {
    const heavy =
      'query($id: ID!) { person(id: $id) { history(first: 250) { totalCount edges { node { version action reason changedAt changedBy } } } } }';
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
          body: JSON.stringify({ query: heavy, variables: { id: personId } }),
        }),
      ),
    );
    for (const res of answers) {
      const text = await res.text();
      expect(res.status).toBe(200);
      // 250 changes of a few fields each: tens of kilobytes, not the whole history.
      expect(text.length).toBeLessThan(100_000);
      const body = JSON.parse(text) as { data: { person: { history: HistoryPage } } };
      expect(body.data.person.history.edges).toHaveLength(250);
      expect(body.data.person.history.totalCount).toBeGreaterThanOrEqual(UPDATES + CHAINS);
    }
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });

  it('cuts a list that is not a page at its hard maximum and says so in extensions.truncated', async () => {
    const admin = await signIn(hub, 'hub.admin');
    // The directory is longer than LIST_DIRECTORY_MAX here.
    const orgs = await gql<{ organisations: { id: string; name: string }[] }>(hub, '{ organisations { id name } }', {}, admin);
    expect(orgs.errors).toBeUndefined();
    expect(orgs.data!.organisations).toHaveLength(DIRECTORY_MAX);
    expect((orgs as unknown as { extensions?: { truncated?: string[] } }).extensions?.truncated).toEqual(['Query.organisations']);
    // The lead involves the other organisations: with the lead's own (one per merged record), more than LIST_PER_PERSON_MAX.
    const ids = await otherOrganisations();
    let added = 0;
    for (const organisationId of ids) {
      const res = await gql(
        hub,
        'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }',
        { input: { personId, organisationId } },
        officer,
      );
      if (!res.errors) added += 1;
    }
    expect(added).toBeGreaterThan(0);
    const record = await gql<{ person: { involvements: { id: string }[] } }>(
      hub,
      'query($id: ID!) { person(id: $id) { involvements { id } } }',
      { id: personId },
      officer,
    );
    expect(record.errors).toBeUndefined();
    expect(record.data!.person.involvements).toHaveLength(PER_PERSON_MAX);
    expect((record as unknown as { extensions?: { truncated?: string[] } }).extensions?.truncated).toEqual(['Person.involvements']);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });

  /** The ids of the other demo organisations, whatever LIST_DIRECTORY_MAX: each from a member's viewer. */
  async function otherOrganisations(): Promise<string[]> {
    const ids = new Set<string>();
    for (const who of ['prison.officer', 'housing.worker', 'mind.worker', 'trainer', 'employer', 'jobcentre.coach']) {
      const me = await gql<{ viewer: { organisationId: string } }>(hub, '{ viewer { organisationId } }', {}, await signIn(hub, who));
      ids.add(me.data!.viewer.organisationId);
    }
    return [...ids];
  }
});
