import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_DOMAIN } from '../libs/demo/src/demo-world.js';
import { CaseTasksService } from '../libs/referrals/src/case-tasks.service.js';
import { apiClientToken, DEMO_PASSWORD, eventually, nodes, type Page, startTestHub, type TestHub } from './support/hub.js';

/**
 * Access down to the caseworker, over GraphQL as users meet it: a region-scoped probation service, its
 * teams and allocations; a restricted record and an exclusion; and a lawful basis bound to its purpose.
 * Every channel is asked: list, search, page, change feed, explainAccess, webhooks, an API client.
 */
describe('access down to the caseworker', () => {
  let hub: TestHub;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const nw: string[] = [];
  let london: string;
  let teamId: string;
  const hook = { received: [] as string[], server: null as Server | null, url: '' };

  async function ok<T>(query: string, variables: Record<string, unknown>, who: string, headers?: Record<string, string>): Promise<T> {
    const res = await hub.gql<T>(query, variables, tokens[who] ?? (await hub.tokenFor(who)), headers);
    if (res.errors) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  }
  async function code(query: string, variables: Record<string, unknown>, who: string): Promise<string | undefined> {
    const res = await hub.gql(query, variables, tokens[who] ?? (await hub.tokenFor(who)));
    return (res.errors?.[0]?.extensions as { code?: string } | undefined)?.code;
  }
  const PERSON = `query($id: ID!) { person(id: $id) { id givenName } }`;
  const opens = async (who: string, id: string) => (await code(PERSON, { id }, who)) === undefined;
  async function listed(who: string, search?: string, caseload?: string): Promise<string[]> {
    const data = await ok<{ people: Page<{ id: string }> }>(
      `query($search: String, $filter: PeopleFilter) { people(search: $search, first: 100, filter: $filter) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
      { search, filter: caseload ? { caseload } : null },
      who,
    );
    return nodes(data.people).map((p) => p.id);
  }
  async function feedPeople(who: string): Promise<string[]> {
    const data = await ok<{ changes: { changes: { personId: string | null }[] } }>(
      `{ changes(first: 1000) { changes { personId } } }`,
      {},
      who,
    );
    return data.changes.changes.flatMap((c) => (c.personId ? [c.personId] : []));
  }
  async function explain(who: string, personId: string, category: string, headers?: Record<string, string>) {
    const data = await ok<{ explainAccess: { allowed: boolean; reason: string } }>(
      `query($id: ID!, $c: DataCategory) { explainAccess(personId: $id, category: $c) { allowed reason } }`,
      { id: personId, c: category },
      who,
      headers,
    );
    return data.explainAccess;
  }
  async function createPerson(who: string, givenName: string, region: string): Promise<string> {
    const data = await ok<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      { input: { givenName, familyName: 'Caseload', dateOfBirth: '1990-02-03', region, confirmNew: true, identifiers: [] } },
      who,
    );
    return data.createPerson.person.id;
  }
  async function createUser(email: string, roles: string[], regions: string[]): Promise<string> {
    const data = await ok<{ createUser: { id: string } }>(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, name: email.split('@')[0], roles, regions, password: DEMO_PASSWORD } },
      'probation.admin',
    );
    return data.createUser.id;
  }

  beforeAll(async () => {
    hub = await startTestHub();
    hook.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hook.received.push(body);
        res.end();
      });
    });
    hook.url = await new Promise<string>((r) =>
      hook.server!.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(hook.server!.address() as AddressInfo).port}/hook`)),
    );
    for (const who of [
      'probation.officer',
      'probation.manager',
      'probation.admin',
      'probation.dpo',
      'housing.worker',
      'housing.manager',
      'mind.worker',
      'housing.admin',
    ])
      tokens[who] = await hub.tokenFor(who);
    for (const who of ['probation.officer', 'probation.manager', 'probation.dpo'])
      ids[who] = (await ok<{ viewer: { id: string } }>('{ viewer { id } }', {}, who)).viewer.id;
    // Three North West people the officer takes on (each allocated to the officer who creates it).
    for (const name of ['Nadia', 'Noel', 'Nora']) nw.push(await createPerson('probation.officer', name, 'north_west'));
    london = `london.officer@${DEMO_DOMAIN}`;
    ids.london = await createUser(london, ['CASEWORKER'], ['london']);
    tokens.london = await hub.tokenFor(london);
    // Housing works with the first of them, and listens to webhooks.
    await ok(
      `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
      {
        input: {
          personId: nw[0],
          organisationId: (await ok<{ viewer: { organisationId: string } }>('{ viewer { organisationId } }', {}, 'housing.worker')).viewer
            .organisationId,
        },
      },
      'probation.officer',
    );
    await ok(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
      { input: { url: hook.url, eventTypes: ['*'] } },
      'housing.admin',
    );
  });
  afterAll(async () => {
    await hub.close();
    await new Promise<void>((r) => hook.server?.close(() => r()));
  });

  describe('an organisation showing its whole caseload (the default)', () => {
    it('lets a London caseworker see its North West people, as before', async () => {
      expect(await opens('london', nw[1])).toBe(true);
      expect(await listed('london', 'caseload')).toEqual(expect.arrayContaining(nw));
    });

    it('"My caseload" is the people allocated to me', async () => {
      expect((await listed('probation.officer', undefined, 'MINE')).sort()).toEqual([...nw].sort());
      expect(await listed('london', undefined, 'MINE')).toEqual([]);
    });
  });

  describe('a region-scoped organisation (team and region)', () => {
    beforeAll(async () => {
      await ok(`mutation { setCaseVisibility(input: { visibility: TEAM_AND_REGION }) { visibility } }`, {}, 'probation.admin');
    });

    it('shows a London-only caseworker none of the North West people: list, search, page, feed', async () => {
      expect(await listed('london')).toEqual([]);
      expect(await listed('london', 'Caseload')).toEqual([]);
      for (const id of nw) expect(await code(PERSON, { id }, 'london')).toBe('NOT_FOUND');
      expect((await feedPeople('london')).filter((p) => nw.includes(p))).toEqual([]);
    });

    it('explains it as not in your team or region (the organisation knows the person)', async () => {
      expect(await explain('london', nw[1], 'IDENTITY')).toEqual({ allowed: false, reason: 'NOT_IN_YOUR_TEAM_OR_REGION' });
    });

    it('still shows the North West caseworker its people, and its data protection officer all of them', async () => {
      for (const id of nw) expect(await opens('probation.officer', id)).toBe(true);
      for (const id of nw) expect(await opens('probation.dpo', id)).toBe(true);
    });

    it('a manager allocates a person to the London caseworker: it opens, lists in "My caseload", and shows in the history', async () => {
      expect(
        await code(
          `mutation($input: AllocatePersonInput!) { allocatePerson(input: $input) { id } }`,
          { input: { personId: nw[1], caseOwnerId: ids.london, reason: 'covering' } },
          'probation.officer',
        ),
      ).toBe('FORBIDDEN');
      const made = await ok<{ allocatePerson: { caseOwnerId: string; caseOwnerName: string; reason: string } }>(
        `mutation($input: AllocatePersonInput!) { allocatePerson(input: $input) { caseOwnerId caseOwnerName reason } }`,
        { input: { personId: nw[1], caseOwnerId: ids.london, reason: 'Moved to a London hostel' } },
        'probation.manager',
      );
      expect(made.allocatePerson).toMatchObject({ caseOwnerId: ids.london, reason: 'Moved to a London hostel' });
      expect(await opens('london', nw[1])).toBe(true);
      expect(await listed('london', undefined, 'MINE')).toEqual([nw[1]]);
      expect(await listed('probation.officer', undefined, 'MINE')).not.toContain(nw[1]);
      const history = await ok<{
        person: {
          allocation: { caseOwnerId: string };
          allocationHistory: { caseOwnerId: string; endedAt: string | null; allocatedBy: string }[];
        };
      }>(
        `query($id: ID!) { person(id: $id) { allocation { caseOwnerId } allocationHistory { caseOwnerId endedAt allocatedBy } } }`,
        { id: nw[1] },
        'london',
      );
      expect(history.person.allocation.caseOwnerId).toBe(ids.london);
      expect(history.person.allocationHistory.map((a) => [a.caseOwnerId, a.endedAt === null])).toEqual([
        [ids.london, true],
        [ids['probation.officer'], false],
      ]);
      expect(history.person.allocationHistory[0].allocatedBy).toBe(`user:${ids['probation.manager']}`);
    });

    it('an allocation is news to its own organisation only (not to a partner working with the person)', async () => {
      await ok(
        `mutation($input: AllocatePersonInput!) { allocatePerson(input: $input) { id } }`,
        { input: { personId: nw[0], caseOwnerId: ids['probation.manager'], reason: 'Senior cover' } },
        'probation.manager',
      );
      const types = async (who: string) =>
        (
          await ok<{ changes: { changes: { type: string; personId: string | null }[] } }>(
            `{ changes(first: 1000) { changes { type personId } } }`,
            {},
            who,
          )
        ).changes.changes
          .filter((c) => c.personId === nw[0])
          .map((c) => c.type);
      expect(await types('probation.manager')).toContain('person.allocated');
      expect(await types('housing.worker')).not.toContain('person.allocated');
      expect(await types('housing.worker')).toContain('person.created');
    });

    it('allocation to a team opens the person to its members; an unknown or foreign team or caseworker is NOT_FOUND', async () => {
      teamId = (
        await ok<{ createTeam: { id: string } }>(`mutation { createTeam(input: { name: "London North" }) { id } }`, {}, 'probation.admin')
      ).createTeam.id;
      await ok(
        `mutation($t: ID!, $u: ID!) { addTeamMember(input: { teamId: $t, userId: $u }) { id } }`,
        { t: teamId, u: ids.london },
        'probation.admin',
      );
      expect(await opens('london', nw[2])).toBe(false);
      await ok(
        `mutation($input: AllocatePersonInput!) { allocatePerson(input: $input) { id } }`,
        { input: { personId: nw[2], teamId, reason: 'Team case' } },
        'probation.manager',
      );
      tokens.london = await hub.tokenFor(london); // (teams are read on every request; a fresh token is not needed, but harmless)
      expect(await opens('london', nw[2])).toBe(true);
      expect(await listed('london', undefined, 'MY_TEAMS')).toEqual(expect.arrayContaining([nw[1], nw[2]]));
      const housingTeam = (
        await ok<{ createTeam: { id: string } }>(`mutation { createTeam(input: { name: "Housing team" }) { id } }`, {}, 'housing.admin')
      ).createTeam.id;
      const allocate = `mutation($input: AllocatePersonInput!) { allocatePerson(input: $input) { id } }`;
      expect(await code(allocate, { input: { personId: nw[2], teamId: housingTeam, reason: 'x x x' } }, 'probation.manager')).toBe(
        'NOT_FOUND',
      );
      expect(
        await code(
          allocate,
          { input: { personId: nw[2], caseOwnerId: ids['probation.dpo'], reason: 'not a caseworker' } },
          'probation.manager',
        ),
      ).toBe('NOT_FOUND');
      expect(
        await code(
          allocate,
          { input: { personId: '00000000-0000-4000-8000-000000000000', teamId, reason: 'nobody' } },
          'probation.manager',
        ),
      ).toBe('NOT_FOUND');
      expect(
        await code(
          `mutation($t: ID!, $u: ID!) { addTeamMember(input: { teamId: $t, userId: $u }) { id } }`,
          { t: teamId, u: ids.london },
          'housing.admin',
        ),
      ).toBe('NOT_FOUND');
    });
  });

  describe('tasks about allocation', () => {
    /** Every task the user gets, of a kind, through all pages. */
    const tasks = async (who: string, kind: string, status = 'OPEN') => {
      const all: { kind: string; personId: string | null; status: string }[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { tasks: Page<{ kind: string; personId: string | null; status: string }> } = await ok(
          `query($after: String, $status: TaskStatus) { tasks(first: 100, after: $after, status: $status) { edges { cursor node { kind personId status } } pageInfo { hasNextPage endCursor } } }`,
          { after, status },
          who,
        );
        all.push(...nodes(page.tasks));
        if (!page.tasks.pageInfo.hasNextPage) return all.filter((t) => t.kind === kind);
        after = page.tasks.pageInfo.endCursor;
      }
    };

    it('a case transferred to a new lead asks its managers to allocate it, until they do', async () => {
      const id = await createPerson('probation.officer', 'Tariq', 'north_west');
      const housing = (await ok<{ viewer: { organisationId: string } }>('{ viewer { organisationId } }', {}, 'housing.manager')).viewer
        .organisationId;
      await ok(
        `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
        { input: { personId: id, organisationId: housing, role: 'LEAD' } },
        'probation.officer',
      );
      const open = await eventually(
        async () => (await tasks('housing.manager', 'ALLOCATE_CASE')).find((t) => t.personId === id && t.status === 'OPEN'),
        15_000,
        'allocation task',
      );
      expect(open).toBeTruthy();
      expect((await tasks('housing.worker', 'ALLOCATE_CASE')).filter((t) => t.personId === id)).toEqual([]);
      const hollie = (await ok<{ viewer: { id: string } }>('{ viewer { id } }', {}, 'housing.worker')).viewer.id;
      await ok(
        `mutation($input: AllocatePersonInput!) { allocatePerson(input: $input) { id } }`,
        { input: { personId: id, caseOwnerId: hollie, reason: 'Transferred to us' } },
        'housing.manager',
      );
      await eventually(
        async () => (await tasks('housing.manager', 'ALLOCATE_CASE', 'DONE')).find((t) => t.personId === id),
        15_000,
        'allocation task done',
      );
    });
  });

  describe('an exclusion', () => {
    it('an excluded caseworker gets NOT_FOUND on a person its colleagues open, in every channel, and no explanation', async () => {
      const id = nw[2];
      expect(await opens('probation.officer', id)).toBe(true);
      await ok(
        `mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id } }`,
        {
          input: {
            personId: id,
            kind: 'EXCLUSION',
            userIds: [ids['probation.officer']],
            reason: 'Related to the officer',
            reviewOn: inDays(90),
          },
        },
        'probation.manager',
      );
      expect(await code(PERSON, { id }, 'probation.officer')).toBe('NOT_FOUND');
      expect(await listed('probation.officer', 'Nora')).toEqual([]);
      expect(await feedPeople('probation.officer')).not.toContain(id);
      expect(await explain('probation.officer', id, 'IDENTITY')).toEqual({ allowed: false, reason: 'NO_RELATIONSHIP' });
      expect(await opens('probation.manager', id)).toBe(true);
      expect(await opens('london', id)).toBe(true);
    });
  });

  describe('a restricted record', () => {
    let restrictionId: string;

    it('only the lead organisation restricts a record', async () => {
      expect(
        await code(
          `mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id } }`,
          { input: { personId: nw[0], kind: 'RESTRICTION', userIds: [ids['probation.manager']], reason: 'x x x', reviewOn: inDays(30) } },
          'probation.officer',
        ),
      ).toBe('FORBIDDEN');
      expect(
        await code(
          `mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id } }`,
          { input: { personId: nw[0], kind: 'RESTRICTION', userIds: [ids['probation.manager']], reason: 'x x x', reviewOn: inDays(400) } },
          'probation.manager',
        ),
      ).toBe('BAD_USER_INPUT');
    });

    it('is invisible to all but its listed users in every channel: page, list, feed, webhooks, an API client, break-glass', async () => {
      const id = nw[0];
      const client = await apiClientToken(hub, 'housing.admin', 'Housing case system', ['PEOPLE_READ']);
      const asClient = () => hub.gql(PERSON, { id }, client);
      expect((await asClient()).errors).toBeUndefined();
      const placed = await ok<{ placeRestriction: { id: string; userIds: string[] } }>(
        `mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id userIds } }`,
        {
          input: { personId: id, kind: 'RESTRICTION', userIds: [ids['probation.dpo']], reason: 'High-profile case', reviewOn: inDays(30) },
        },
        'probation.manager',
      );
      restrictionId = placed.placeRestriction.id;
      expect(placed.placeRestriction.userIds.sort()).toEqual([ids['probation.dpo'], ids['probation.manager']].sort());
      for (const who of ['probation.officer', 'london', 'housing.worker']) {
        expect(await code(PERSON, { id }, who)).toBe('NOT_FOUND');
        expect(await listed(who)).not.toContain(id);
        expect(await feedPeople(who)).not.toContain(id);
        expect(await explain(who, id, 'IDENTITY')).toEqual({ allowed: false, reason: 'NO_RELATIONSHIP' });
      }
      expect((await asClient()).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      // Break-glass does not open it (the restriction does not allow it): the grant is made, the record stays shut.
      expect(await code(PERSON, { id }, 'housing.manager')).toBe('NOT_FOUND');
      await ok(
        `mutation($input: OpenBreakGlassInput!) { openBreakGlass(input: $input) { id } }`,
        { input: { personId: id, reason: 'Risk to the public' } },
        'housing.manager',
      );
      expect(await code(PERSON, { id }, 'housing.manager')).toBe('NOT_FOUND');
      // The listed open it, and see the restriction.
      expect(await opens('probation.dpo', id)).toBe(true);
      const seen = await ok<{ person: { restrictions: { id: string; kind: string }[] } }>(
        `query($id: ID!) { person(id: $id) { restrictions { id kind } } }`,
        { id },
        'probation.manager',
      );
      expect(seen.person.restrictions).toEqual([{ id: restrictionId, kind: 'RESTRICTION' }]);
      // A change to the record goes out by webhook to nobody not listed.
      const before = hook.received.length;
      await ok(
        `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }`,
        { input: { id, version: await version(id), releaseDate: '2027-01-15', reason: 'Release date confirmed' } },
        'probation.manager',
      );
      await new Promise((r) => setTimeout(r, 2_000));
      expect(hook.received.slice(before).filter((b) => b.includes(id))).toEqual([]);
    });

    it('its review date raises a review task for the managers who placed it', async () => {
      const sweep = hub.app.get(CaseTasksService);
      expect(await sweep.reviewSweep(new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThan(0);
      const review = nodes(
        (
          await ok<{ tasks: Page<{ kind: string; personId: string | null }> }>(
            `{ tasks(first: 100, status: OPEN) { edges { cursor node { kind personId } } pageInfo { hasNextPage endCursor } } }`,
            {},
            'probation.manager',
          )
        ).tasks,
      ).filter((t) => t.kind === 'RESTRICTION_REVIEW');
      expect(review.map((t) => t.personId)).toContain(nw[0]);
      expect(await sweep.reviewSweep(new Date(Date.now() + 31 * 86_400_000))).toBe(0); // once per review date
    });

    it('lifted, the record is back as before, in every channel', async () => {
      const id = nw[0];
      await ok(
        `mutation($input: LiftRestrictionInput!) { liftRestriction(input: $input) { liftedAt } }`,
        { input: { restrictionId, reason: 'Press interest over' } },
        'probation.manager',
      );
      expect(await opens('housing.worker', id)).toBe(true);
      expect(await listed('housing.worker')).toContain(id);
      // Its events go out again.
      const before = hook.received.length;
      await ok(
        `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }`,
        { input: { id, version: await version(id), releaseDate: '2027-01-16', reason: 'Release date moved' } },
        'probation.manager',
      );
      await eventually(async () => hook.received.slice(before).some((b) => b.includes(id)), 15_000, 'webhook of the lifted record');
      expect(
        await code(
          `mutation($input: LiftRestrictionInput!) { liftRestriction(input: $input) { liftedAt } }`,
          { input: { restrictionId, reason: 'again' } },
          'probation.manager',
        ),
      ).toBe('NOT_FOUND');
    });
  });

  describe('a lawful basis bound to its purpose', () => {
    let id: string;
    beforeAll(async () => {
      id = await createPerson('probation.officer', 'Hollis', 'north_west');
      const mind = (await ok<{ viewer: { organisationId: string } }>('{ viewer { organisationId } }', {}, 'mind.worker')).viewer
        .organisationId;
      await ok(
        `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
        { input: { personId: id, organisationId: mind } },
        'probation.officer',
      );
      await ok(
        `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }`,
        { input: { id, version: await version(id), healthNotes: 'Anxiety; weekly sessions', reason: 'Assessment' } },
        'probation.officer',
      );
      await ok(
        `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
        { input: { personId: id, organisationId: mind, purpose: 'HEALTH', categories: ['HEALTH'], method: 'VERBAL', personPresent: true } },
        'probation.officer',
      );
    });

    it('a health read for an accommodation purpose is refused and explained; for health (or casework) it is allowed', async () => {
      const read = (purpose: string) =>
        ok<{ person: { healthNotes: string | null; withheldFields: string[] } }>(
          `query($id: ID!, $p: PurposeOfUse) { person(id: $id, purpose: $p) { healthNotes withheldFields } }`,
          { id, p: purpose },
          'mind.worker',
        );
      expect((await read('ACCOMMODATION')).person).toMatchObject({
        healthNotes: null,
        withheldFields: expect.arrayContaining(['healthNotes']),
      });
      expect(await explain('mind.worker', id, 'HEALTH', { 'x-purpose': 'accommodation' })).toEqual({
        allowed: false,
        reason: 'PURPOSE_NOT_COVERED',
      });
      expect((await read('HEALTH')).person.healthNotes).toBe('Anxiety; weekly sessions');
      expect((await read('CASEWORK')).person.healthNotes).toBe('Anxiety; weekly sessions');
      expect(await explain('mind.worker', id, 'HEALTH', { 'x-purpose': 'health' })).toMatchObject({ allowed: true });
    });
  });

  async function version(id: string): Promise<number> {
    return (await ok<{ person: { version: number } }>(`query($id: ID!) { person(id: $id) { version } }`, { id }, 'probation.manager'))
      .person.version;
  }
});

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
