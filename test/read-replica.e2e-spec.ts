import { ReadReplica } from '../libs/database/src/read-replica.service.js';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * DATABASE_READ_URL: aggregate reports read through a separate, read-only pool (here on the test
 * database itself, standing in for a streaming replica); everything else stays on the primary.
 */
describe('read replica for reports', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ DATABASE_READ_URL: 'same', SEED_DEMO_PEOPLE: 'true', WORKER_MODE: 'off' });
  });
  afterAll(() => hub?.close());

  const readSessions = async () =>
    Number(
      (
        await hub.db.query(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'rehab-hub-read'`,
        )
      )[0].n,
    );

  it('answers the funnel and the reoffending analysis through the replica pool', async () => {
    expect(await readSessions()).toBe(0);
    const token = await hub.tokenFor('hub.admin');
    const funnel = await hub.gql<{ eteFunnel: { steps: { step: string; people: number | null }[] } }>(
      `query($input: ReportFilterInput!) { eteFunnel(input: $input) { steps { step people } } }`,
      { input: { from: '2020-01-01', to: '2030-01-01' } },
      token,
    );
    expect(funnel.errors).toBeUndefined();
    expect(funnel.data!.eteFunnel.steps.length).toBeGreaterThan(0);
    expect(await readSessions()).toBeGreaterThan(0);
    const reoffending = await hub.gql<{ reoffendingAnalysis: { cohortSize: number | null } }>(
      `query($input: ReoffendingInput!) { reoffendingAnalysis(input: $input) { cohortSize } }`,
      { input: { from: '2020-01-01', to: '2030-01-01', cohort: 'ETE_SUPPORT' } },
      token,
    );
    expect(reoffending.errors).toBeUndefined();
    expect(reoffending.data!.reoffendingAnalysis).toHaveProperty('cohortSize');
  });

  it('keeps the replica read-only: a write sent there by mistake fails and changes nothing', async () => {
    const replica = hub.app.get(ReadReplica);
    expect(replica.separate).toBe(true);
    const before = Number((await hub.db.query(`SELECT count(*) AS n FROM organisation`))[0].n);
    await expect(replica.query(`INSERT INTO organisation (name, kind, version) VALUES ('never', 'charity', 1)`)).rejects.toThrow(
      /read-only/,
    );
    await expect(replica.snapshot((q) => q(`DELETE FROM organisation`))).rejects.toThrow(/read-only/);
    expect(Number((await hub.db.query(`SELECT count(*) AS n FROM organisation`))[0].n)).toBe(before);
  });
});
