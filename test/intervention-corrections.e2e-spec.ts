import { startTestHub, type TestHub } from './support/hub.js';

/**
 * The organisation that logged an intervention corrects its date and details with a reason; what it
 * said before is kept (Intervention.history), read wherever the intervention itself may be read.
 */
describe('intervention corrections', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.close());

  const gql = async <T>(who: string, query: string, variables: Record<string, unknown> = {}) =>
    hub.gql<T>(query, variables, await hub.tokenFor(who));
  async function ok<T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await gql<T>(who, query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const UPDATE = `mutation($input: UpdateInterventionInput!) { updateIntervention(input: $input) { id version occurredAt notes corrected } }`;
  const HISTORY = `query($id: ID!) { person(id: $id) { interventions(first: 1) { edges { node { id corrected
    history { version status occurredAt notes correctedBy correctedByName correctedAt reason } } } } } }`;

  async function loggedByProbation(): Promise<{ personId: string; id: string }> {
    const created = await ok<{ createPerson: { person: { id: string } } }>(
      'probation.officer',
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: 'Corrected',
          familyName: `Entry${Math.random().toString(36).slice(2, 8)}`,
          dateOfBirth: '1990-04-05',
          confirmNew: true,
        },
      },
    );
    const personId = created.createPerson.person.id;
    const logged = await ok<{ logIntervention: { id: string } }>(
      'probation.officer',
      `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`,
      { input: { personId, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: `${day(-1)}T10:00:00Z`, notes: 'CV session' } },
    );
    return { personId, id: logged.logIntervention.id };
  }

  it('a correction keeps the intervention as it was, with who, when and why, in history, the outbox and the audit', async () => {
    const { personId, id } = await loggedByProbation();
    const before = await ok<{ person: { interventions: { edges: { node: { corrected: boolean; history: unknown[] } }[] } } }>(
      'probation.officer',
      HISTORY,
      { id: personId },
    );
    expect(before.person.interventions.edges[0].node).toMatchObject({ corrected: false, history: [] });

    const corrected = await ok<{ updateIntervention: { version: number; occurredAt: string; notes: string; corrected: boolean } }>(
      'probation.officer',
      UPDATE,
      {
        input: {
          id,
          version: 1,
          occurredAt: `${day(-3)}T14:00:00Z`,
          notes: 'CV session, with a cover letter',
          reason: 'Wrong day entered',
        },
      },
    );
    expect(corrected.updateIntervention).toMatchObject({ version: 2, occurredAt: `${day(-3)}T14:00:00.000Z`, corrected: true });

    const after = await ok<{ person: { interventions: { edges: { node: { history: Record<string, unknown>[] } }[] } } }>(
      'probation.officer',
      HISTORY,
      { id: personId },
    );
    expect(after.person.interventions.edges[0].node.history).toEqual([
      {
        version: 1,
        status: 'COMPLETED',
        occurredAt: `${day(-1)}T10:00:00.000Z`,
        notes: 'CV session',
        correctedBy: expect.stringMatching(/^user:/),
        correctedByName: expect.any(String),
        correctedAt: expect.any(String),
        reason: 'Wrong day entered',
      },
    ]);
    const [event] = (await hub.db.query(`SELECT payload FROM outbox_event WHERE type = 'intervention.updated' AND aggregate_id = $1`, [
      id,
    ])) as {
      payload: Record<string, unknown>;
    }[];
    expect(event.payload).toMatchObject({ reason: 'Wrong day entered' });
    const audited = (await hub.db.query(
      `SELECT detail FROM audit_event WHERE detail::text LIKE '%Wrong day entered%' AND detail::text LIKE $1`,
      [`%${id}%`],
    )) as { detail: unknown }[];
    expect(audited.length).toBeGreaterThan(0);
    expect(JSON.stringify(audited[0].detail)).toContain(`${day(-3)}T14:00:00`);
  });

  it('an unchanged save keeps no version; a reason is 3 to 500 characters; a stale version or another organisation changes nothing', async () => {
    const { id } = await loggedByProbation();
    const same = await ok<{ updateIntervention: { version: number; corrected: boolean } }>('probation.officer', UPDATE, {
      input: { id, version: 1, notes: 'CV session', reason: 'No change really' },
    });
    expect(same.updateIntervention).toMatchObject({ version: 1, corrected: false });
    const short = await gql('probation.officer', UPDATE, { input: { id, version: 1, notes: 'x', reason: 'no' } });
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
    const future = await gql('probation.officer', UPDATE, {
      input: { id, version: 1, occurredAt: `${day(30)}T10:00:00Z`, reason: 'Moved ahead' },
    });
    expect(future.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const other = await gql('housing.worker', UPDATE, { input: { id, version: 1, notes: 'Not ours', reason: 'Trying it' } });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await hub.db.query(`SELECT 1 FROM intervention_revision WHERE intervention_id = $1`, [id])).toEqual([]);
  });

  it("a partner that may not read the intervention's category reads neither it nor its history", async () => {
    const { personId, id } = await loggedByProbation();
    await ok('probation.officer', UPDATE, { input: { id, version: 1, notes: 'Health mentioned by mistake', reason: 'Wrong notes' } });
    const housing = (await ok<{ viewer: { organisation: { id: string } } }>('housing.worker', `{ viewer { organisation { id } } }`)).viewer
      .organisation.id;
    await ok('probation.officer', `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`, {
      input: { personId, organisationId: housing },
    });
    const seen = await ok<{ person: { interventions: { edges: unknown[] } } }>('housing.worker', HISTORY, { id: personId });
    expect(seen.person.interventions.edges).toEqual([]);
  });
});
