import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

const SYNC_PEOPLE = `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { externalId status id code } } }`;
const SYNC_INVOLVEMENTS = `mutation($input: SyncInvolvementsInput!) { syncInvolvements(input: $input) { replayed results { externalId status id code message } } }`;
interface Result {
  externalId: string;
  status: string;
  id: string | null;
  code: string | null;
  message: string | null;
}

/** Involvements synced from the lead organisation's case system: added as through the API, ended once with a reason, never changed. */
describe('syncInvolvements', () => {
  let hub: TestHub;
  let token: string;
  let personId: string;
  const orgs: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    token = await apiClientToken(hub, 'probation.admin');
    for (const o of (await hub.db.query(`SELECT id, name FROM organisation`)) as { id: string; name: string }[]) orgs[o.name] = o.id;
    const res = await hub.gql<{ syncPeople: { results: Result[] } }>(
      SYNC_PEOPLE,
      {
        input: {
          idempotencyKey: 'involvement-people-0001',
          system: 'case-system',
          records: [{ externalId: 'p-1', givenName: 'Ivy', familyName: 'Involved', dateOfBirth: '1987-07-07', identifiers: [] }],
        },
      },
      token,
    );
    personId = res.data!.syncPeople.results[0].id!;
  });
  afterAll(() => hub.close());

  async function sync(key: string, records: Record<string, unknown>[], as = token) {
    const res = await hub.gql<{ syncInvolvements: { replayed: boolean; results: Result[] } }>(
      SYNC_INVOLVEMENTS,
      { input: { idempotencyKey: key, system: 'case-system', records } },
      as,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.syncInvolvements;
  }
  const housing = () => ({
    externalId: 'i-1',
    personExternalId: 'p-1',
    organisationId: orgs['Safe Harbour Housing Trust'],
    startedAt: '2026-09-01T09:00:00Z',
  });
  const housingSees = async () => {
    const res = await hub.gql<{ person: { givenName: string } }>(
      `query($id: ID!) { person(id: $id) { givenName } }`,
      { id: personId },
      await hub.tokenFor('housing.worker'),
    );
    return res.errors?.[0].extensions?.code ?? res.data!.person.givenName;
  };
  const involvements = async () =>
    (
      await hub.gql<{
        person: { involvements: { organisationId: string; role: string; startedAt: string; endedAt: string | null; source: string }[] };
      }>(
        `query($id: ID!) { person(id: $id) { involvements { organisationId role startedAt endedAt source } } }`,
        { id: personId },
        await hub.tokenFor('probation.officer'),
      )
    ).data!.person.involvements;

  it('adds each new involvement as the lead would (source sync), one with an end and its reason ended; a bad one is rejected alone; a replay changes nothing', async () => {
    expect(await housingSees()).toBe('NOT_FOUND');
    const batch = [
      housing(),
      {
        externalId: 'i-2',
        personExternalId: 'p-1',
        organisationId: orgs['Clearview Mental Health'],
        startedAt: '2026-08-01T09:00:00Z',
        endedAt: '2026-10-01T09:00:00Z',
        endReason: 'Support completed',
      },
      { externalId: 'i-bad', personExternalId: 'p-1', organisationId: 'not-an-id' },
      { externalId: 'i-nowhere', personExternalId: 'p-1', organisationId: '00000000-0000-4000-8000-000000000000' },
      {
        externalId: 'i-backwards',
        personExternalId: 'p-1',
        organisationId: orgs['Forge Skills Training'],
        startedAt: '2026-09-01T00:00:00Z',
        endedAt: '2026-08-01T00:00:00Z',
      },
    ];
    const first = await sync('involvements-0001', batch);
    expect(first.results.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['i-1', 'CREATED', null],
      ['i-2', 'CREATED', null],
      ['i-bad', 'REJECTED', 'BAD_USER_INPUT'],
      ['i-nowhere', 'REJECTED', 'NOT_FOUND'],
      ['i-backwards', 'REJECTED', 'BAD_USER_INPUT'],
    ]);
    expect(await involvements()).toEqual(
      expect.arrayContaining([
        {
          organisationId: orgs['Safe Harbour Housing Trust'],
          role: 'PROVIDER',
          startedAt: '2026-09-01T09:00:00.000Z',
          endedAt: null,
          source: 'sync',
        },
        {
          organisationId: orgs['Clearview Mental Health'],
          role: 'PROVIDER',
          startedAt: '2026-08-01T09:00:00.000Z',
          endedAt: '2026-10-01T09:00:00.000Z',
          source: 'sync',
        },
      ]),
    );
    expect(await involvements()).toHaveLength(3); // with probation's own lead involvement
    const [ended]: { reason: string }[] = await hub.db.query(
      `SELECT reason FROM person_change WHERE person_id = $1 AND action = 'involvement_ended'`,
      [personId],
    );
    expect(ended.reason).toBe('Support completed');
    // The relationship is real: housing now sees the person.
    expect(await housingSees()).toBe('Ivy');

    const replay = await sync('involvements-0001', batch);
    expect(replay).toEqual({ replayed: true, results: first.results });
    expect(await involvements()).toHaveLength(3);
  });

  it('ends one when its end arrives (with the reason), once; who, role and start never change, nor does an ended one resume', async () => {
    const end = { ...housing(), endedAt: '2026-11-01T09:00:00Z', endReason: 'Moved out of area' };
    expect(
      (await sync('involvements-0002', [{ ...housing(), endedAt: '2026-11-01T09:00:00Z' }])).results.map((r) => [r.status, r.code]),
    ).toEqual([['REJECTED', 'BAD_USER_INPUT']]);
    expect((await sync('involvements-0003', [end])).results.map((r) => r.status)).toEqual(['UPDATED']);
    expect(await housingSees()).toBe('NOT_FOUND');
    expect((await sync('involvements-0004', [end])).results.map((r) => r.status)).toEqual(['UNCHANGED']);
    const refused = await sync('involvements-0005', [
      housing(),
      { ...end, role: 'LEAD' },
      { ...end, startedAt: '2026-09-02T09:00:00Z' },
      { ...end, organisationId: orgs['Forge Skills Training'] },
    ]);
    expect(refused.results.map((r) => [r.status, r.code])).toEqual([
      ['REJECTED', 'DUPLICATE_IN_BATCH'],
      ['REJECTED', 'DUPLICATE_IN_BATCH'],
      ['REJECTED', 'DUPLICATE_IN_BATCH'],
      ['REJECTED', 'INVALID_STATE'],
    ]);
    for (const [i, record] of [housing(), { ...end, role: 'LEAD' }, { ...end, startedAt: '2026-09-02T09:00:00Z' }].entries()) {
      expect((await sync(`involvements-01${i}0`, [record])).results.map((r) => [r.status, r.code])).toEqual([
        ['REJECTED', 'INVALID_STATE'],
      ]);
    }
    expect(
      await hub.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE person_id = $1 AND type = 'person.involvement_ended'`, [
        personId,
      ]),
    ).toEqual([{ n: 2 }]);
  });

  it('only the lead organisation syncs involvements, and only its own', async () => {
    const theirs = await sync(
      'involvements-housing-0001',
      [{ ...housing(), externalId: 'i-theirs' }],
      await apiClientToken(hub, 'housing.admin'),
    );
    // Housing no longer works with the person: the person is not found, as for anyone it may not see.
    expect(theirs.results.map((r) => [r.status, r.code])).toEqual([['REJECTED', 'NOT_FOUND']]);
    // Housing works with the person again (probation's case system adds it as i-again) and sees them, but the
    // external id i-again is probation's: housing's case system can neither read it back nor end it through it.
    await sync('involvements-0200', [{ ...housing(), externalId: 'i-again', startedAt: '2026-11-20T09:00:00Z' }]);
    expect(await housingSees()).toBe('Ivy');
    const other = await sync(
      'involvements-housing-0002',
      [
        {
          ...housing(),
          externalId: 'i-again',
          startedAt: '2026-11-20T09:00:00Z',
          endedAt: '2026-11-21T09:00:00Z',
          endReason: 'Not theirs to end',
        },
      ],
      await apiClientToken(hub, 'housing.admin'),
    );
    expect(other.results.map((r) => [r.status, r.code, r.id])).toEqual([['REJECTED', 'NOT_FOUND', null]]);
    expect(await housingSees()).toBe('Ivy');
  });
});
