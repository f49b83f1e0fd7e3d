import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

/**
 * Two organisations' bulk loads of people into the same system name at once: each organisation's
 * external ids are its own, but the people (and their identifiers) are the hub's, so the second load
 * finds the person the first created instead of creating another without its identifier.
 */
describe('bulk loads of people by two organisations at once', () => {
  let hub: TestHub;
  let probation: string;
  let housing: string;

  beforeAll(async () => {
    hub = await startTestHub();
    probation = await apiClientToken(hub, 'probation.admin', 'Probation loader');
    housing = await apiClientToken(hub, 'housing.admin', 'Housing loader');
  });
  afterAll(() => hub.close());

  const body = (externalId: string) =>
    JSON.stringify({
      externalId,
      givenName: 'Simultaneous',
      familyName: 'Loader',
      dateOfBirth: '1979-09-09',
      region: 'north_west',
      identifiers: [{ scheme: 'PNC', value: '79/424242Q' }],
    }) + '\n';

  const load = (token: string, key: string, externalId: string) =>
    hub
      .http()
      .post('/sync/people?system=national-case-system')
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', key)
      .set('content-type', 'application/x-ndjson')
      .send(body(externalId))
      .then((res) => res);

  it('creates the person once, with its identifier', async () => {
    // Both loads are held just after they look the person up, until both have got there (or one waits for the other).
    const hold = hub.db.createQueryRunner();
    await hold.connect();
    await hold.startTransaction();
    await hold.query(`LOCK TABLE person_change IN SHARE ROW EXCLUSIVE MODE`);
    const loads = [load(probation, 'orgs-load-probation-1', 'P-77'), load(housing, 'orgs-load-housing-1', 'H-77')];
    let waiting = 0;
    for (let i = 0; i < 600 && waiting < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const rows = (await hub.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> $1`,
        [(await hold.query('SELECT pg_backend_pid() AS pid'))[0].pid],
      )) as { n: number }[];
      waiting = rows[0].n;
    }
    expect(waiting).toBe(2);
    await hold.commitTransaction();
    await hold.release();
    const results = await Promise.all(loads);
    expect(results.map((r) => r.status)).toEqual([200, 200]);

    const people = (await hub.db.query(
      `SELECT p.id, array_agg(i.value) FILTER (WHERE i.value IS NOT NULL) AS identifiers
         FROM person p LEFT JOIN person_identifier i ON i.person_id = p.id
        WHERE p.given_name = 'Simultaneous' AND p.family_name = 'Loader' GROUP BY p.id`,
    )) as { id: string; identifiers: string[] | null }[];
    expect(people).toEqual([{ id: expect.any(String), identifiers: ['79/424242Q'] }]);
    // One load created the person; the other found it (a person its organisation does not work with: NOT_FOUND).
    expect(results.map((r) => r.body.created as number).sort()).toEqual([0, 1]);
  });
});
