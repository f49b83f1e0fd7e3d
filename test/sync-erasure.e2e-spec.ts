import { randomBytes } from 'node:crypto';
import { createTestDatabase } from './support/database.js';
import { startTestHub, type TestDatabase, type TestHub } from './support/hub.js';

const SYNC_PEOPLE = `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { externalId status id code message } } }`;
const SYNC_INTERVENTIONS = `mutation($input: SyncInterventionsInput!) { syncInterventions(input: $input) { results { externalId status id code } } }`;
const ERASE = `mutation($input: PersonReasonInput!) { erasePerson(input: $input) { id } }`;
const EXPORT = `mutation($id: ID!) { subjectAccessExport(personId: $id) { json } }`;
const FINGERPRINT = /^erased:([A-Za-z0-9_-]{8}):[0-9a-f]{64}$/;

interface SyncResult {
  externalId: string;
  status: string;
  id: string | null;
  code: string | null;
}

function record(externalId: string, n: number) {
  return {
    externalId,
    givenName: `Linked${n}`,
    familyName: 'Casebook',
    dateOfBirth: `1980-01-${String(n).padStart(2, '0')}`,
    identifiers: [{ scheme: 'PNC', value: `80/${String(n).padStart(6, '0')}L` }],
  };
}

/**
 * An erased person's ids in a partner's case system: exported while the person is on the hub, then
 * kept only as keyed fingerprints (their interventions' ids go), so a later sync of the same id (GraphQL or bulk) is refused and the
 * hub no longer holds the id. The fingerprints follow the data encryption key through a rotation.
 */
describe('external ids of erased people', () => {
  let database: TestDatabase;
  let hub: TestHub;
  let client: { id: string; secret: string };
  let token: string;
  const first = randomBytes(32);
  const second = randomBytes(32);

  async function clientToken() {
    const res = await hub
      .http()
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret });
    token = res.body.access_token;
  }

  async function restart(env: Record<string, string>) {
    await hub.app.close();
    hub = await startTestHub(env, database);
    await clientToken();
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    hub = await startTestHub({ DATA_ENCRYPTION_KEY: first.toString('base64') }, database);
    const created = await hub.gql<{ createApiClient: { client: { clientId: string }; clientSecret: string } }>(
      `mutation { createApiClient(input: { name: "Case system", scopes: [SYNC] }) { client { clientId } clientSecret } }`,
      {},
      await hub.tokenFor('probation.admin'),
    );
    client = { id: created.data!.createApiClient.client.clientId, secret: created.data!.createApiClient.clientSecret };
    await clientToken();
  });
  afterAll(() => hub.close());

  let keyCounter = 0;
  async function syncPeople(records: unknown[]): Promise<SyncResult[]> {
    const res = await hub.gql<{ syncPeople: { results: SyncResult[] } }>(
      SYNC_PEOPLE,
      { input: { idempotencyKey: `erasure-sync-${++keyCounter}`, system: 'case-system', records } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.syncPeople.results;
  }

  async function bulk(
    lines: unknown[],
  ): Promise<{ created: number; rejected: number; errors: { line: number; code: string; message: string }[] }> {
    const res = await hub
      .http()
      .post('/sync/people?system=case-system')
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', `erasure-bulk-${++keyCounter}`)
      .set('content-type', 'application/x-ndjson')
      .send(lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(res.status).toBe(200);
    return res.body;
  }

  async function erase(personId: string) {
    const res = await hub.gql(ERASE, { input: { personId, reason: 'Valid erasure request' } }, await hub.tokenFor('probation.dpo'));
    expect(res.errors).toBeUndefined();
  }

  const refs = async (personId: string): Promise<string[]> =>
    (
      await hub.db.query(`SELECT external_id FROM external_ref WHERE entity_type = 'person' AND entity_id = $1 ORDER BY external_id`, [
        personId,
      ])
    ).map((r: { external_id: string }) => r.external_id);
  const people = async () => Number((await hub.db.query('SELECT count(*) AS n FROM person'))[0].n);
  const stored = async (externalId: string) =>
    Number((await hub.db.query('SELECT count(*) AS n FROM external_ref WHERE external_id = $1', [externalId]))[0].n);
  const keyId = async (personId: string) => FINGERPRINT.exec((await refs(personId))[0])?.[1];

  const ids: Record<string, string> = {};

  it('exports the ids, then erasure keeps only a fingerprint that refuses a later sync on either path', async () => {
    const created = await syncPeople([record('case-1', 1), record('case-2', 2)]);
    expect(created.map((r) => r.status)).toEqual(['CREATED', 'CREATED']);
    [ids['case-1'], ids['case-2']] = created.map((r) => r.id!);
    expect((await bulk([record('case-3', 3)])).created).toBe(1);
    ids['case-3'] = (await hub.db.query(`SELECT entity_id FROM external_ref WHERE external_id = 'case-3'`))[0].entity_id;
    const logged = await hub.gql<{ syncInterventions: { results: SyncResult[] } }>(
      SYNC_INTERVENTIONS,
      {
        input: {
          idempotencyKey: 'erasure-interventions-1',
          system: 'case-system',
          records: ['case-1', 'case-2'].map((p) => ({
            externalId: `cv-${p}`,
            personExternalId: p,
            typeCode: 'cv_cover_letter',
            status: 'COMPLETED',
            occurredAt: '2026-10-01T10:00:00Z',
          })),
        },
      },
      token,
    );
    expect(logged.data!.syncInterventions.results.map((r) => r.status)).toEqual(['CREATED', 'CREATED']);
    const consented = await hub.gql<{ syncConsents: { results: SyncResult[] } }>(
      `mutation($input: SyncConsentsInput!) { syncConsents(input: $input) { results { externalId status id code } } }`,
      {
        input: {
          idempotencyKey: 'erasure-consents-1',
          system: 'case-system',
          records: [
            {
              externalId: 'consent-case-1',
              personExternalId: 'case-1',
              purpose: 'ETE',
              organisationKind: 'TRAINING_PROVIDER',
              method: 'SIGNED_FORM',
              personPresent: true,
            },
          ],
        },
      },
      token,
    );
    expect(consented.data!.syncConsents.results.map((r) => r.status)).toEqual(['CREATED']);
    const [{ id: housing }] = await hub.db.query(`SELECT id FROM organisation WHERE name = 'Safe Harbour Housing Trust'`);
    const involved = await hub.gql<{ syncInvolvements: { results: SyncResult[] } }>(
      `mutation($input: SyncInvolvementsInput!) { syncInvolvements(input: $input) { results { externalId status id code } } }`,
      {
        input: {
          idempotencyKey: 'erasure-involvements-1',
          system: 'case-system',
          records: [{ externalId: 'inv-case-1', personExternalId: 'case-1', organisationId: housing }],
        },
      },
      token,
    );
    expect(involved.data!.syncInvolvements.results.map((r) => r.status)).toEqual(['CREATED']);

    // Subject access: the ids of the person, and of their involvements, interventions and consents, in the partners' systems are part of their data.
    const exported = await hub.gql<{ subjectAccessExport: { json: string } }>(
      EXPORT,
      { id: ids['case-1'] },
      await hub.tokenFor('probation.dpo'),
    );
    expect(JSON.parse(exported.data!.subjectAccessExport.json).externalIds).toEqual([
      expect.objectContaining({
        system: 'case-system',
        of: 'person',
        id: ids['case-1'],
        external_id: 'case-1',
        organisation: 'North West Probation Region',
      }),
      expect.objectContaining({
        system: 'case-system',
        of: 'involvement',
        id: involved.data!.syncInvolvements.results[0].id,
        external_id: 'inv-case-1',
      }),
      expect.objectContaining({
        system: 'case-system',
        of: 'intervention',
        id: logged.data!.syncInterventions.results[0].id,
        external_id: 'cv-case-1',
      }),
      expect.objectContaining({
        system: 'case-system',
        of: 'consent',
        id: consented.data!.syncConsents.results[0].id,
        external_id: 'consent-case-1',
      }),
    ]);

    await erase(ids['case-1']);
    const [erasure] = await hub.db.query('SELECT counts FROM person_erasure WHERE person_id = $1', [ids['case-1']]);
    expect(erasure.counts).toMatchObject({ externalIds: 1, externalInterventionIds: 1, externalConsentIds: 1, externalInvolvementIds: 1 });
    expect(await stored('consent-case-1')).toBe(0);
    expect(await stored('inv-case-1')).toBe(0);
    expect(await refs(ids['case-1'])).toEqual([expect.stringMatching(FINGERPRINT)]);
    expect(await stored('case-1')).toBe(0);
    expect(await hub.db.query(`SELECT external_id FROM external_ref WHERE external_id LIKE '%case-1%'`)).toEqual([]);
    expect(await stored('cv-case-2')).toBe(1);

    const before = await people();
    expect(await syncPeople([record('case-1', 1), record('case-2', 2)])).toEqual([
      expect.objectContaining({ externalId: 'case-1', status: 'REJECTED', code: 'NOT_FOUND', id: null }),
      expect.objectContaining({ externalId: 'case-2', status: 'UNCHANGED', id: ids['case-2'] }),
    ]);
    // The bulk path matches the fingerprints set-based, a probe each.
    const loaded = await bulk([record('case-1', 1), record('case-3', 3)]);
    expect(loaded).toMatchObject({ created: 0, rejected: 1 });
    expect(loaded.errors).toEqual([expect.objectContaining({ line: 1, code: 'NOT_FOUND' })]);
    expect(await people()).toBe(before);
    expect(await stored('case-1')).toBe(0);
  });

  it('refuses an external id that looks like a fingerprint, on either path', async () => {
    const [fingerprint] = await refs(ids['case-1']);
    expect(await syncPeople([record(fingerprint, 4)])).toEqual([
      expect.objectContaining({ status: 'REJECTED', code: 'BAD_USER_INPUT', message: expect.stringContaining('erased:') }),
    ]);
    const loaded = await bulk([record('erased:anything', 4)]);
    expect(loaded.errors).toEqual([
      expect.objectContaining({ line: 1, code: 'BAD_USER_INPUT', message: expect.stringContaining('may not begin with "erased:"') }),
    ]);
    expect(await stored('erased:anything')).toBe(0);
  });

  it('after a key rotation, old fingerprints still refuse and new ones use the new key; without the old key they are forgotten', async () => {
    const oldKey = await keyId(ids['case-1']);
    await restart({ DATA_ENCRYPTION_KEY: second.toString('hex'), DATA_ENCRYPTION_OLD_KEYS: first.toString('base64') });
    expect(await syncPeople([record('case-1', 1)])).toEqual([expect.objectContaining({ status: 'REJECTED', code: 'NOT_FOUND' })]);
    expect((await bulk([record('case-1', 1)])).rejected).toBe(1);
    await erase(ids['case-2']);
    const newKey = await keyId(ids['case-2']);
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(oldKey);

    // The old key dropped: its fingerprints match nothing, so the external system's record comes back as a new one.
    await restart({ DATA_ENCRYPTION_KEY: second.toString('hex') });
    const again = await syncPeople([record('case-1', 1), record('case-2', 2)]);
    expect(again).toEqual([
      expect.objectContaining({ externalId: 'case-1', status: 'CREATED' }),
      expect.objectContaining({ externalId: 'case-2', status: 'REJECTED', code: 'NOT_FOUND' }),
    ]);
    expect(again[0].id).not.toBe(ids['case-1']);
  });
});
