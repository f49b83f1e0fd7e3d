import { startTestHub, type TestHub } from './support/hub.js';

describe('the intervention catalogue', () => {
  let hub: TestHub;
  let admin: string;
  let probation: string;
  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    admin = await hub.tokenFor('hub.admin');
    probation = await hub.tokenFor('probation.officer');
  });
  afterAll(() => hub.close());

  const CREATE = `mutation($input: CreateInterventionTypeInput!) { createInterventionType(input: $input) { code name groupName active } }`;
  const UPDATE = `mutation($input: UpdateInterventionTypeInput!) { updateInterventionType(input: $input) { code name groupName dataCategory active } }`;
  const LIST = `query($all: Boolean) { interventionTypes(includeInactive: $all) { code name active } }`;
  const listed = async (all: boolean) =>
    (
      await hub.gql<{ interventionTypes: { code: string; name: string; active: boolean }[] }>(LIST, { all }, probation)
    ).data!.interventionTypes.filter((t) => t.code === 'peer_mentoring');

  it('hub admins add, rename, regroup, retire and restore entries; reports follow a regrouping; recorded interventions keep theirs', async () => {
    const input = { code: 'peer_mentoring', name: 'Peer mentoring', groupName: 'support', dataCategory: 'ETE', outcomeKind: 'NONE' };
    expect((await hub.gql(CREATE, { input }, probation)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(CREATE, { input }, admin)).data).toEqual({
      createInterventionType: { code: 'peer_mentoring', name: 'Peer mentoring', groupName: 'support', active: true },
    });
    expect((await hub.gql(CREATE, { input }, admin)).errors?.[0].extensions?.code).toBe('ALREADY_EXISTS');
    const person = (
      await hub.gql<{ createPerson: { person: { id: string } } }>(
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        { input: { givenName: 'Cat', familyName: 'Alogue', dateOfBirth: '1993-03-03', identifiers: [], confirmNew: true } },
        probation,
      )
    ).data!.createPerson.person.id;
    const LOG = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
    const log = (typeCode: string) =>
      hub.gql<{ logIntervention: { id: string } }>(
        LOG,
        { input: { personId: person, typeCode, status: 'COMPLETED', occurredAt: '2026-06-01T10:00:00Z' } },
        probation,
      );
    expect((await log('peer_mentoring')).errors).toBeUndefined();
    const trainingOn = async () =>
      (await hub.db.query(`SELECT training_on::text FROM ete_funnel_fact WHERE person_id = $1`, [person]))[0].training_on;
    expect(await trainingOn()).toBeNull();

    // Refused: a caseworker, an unknown entry, a bad group; the data category is not for changing.
    expect((await hub.gql(UPDATE, { input: { code: 'peer_mentoring', name: 'x y' } }, probation)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await hub.gql(UPDATE, { input: { code: 'no_such_type', name: 'Nothing' } }, admin)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await hub.gql(UPDATE, { input: { code: 'peer_mentoring', groupName: 'Not A Group' } }, admin)).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect((await hub.gql(UPDATE, { input: { code: 'peer_mentoring', dataCategory: 'HEALTH' } }, admin)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );

    // Renamed and regrouped as training: the funnel recounts its people (entered training).
    const moved = await hub.gql(
      UPDATE,
      { input: { code: 'peer_mentoring', name: '  Peer mentoring (accredited) ', groupName: 'training' } },
      admin,
    );
    expect(moved.data).toEqual({
      updateInterventionType: {
        code: 'peer_mentoring',
        name: 'Peer mentoring (accredited)',
        groupName: 'training',
        dataCategory: 'ETE',
        active: true,
      },
    });
    expect(await trainingOn()).toBe('2026-06-01');

    // Retired: no longer offered nor accepted for new records; the recorded one keeps its type.
    await hub.gql(UPDATE, { input: { code: 'peer_mentoring', active: false } }, admin);
    expect(await listed(false)).toEqual([]);
    expect(await listed(true)).toEqual([{ code: 'peer_mentoring', name: 'Peer mentoring (accredited)', active: false }]);
    expect((await log('peer_mentoring')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const page = await hub.gql<{ person: { interventions: { edges: { node: { typeCode: string; type: { name: string } } }[] } } }>(
      `query($id: ID!) { person(id: $id) { interventions { edges { node { typeCode type { name } } } } } }`,
      { id: person },
      probation,
    );
    expect(page.data!.person.interventions.edges.map((e) => e.node)).toEqual([
      { typeCode: 'peer_mentoring', type: { name: 'Peer mentoring (accredited)' } },
    ]);

    // Restored: offered again. Every change is an event with its old and new values in the audit.
    await hub.gql(UPDATE, { input: { code: 'peer_mentoring', active: true } }, admin);
    expect(await listed(false)).toEqual([{ code: 'peer_mentoring', name: 'Peer mentoring (accredited)', active: true }]);
    expect((await log('peer_mentoring')).errors).toBeUndefined();
    const events = await hub.db.query(`SELECT payload FROM outbox_event WHERE type = 'intervention_type.updated' ORDER BY id`);
    expect(events.map((e: { payload: { fields: string[] } }) => e.payload.fields)).toEqual([['name', 'groupName'], ['active'], ['active']]);
  });
});
