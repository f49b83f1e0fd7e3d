import { startTestHub, type TestHub } from './support/hub.js';

const CREATE_ORG = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name kind regions services capacity version } }`;
const UPDATE_ORG = `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id name capacity version } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email roles organisation { name } } }`;

describe('organisations, users and clients', () => {
  let hub: TestHub;
  let hubAdmin: string;
  beforeAll(async () => {
    hub = await startTestHub();
    hubAdmin = await hub.tokenFor('hub.admin');
  });
  afterAll(() => hub.close());

  it('lists the demo world to any signed-in actor', async () => {
    const res = await hub.gql<{ organisations: { name: string; kind: string }[] }>(
      '{ organisations { name kind } }',
      {},
      await hub.tokenFor('employer'),
    );
    expect(res.data!.organisations.map((o) => o.kind).sort()).toEqual([
      'CHARITY',
      'CHARITY',
      'EMPLOYER',
      'JOBCENTRE',
      'PRISON',
      'PROBATION',
      'TRAINING_PROVIDER',
    ]);
  });

  it('pages through the directory by name, with how many there are, and refuses a cursor it did not make', async () => {
    const token = await hub.tokenFor('employer');
    const PAGE = `query($first: Int, $after: String) { organisationPage(first: $first, after: $after) {
      totalCount edges { node { id name } } pageInfo { hasNextPage endCursor } } }`;
    interface Page {
      organisationPage: {
        totalCount: number;
        edges: { node: { id: string; name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }
    const all = (await hub.db.query(`SELECT id, name FROM organisation ORDER BY name, id`)) as { id: string; name: string }[];
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const res: Awaited<ReturnType<typeof hub.gql<Page>>> = await hub.gql<Page>(PAGE, { first: 3, after }, token);
      expect(res.errors).toBeUndefined();
      const page = res.data!.organisationPage;
      expect(page.totalCount).toBe(all.length);
      expect(page.edges.length).toBeLessThanOrEqual(3);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((o) => o.id));
    expect(all.length).toBeGreaterThan(3);
    // A page too large is refused by the query's cost before it runs; the rest by the list itself, naming the argument.
    expect((await hub.gql(PAGE, { first: 501 }, token)).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const [variables, field] of [
      [{ first: 0 }, 'first'],
      [{ after: Buffer.from('["x","not-a-uuid"]').toString('base64url') }, 'after'],
      [{ after: 'garbage' }, 'after'],
    ] as const) {
      const res = await hub.gql(PAGE, variables, token);
      expect({ variables, code: res.errors?.[0].extensions?.code }).toEqual({ variables, code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(res.errors?.[0].extensions?.fields)).toContain(field);
    }
  });

  it('hub admins create organisations, and the change is in the outbox of the same transaction', async () => {
    const res = await hub.gql<{ createOrganisation: { id: string; regions: string[]; version: number } }>(
      CREATE_ORG,
      { input: { name: 'Second Chance Cafe', kind: 'EMPLOYER', regions: ['london'], services: ['employment'], capacity: 3 } },
      hubAdmin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createOrganisation).toMatchObject({ regions: ['london'], version: 1 });
    const events = await hub.db.query(`SELECT type, aggregate_id FROM outbox_event WHERE aggregate_id = $1`, [
      res.data!.createOrganisation.id,
    ]);
    expect(events).toEqual([{ type: 'organisation.created', aggregate_id: res.data!.createOrganisation.id }]);
  });

  it('other roles may not create organisations', async () => {
    const res = await hub.gql(
      CREATE_ORG,
      { input: { name: 'Rogue Org', kind: 'CHARITY', regions: [], services: [] } },
      await hub.tokenFor('probation.admin'),
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ count }] = await hub.db.query(`SELECT count(*)::int AS count FROM organisation WHERE name = 'Rogue Org'`);
    expect(count).toBe(0);
  });

  it('bad input gets BAD_USER_INPUT naming the fields', async () => {
    const res = await hub.gql(
      CREATE_ORG,
      { input: { name: 'X', kind: 'CHARITY', regions: ['atlantis'], services: ['Not A Code'] } },
      hubAdmin,
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (res.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['name', 'services']);
    // Regions are the vocabulary hub admins maintain (a table): checked once the input's shape is right.
    const region = await hub.gql(
      CREATE_ORG,
      { input: { name: 'Region Test', kind: 'CHARITY', regions: ['atlantis'], services: [] } },
      hubAdmin,
    );
    expect(region.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((region.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual(['regions']);
    const badEnum = await hub.gql(CREATE_ORG, { input: { name: 'Enum Test', kind: 'SPACESHIP', regions: [], services: [] } }, hubAdmin);
    expect(badEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a duplicate name is ALREADY_EXISTS', async () => {
    const res = await hub.gql(CREATE_ORG, { input: { name: 'HMP Millbrook', kind: 'PRISON', regions: [], services: [] } }, hubAdmin);
    expect(res.errors?.[0].extensions?.code).toBe('ALREADY_EXISTS');
  });

  it('a stale version is refused with CONFLICT and changes nothing', async () => {
    const created = await hub.gql<{ createOrganisation: { id: string } }>(
      CREATE_ORG,
      { input: { name: 'Versioned Org', kind: 'HOUSING', regions: [], services: [] } },
      hubAdmin,
    );
    const id = created.data!.createOrganisation.id;
    const first = await hub.gql<{ updateOrganisation: { version: number; capacity: number } }>(
      UPDATE_ORG,
      { input: { id, version: 1, capacity: 12 } },
      hubAdmin,
    );
    expect(first.data!.updateOrganisation).toMatchObject({ version: 2, capacity: 12 });
    const stale = await hub.gql(UPDATE_ORG, { input: { id, version: 1, capacity: 99 } }, hubAdmin);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const [row] = await hub.db.query('SELECT capacity, version FROM organisation WHERE id = $1', [id]);
    expect(row).toEqual({ capacity: 12, version: 2 });
  });

  it('org admins add users to their own organisation only, and cannot make hub admins', async () => {
    const admin = await hub.tokenFor('housing.admin');
    const ok = await hub.gql<{ createUser: { email: string; organisation: { name: string } } }>(
      CREATE_USER,
      {
        input: {
          email: 'New.Worker@demo.rehab-hub.example',
          name: 'New Worker',
          roles: ['CASEWORKER'],
          regions: [],
          password: 'a-long-enough-password',
        },
      },
      admin,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createUser).toEqual({
      id: expect.any(String),
      email: 'new.worker@demo.rehab-hub.example',
      roles: ['CASEWORKER'],
      organisation: { name: 'Safe Harbour Housing Trust' },
    });
    const login = await hub
      .http()
      .post('/auth/login')
      .send({ email: 'new.worker@demo.rehab-hub.example', password: 'a-long-enough-password' });
    expect(login.status).toBe(200);

    const orgs = await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, admin);
    const prison = orgs.data!.organisations.find((o) => o.name === 'HMP Millbrook')!;
    const elsewhere = await hub.gql(
      CREATE_USER,
      { input: { organisationId: prison.id, email: 'x@demo.rehab-hub.example', name: 'X', roles: ['CASEWORKER'], regions: [] } },
      admin,
    );
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const escalate = await hub.gql(
      CREATE_USER,
      { input: { email: 'y@demo.rehab-hub.example', name: 'Y', roles: ['HUB_ADMIN'], regions: [] } },
      admin,
    );
    expect(escalate.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const caseworker = await hub.gql(
      CREATE_USER,
      { input: { email: 'z@demo.rehab-hub.example', name: 'Z', roles: ['CASEWORKER'], regions: [] } },
      await hub.tokenFor('housing.worker'),
    );
    expect(caseworker.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const duplicate = await hub.gql(
      CREATE_USER,
      { input: { email: 'housing.worker@demo.rehab-hub.example', name: 'Dup', roles: ['CASEWORKER'], regions: [] } },
      admin,
    );
    expect(duplicate.errors?.[0].extensions?.code).toBe('ALREADY_EXISTS');
  });

  it('a deactivated user is refused at the next request', async () => {
    const token = await hub.tokenFor('housing.manager');
    expect((await hub.gql('{ viewer { id } }', {}, token)).status).toBe(200);
    const admin = await hub.tokenFor('housing.admin');
    const users = await hub.gql<{ users: { edges: { node: { id: string; email: string } }[] } }>(
      '{ users { edges { node { id email } } } }',
      {},
      admin,
    );
    const id = users.data!.users.edges.map((e) => e.node).find((u) => u.email.startsWith('housing.manager'))!.id;
    const res = await hub.gql(
      `mutation($input: UpdateUserInput!) { updateUser(input: $input) { active } }`,
      { input: { id, active: false } },
      admin,
    );
    expect(res.data).toEqual({ updateUser: { active: false } });
    expect((await hub.gql('{ viewer { id } }', {}, token)).status).toBe(401);
  });

  it("an org admin cannot see another organisation's users", async () => {
    const orgs = await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, hubAdmin);
    const probation = orgs.data!.organisations.find((o) => o.name === 'North West Probation Region')!;
    const res = await hub.gql(
      'query($id: ID) { users(organisationId: $id) { edges { node { id } } } }',
      { id: probation.id },
      await hub.tokenFor('housing.admin'),
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
