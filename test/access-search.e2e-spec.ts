import { randomUUID } from 'node:crypto';
import { type AuditWorld, startAuditWorld } from './support/audit-world.js';
import { DEMO_PASSWORD, nodes, type Page, type TestHub } from './support/hub.js';

interface Event {
  id: string;
  actor: string;
  organisationId: string | null;
  personId: string | null;
  action: string;
}
interface Finding {
  kind: string;
  actor: string;
  organisationId: string | null;
  count: number;
  eventCount: number;
  events: Event[];
}

const SEARCH = `query($input: AccessSearchInput!, $first: Int, $after: String) {
  accessSearch(input: $input, first: $first, after: $after) { edges { cursor node { id actor organisationId personId action } } pageInfo { hasNextPage endCursor } } }`;
const UNUSUAL = `query($input: UnusualAccessInput!) { unusualAccess(input: $input) { kind actor organisationId count eventCount events { id actor personId action } } }`;
const READ = 'query($id: ID!) { person(id: $id) { id givenName } }';
const HOUR = 3_600_000;
const PROBATION = 'North West Probation Region';

describe('access search and unusual access', () => {
  let world: AuditWorld;
  let hub: TestHub;
  let orgs: Record<string, string>;
  let users: Record<string, string>;
  let shared: string; // led by probation, housing involved
  let probationOnly: string; // led by probation, housing not involved
  const housingDpo = `access.dpo.${Date.now()}@demo.rehab-hub.example`;
  const since = new Date(Date.now() - HOUR).toISOString();

  const search = (who: string, input: Record<string, unknown>, first?: number, after?: string | null) =>
    world.gql<{ accessSearch: Page<Event> }>(who, SEARCH, { input, first, after });

  beforeAll(async () => {
    world = await startAuditWorld();
    ({ hub, orgs, users } = world);
    shared = await world.person('Shared');
    probationOnly = await world.person('Alone', false);
    for (const id of [shared, probationOnly, shared]) await world.ok('probation.officer', READ, { id });
    await world.ok('housing.worker', READ, { id: shared });
    // The creator owns the case; the manager, reading both, owns neither.
    for (const id of [shared, probationOnly]) await world.ok('probation.manager', READ, { id });
    await world.ok('housing.admin', 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: { email: housingDpo, name: 'Hal Protection', roles: ['DATA_PROTECTION_OFFICER'], password: DEMO_PASSWORD },
    });
  });
  afterAll(() => hub.close());

  it("finds who read a person's record, page by page, newest first", async () => {
    const all = await search('probation.dpo', {
      from: since,
      personId: shared,
      userId: users['probation.officer'].slice(5),
      action: 'read',
    });
    expect(all.errors).toBeUndefined();
    const reads = nodes(all.data!.accessSearch);
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.every((e) => e.actor === users['probation.officer'] && e.personId === shared && e.action === 'read')).toBe(true);
    expect(Number(reads[0].id)).toBeGreaterThan(Number(reads[1].id));

    const first = (await search('probation.dpo', { from: since, personId: shared }, 1)).data!.accessSearch;
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await search('probation.dpo', { from: since, personId: shared }, 1, first.pageInfo.endCursor)).data!.accessSearch;
    expect(Number(second.edges[0].node.id)).toBeLessThan(Number(first.edges[0].node.id));
  });

  it('is itself audited: what was asked, and a read of each person it showed', async () => {
    const before: { max: string }[] = await hub.db.query('SELECT coalesce(max(id), 0)::text AS max FROM audit_event');
    const res = await search('probation.dpo', { from: since, organisationId: orgs['Safe Harbour Housing Trust'] });
    expect(nodes(res.data!.accessSearch).some((e) => e.personId === shared)).toBe(true);
    const rows: { person_id: string | null; action: string; detail: Record<string, unknown> }[] = await hub.db.query(
      `SELECT person_id, action, detail FROM audit_event WHERE id > $1 AND actor = $2 AND detail->>'channel' = 'access_search' ORDER BY id`,
      [before[0].max, users['probation.dpo']],
    );
    expect(rows[0]).toMatchObject({
      person_id: null,
      action: 'read',
      detail: { filter: { organisationId: orgs['Safe Harbour Housing Trust'] } },
    });
    expect(rows.some((r) => r.person_id === shared)).toBe(true);
  });

  it("keeps an officer to its organisation's users and the people it works with; hub admins see all", async () => {
    const probationReads = { from: since, userId: users['probation.officer'].slice(5) };
    const housing = nodes((await search(housingDpo, probationReads)).data!.accessSearch);
    expect(housing.some((e) => e.personId === shared)).toBe(true);
    expect(housing.some((e) => e.personId === probationOnly)).toBe(false);

    const hidden = await search(housingDpo, { from: since, personId: probationOnly });
    const missing = await search(housingDpo, { from: since, personId: randomUUID() });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0]).toEqual({ ...hidden.errors?.[0], path: missing.errors?.[0].path });

    const admin = nodes((await search('hub.admin', { from: since, personId: probationOnly })).data!.accessSearch);
    expect(admin.some((e) => e.actor === users['probation.officer'])).toBe(true);
  });

  it('refuses other roles, long periods, big pages and unknown actions', async () => {
    const code = async (who: string, input: Record<string, unknown>, first?: number) =>
      (await search(who, input, first)).errors?.[0].extensions?.code;
    expect(await code('probation.officer', { from: since })).toBe('FORBIDDEN');
    expect(await code('probation.dpo', { from: '2024-01-01', to: '2025-06-01' })).toBe('BAD_USER_INPUT');
    expect(await code('probation.dpo', { from: since, to: since })).toBe('BAD_USER_INPUT');
    expect(await code('probation.dpo', { from: since }, 0)).toBe('BAD_USER_INPUT');
    expect(await code('probation.dpo', { from: since, action: 'peek' })).toBe('BAD_USER_INPUT');
    expect(await code('probation.dpo', { from: since, purpose: 'x'.repeat(41) })).toBe('BAD_USER_INPUT');
  });

  it('exports the search as CSV, audited as an export', async () => {
    const res = await hub
      .http()
      .get('/privacy/access-search.csv')
      .query({ from: since, personId: shared })
      .set('authorization', `Bearer ${await hub.tokenFor('probation.dpo')}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,occurredAt,actor,organisationId,purpose,personId,action,categories,fields,withheld,breakGlass,event');
    expect(lines.some((l) => l.includes(users['probation.officer']) && l.includes(shared))).toBe(true);
    const [row]: { n: number }[] = await hub.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE actor = $1 AND action = 'export' AND detail->>'channel' = 'access_search_csv' AND person_id = $2`,
      [users['probation.dpo'], shared],
    );
    expect(row.n).toBe(1);
    const denied = await hub
      .http()
      .get('/privacy/access-search.csv')
      .query({ from: since })
      .set('authorization', `Bearer ${await hub.tokenFor('probation.officer')}`);
    expect(denied.status).toBe(403);
  });

  it('names users who read records not allocated to them, out of hours, without involvement, or through break-glass, with the events', async () => {
    // The London hour of one of the officer's reads, made out of hours by the working day asked for.
    const [read]: { hour: number }[] = await hub.db.query(
      `SELECT extract(hour FROM occurred_at AT TIME ZONE 'Europe/London')::int AS hour FROM audit_event WHERE actor = $1 AND action = 'read' ORDER BY id DESC LIMIT 1`,
      [users['probation.officer']],
    );
    const day = read.hour < 23 ? { dayStarts: read.hour + 1, dayEnds: 24 } : { dayStarts: 0, dayEnds: 23 };
    const open = `mutation($input: OpenBreakGlassInput!) { openBreakGlass(input: $input) { id } }`;
    for (let i = 0; i < 2; i++)
      await world.ok('housing.manager', open, {
        input: { personId: probationOnly, reason: 'Safeguarding concern out of hours', minutes: 5 },
      });
    await world.ok('housing.manager', READ, { id: probationOnly });

    const input = { from: since, minRecords: 2, minOutOfHours: 1, minBreakGlass: 2, ...day };
    const probation = await world.ok<{ unusualAccess: Finding[] }>('probation.dpo', UNUSUAL, { input });
    const of = (findings: Finding[], kind: string, who: string) => findings.find((f) => f.kind === kind && f.actor === users[who]);
    const notAllocated = of(probation.unusualAccess, 'NOT_ALLOCATED', 'probation.manager');
    expect(notAllocated?.count).toBe(2);
    expect(new Set(notAllocated?.events.map((e) => e.personId))).toEqual(new Set([shared, probationOnly]));
    expect(of(probation.unusualAccess, 'NOT_ALLOCATED', 'probation.officer')).toBeUndefined();
    expect(of(probation.unusualAccess, 'OUT_OF_HOURS', 'probation.officer')?.events.length).toBeGreaterThan(0);
    expect(probation.unusualAccess.every((f) => f.organisationId === orgs[PROBATION])).toBe(true);
    expect(probation.unusualAccess.some((f) => f.actor === users['housing.manager'])).toBe(false);

    const housing = await world.ok<{ unusualAccess: Finding[] }>(housingDpo, UNUSUAL, { input: { ...input, minRecords: 1 } });
    expect(of(housing.unusualAccess, 'BREAK_GLASS', 'housing.manager')?.count).toBe(2);
    const noInvolvement = of(housing.unusualAccess, 'NO_INVOLVEMENT', 'housing.manager');
    expect(noInvolvement?.events.map((e) => e.personId)).toContain(probationOnly);
    expect(housing.unusualAccess.some((f) => f.actor === users['probation.officer'])).toBe(false);

    const bad = await world.gql('probation.dpo', UNUSUAL, { input: { from: since, dayStarts: 18, dayEnds: 9 } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists the legal holds in force on a person to data protection officers who may know of them, and not once released', async () => {
    const HOLDS = 'query($id: ID!) { legalHolds(personId: $id) { id reason releasedAt } }';
    const placed = await world.ok<{ placeLegalHold: { id: string } }>(
      'probation.dpo',
      'mutation($input: PersonReasonInput!) { placeLegalHold(input: $input) { id } }',
      { input: { personId: shared, reason: 'Pending proceedings' } },
    );
    const listed = await world.ok<{ legalHolds: { id: string; reason: string }[] }>(housingDpo, HOLDS, { id: shared });
    expect(listed.legalHolds).toEqual([{ id: placed.placeLegalHold.id, reason: 'Pending proceedings', releasedAt: null }]);
    expect((await world.gql(housingDpo, HOLDS, { id: probationOnly })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await world.gql('probation.officer', HOLDS, { id: shared })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await world.ok('probation.dpo', 'mutation($id: ID!) { releaseLegalHold(holdId: $id) { releasedAt } }', {
      id: placed.placeLegalHold.id,
    });
    expect((await world.ok<{ legalHolds: unknown[] }>('probation.dpo', HOLDS, { id: shared })).legalHolds).toEqual([]);
  });
});
