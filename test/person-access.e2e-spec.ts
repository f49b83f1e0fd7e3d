import { sqlStatementCount } from '../libs/database/src/query-counter.js';
import { startTestHub, type TestHub } from './support/hub.js';

const PAGE = `query($id: ID!) { person(id: $id) {
  id givenName familyName dateOfBirth identifiers { scheme value } offenceSummary ogrsScore riskLevel healthNotes stage
  withheldFields readableCategories
  interventions { edges { node { typeCode dataCategory notes organisation { name } type { name } } } }
} }`;

interface Page {
  person: {
    givenName: string | null;
    offenceSummary: string | null;
    riskLevel: string | null;
    healthNotes: string | null;
    stage: string | null;
    withheldFields: string[];
    readableCategories: string[];
    interventions: { edges: { node: { typeCode: string } }[] };
  };
}

/**
 * One person, five partners, each seeing exactly what its row of the access table says, over GraphQL.
 */
describe('who sees what of a person, over GraphQL', () => {
  let hub: TestHub;
  let personId: string;
  let strangerId: string;
  const orgs = new Map<string, string>();
  let tokens: Record<string, string>;

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const res = await hub.gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  beforeAll(async () => {
    // No background worker: the statement counts below are process-wide.
    hub = await startTestHub({ WORKER_MODE: 'off' });
    tokens = Object.fromEntries(
      await Promise.all(
        ['probation.officer', 'prison.officer', 'housing.worker', 'mind.worker', 'employer', 'trainer'].map(async (w) => [
          w,
          await hub.tokenFor(w),
        ]),
      ),
    );
    const list = await ok<{ organisations: { id: string; name: string }[] }>(
      '{ organisations { id name } }',
      {},
      tokens['probation.officer'],
    );
    for (const o of list.organisations) orgs.set(o.name, o.id);
    const created = await ok<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: 'Jordan',
          familyName: 'Reeve',
          dateOfBirth: '1992-02-14',
          identifiers: [{ scheme: 'PNC', value: '92/000111J' }],
          offenceSummary: 'Robbery (2019)',
          ogrsScore: 41.5,
          riskLevel: 'HIGH',
          healthNotes: 'Anxiety; sees GP monthly',
          confirmNew: false,
        },
      },
      tokens['probation.officer'],
    );
    personId = created.createPerson.person.id;
    const stranger = await ok<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      { input: { givenName: 'Sam', familyName: 'Unrelated', dateOfBirth: '1970-07-07', identifiers: [], confirmNew: false } },
      tokens['probation.officer'],
    );
    strangerId = stranger.createPerson.person.id;
    await ok(
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version } }`,
      { input: { id: personId, version: 1, reason: 'Initial assessment', stage: 'SETTING_ACTIONS' } },
      tokens['probation.officer'],
    );
    for (const name of ['HMP Millbrook', 'Safe Harbour Housing Trust', 'Clearview Mental Health', 'Northway Construction Ltd']) {
      await ok(
        `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
        { input: { personId, organisationId: orgs.get(name), role: 'PROVIDER' } },
        tokens['probation.officer'],
      );
    }
    await ok(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
      {
        input: {
          personId,
          purpose: 'ACCOMMODATION',
          organisationId: orgs.get('Safe Harbour Housing Trust'),
          method: 'SIGNED_FORM',
          personPresent: true,
        },
      },
      tokens['probation.officer'],
    );
    await ok(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
      { input: { personId, purpose: 'ETE', organisationKind: 'EMPLOYER', method: 'VERBAL', personPresent: true } },
      tokens['probation.officer'],
    );
    const log = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
    await ok(
      log,
      { input: { personId, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: '2026-09-01T09:00:00Z', notes: 'CV drafted' } },
      tokens['probation.officer'],
    );
    await ok(
      log,
      {
        input: {
          personId,
          typeCode: 'job_start',
          status: 'COMPLETED',
          occurredAt: '2026-10-01T09:00:00Z',
          job: { employer: 'Northway Construction Ltd', sector: 'Construction', hoursPerWeek: 40, startDate: '2026-10-01' },
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
    await ok(
      log,
      {
        input: { personId, typeCode: 'mental_health_support', status: 'STARTED', occurredAt: '2026-09-12T09:00:00Z', notes: 'Counselling' },
      },
      tokens['mind.worker'],
    );
  });
  afterAll(() => hub.close());

  const SENSITIVE = ['healthNotes', 'offenceSummary', 'ogrsScore', 'riskLevel', 'stage'];
  const rows: [string, { readable: string[]; withheld: string[]; interventions: string[] }][] = [
    [
      'probation.officer',
      {
        readable: [
          'accommodation',
          'employment',
          'ete',
          'family',
          'finance',
          'health',
          'identity',
          'offending',
          'risk',
          'substance_misuse',
        ],
        withheld: [],
        interventions: ['job_start', 'mental_health_support', 'accommodation_support', 'cv_cover_letter'],
      },
    ],
    [
      'prison.officer',
      {
        readable: [
          'accommodation',
          'employment',
          'ete',
          'family',
          'finance',
          'health',
          'identity',
          'offending',
          'risk',
          'substance_misuse',
        ],
        withheld: [],
        interventions: ['job_start', 'mental_health_support', 'accommodation_support', 'cv_cover_letter'],
      },
    ],
    ['housing.worker', { readable: ['accommodation', 'identity'], withheld: SENSITIVE, interventions: ['accommodation_support'] }],
    ['mind.worker', { readable: ['identity'], withheld: SENSITIVE, interventions: ['mental_health_support'] }],
    ['employer', { readable: ['employment', 'identity'], withheld: SENSITIVE, interventions: ['job_start'] }],
  ];

  it.each(rows)('%s sees exactly its row', async (who, row) => {
    const res = await hub.gql<Page>(PAGE, { id: personId }, tokens[who]);
    expect(res.errors).toBeUndefined();
    const p = res.data!.person;
    expect(p.givenName).toBe('Jordan');
    expect([...p.readableCategories].sort()).toEqual(row.readable.map((c) => c.toUpperCase()));
    expect([...p.withheldFields].sort()).toEqual(row.withheld);
    for (const f of row.withheld) expect((p as Record<string, unknown>)[f]).toBeNull();
    if (!row.withheld.includes('offenceSummary')) expect(p.offenceSummary).toBe('Robbery (2019)');
    expect(p.interventions.edges.map((e) => e.node.typeCode)).toEqual(row.interventions);
    expect(((res.extensions?.withheld as string[]) ?? []).sort()).toEqual(row.withheld.map((f) => `Person.${f}`).sort());
  });

  it('a partner with no involvement gets NOT_FOUND for the person and does not find it by search', async () => {
    const res = await hub.gql(PAGE, { id: personId }, tokens.trainer);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const search = await hub.gql<{ people: { edges: unknown[] } }>(
      `{ people(search: "reeve") { edges { node { id } } } }`,
      {},
      tokens.trainer,
    );
    expect(search.data!.people.edges).toEqual([]);
    const employerStranger = await hub.gql(PAGE, { id: strangerId }, tokens.employer);
    expect(employerStranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('search finds by name, identifier and date of birth, only among people the actor may see', async () => {
    const find = async (term: string, who: string) =>
      (
        await ok<{ people: { edges: { node: { id: string } }[] } }>(
          `query($q: String) { people(search: $q) { edges { node { id } } } }`,
          { q: term },
          tokens[who],
        )
      ).people.edges.map((e) => e.node.id);
    expect(await find('Jordan Reeve', 'housing.worker')).toEqual([personId]);
    expect(await find('92/000111j', 'employer')).toEqual([personId]);
    expect(await find('1992-02-14', 'mind.worker')).toEqual([personId]);
    expect(await find('unrelated', 'housing.worker')).toEqual([]);
    expect(await find('unrelated', 'probation.officer')).toEqual([strangerId]);
  });

  it('filtering by stage never matches someone whose stage is withheld', async () => {
    const byStage = async (who: string) =>
      (
        await ok<{ people: { edges: { node: { id: string } }[] } }>(
          `{ people(filter: { stage: SETTING_ACTIONS }) { edges { node { id } } } }`,
          {},
          tokens[who],
        )
      ).people.edges.map((e) => e.node.id);
    expect(await byStage('probation.officer')).toContain(personId);
    expect(await byStage('housing.worker')).toEqual([]);
    expect(await byStage('employer')).toEqual([]);
  });

  it('withdrawing a consent hides the data from the very next request', async () => {
    const before = await ok<Page>(PAGE, { id: personId }, tokens.employer);
    expect(before.person.interventions.edges.map((e) => e.node.typeCode)).toEqual(['job_start']);
    const consents = await ok<{ person: { consents: { id: string; organisationKind: string | null; status: string }[] } }>(
      `query($id: ID!) { person(id: $id) { consents { id organisationKind status } } }`,
      { id: personId },
      tokens['probation.officer'],
    );
    const toEmployers = consents.person.consents.find((c) => c.organisationKind === 'EMPLOYER')!;
    await ok(
      `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { status } }`,
      { input: { consentId: toEmployers.id, reason: 'Person asked to stop sharing with employers' } },
      tokens['probation.officer'],
    );
    const after = await ok<Page>(PAGE, { id: personId }, tokens.employer);
    expect(after.person.interventions.edges).toEqual([]);
    expect(after.person.readableCategories).toEqual(['IDENTITY']);
  });

  it('a person page runs a constant number of SQL statements, whatever the number of interventions', async () => {
    const log = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
    const statementsFor = async () => {
      const before = sqlStatementCount().statements;
      const res = await hub.gql(PAGE, { id: personId }, tokens['probation.officer']);
      expect(res.errors).toBeUndefined();
      return sqlStatementCount().statements - before;
    };
    const withFew = await statementsFor();
    for (let i = 0; i < 46; i++) {
      await ok(
        log,
        {
          input: {
            personId,
            typeCode: i % 2 ? 'job_search' : 'interview_practice',
            status: 'COMPLETED',
            occurredAt: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString(),
          },
        },
        tokens['probation.officer'],
      );
    }
    const page = await ok<Page>(PAGE, { id: personId }, tokens['probation.officer']);
    expect(page.person.interventions.edges).toHaveLength(50);
    const withFifty = await statementsFor();
    expect(withFifty).toBe(withFew);
    expect(withFifty).toBeLessThanOrEqual(20);
  });

  it('interventions page by cursor: every one once, newest first, and a restricted partner pages only what it may see', async () => {
    interface Conn {
      person: {
        interventions: {
          edges: { cursor: string; node: { id: string; typeCode: string; occurredAt: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    }
    const q = `query($id: ID!, $first: Int, $after: String) { person(id: $id) { interventions(first: $first, after: $after) {
      edges { cursor node { id typeCode occurredAt } } pageInfo { hasNextPage endCursor } } } }`;
    const walk = async (who: string) => {
      const seen: Conn['person']['interventions']['edges'] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page: Conn = await ok<Conn>(q, { id: personId, first: 7, after }, tokens[who]);
        const c = page.person.interventions;
        if (c.edges.length) expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)!.cursor);
        seen.push(...c.edges);
        if (!c.pageInfo.hasNextPage) break;
        after = c.pageInfo.endCursor;
      }
      return seen;
    };
    const all = (await ok<Conn>(q, { id: personId, first: 200 }, tokens['probation.officer'])).person.interventions.edges;
    const paged = await walk('probation.officer');
    expect(paged.length).toBeGreaterThan(40);
    expect(paged.map((e) => e.node.id)).toEqual(all.map((e) => e.node.id));
    expect(new Set(paged.map((e) => e.node.id)).size).toBe(paged.length);
    const times = paged.map((e) => Date.parse(e.node.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Any edge's cursor continues right after that edge.
    const from = await ok<Conn>(q, { id: personId, first: 3, after: paged[10].cursor }, tokens['probation.officer']);
    expect(from.person.interventions.edges.map((e) => e.node.id)).toEqual(paged.slice(11, 14).map((e) => e.node.id));
    expect((await walk('housing.worker')).map((e) => e.node.typeCode)).toEqual(['accommodation_support']);
  });

  it('an employer cannot record offence details; a stale intervention update is refused', async () => {
    const res = await hub.gql(
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version } }`,
      { input: { id: personId, version: 2, reason: 'Employer edit', offenceSummary: 'changed' } },
      tokens.employer,
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const logged = await ok<{ logIntervention: { id: string; version: number } }>(
      `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id version } }`,
      { input: { personId, typeCode: 'in_work_support', status: 'STARTED', occurredAt: '2026-11-02T09:00:00Z' } },
      tokens.employer,
    );
    const upd = `mutation($input: UpdateInterventionInput!) { updateIntervention(input: $input) { version status } }`;
    const first = await hub.gql(upd, { input: { id: logged.logIntervention.id, version: 1, status: 'COMPLETED' } }, tokens.employer);
    expect(first.data).toEqual({ updateIntervention: { version: 2, status: 'COMPLETED' } });
    const stale = await hub.gql(upd, { input: { id: logged.logIntervention.id, version: 1, status: 'CANCELLED' } }, tokens.employer);
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const other = await hub.gql(
      upd,
      { input: { id: logged.logIntervention.id, version: 2, status: 'CANCELLED' } },
      tokens['housing.worker'],
    );
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
  it('an involvement ends when its organisation or the lead ends it, and with it what the relationship let the organisation see', async () => {
    const created = await ok<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      { input: { givenName: 'Morgan', familyName: 'Ended', dateOfBirth: '1985-05-05', identifiers: [], confirmNew: true } },
      tokens['probation.officer'],
    );
    const id = created.createPerson.person.id;
    const add = async (name: string) =>
      (
        await ok<{ addInvolvement: { id: string } }>(
          `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
          { input: { personId: id, organisationId: orgs.get(name), role: 'PROVIDER' } },
          tokens['probation.officer'],
        )
      ).addInvolvement.id;
    const housing = await add('Safe Harbour Housing Trust');
    const mind = await add('Clearview Mental Health');
    const END = `mutation($input: EndInvolvementInput!) { endInvolvement(input: $input) { id organisationId endedAt } }`;
    const end = (who: string, input: Record<string, unknown>) =>
      hub.gql<{ endInvolvement: { id: string; organisationId: string; endedAt: string } }>(
        END,
        { input: { reason: 'Support completed', ...input } },
        tokens[who],
      );
    const sees = async (who: string) => !(await hub.gql(`query($id: ID!) { person(id: $id) { id } }`, { id }, tokens[who])).errors;
    expect(await sees('housing.worker')).toBe(true);
    // Not related to the person: as if the involvement did not exist. Related, but neither its organisation nor the lead: refused.
    expect((await end('trainer', { involvementId: housing })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await end('mind.worker', { involvementId: housing })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await end('housing.worker', { involvementId: housing, endedAt: '2000-01-01T00:00:00Z' })).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await end('housing.worker', { involvementId: housing, reason: '' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // The organisation ends its own work: from the next request it no longer sees the person, nor finds them.
    const ended = await end('housing.worker', { involvementId: housing });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.endInvolvement).toMatchObject({ id: housing, organisationId: orgs.get('Safe Harbour Housing Trust') });
    expect(await sees('housing.worker')).toBe(false);
    expect(
      (
        await ok<{ people: { edges: unknown[] } }>(
          `{ people(search: "morgan ended") { edges { node { id } } } }`,
          {},
          tokens['housing.worker'],
        )
      ).people.edges,
    ).toEqual([]);
    expect((await end('probation.officer', { involvementId: housing })).errors?.[0].extensions?.code).toBe('INVALID_STATE');
    // The lead plans the end of another organisation's work: it sees the person until then.
    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect(
      (await end('probation.officer', { involvementId: mind, endedAt: later, reason: 'Moved out of the area' })).errors,
    ).toBeUndefined();
    expect(await sees('mind.worker')).toBe(true);
    const record = await ok<{
      person: {
        involvements: { id: string; endedAt: string | null }[];
        history: { edges: { node: { action: string; reason: string | null; organisationId: string } }[] };
      };
    }>(
      `query($id: ID!) { person(id: $id) { involvements { id endedAt } history { edges { node { action reason organisationId } } } } }`,
      { id },
      tokens['probation.officer'],
    );
    expect(record.person.involvements.find((i) => i.id === mind)?.endedAt).toBe(later);
    expect(record.person.history.edges.map((e) => e.node).filter((h) => h.action === 'involvement_ended')).toEqual([
      { action: 'involvement_ended', reason: 'Support completed', organisationId: orgs.get('Safe Harbour Housing Trust') },
      { action: 'involvement_ended', reason: 'Moved out of the area', organisationId: orgs.get('North West Probation Region') },
    ]);
    const events = await hub.db.query(
      `SELECT payload->>'involvementId' AS involvement FROM outbox_event WHERE type = 'person.involvement_ended' AND person_id = $1 ORDER BY outbox_event.id`,
      [id],
    );
    expect(events).toEqual([{ involvement: housing }, { involvement: mind }]);
    // The lead brings the planned end forward: the charity no longer sees the person, but hears of the end in its feed, without them.
    expect((await end('probation.officer', { involvementId: mind, reason: 'Ended early' })).errors).toBeUndefined();
    expect(await sees('mind.worker')).toBe(false);
    const feed = await ok<{ changes: { changes: { type: string; personId: string | null; payload: string }[] } }>(
      `{ changes(first: 500, types: ["person.involvement_ended"]) { changes { type personId payload } } }`,
      {},
      tokens['mind.worker'],
    );
    const heard = feed.changes.changes
      .map((c) => ({ ...c, payload: JSON.parse(c.payload) }))
      .filter((c) => c.payload.involvementId === mind);
    expect(heard).toHaveLength(2);
    expect(heard.every((c) => c.personId === null && c.payload.organisationId === orgs.get('Clearview Mental Health'))).toBe(true);
  });
  it("a sharing agreement ended by a party's data protection officer is no lawful basis from the next request", async () => {
    const admin = await hub.tokenFor('hub.admin');
    const dpo = await hub.tokenFor('probation.dpo');
    const created = await ok<{ createSharingAgreement: { id: string; inForce: boolean } }>(
      `mutation($input: CreateSharingAgreementInput!) { createSharingAgreement(input: $input) { id inForce } }`,
      {
        input: {
          name: 'Probation and Clearview health liaison',
          partyOrganisationIds: [orgs.get('North West Probation Region'), orgs.get('Clearview Mental Health')],
          partyKinds: [],
          purposes: ['HEALTH'],
          categories: ['HEALTH'],
          lawfulBasis: 'PUBLIC_TASK',
          validFrom: '2026-01-01T00:00:00Z',
        },
      },
      admin,
    );
    const agreementId = created.createSharingAgreement.id;
    const health = async () =>
      (
        await ok<{ person: { healthNotes: string | null } }>(
          `query($id: ID!) { person(id: $id) { healthNotes } }`,
          { id: personId },
          tokens['mind.worker'],
        )
      ).person.healthNotes;
    expect(await health()).toBe('Anxiety; sees GP monthly');
    const END = `mutation($input: EndSharingAgreementInput!) { endSharingAgreement(input: $input) { id inForce validTo endedReason } }`;
    const end = (token: string, input: Record<string, unknown> = {}) =>
      hub.gql<{ endSharingAgreement: { inForce: boolean; endedReason: string } }>(
        END,
        { input: { agreementId, reason: 'Liaison arrangement terminated', ...input } },
        token,
      );
    expect((await end(tokens['mind.worker'])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await end(await hub.tokenFor('housing.admin'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await end(dpo, { endsAt: '2025-06-01T00:00:00Z' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ended = await end(dpo);
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.endSharingAgreement).toMatchObject({ inForce: false, endedReason: 'Liaison arrangement terminated' });
    expect(await health()).toBeNull();
    expect((await end(admin)).errors?.[0].extensions?.code).toBe('INVALID_STATE');
    const listed = await ok<{ sharingAgreements: { id: string; inForce: boolean; endedReason: string | null }[] }>(
      `{ sharingAgreements { id inForce endedReason } }`,
      {},
      admin,
    );
    expect(listed.sharingAgreements.find((a) => a.id === agreementId)).toEqual({
      id: agreementId,
      inForce: false,
      endedReason: 'Liaison arrangement terminated',
    });
    expect(await hub.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [agreementId])).toEqual([
      { type: 'sharing_agreement.created' },
      { type: 'sharing_agreement.ended' },
    ]);
  });
});
