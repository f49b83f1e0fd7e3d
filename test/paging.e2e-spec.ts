import { type AuditWorld, startAuditWorld } from './support/audit-world.js';
import { nodes, type Page } from './support/hub.js';

/**
 * The lists that used to stop silently at a fixed length (tasks, referrals, rule firings, break-glass
 * grants and accesses, webhook deliveries) are connections now: newest first, paged by a cursor that
 * holds the row's sort key.
 */
describe('paged lists', () => {
  let world: AuditWorld;
  let probation: string;
  beforeAll(async () => {
    world = await startAuditWorld();
    probation = world.orgs['North West Probation Region'];
  });
  afterAll(() => world.hub.close());

  const TASKS = `query($first: Int, $after: String) { tasks(first: $first, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }`;
  interface TaskPage {
    tasks: Page<{ id: string; title: string }>;
  }
  const taskPage = (first: number | null, after: string | null = null) =>
    world.gql<TaskPage>(
      'probation.officer',
      first === null ? TASKS.replace('$first: Int, ', '').replace('first: $first, ', '') : TASKS,
      first === null ? { after } : { first, after },
    );

  /** Every page of the caseworkers' open tasks, `size` at a time. */
  async function allTasks(size: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 1; ; pages++) {
      const res = await taskPage(size, after);
      expect(res.errors).toBeUndefined();
      const page = res.data!.tasks;
      ids.push(...nodes(page).map((t) => t.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) return { ids, pages };
      after = page.pageInfo.endCursor;
    }
  }

  const insertTask = async (title: string, createdAt: string): Promise<string> =>
    (
      await world.hub.db.query(
        `INSERT INTO task (organisation_id, for_role, kind, title, detail, created_at) VALUES ($1, 'caseworker', 'seek_consent', $2, 'paging', $3::timestamptz) RETURNING id`,
        [probation, title, createdAt],
      )
    )[0].id as string;

  const expectedOrder = async (): Promise<string[]> =>
    (
      await world.hub.db.query(
        `SELECT id FROM task WHERE organisation_id = $1 AND for_role = 'caseworker' AND status = 'open' ORDER BY created_at DESC, id DESC`,
        [probation],
      )
    ).map((r: { id: string }) => r.id);

  it('pages through every task once, newest first, even where rows share a timestamp or differ only in microseconds', async () => {
    const made = [
      await insertTask('same moment a', '2026-03-01 09:00:00.000000+00'),
      await insertTask('same moment b', '2026-03-01 09:00:00.000000+00'),
      await insertTask('same moment c', '2026-03-01 09:00:00.000000+00'),
      // One millisecond apart in microseconds only: a cursor read back as a JavaScript Date would lose them.
      await insertTask('micro 1', '2026-03-02 09:00:00.123401+00'),
      await insertTask('micro 2', '2026-03-02 09:00:00.123402+00'),
      await insertTask('micro 3', '2026-03-02 09:00:00.123999+00'),
      await insertTask('older', '2026-02-01 09:00:00+00'),
    ];
    const expected = await expectedOrder();
    expect(expected).toEqual(expect.arrayContaining(made));
    for (const size of [1, 2, 3, 400]) {
      const { ids, pages } = await allTasks(size);
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / size)));
    }
    // The default page is 100: all of these on one page, with no next one.
    const whole = (await taskPage(null)).data!.tasks;
    expect(nodes(whole).map((t) => t.id)).toEqual(expected);
    expect(whole.pageInfo.hasNextPage).toBe(false);
  });

  it('a cursor keeps its place when its own row is gone and newer rows arrive', async () => {
    const before = await expectedOrder();
    const first = (await taskPage(3)).data!.tasks;
    expect(nodes(first).map((t) => t.id)).toEqual(before.slice(0, 3));
    await world.hub.db.query(`DELETE FROM task WHERE id = $1`, [before[2]]);
    await insertTask('arrived meanwhile', '2030-01-01 00:00:00+00');
    const next = (await taskPage(2, first.pageInfo.endCursor)).data!.tasks;
    expect(nodes(next).map((t) => t.id)).toEqual(before.slice(3, 5));
  });

  it('refuses a page size out of range and a cursor not from this list, with BAD_USER_INPUT', async () => {
    const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0].extensions?.code;
    expect(code(await taskPage(0))).toBe('BAD_USER_INPUT');
    // Past 500 with a light selection (a heavier one is refused by the query cost limit before it runs).
    expect(
      code(
        await world.gql('probation.officer', `query($first: Int) { tasks(first: $first) { pageInfo { hasNextPage } } }`, { first: 501 }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(code(await taskPage(501))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(code(await taskPage(5, 'not-a-cursor'))).toBe('BAD_USER_INPUT');
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    expect(code(await taskPage(5, forged(['123'])))).toBe('BAD_USER_INPUT'); // the break-glass accesses' shape
    expect(code(await taskPage(5, forged(['2026-03-01T09:00:00.000000Z', "x' OR 1=1 --"])))).toBe('BAD_USER_INPUT');
    expect(code(await taskPage(5, forged(['yesterday', '00000000-0000-0000-0000-000000000000'])))).toBe('BAD_USER_INPUT');
    expect(code(await taskPage(5, forged(['0', '00000000-0000-0000-0000-000000000000'])))).toBe('BAD_USER_INPUT'); // a date to JavaScript, not to PostgreSQL
    expect(code(await taskPage(5, forged(['2026-13-45T09:00:00.000000Z', '00000000-0000-0000-0000-000000000000'])))).toBe('BAD_USER_INPUT');
    expect(code(await taskPage(5, forged(['2026-03-01T09:00:00.000000Z', '00000000-0000-0000-0000-000000000000'])))).toBeUndefined();
  });

  it('a data protection officer pages through more than 500 break-glass grants and reviews one past the first page', async () => {
    const id = await world.person('Many Grants', false);
    const open = `mutation($input: OpenBreakGlassInput!) { openBreakGlass(input: $input) { id } }`;
    const grant = (
      await world.ok<{ openBreakGlass: { id: string } }>('housing.manager', open, {
        input: { personId: id, reason: 'Safeguarding concern reported out of hours' },
      })
    ).openBreakGlass.id;
    await world.hub.db.query(`UPDATE break_glass_grant SET opened_at = now() - interval '1 day' WHERE id = $1`, [grant]);
    // 520 later grants on the same person (already expired): the one under review is the oldest.
    await world.hub.db.query(
      `INSERT INTO break_glass_grant (person_id, actor, organisation_id, reason, purpose, opened_at, expires_at)
       SELECT $1, 'user:00000000-0000-0000-0000-000000000000', $2, 'Earlier test grant', 'direct_care', now() - g * interval '1 minute', now() - g * interval '1 minute' + interval '1 second'
         FROM generate_series(1, 520) g`,
      [id, world.orgs['Safe Harbour Housing Trust']],
    );
    const GRANTS = `query($after: String) { breakGlassGrants(first: 500, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = (await world.ok<{ breakGlassGrants: Page<{ id: string }> }>('probation.dpo', GRANTS, { after: null })).breakGlassGrants;
    expect(page1.edges).toHaveLength(500);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await world.ok<{ breakGlassGrants: Page<{ id: string }> }>('probation.dpo', GRANTS, { after: page1.pageInfo.endCursor }))
      .breakGlassGrants;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const listed = [...nodes(page1), ...nodes(page2)].map((g) => g.id);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.at(-1)).toBe(grant);

    const review = `mutation($input: ReviewBreakGlassInput!) { reviewBreakGlass(input: $input) { id reviewedAt } }`;
    const reviewed = await world.ok<{ reviewBreakGlass: { id: string; reviewedAt: string | null } }>('probation.dpo', review, {
      input: { grantId: grant, note: 'Justified: safeguarding' },
    });
    expect(reviewed.reviewBreakGlass).toEqual({ id: grant, reviewedAt: expect.any(String) });
    expect((await world.gql('probation.dpo', review, { input: { grantId: grant, note: 'Twice' } })).errors?.[0].extensions?.code).toBe(
      'INVALID_STATE',
    );
    // An organisation that neither opened these grants nor leads the person lists none of them.
    const theirs = await world.ok<{ breakGlassGrants: Page<{ id: string }> }>(
      'training.manager',
      `{ breakGlassGrants(includeReviewed: true, first: 500) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(theirs.breakGlassGrants).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('pages the audit events that rested on break-glass access (ordered by the audit id)', async () => {
    const id = await world.person('Glass Pages', false);
    await world.ok('housing.manager', `mutation($input: OpenBreakGlassInput!) { openBreakGlass(input: $input) { id } }`, {
      input: { personId: id, reason: 'Safeguarding concern reported out of hours' },
    });
    for (let i = 0; i < 3; i++) await world.ok('housing.manager', `query($id: ID!) { person(id: $id) { givenName } }`, { id });
    const ACCESSES = `query($after: String) { breakGlassAccesses(first: 2, after: $after) { edges { node { id personId } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page<{ id: string; personId: string }> = (
        await world.ok<{ breakGlassAccesses: Page<{ id: string; personId: string }> }>('probation.dpo', ACCESSES, { after })
      ).breakGlassAccesses;
      seen.push(...nodes(page).map((e) => e.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // Every person in this file was made by probation, which leads them: its officer sees every break-glass event here.
    const expected = (await world.hub.db.query(`SELECT id::text FROM audit_event WHERE break_glass ORDER BY id DESC`)).map(
      (r: { id: string }) => r.id,
    );
    expect(seen).toEqual(expected);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });
});
