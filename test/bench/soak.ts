/**
 * `npm run soak`: the hub under a steady mixed load at about 70% of its measured maximum for
 * SOAK_MINUTES (default 10), on a generated population. Reads (person pages and name searches) and
 * writes (logIntervention) run together at fixed rates; every minute prints throughput, p99 latency,
 * errors and the hub's resident memory. Fails (exit 1) on any error, or when p99 or memory drift:
 * the last window's p99 more than SOAK_P99_DRIFT (1.5) times the first's, memory more than
 * SOAK_RSS_DRIFT (1.25) times. A longer form than CI runs; SOAK_MINUTES=1 for a quick look.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import pg from 'pg';
import { env, fmt, gql, log, login, median, populatedDatabase, result, rssSampler, SEED, startHub, stopPostgres } from './lib.js';
import { benchSettings, finishResults, startResults } from './results.js';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const share = Number(process.env.SOAK_SHARE ?? 0.7);
const p99Drift = Number(process.env.SOAK_P99_DRIFT ?? 1.5);
const rssDrift = Number(process.env.SOAK_RSS_DRIFT ?? 1.25);

const PAGE = `query($id: ID!) { person(id: $id) { id givenName familyName stage withheldFields
  interventions(first: 20) { edges { node { id typeCode status occurredAt dataCategory } } } consents { id purpose status } } }`;
const SEARCH = `query($search: String) { people(first: 20, search: $search) { edges { node { id givenName familyName } } } }`;
const LOG = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
const TERMS = ['smith', 'patel', 'taylor', 'jones', 'khan', 'walker'];

interface Window {
  rps: number;
  p99: number;
  errors: number;
}

interface Req {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

function run(url: string, requests: Req[], rate: number | undefined, seconds: number): Promise<Window> {
  return autocannon({
    url,
    requests,
    connections: env.connections,
    duration: seconds,
    ...(rate ? { overallRate: Math.max(1, Math.round(rate)) } : {}),
  }).then((r: { requests: { average: number }; latency: { p99: number }; errors: number; timeouts: number; non2xx: number }) => ({
    rps: r.requests.average,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  }));
}

async function main(): Promise<void> {
  log(`results: ${startResults('soak', benchSettings({ ...env }))}`);
  const db = await populatedDatabase(env.people);
  const hub = await startHub(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  try {
    const email = `s${SEED}.org0.caseworker@gen.rehab-hub.example`;
    const token = await login(hub, email);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const people = (await gql(hub, token, `{ people(first: 50) { edges { node { id } } } }`)).people.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    ) as string[];
    if (people.length === 0) throw new Error('the soak actor sees nobody');
    const reads: Req[] = people.flatMap((id, k) => [
      { method: 'POST', path: '/graphql', headers, body: JSON.stringify({ query: PAGE, variables: { id } }) },
      {
        method: 'POST',
        path: '/graphql',
        headers,
        body: JSON.stringify({ query: SEARCH, variables: { search: TERMS[k % TERMS.length] } }),
      },
    ]);
    const writes: Req[] = people.map((id) => ({
      method: 'POST',
      path: '/graphql',
      headers,
      body: JSON.stringify({
        query: LOG,
        variables: {
          input: { personId: id, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: new Date().toISOString(), notes: 'soak' },
        },
      }),
    }));
    // The write must succeed before the soak, or every write would count as an error.
    await gql(hub, token, LOG, JSON.parse(writes[0].body).variables);

    log('measuring the maximum (reads and writes, 9:1, 15 s)');
    await run(hub.url, reads, undefined, 5);
    const [maxReads, maxWrites] = await Promise.all([run(hub.url, reads, undefined, 15), run(hub.url, writes, undefined, 15)]);
    const readRate = maxReads.rps * share;
    const writeRate = Math.min(maxWrites.rps, maxReads.rps / 9) * share;
    result(
      `soak: maximum ${fmt(maxReads.rps, 0)} reads/s with ${fmt(maxWrites.rps, 0)} writes/s alongside; soaking at ${fmt(readRate, 0)} reads/s + ${fmt(writeRate, 0)} writes/s (${share * 100}%) for ${minutes} min`,
    );

    const windows: { reads: Window; writes: Window; rss: number }[] = [];
    for (let m = 0; m < minutes; m++) {
      const rss = rssSampler(hub.pid);
      const [r, w] = await Promise.all([run(hub.url, reads, readRate, 60), run(hub.url, writes, writeRate, 60)]);
      const peak = rss.stop();
      windows.push({ reads: r, writes: w, rss: peak });
      result(
        `  minute ${m + 1}: reads ${fmt(r.rps, 0)}/s p99 ${r.p99} ms, writes ${fmt(w.rps, 0)}/s p99 ${w.p99} ms, errors ${r.errors + w.errors}, hub RSS ${fmt(peak, 0)} MB`,
      );
    }
    const interventions = (await pool.query(`SELECT count(*)::int AS n FROM intervention WHERE notes = 'soak'`)).rows[0].n as number;
    const errors = windows.reduce((n, w) => n + w.reads.errors + w.writes.errors, 0);
    const first = windows[0];
    const last = windows.at(-1)!;
    const p99Ratio = last.reads.p99 / Math.max(1, first.reads.p99);
    const rssRatio = last.rss / first.rss;
    result(
      `soak: ${minutes} min, ${errors} errors, ${interventions} interventions written; read p99 first ${first.reads.p99} ms, median ${median(windows.map((w) => w.reads.p99))} ms, last ${last.reads.p99} ms ` +
        `(${fmt(p99Ratio)}x, limit ${p99Drift}); RSS first ${fmt(first.rss, 0)} MB, last ${fmt(last.rss, 0)} MB (${fmt(rssRatio)}x, limit ${rssDrift})`,
      {
        minutes,
        errors,
        interventions,
        firstP99Ms: first.reads.p99,
        lastP99Ms: last.reads.p99,
        p99Ratio,
        firstRssMb: first.rss,
        lastRssMb: last.rss,
        rssRatio,
      },
    );
    if (errors > 0 || p99Ratio > p99Drift || rssRatio > rssDrift) {
      result('soak: FAILED');
      process.exitCode = 1;
    } else {
      result('soak: passed');
    }
  } finally {
    await pool.end();
    await hub.stop();
  }
  finishResults();
}

main().then(
  () => stopPostgres().then(() => process.exit(process.exitCode ?? 0)),
  (err: unknown) => {
    console.error(err);
    void stopPostgres().then(() => process.exit(1));
  },
);
