import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

const SYNC_PEOPLE = `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { externalId status id code } } }`;
const SYNC_INTERVENTIONS = `mutation($input: SyncInterventionsInput!) { syncInterventions(input: $input) { results { externalId status id code } } }`;

interface Result {
  externalId: string;
  status: string;
  id: string | null;
  code: string | null;
}

/**
 * Each organisation's external ids are its own, within a system name both use: another
 * organisation's integrator can neither take an id first (so a later sync of it fails) nor learn
 * from the answer that the id exists, in either sync form.
 */
describe('external ids per organisation', () => {
  let hub: TestHub;
  let probation: string;
  let housing: string;

  beforeAll(async () => {
    hub = await startTestHub();
    probation = await apiClientToken(hub, 'probation.admin');
    housing = await apiClientToken(hub, 'housing.admin');
  });
  afterAll(() => hub.close());

  async function people(token: string, key: string, records: unknown[]): Promise<Result[]> {
    const res = await hub.gql<{ syncPeople: { results: Result[] } }>(
      SYNC_PEOPLE,
      { input: { idempotencyKey: key, system: 'shared-case-system', records } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.syncPeople.results;
  }

  async function interventions(token: string, key: string, records: unknown[]): Promise<Result[]> {
    const res = await hub.gql<{ syncInterventions: { results: Result[] } }>(
      SYNC_INTERVENTIONS,
      { input: { idempotencyKey: key, system: 'shared-case-system', records } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.syncInterventions.results;
  }

  const person = (externalId: string, familyName: string, reference: string) => ({
    externalId,
    givenName: 'Namespace',
    familyName,
    dateOfBirth: '1990-02-02',
    region: 'north_west',
    identifiers: [{ scheme: 'PROBATION_CASE_REFERENCE', value: reference }],
  });

  it('an id another organisation took first is still the caller’s to create, answered as an unseen one', async () => {
    // Housing's integrator takes probation's ids first, in the same system name.
    const taken = await people(housing, 'ns-housing-0001', [person('X-1', 'Squatter', 'NS-HOUSING-1')]);
    expect(taken.map((r) => [r.status, r.code])).toEqual([['CREATED', null]]);
    const mine = await people(probation, 'ns-probation-0001', [
      person('X-1', 'Owner', 'NS-PROBATION-1'),
      person('X-2', 'Fresh', 'NS-PROBATION-2'),
    ]);
    expect(mine.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['X-1', 'CREATED', null],
      ['X-2', 'CREATED', null],
    ]);
    expect(mine[0].id).not.toBe(taken[0].id);
    // Each organisation's later sync of the id reaches its own record only.
    const again = await people(probation, 'ns-probation-0002', [person('X-1', 'Owner-Renamed', 'NS-PROBATION-1')]);
    expect(again.map((r) => [r.status, r.id])).toEqual([['UPDATED', mine[0].id]]);
    const names = await hub.db.query(`SELECT id, family_name FROM person WHERE id = ANY($1) ORDER BY family_name`, [
      [taken[0].id, mine[0].id],
    ]);
    expect(names).toEqual([
      { id: mine[0].id, family_name: 'Owner-Renamed' },
      { id: taken[0].id, family_name: 'Squatter' },
    ]);
  });

  it('interventions: the same id in two organisations is two records, and a person id of another organisation is NOT_FOUND', async () => {
    const job = (externalId: string, personExternalId: string, typeCode = 'finance_id_documents') => ({
      externalId,
      personExternalId,
      typeCode,
      status: 'COMPLETED',
      occurredAt: '2026-10-05T10:00:00Z',
    });
    await people(housing, 'ns-housing-0002', [person('H-9', 'Housed', 'NS-HOUSING-9')]);
    const theirs = await interventions(housing, 'ns-housing-iv-0001', [job('IV-1', 'X-1', 'accommodation_support')]);
    const mine = await interventions(probation, 'ns-probation-iv-0001', [job('IV-1', 'X-1'), job('IV-2', 'H-9')]);
    expect(theirs.map((r) => r.status)).toEqual(['CREATED']);
    expect(mine.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['IV-1', 'CREATED', null],
      ['IV-2', 'REJECTED', 'NOT_FOUND'],
    ]);
    expect(mine[0].id).not.toBe(theirs[0].id);
    const owners = await hub.db.query(
      `SELECT organisation_id FROM external_ref WHERE system = 'shared-case-system' AND entity_type = 'intervention' AND external_id = 'IV-1'`,
    );
    expect(owners).toHaveLength(2);
  });
});
