import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

const REGIONS = `{ regions { code name active synonyms } }`;
const SAVE = `mutation($input: SaveRegionInput!) { saveRegion(input: $input) { code name active synonyms } }`;
const ADD_SYNONYM = `mutation($input: RegionSynonymInput!) { addRegionSynonym(input: $input) { code synonyms } }`;
const REMOVE_SYNONYM = `mutation($input: RegionSynonymInput!) { removeRegionSynonym(input: $input) { code synonyms } }`;
const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id region } } }`;

interface Region {
  code: string;
  name: string;
  active: boolean;
  synonyms: string[];
}

/** The region vocabulary as data: hub admins maintain it and its other names; every region given anywhere resolves through it. */
describe('regions as data', () => {
  let hub: TestHub;
  let admin: string;

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    admin = await hub.tokenFor('hub.admin');
  });
  afterAll(() => hub.close());

  const person = (region: string, i: number) => ({
    givenName: 'Region',
    familyName: `Person${i}`,
    dateOfBirth: `1980-01-${String(10 + i).padStart(2, '0')}`,
    identifiers: [],
    confirmNew: true,
    region,
  });

  it('starts with the twelve regions the hub had; only hub admins change the vocabulary', async () => {
    const res = await hub.gql<{ regions: Region[] }>(REGIONS, {}, await hub.tokenFor('probation.officer'));
    expect(res.data!.regions.map((r) => r.code)).toHaveLength(12);
    expect(res.data!.regions.find((r) => r.code === 'north_west')).toEqual({
      code: 'north_west',
      name: 'North West',
      active: true,
      synonyms: [],
    });
    const manager = await hub.gql(SAVE, { input: { code: 'isle_of_man', name: 'Isle of Man' } }, await hub.tokenFor('probation.manager'));
    expect(manager.errors![0].extensions!.code).toBe('FORBIDDEN');
    const synonym = await hub.gql(
      ADD_SYNONYM,
      { input: { synonym: 'Cumbria', regionCode: 'north_west' } },
      await hub.tokenFor('probation.manager'),
    );
    expect(synonym.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('a synonym a hub admin adds resolves to its region for people, search, reports and sync; an unknown name is BAD_USER_INPUT', async () => {
    const officer = await hub.tokenFor('probation.officer');
    const before = await hub.gql(CREATE_PERSON, { input: person('Cumbria', 1) }, officer);
    expect(before.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const added = await hub.gql<{ addRegionSynonym: Region }>(
      ADD_SYNONYM,
      { input: { synonym: ' Cumbria ', regionCode: 'north_west' } },
      admin,
    );
    expect(added.data!.addRegionSynonym).toEqual({ code: 'north_west', synonyms: ['cumbria'] });
    const events = await hub.db.query(`SELECT payload FROM outbox_event WHERE type = 'region.synonym_added'`);
    expect(events).toEqual([{ payload: { code: 'north_west', synonym: 'cumbria' } }]);
    const taken = await hub.gql(ADD_SYNONYM, { input: { synonym: 'CUMBRIA', regionCode: 'wales' } }, admin);
    expect(taken.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const created = await hub.gql<{ createPerson: { person: { id: string; region: string } } }>(
      CREATE_PERSON,
      { input: person('CUMBRIA', 2) },
      officer,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createPerson.person.region).toBe('north_west');
    const unknown = await hub.gql(CREATE_PERSON, { input: person('Atlantis', 3) }, officer);
    expect(unknown.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const FUNNEL = `query($input: ReportFilterInput!) { eteFunnel(input: $input) { steps { step people } } }`;
    const byCode = await hub.gql(FUNNEL, { input: { from: '2024-01-01', to: '2027-01-01', region: 'north_west' } }, admin);
    const bySynonym = await hub.gql(FUNNEL, { input: { from: '2024-01-01', to: '2027-01-01', region: 'Cumbria' } }, admin);
    expect(bySynonym.errors).toBeUndefined();
    expect(bySynonym.data).toEqual(byCode.data);
    const badReport = await hub.gql(FUNNEL, { input: { from: '2024-01-01', to: '2027-01-01', region: 'Atlantis' } }, admin);
    expect(badReport.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const sync = await apiClientToken(hub, 'probation.admin', 'Region loader');
    const bulk = await hub
      .http()
      .post('/sync/people?system=regions')
      .set('authorization', `Bearer ${sync}`)
      .set('idempotency-key', 'regions-bulk-0001')
      .set('content-type', 'application/x-ndjson')
      .send(
        [
          { externalId: 'R-1', givenName: 'Bulk', familyName: 'Cumbrian', dateOfBirth: '1979-07-07', identifiers: [], region: 'cumbria' },
          { externalId: 'R-2', givenName: 'Bulk', familyName: 'Narnian', dateOfBirth: '1979-07-08', identifiers: [], region: 'Narnia' },
        ]
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
    expect(bulk.body).toMatchObject({ created: 1, rejected: 1 });
    expect(bulk.body.errors[0]).toMatchObject({ line: 2, code: 'BAD_USER_INPUT' });
    const [stored] = await hub.db.query(
      `SELECT p.region FROM person p JOIN external_ref r ON r.entity_id = p.id WHERE r.system = 'regions' AND r.external_id = 'R-1'`,
    );
    expect(stored.region).toBe('north_west');

    const removed = await hub.gql<{ removeRegionSynonym: Region }>(
      REMOVE_SYNONYM,
      { input: { synonym: 'cumbria', regionCode: 'north_west' } },
      admin,
    );
    expect(removed.data!.removeRegionSynonym.synonyms).toEqual([]);
    expect((await hub.gql(CREATE_PERSON, { input: person('Cumbria', 4) }, officer)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('a new region can be given at once; an inactive one is refused for new records and kept for the old', async () => {
    const saved = await hub.gql<{ saveRegion: Region }>(SAVE, { input: { code: 'isle_of_man', name: 'Isle of Man' } }, admin);
    expect(saved.data!.saveRegion).toEqual({ code: 'isle_of_man', name: 'Isle of Man', active: true, synonyms: [] });
    const officer = await hub.tokenFor('probation.officer');
    const created = await hub.gql<{ createPerson: { person: { region: string } } }>(
      CREATE_PERSON,
      { input: person('isle_of_man', 5) },
      officer,
    );
    expect(created.data!.createPerson.person.region).toBe('isle_of_man');
    const orgs = await hub.gql(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { regions } }`,
      { input: { name: 'Manx Probation', kind: 'PROBATION', regions: ['isle_of_man', 'Lancashire'] } },
      admin,
    );
    expect(orgs.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    await hub.gql(SAVE, { input: { code: 'isle_of_man', name: 'Isle of Man', active: false } }, admin);
    const refused = await hub.gql(CREATE_PERSON, { input: person('isle_of_man', 6) }, officer);
    expect(refused.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM person WHERE region = 'isle_of_man'`)).toEqual([{ n: 1 }]);
  });
});
