import { startTestHub, type TestHub } from './support/hub.js';

const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { outcome hiddenCandidates person { id givenName familyName offenceSummary riskLevel version withheldFields } candidates { id } } }`;
const PERSON = `query($id: ID!) { person(id: $id) { id givenName familyName dateOfBirth offenceSummary ogrsScore riskLevel healthNotes stage version withheldFields readableCategories identifiers { scheme value } } }`;

describe('person records', () => {
  let hub: TestHub;
  let probation: string;
  beforeAll(async () => {
    hub = await startTestHub();
    probation = await hub.tokenFor('probation.officer');
  });
  afterAll(() => hub.close());

  async function create(input: Record<string, unknown>, token = probation) {
    const res = await hub.gql<{
      createPerson: {
        outcome: string;
        hiddenCandidates: number;
        person: { id: string; version: number } | null;
        candidates: { id: string }[];
      };
    }>(CREATE, { input: { identifiers: [], confirmNew: false, ...input } }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createPerson;
  }

  it('creates a record, finds it again by identifier, and offers name + date of birth candidates', async () => {
    const first = await create({
      givenName: 'Dale',
      familyName: 'Rowntree',
      dateOfBirth: '1988-04-02',
      identifiers: [{ scheme: 'PNC', value: '88/123456A' }],
      offenceSummary: 'Burglary',
      riskLevel: 'MEDIUM',
    });
    expect(first.outcome).toBe('CREATED');
    const again = await create({
      givenName: 'Someone',
      familyName: 'Else',
      dateOfBirth: '1990-01-01',
      identifiers: [{ scheme: 'PNC', value: '88/123456a' }],
    });
    expect(again).toMatchObject({ outcome: 'EXISTING', person: { id: first.person!.id } });
    const candidate = await create({ givenName: 'dale', familyName: 'ROWNTREE', dateOfBirth: '1988-04-02' });
    expect(candidate).toMatchObject({ outcome: 'CANDIDATES', person: null, candidates: [{ id: first.person!.id }] });
    const confirmed = await create({ givenName: 'Dale', familyName: 'Rowntree', dateOfBirth: '1988-04-02', confirmNew: true });
    expect(confirmed.outcome).toBe('CREATED');
    expect(confirmed.person!.id).not.toBe(first.person!.id);
  });

  it('refuses a stale update with CONFLICT and changes nothing; history keeps who, what and why', async () => {
    const { person } = await create({ givenName: 'Mira', familyName: 'Stone', dateOfBirth: '1995-09-09', offenceSummary: 'Theft' });
    const id = person!.id;
    const update = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version offenceSummary stage } }`;
    const ok = await hub.gql<{ updatePerson: { version: number } }>(
      update,
      { input: { id, version: 1, reason: 'Court outcome', offenceSummary: 'Theft from shop', stage: 'TAKING_STEPS' } },
      probation,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updatePerson).toEqual({ version: 2, offenceSummary: 'Theft from shop', stage: 'TAKING_STEPS' });
    const stale = await hub.gql(update, { input: { id, version: 1, reason: 'Typo', offenceSummary: 'Overwritten' } }, probation);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const after = await hub.gql<{
      person: {
        offenceSummary: string;
        version: number;
        history: {
          totalCount: number;
          edges: { node: { action: string; reason: string | null; changes: { field: string; oldValue: string; newValue: string }[] } }[];
        };
      };
    }>(
      `query($id: ID!) { person(id: $id) { offenceSummary version history { totalCount edges { node { action reason changes { field oldValue newValue } } } } } }`,
      { id },
      probation,
    );
    expect(after.data!.person.offenceSummary).toBe('Theft from shop');
    expect(after.data!.person.version).toBe(2);
    expect(after.data!.person.history.totalCount).toBe(after.data!.person.history.edges.length);
    const updated = after.data!.person.history.edges.map((e) => e.node).find((h) => h.action === 'updated')!;
    expect(updated.reason).toBe('Court outcome');
    expect(updated.changes).toEqual(
      expect.arrayContaining([{ field: 'offenceSummary', oldValue: '"Theft"', newValue: '"Theft from shop"' }]),
    );
  });

  it('an organisation with no involvement gets NOT_FOUND, the same as for a missing record', async () => {
    const { person } = await create({ givenName: 'Hidden', familyName: 'Person', dateOfBirth: '1980-01-01' });
    const charity = await hub.tokenFor('housing.worker');
    const hidden = await hub.gql(PERSON, { id: person!.id }, charity);
    const missing = await hub.gql(PERSON, { id: '00000000-0000-4000-8000-000000000000' }, charity);
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0].message).toBe(missing.errors?.[0].message);
    const search = await hub.gql<{ people: { edges: unknown[] } }>(`{ people(search: "hidden") { edges { node { id } } } }`, {}, charity);
    expect(search.data!.people.edges).toEqual([]);
  });

  it('merges two records and undoes the merge', async () => {
    const a = (
      await create({
        givenName: 'Kai',
        familyName: 'Mercer',
        dateOfBirth: '1991-03-03',
        identifiers: [{ scheme: 'PRISON_NUMBER', value: 'A1234BC' }],
      })
    ).person!.id;
    const b = (
      await create({
        givenName: 'Kai',
        familyName: 'Mercer',
        dateOfBirth: '1991-03-03',
        confirmNew: true,
        identifiers: [{ scheme: 'PNC', value: '91/55555X' }],
      })
    ).person!.id;
    const merged = await hub.gql<{ mergePeople: { id: string } }>(
      `mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id survivorId mergedId } }`,
      { input: { survivorId: a, duplicateId: b, reason: 'Same person, two prison spells' } },
      probation,
    );
    expect(merged.errors).toBeUndefined();
    const viaDuplicate = await hub.gql<{ person: { id: string; identifiers: { scheme: string }[] } }>(PERSON, { id: b }, probation);
    expect(viaDuplicate.data!.person.id).toBe(a);
    expect(viaDuplicate.data!.person.identifiers.map((i) => i.scheme).sort()).toEqual(['PNC', 'PRISON_NUMBER']);
    const undone = await hub.gql(
      `mutation($input: UnmergePersonInput!) { unmergePerson(input: $input) { undoneAt } }`,
      { input: { mergeId: merged.data!.mergePeople.id, reason: 'Merged in error' } },
      probation,
    );
    expect(undone.errors).toBeUndefined();
    const separate = await hub.gql<{ person: { id: string } }>(PERSON, { id: b }, probation);
    expect(separate.data!.person.id).toBe(b);
  });

  it('undoing a merge takes back the records merged into the duplicate before it, and only those', async () => {
    const MERGE = `mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }`;
    const UNMERGE = `mutation($input: UnmergePersonInput!) { unmergePerson(input: $input) { undoneAt } }`;
    const record = async (value: string) =>
      (
        await create({
          givenName: 'Noor',
          familyName: 'Aziz',
          dateOfBirth: '1993-07-07',
          confirmNew: true,
          identifiers: [{ scheme: 'PNC', value }],
        })
      ).person!.id;
    const [first, second, third] = [await record('93/11111A'), await record('93/22222B'), await record('93/33333C')];
    const merge = async (survivorId: string, duplicateId: string) => {
      const res = await hub.gql<{ mergePeople: { id: string } }>(
        MERGE,
        { input: { survivorId, duplicateId, reason: 'Same person' } },
        probation,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.mergePeople.id;
    };
    const shownAs = async (id: string) => {
      const res = await hub.gql<{ person: { id: string; identifiers: { value: string }[] } }>(PERSON, { id }, probation);
      return { id: res.data!.person.id, pnc: res.data!.person.identifiers.map((i) => i.value).sort() };
    };
    await merge(second, first);
    const secondIntoThird = await merge(third, second);
    expect(await shownAs(first)).toEqual({ id: third, pnc: ['93/11111A', '93/22222B', '93/33333C'] });
    expect((await hub.gql(UNMERGE, { input: { mergeId: secondIntoThird, reason: 'Merged in error' } }, probation)).errors).toBeUndefined();
    // The first record was merged into the second before: it goes back with it, not left with the third.
    expect(await shownAs(first)).toEqual({ id: second, pnc: ['93/11111A', '93/22222B'] });
    expect(await shownAs(third)).toEqual({ id: third, pnc: ['93/33333C'] });
    // The events name the records that moved along, for integrators that keep the mapping flat.
    const told: { type: string; payload: Record<string, unknown> }[] = await hub.db.query(
      `SELECT type, payload FROM outbox_event WHERE type IN ('person.merged', 'person.unmerged') AND payload->>'mergedId' IN ($1, $2) ORDER BY id`,
      [first, second],
    );
    expect(told).toEqual([
      { type: 'person.merged', payload: expect.objectContaining({ mergedId: first, withRecords: [] }) },
      { type: 'person.merged', payload: expect.objectContaining({ mergedId: second, withRecords: [first] }) },
      { type: 'person.unmerged', payload: expect.objectContaining({ mergeId: secondIntoThird, mergedId: second, withRecords: [first] }) },
    ]);
  });

  it('logs interventions; a job start opens a 13-week sustainment window', async () => {
    const id = (await create({ givenName: 'Lee', familyName: 'Carter', dateOfBirth: '1985-05-05' })).person!.id;
    const log = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id typeCode dataCategory status outcome { ... on JobOutcome { employer sector hoursPerWeek startDate } } } }`;
    const cv = await hub.gql(
      log,
      { input: { personId: id, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: '2026-10-01T10:00:00Z' } },
      probation,
    );
    expect(cv.errors).toBeUndefined();
    const noJob = await hub.gql(
      log,
      { input: { personId: id, typeCode: 'job_start', status: 'COMPLETED', occurredAt: '2026-10-20T10:00:00Z' } },
      probation,
    );
    expect(noJob.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const job = await hub.gql(
      log,
      {
        input: {
          personId: id,
          typeCode: 'job_start',
          status: 'COMPLETED',
          occurredAt: '2026-10-20T10:00:00Z',
          job: { employer: 'Northway Construction', sector: 'Construction', hoursPerWeek: 37, startDate: '2026-10-20' },
        },
      },
      probation,
    );
    expect(job.errors).toBeUndefined();
    const page = await hub.gql<{
      person: {
        interventions: { edges: { node: { typeCode: string; type: { name: string }; organisation: { name: string } } }[] };
        sustainments: { dueOn: string; status: string }[];
        timeline: { kind: string }[];
      };
    }>(
      `query($id: ID!) { person(id: $id) { interventions { edges { node { typeCode type { name } organisation { name } } } } sustainments { dueOn status } timeline { kind summary } } }`,
      { id },
      probation,
    );
    expect(page.errors).toBeUndefined();
    expect(page.data!.person.interventions.edges.map((e) => e.node.typeCode)).toEqual(['job_start', 'cv_cover_letter']);
    expect(page.data!.person.interventions.edges[0].node).toMatchObject({
      type: { name: 'Job start' },
      organisation: { name: 'North West Probation Region' },
    });
    expect(page.data!.person.sustainments).toEqual([{ dueOn: '2027-01-19', status: 'OPEN' }]);
    expect(page.data!.person.timeline.filter((t) => t.kind === 'INTERVENTION')).toHaveLength(2);
  });
});
