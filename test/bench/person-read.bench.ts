import { AuditService } from '@hub/audit';
import { startTestHub, type TestHub } from '../support/hub.js';
import { finishResults, recordResult, startResults } from './results.js';

/**
 * Person-read throughput with the audit on, as a ratio to the audit off, measured in the same run
 * on the same hub: "off" replaces the audit write of reads with nothing (reads are still collected), rounds
 * alternate on/off so that warm-up and drift hit both alike. Goal: ratio >= 0.8.
 */
const PEOPLE = 40;
const ROUNDS = 4;
const REQUESTS = 150;
const CONCURRENCY = 8;

describe('bench: person reads with and without the audit', () => {
  let hub: TestHub;
  let token: string;
  const ids: string[] = [];
  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO: 'true' });
    token = await hub.tokenFor('probation.officer');
    for (let i = 0; i < PEOPLE; i++) {
      const res = await hub.gql<{ createPerson: { person: { id: string } } }>(
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        {
          input: {
            givenName: `Bench${i}`,
            familyName: 'Reader',
            dateOfBirth: '1990-01-01',
            identifiers: [],
            confirmNew: true,
            offenceSummary: 'Theft',
          },
        },
        token,
      );
      ids.push(res.data!.createPerson.person.id);
    }
  }, 120_000);
  afterAll(() => hub.close());

  async function round(): Promise<number> {
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const id = ids[next++ % ids.length];
          const res = await hub.gql(
            `query($id: ID!) { person(id: $id) { givenName familyName offenceSummary interventions { edges { node { id } } } } }`,
            { id },
            token,
          );
          if (res.errors) throw new Error(JSON.stringify(res.errors));
        }
      }),
    );
    return REQUESTS / (Number(process.hrtime.bigint() - started) / 1e9);
  }

  it('reports the ratio', async () => {
    const audit = hub.app.get(AuditService);
    const append = audit.appendReads.bind(audit);
    await round(); // warm-up
    const on: number[] = [];
    const off: number[] = [];
    const [before] = await hub.db.query('SELECT count(*)::int AS n FROM audit_event');
    for (let r = 0; r < ROUNDS; r++) {
      audit.appendReads = append;
      on.push(await round());
      audit.appendReads = async () => undefined;
      off.push(await round());
    }
    audit.appendReads = append;
    const [after] = await hub.db.query('SELECT count(*)::int AS n FROM audit_event');
    // Every audited read wrote its event (warm-up included).
    expect(after.n - before.n).toBe(REQUESTS * ROUNDS);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ratio = median(on) / median(off);
    const line = `person reads/s: audit on ${median(on).toFixed(0)}, audit off ${median(off).toFixed(0)}; ratio ${ratio.toFixed(2)} (goal >= 0.8; ${ROUNDS} alternating rounds of ${REQUESTS} reads, ${CONCURRENCY} concurrent)`;
    console.log(line);
    startResults('person-read', { people: PEOPLE, rounds: ROUNDS, requests: REQUESTS, concurrency: CONCURRENCY });
    recordResult(line, { auditOnRps: median(on), auditOffRps: median(off), ratio });
    finishResults();
    expect(ratio).toBeGreaterThan(0);
  }, 300_000);
});
