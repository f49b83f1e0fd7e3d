import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLObjectType } from 'graphql';
import { startTestHub, type TestHub } from './support/hub.js';

/** The hub's executions so far by path, from its metrics. */
async function executionsOf(hub: TestHub): Promise<{ compiled: number; interpreted: number }> {
  const text = (await hub.http().get('/metrics')).text;
  const count = (path: string) => Number(new RegExp(`^hub_graphql_executions_total\\{path="${path}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { compiled: count('compiled'), interpreted: count('interpreted') };
}

/**
 * The hub runs an operation on graphql-js the first time it arrives and compiled (graphql-jit) from
 * the second time on. Each operation here is sent twice: both answers must be the same, status and
 * body, errors and withheld fields included, and the hub's metrics must show which path gave each.
 */
describe('compiled GraphQL execution gives the answers graphql-js gives', () => {
  let hub: TestHub;
  let tokens: Record<string, string>;
  let personId: string;
  let strangerId: string;

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const res = await hub.gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  const executions = () => executionsOf(hub);

  let sent = 0;
  /**
   * Sends the operation twice; returns both answers and the paths the metrics counted for them. A
   * comment makes each call's text new to the hub, so its first run is graphql-js's.
   */
  async function twice(operation: string, variables: Record<string, unknown>, token: string) {
    const query = `${operation}\n# call ${++sent}`;
    const before = await executions();
    const first = await hub.gql(query, variables, token);
    const middle = await executions();
    const second = await hub.gql(query, variables, token);
    const after = await executions();
    return {
      first,
      second,
      paths: [
        middle.compiled > before.compiled ? 'compiled' : middle.interpreted > before.interpreted ? 'interpreted' : 'none',
        after.compiled > middle.compiled ? 'compiled' : after.interpreted > middle.interpreted ? 'interpreted' : 'none',
      ],
    };
  }

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    tokens = Object.fromEntries(
      await Promise.all(['probation.officer', 'housing.worker', 'employer', 'trainer'].map(async (w) => [w, await hub.tokenFor(w)])),
    );
    const orgs = new Map(
      (
        await ok<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, tokens['probation.officer'])
      ).organisations.map((o) => [o.name, o.id]),
    );
    const create = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`;
    personId = (
      await ok<{ createPerson: { person: { id: string } } }>(
        create,
        {
          input: {
            givenName: 'Casey',
            familyName: 'Morrow',
            dateOfBirth: '1988-05-03',
            identifiers: [{ scheme: 'PNC', value: '88/000222K' }],
            offenceSummary: 'Burglary (2020)',
            ogrsScore: 37,
            riskLevel: 'MEDIUM',
            healthNotes: 'Asthma',
            confirmNew: false,
          },
        },
        tokens['probation.officer'],
      )
    ).createPerson.person.id;
    strangerId = (
      await ok<{ createPerson: { person: { id: string } } }>(
        create,
        {
          input: { givenName: 'Robin', familyName: 'Apart', dateOfBirth: '1975-01-01', identifiers: [], confirmNew: false },
        },
        tokens['probation.officer'],
      )
    ).createPerson.person.id;
    for (const name of ['Safe Harbour Housing Trust', 'Northway Construction Ltd']) {
      await ok(
        `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
        { input: { personId, organisationId: orgs.get(name), role: 'PROVIDER' } },
        tokens['probation.officer'],
      );
    }
    await ok(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
      { input: { personId, purpose: 'ETE', organisationKind: 'EMPLOYER', method: 'VERBAL', personPresent: true } },
      tokens['probation.officer'],
    );
    const log = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
    await ok(
      log,
      {
        input: {
          personId,
          typeCode: 'job_start',
          status: 'COMPLETED',
          occurredAt: '2026-10-01T09:00:00Z',
          job: { employer: 'Northway Construction Ltd', sector: 'Construction', hoursPerWeek: 37, startDate: '2026-10-01' },
        },
      },
      tokens['probation.officer'],
    );
    await ok(
      log,
      {
        input: {
          personId,
          typeCode: 'training_cscs',
          status: 'COMPLETED',
          occurredAt: '2026-09-20T09:00:00Z',
          qualification: { qualification: 'CSCS Green Card' },
        },
      },
      tokens['probation.officer'],
    );
    await ok(
      log,
      {
        input: {
          personId,
          typeCode: 'accommodation_support',
          status: 'STARTED',
          occurredAt: '2026-09-10T09:00:00Z',
          notes: 'Hostel place',
        },
      },
      tokens['housing.worker'],
    );
  });
  afterAll(() => hub.close());

  const PAGE = `
    fragment Entry on Intervention { id typeCode status occurredAt notes dataCategory organisationId
      outcome { __typename ... on JobOutcome { employer sector hoursPerWeek startDate } ... on QualificationOutcome { qualification } } }
    query Page($id: ID!, $withConsents: Boolean!, $first: Int) {
      record: person(id: $id) {
        __typename id givenName familyName dateOfBirth offenceSummary ogrsScore riskLevel healthNotes stage version withheldFields readableCategories
        identifiers { scheme value }
        recent: interventions(first: $first) { edges { cursor node { ...Entry } } pageInfo { hasNextPage endCursor } }
        all: interventions { edges { node { id typeCode } } }
        consents @include(if: $withConsents) { id purpose categories status givenAt }
        involvements @skip(if: $withConsents) { organisationId role }
      }
    }`;

  it.each([
    ['probation.officer', true],
    ['housing.worker', false],
    ['employer', true],
  ])('the person page as %s (consents shown: %s)', async (who, withConsents) => {
    const { first, second, paths } = await twice(PAGE, { id: personId, withConsents, first: 2 }, tokens[who]);
    expect(paths).toEqual(['interpreted', 'compiled']);
    expect(first.errors).toBeUndefined();
    expect(second).toEqual(first);
    const record = (first.data as { record: { givenName: string; recent: { edges: unknown[] } } }).record;
    expect(record.givenName).toBe('Casey');
    expect(record.recent.edges.length).toBeGreaterThan(0);
    if (who !== 'probation.officer') expect(first.extensions?.withheld).toEqual(expect.arrayContaining(['Person.healthNotes']));
  });

  it('a person the caller may not see: the same NOT_FOUND, path and null data', async () => {
    const query = `query($id: ID!) { person(id: $id) { id givenName } }`;
    const { first, second, paths } = await twice(query, { id: strangerId }, tokens.trainer);
    expect(paths).toEqual(['interpreted', 'compiled']);
    expect(first.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(first.errors?.[0].path).toEqual(['person']);
    expect(second).toEqual(first);
  });

  it('one root field refused beside others: the same error, and null bubbles up to data the same way', async () => {
    // The caller sees every field of the person it may see, so no withheld list depends on how far the
    // sibling field got before the refusal ended the operation (graphql-js stops waiting for it, graphql-jit does not).
    const missing = '00000000-0000-4000-8000-000000000000';
    const query = `query($seen: ID!, $hidden: ID!) { seen: person(id: $seen) { id familyName } hidden: person(id: $hidden) { id } viewer { organisation { name } } }`;
    const { first, second, paths } = await twice(query, { seen: personId, hidden: missing }, tokens['probation.officer']);
    expect(paths).toEqual(['interpreted', 'compiled']);
    expect(first.data).toBeNull(); // every root field is non-null
    expect(first.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['NOT_FOUND', ['hidden']]]);
    expect(second).toEqual(first);
  });

  it('a variable of the wrong type: the same 400 BAD_USER_INPUT both times, from graphql-js', async () => {
    const query = `query($id: ID!, $first: Int) { person(id: $id) { interventions(first: $first) { edges { node { id } } } } }`;
    const { first, second, paths } = await twice(query, { id: personId, first: 'many' }, tokens['probation.officer']);
    expect(first.status).toBe(400);
    expect(first.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(second).toEqual(first);
    // The compiled form refuses the variable too; the answer is graphql-js's, so the second run counts as interpreted.
    expect(paths).toEqual(['interpreted', 'interpreted']);
  });

  it('a mutation: the compiled run writes, and its input is validated the same way', async () => {
    const log = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { typeCode status notes dataCategory } }`;
    const input = (notes: string) => ({
      input: { personId, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: '2026-11-01T09:00:00Z', notes },
    });
    const before = await executions();
    const a = await hub.gql(log, input('First CV'), tokens['probation.officer']);
    const b = await hub.gql(log, input('Second CV'), tokens['probation.officer']);
    const after = await executions();
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    expect(b.data).toEqual({
      logIntervention: { typeCode: 'cv_cover_letter', status: 'COMPLETED', notes: 'Second CV', dataCategory: 'ETE' },
    });
    expect(after.compiled - before.compiled).toBe(1);
    const bad = { input: { ...input('x').input, occurredAt: 'not a time' } };
    const refusals = [await hub.gql(log, bad, tokens['probation.officer']), await hub.gql(log, bad, tokens['probation.officer'])];
    expect(refusals[0].errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refusals[1]).toEqual(refusals[0]);
    const all = await ok<{ person: { interventions: { edges: { node: { notes: string | null } }[] } } }>(
      `query($id: ID!) { person(id: $id) { interventions { edges { node { notes } } } } }`,
      { id: personId },
      tokens['probation.officer'],
    );
    expect(all.person.interventions.edges.map((e) => e.node.notes)).toEqual(expect.arrayContaining(['First CV', 'Second CV']));
  });

  it('an operation sent once is not compiled', async () => {
    const before = await executions();
    await ok(`query OnlyOnce { viewer { organisation { name } } }`, {}, tokens.trainer);
    const after = await executions();
    expect([after.compiled - before.compiled, after.interpreted - before.interpreted]).toEqual([0, 1]);
  });

  it('plain fields are read as properties; fields with resolvers of their own keep them', () => {
    const schema = hub.app.get(GraphQLSchemaHost).schema;
    const resolverOf = (type: string, field: string) => typeof (schema.getType(type) as GraphQLObjectType).getFields()[field].resolve;
    for (const [type, field] of [
      ['Intervention', 'id'],
      ['Intervention', 'occurredAt'],
      ['Intervention', 'outcome'],
      ['InterventionEdge', 'node'],
      ['InterventionEdge', 'cursor'],
      ['Person', 'givenName'],
      ['Consent', 'purpose'],
    ]) {
      expect([type, field, resolverOf(type, field)]).toEqual([type, field, 'undefined']);
    }
    for (const [type, field] of [
      ['Query', 'person'],
      ['Person', 'interventions'],
      ['Person', 'consents'],
      ['Intervention', 'type'],
      ['Intervention', 'organisation'],
    ]) {
      expect([type, field, resolverOf(type, field)]).toEqual([type, field, 'function']);
    }
  });

  it("a getter of a model (an edge's cursor) still answers as a property", async () => {
    const query = `query($id: ID!) { person(id: $id) { interventions(first: 1) { edges { cursor node { id } } pageInfo { endCursor } } } }`;
    const { first, second } = await twice(query, { id: personId }, tokens['probation.officer']);
    expect(second).toEqual(first);
    const page = (first.data as { person: { interventions: { edges: { cursor: string }[]; pageInfo: { endCursor: string } } } }).person
      .interventions;
    expect(page.edges).toHaveLength(1);
    expect(page.edges[0].cursor).toMatch(/^[A-Za-z0-9_=-]{8,}$/);
    expect(page.edges[0].cursor).toBe(page.pageInfo.endCursor);
  });
});

describe('GRAPHQL_EXECUTOR=graphql-js', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off', GRAPHQL_EXECUTOR: 'graphql-js' });
  });
  afterAll(() => hub.close());

  it('never compiles, and the metrics count every execution as interpreted', async () => {
    const token = await hub.tokenFor('trainer');
    const before = await executionsOf(hub);
    for (let i = 0; i < 3; i++) {
      const res = await hub.gql<{ viewer: { organisation: { name: string } } }>(
        'query Again { viewer { organisation { name } } }',
        {},
        token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.viewer.organisation.name).toEqual(expect.any(String));
    }
    const after = await executionsOf(hub);
    expect([after.compiled - before.compiled, after.interpreted - before.interpreted]).toEqual([0, 3]);
  });
});
