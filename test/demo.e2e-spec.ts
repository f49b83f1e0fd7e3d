import { sqlStatementCount } from '../libs/database/src/query-counter.js';
import { startTestHub, type TestHub } from './support/hub.js';

describe('the demo world', () => {
  let hub: TestHub;
  beforeAll(async () => {
    // Lists that are not pages count at their maximum in the query cost: a smaller maximum lets a page of people hold more of them.
    hub = await startTestHub({ SEED_DEMO_PEOPLE: 'true', WORKER_MODE: 'off', LIST_PER_PERSON_MAX: '10' });
  });
  afterAll(() => hub.close());

  const FIND = `query($q: String) { people(search: $q, first: 5) { edges { node { id givenName offenceSummary withheldFields
    interventions { edges { node { typeCode } } } sustainments { status } } } } }`;
  interface Found {
    people: {
      edges: {
        node: {
          id: string;
          givenName: string;
          offenceSummary: string | null;
          withheldFields: string[];
          interventions: { edges: { node: { typeCode: string } }[] };
          sustainments: { status: string }[];
        };
      }[];
    };
  }

  async function find(who: string, q: string) {
    const res = await hub.gql<Found>(FIND, { q }, await hub.tokenFor(who));
    expect(res.errors).toBeUndefined();
    return res.data!.people.edges.map((e) => e.node);
  }

  it('has a few dozen people for probation, fewer for each partner', async () => {
    const count = async (who: string) => {
      let total = 0;
      let after: string | null = null;
      do {
        const res: { data?: { people: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } =
          await hub.gql(
            `query($after: String) { people(first: 20, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
            { after },
            await hub.tokenFor(who),
          );
        total += res.data!.people.edges.length;
        after = res.data!.people.pageInfo.hasNextPage ? res.data!.people.pageInfo.endCursor : null;
      } while (after);
      return total;
    };
    expect(await count('probation.officer')).toBe(34);
    const housing = await count('housing.worker');
    const employer = await count('employer');
    expect(housing).toBeGreaterThan(5);
    expect(housing).toBeLessThan(34);
    expect(employer).toBeGreaterThan(3);
    expect(employer).toBeLessThan(housing + 34);
  });

  it("Tony's CSCS card and labouring job: the employer sees the job and its sustainment, never the offence", async () => {
    const [asEmployer] = await find('employer', 'Tony Hargreaves');
    expect(asEmployer.offenceSummary).toBeNull();
    expect(asEmployer.withheldFields).toContain('offenceSummary');
    expect(asEmployer.interventions.edges.map((e) => e.node.typeCode).sort()).toEqual(['in_work_support', 'job_start']);
    expect(asEmployer.sustainments).toEqual([{ status: 'SUSTAINED' }]);
    const [asProbation] = await find('probation.officer', 'Tony Hargreaves');
    expect(asProbation.offenceSummary).toMatch(/Assault/);
    expect(asProbation.interventions.edges.map((e) => e.node.typeCode)).toContain('training_cscs');
  });

  it("Carl's housing caseworker sees the accommodation work but not his ETE record or offence", async () => {
    const [asHousing] = await find('housing.worker', 'Carl Bennett');
    expect(asHousing.offenceSummary).toBeNull();
    expect(asHousing.interventions.edges.map((e) => e.node.typeCode)).toEqual(['accommodation_support']);
  });

  it('a page of people with their interventions, consents, sustainments, history and involvements costs the same statements for 2 or 6 people (with the lists of a person counted at LIST_PER_PERSON_MAX = 10, 6 such people are about the most the query cost limit lets one page hold)', async () => {
    const token = await hub.tokenFor('probation.officer');
    const query = `query($n: Int) { people(first: $n) { edges { node { id givenName
      interventions(first: 10) { edges { node { typeCode type { name } organisation { name } } } }
      consents { purpose } sustainments { status } history(first: 5) { edges { node { action } } } involvements { role } } } } }`;
    const cost = async (n: number) => {
      const before = sqlStatementCount().statements;
      const res = await hub.gql<{ people: { edges: unknown[] } }>(query, { n }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.people.edges).toHaveLength(n);
      return sqlStatementCount().statements - before;
    };
    const three = await cost(2);
    const nine = await cost(6);
    expect(nine).toBe(three);
  });
});
