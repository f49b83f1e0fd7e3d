import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { COHORTS, loadCohort, oracle, REFERENCES } from './support/reoffending-cohort.js';
import { apiClientToken, startTestHub, type TestHub } from './support/hub.js';

const run = promisify(execFile);

/** Reads the pack's CSV into rows keyed by its header. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\r\n');
  const cols = header.split(',');
  const cells = (line: string) =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
  return lines.filter(Boolean).map((l) => Object.fromEntries(cells(l).map((c, i) => [cols[i], c])));
}

/** `npm run cli -- report evaluation`: the evaluation's tables as CSV and one HTML page, from the hub's reports, under disclosure control. */
describe('the evaluation pack (CLI)', () => {
  let hub: TestHub;
  const FROM = '2023-01-01';
  const TO = '2024-01-01';

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off' });
    await loadCohort(hub, await apiClientToken(hub, 'probation.admin', 'Evaluation loader'), 600, 2021);
  });
  afterAll(() => hub.close());

  const cli = async (args: string[]) => {
    const out = await mkdtemp(join(tmpdir(), 'evaluation-'));
    const res = await run(
      'node',
      ['dist/apps/cli/src/main.js', 'report', 'evaluation', '--from', FROM, '--to', TO, '--out', out, ...args],
      {
        env: { ...process.env, DATABASE_URL: hub.databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'silent' },
      },
    );
    const written = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { csv: string; html: string };
    return { csv: parseCsv(await readFile(written.csv, 'utf8')), html: await readFile(written.html, 'utf8') };
  };

  it('writes the funnel, the three reoffending rows under both reference dates (each the SQL recomputation), and the funnel by region', async () => {
    const { csv, html } = await cli(['--as', 'commissioner@demo.rehab-hub.example', '--as-of', '2026-11-30']);
    const [{ took_up }] = await hub.db.query(
      `SELECT count(*)::int AS took_up FROM (SELECT i.person_id, min((i.occurred_at AT TIME ZONE 'Europe/London')::date) AS d FROM intervention i
        WHERE i.data_category IN ('ete', 'employment') AND i.status IN ('started', 'completed') GROUP BY 1) x WHERE d >= $1 AND d < $2`,
      [FROM, TO],
    );
    expect(csv.find((r) => r.table === 'funnel' && r.step_or_cohort === 'took_up')!.people).toBe(String(took_up));
    for (const cohort of COHORTS)
      for (const reference of REFERENCES) {
        const want = await oracle(hub.db, { cohort, reference, from: FROM, to: TO, asOf: '2026-11-30' });
        const row = csv.find(
          (r) => r.table === 'reoffending' && r.step_or_cohort === cohort.toLowerCase() && r.reference === reference.toLowerCase(),
        )!;
        expect([row.people, row.actual_rate, row.predicted_rate]).toEqual([
          String(want.row.cohortSize),
          String(want.row.actualRate),
          String(want.row.predictedRate),
        ]);
      }
    // The regions' cells add up to the step (the cohort's two regions; nothing suppressed at this size).
    const regions = csv.filter((r) => r.table === 'region' && r.step_or_cohort === 'took_up');
    expect(regions.map((r) => r.key).sort()).toEqual(['greater_manchester', 'north_west']);
    expect(regions.reduce((sum, r) => sum + Number(r.people), 0)).toBe(took_up);
    expect(csv.find((r) => r.table === 'sector' && r.key === 'construction')).toBeDefined();
    expect(html).toContain('<svg');
    expect(html).toContain('One-year proven reoffending');
    expect(html).toContain(`Follow-up judged as at 2026-11-30`);
    // Each report it is made of is recorded, as the commissioner's.
    const runs = await hub.db.query(`SELECT DISTINCT payload->>'report' AS report FROM outbox_event WHERE type = 'report.run' ORDER BY 1`);
    expect(runs.map((r: { report: string }) => r.report)).toEqual(['ete_funnel', 'ete_funnel_by_region', 'reoffending']);
  });

  it('applies disclosure control: under a high threshold small figures are suppressed in the CSV and the page', async () => {
    const { csv, html } = await cli(['--as', 'commissioner@demo.rehab-hub.example', '--threshold', '100']);
    const suppressed = csv.filter((r) => r.suppressed === 'true');
    expect(suppressed.length).toBeGreaterThan(0);
    // A suppressed count is empty; a reoffending row is suppressed by its rates (its size may still be shown).
    for (const r of suppressed)
      expect(r.table === 'reoffending' ? [r.actual_rate, r.predicted_rate] : [r.people]).toEqual(
        r.table === 'reoffending' ? ['', ''] : [''],
      );
    expect(html).toContain('suppressed');
  });

  it('refuses a future as-of date and a user who may not run reports', async () => {
    const future = `${new Date().getUTCFullYear() + 1}-06-30`;
    const refused = await cli(['--as', 'commissioner@demo.rehab-hub.example', '--as-of', future]).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(refused).toMatchObject({ code: 1 });
    expect(refused!.stderr).toMatch(/asOf must not be after today/);
    const caseworker = await cli(['--as', 'probation.officer@demo.rehab-hub.example']).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(caseworker).toMatchObject({ code: 1 });
  });
});
