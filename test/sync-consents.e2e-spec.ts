import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

const SYNC_PEOPLE = `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { externalId status id code } } }`;
const SYNC_CONSENTS = `mutation($input: SyncConsentsInput!) { syncConsents(input: $input) { replayed results { externalId status id code message } } }`;
interface Result {
  externalId: string;
  status: string;
  id: string | null;
  code: string | null;
  message: string | null;
}

/** Consents synced from a case system: granted as through the API, withdrawn once, never changed. */
describe('syncConsents', () => {
  let hub: TestHub;
  let token: string;
  let otherToken: string;
  let mind: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    token = await apiClientToken(hub, 'probation.admin');
    otherToken = await apiClientToken(hub, 'housing.admin');
    [{ id: mind }] = await hub.db.query(`SELECT id FROM organisation WHERE name = 'Clearview Mental Health'`);
    const res = await hub.gql<{ syncPeople: { results: Result[] } }>(
      SYNC_PEOPLE,
      {
        input: {
          idempotencyKey: 'consent-people-0001',
          system: 'case-system',
          records: ['p-1', 'p-2'].map((externalId, i) => ({
            externalId,
            givenName: `Consent${i}`,
            familyName: 'Synced',
            dateOfBirth: `1988-0${i + 1}-15`,
            identifiers: [],
          })),
        },
      },
      token,
    );
    for (const r of res.data!.syncPeople.results) people[r.externalId] = r.id!;
  });
  afterAll(() => hub.close());

  async function sync(key: string, records: Record<string, unknown>[], as = token) {
    const res = await hub.gql<{ syncConsents: { replayed: boolean; results: Result[] } }>(
      SYNC_CONSENTS,
      { input: { idempotencyKey: key, system: 'case-system', records } },
      as,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.syncConsents;
  }
  const ete = {
    externalId: 'c-1',
    personExternalId: 'p-1',
    purpose: 'ETE',
    organisationKind: 'TRAINING_PROVIDER',
    method: 'SIGNED_FORM',
    personPresent: true,
    givenAt: '2026-10-01T10:00:00Z',
  };
  const health = {
    externalId: 'c-2',
    personExternalId: 'p-2',
    purpose: 'HEALTH',
    organisationId: '',
    method: 'VERBAL',
    personPresent: true,
    withdrawnReason: 'Changed their mind',
  };
  const consentsOf = async (personId: string) =>
    (
      await hub.gql<{
        person: { consents: { id: string; purpose: string; status: string; givenAt: string; withdrawnReason: string | null }[] };
      }>(
        `query($id: ID!) { person(id: $id) { consents { id purpose status givenAt withdrawnReason } } }`,
        { id: personId },
        await hub.tokenFor('probation.officer'),
      )
    ).data!.person.consents;
  const count = async (sql: string) => Number((await hub.db.query(sql))[0].n);

  it('grants each new consent as the API does, dated when it was given; one already withdrawn is recorded withdrawn; a bad one is rejected alone', async () => {
    const batch = [
      ete,
      { ...health, organisationId: mind },
      { ...ete, externalId: 'c-absent', personPresent: false },
      { ...ete, externalId: 'c-nobody', personExternalId: 'p-unknown' },
      { ...ete, externalId: 'c-future', givenAt: '2099-01-01T00:00:00Z' },
      { ...ete, externalId: 'c-both', organisationId: mind },
    ];
    const first = await sync('consents-batch-0001', batch);
    expect(first.results.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['c-1', 'CREATED', null],
      ['c-2', 'CREATED', null],
      ['c-absent', 'REJECTED', 'BAD_USER_INPUT'],
      ['c-nobody', 'REJECTED', 'NOT_FOUND'],
      ['c-future', 'REJECTED', 'BAD_USER_INPUT'],
      ['c-both', 'REJECTED', 'BAD_USER_INPUT'],
    ]);
    expect(await consentsOf(people['p-1'])).toEqual([
      { id: first.results[0].id, purpose: 'ETE', status: 'IN_FORCE', givenAt: '2026-10-01T10:00:00.000Z', withdrawnReason: null },
    ]);
    expect(await consentsOf(people['p-2'])).toEqual([
      expect.objectContaining({ id: first.results[1].id, purpose: 'HEALTH', status: 'WITHDRAWN', withdrawnReason: 'Changed their mind' }),
    ]);
    const events: { type: string }[] = await hub.db.query(
      `SELECT type FROM outbox_event WHERE aggregate_id = ANY($1::uuid[]) ORDER BY id`,
      [[first.results[0].id, first.results[1].id]],
    );
    expect(events.map((e) => e.type)).toEqual(['consent.granted', 'consent.granted', 'consent.withdrawn']);
    // Nothing of the rejected ones was written.
    expect(await count(`SELECT count(*) AS n FROM external_ref WHERE entity_type = 'consent'`)).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM consent WHERE person_id = ANY('{${people['p-1']},${people['p-2']}}'::uuid[])`)).toBe(2);

    const rows = await count(`SELECT count(*) AS n FROM consent`);
    const replay = await sync('consents-batch-0001', batch);
    expect(replay.replayed).toBe(true);
    expect(replay.results).toEqual(first.results);
    expect(await count(`SELECT count(*) AS n FROM consent`)).toBe(rows);
  });

  it('records a withdrawal sent later once; the same record again changes nothing; new terms or an undone withdrawal are refused', async () => {
    const later = await sync('consents-batch-0002', [{ ...ete, withdrawnReason: 'No longer wants training' }]);
    expect(later.results.map((r) => r.status)).toEqual(['UPDATED']);
    expect(await consentsOf(people['p-1'])).toEqual([
      expect.objectContaining({ status: 'WITHDRAWN', withdrawnReason: 'No longer wants training' }),
    ]);
    const again = await sync('consents-batch-0003', [
      { ...ete, withdrawnReason: 'No longer wants training' },
      { ...health, organisationId: mind },
    ]);
    expect(again.results.map((r) => [r.externalId, r.status])).toEqual([
      ['c-1', 'UNCHANGED'],
      ['c-2', 'UNCHANGED'],
    ]);
    const refused = await sync('consents-batch-0004', [
      { ...ete, purpose: 'FINANCE', withdrawnReason: 'No longer wants training' },
      { ...health, organisationId: mind, withdrawnReason: null },
    ]);
    expect(refused.results.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['c-1', 'REJECTED', 'INVALID_STATE'],
      ['c-2', 'REJECTED', 'INVALID_STATE'],
    ]);
    expect(refused.results[0].message).toMatch(/terms do not change/);
    expect(
      await hub.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'consent.withdrawn' AND aggregate_id = $1`, [
        later.results[0].id,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it("another organisation's case system cannot touch these consents through the same external ids", async () => {
    const theirs = await sync('consents-other-0001', [{ ...ete, withdrawnReason: 'Not theirs to say' }], otherToken);
    // It finds no consent of its own under c-1 (NOT_FOUND, as for any record it may not see), and the consent stays as it was.
    expect(theirs.results.map((r) => [r.status, r.code])).toEqual([['REJECTED', 'NOT_FOUND']]);
    expect(await consentsOf(people['p-1'])).toEqual([expect.objectContaining({ withdrawnReason: 'No longer wants training' })]);
  });
});
