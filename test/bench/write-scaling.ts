/**
 * h: write scaling. A probation caseworker logs interventions (`logIntervention`, audited, with its
 * outbox event) for the people of their caseload, at 1, 4, 16 and 64 connections: first with the hub
 * straight on PostgreSQL, then with PostgreSQL one network hop away (a TCP proxy, db-proxy.ts, holding
 * every byte 1 ms each way; the hub's DATABASE_URL points at it). A write that serialises on something
 * shared (a lock held for the rest of a transaction) stops scaling with connections once each
 * transaction lasts several round trips, which is what the proxy makes visible. During the 16-connection
 * phases, pg_stat_activity is sampled for backends waiting on an advisory lock. Then a second hub
 * process on the same proxy: writes with two processes against one, the same connections in both.
 * The writes go to a copy of the first population's database (dropped afterwards), so the other
 * benchmarks read the data they were generated with.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { adminQuery, dbUrl, env, fmt, gql, log, login, result, SEED, type Server, startHub } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = [1, 4, 16, 64];
const SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 5);
const DELAY_MS = 1;
const LOG = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
/** Goals: 64 connections through the proxy write at least this many times what one does; no backend waits on an advisory lock. */
const SCALING_GOAL = 8;

interface Proxy {
  port: number;
  stop(): Promise<void>;
}

/** db-proxy.js as a child process, in front of the PostgreSQL at `upstream`. */
async function startProxy(upstream: URL): Promise<Proxy> {
  const child: ChildProcess = spawn(process.execPath, [join(here, 'db-proxy.js')], {
    env: { ...process.env, UPSTREAM_HOST: upstream.hostname, UPSTREAM_PORT: upstream.port || '5432', DELAY_MS: String(DELAY_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) res(Number(m[1]));
    });
    child.once('exit', (code) => rej(new Error(`db-proxy exited (${code})`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) {
          res();
          return;
        }
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}

interface Req {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface Run {
  rps: number;
  errors: number;
}

/** `connections` clients writing for `seconds`; each client starts at a different person, so they do not write for the same one in step. */
async function writes(hubs: { url: string; requests: Req[] }[], connections: number, seconds: number): Promise<Run> {
  const per = Math.max(1, Math.floor(connections / hubs.length));
  const runs = await Promise.all(
    hubs.map(({ url, requests }) => {
      let client = 0;
      return autocannon({
        url,
        requests,
        connections: per,
        duration: seconds,
        setupClient: (c: { setRequests(r: Req[]): void }) => {
          const k = (client++ * 7) % requests.length;
          c.setRequests([...requests.slice(k), ...requests.slice(0, k)]);
        },
      }) as Promise<{ requests: { average: number }; errors: number; timeouts: number; non2xx: number }>;
    }),
  );
  return { rps: runs.reduce((n, r) => n + r.requests.average, 0), errors: runs.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0) };
}

/** Backends of `database` waiting on an advisory lock, sampled every 250 ms until stopped: the largest count seen, and the samples taken. */
function advisoryWaits(pool: pg.Pool, database: string): { stop(): Promise<{ max: number; samples: number; waiting: number }> } {
  let max = 0;
  let samples = 0;
  let waiting = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
        [database],
      );
      samples++;
      waiting += rows[0].n;
      max = Math.max(max, rows[0].n);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { max, samples, waiting };
    },
  };
}

interface Series {
  rps: number[];
  errors: number;
  waits: { max: number; samples: number; waiting: number };
}

/** The write requests of the probation caseworker of the first organisation, one per person of their first page. */
async function writeRequests(hub: Server): Promise<Req[]> {
  const token = await login(hub, `s${SEED}.org0.caseworker@gen.rehab-hub.example`);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const people = (await gql(hub, token, `{ people(first: 50) { edges { node { id } } } }`)).people.edges.map(
    (e: { node: { id: string } }) => e.node.id,
  ) as string[];
  if (people.length < 20) throw new Error(`the writing caseworker sees ${people.length} people`);
  const requests: Req[] = people.map((id) => ({
    method: 'POST',
    path: '/graphql',
    headers,
    body: JSON.stringify({
      query: LOG,
      variables: {
        input: { personId: id, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: new Date().toISOString(), notes: 'bench h' },
      },
    }),
  }));
  // The write must succeed before it is measured, or every request would count as an error.
  await gql(hub, token, LOG, JSON.parse(requests[0].body).variables);
  return requests;
}

async function series(hub: Server, requests: Req[], admin: pg.Pool, database: string): Promise<Series> {
  await writes([{ url: hub.url, requests }], 16, 3); // warm-up
  const rps: number[] = [];
  let errors = 0;
  let waits = { max: 0, samples: 0, waiting: 0 };
  for (const connections of CONNECTIONS) {
    const sampler = connections === 16 ? advisoryWaits(admin, database) : null;
    const r = await writes([{ url: hub.url, requests }], connections, SECONDS);
    if (sampler) waits = await sampler.stop();
    rps.push(r.rps);
    errors += r.errors;
    log(`${connections} connections: ${fmt(r.rps, 0)} writes/s, ${r.errors} errors`);
  }
  return { rps, errors, waits };
}

/** `source`: the database of the first population (copied: no connection to it may be open). */
export async function writeScaling(source: string): Promise<void> {
  const name = `rehab_bench_writes_p${env.people}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${source} STRATEGY FILE_COPY`);
  const url = dbUrl(name);
  const proxy = await startProxy(new URL(url));
  const viaProxy = new URL(url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const running: Server[] = [];
  try {
    const line = (s: Series) => CONNECTIONS.map((c, k) => `${c}: ${fmt(s.rps[k], 0)}`).join(', ');
    log(`write scaling: hub straight on PostgreSQL, ${CONNECTIONS.join('/')} connections, ${SECONDS} s each`);
    let hub = await startHub(url);
    running.push(hub);
    const direct = await series(hub, await writeRequests(hub), admin, name);
    await hub.stop();
    running.pop();

    log(`write scaling: through the ${DELAY_MS} ms proxy`);
    hub = await startHub(viaProxy.toString());
    running.push(hub);
    const requests = await writeRequests(hub);
    const proxied = await series(hub, requests, admin, name);
    const scaling = proxied.rps[3] / proxied.rps[0];
    const scaled = scaling >= SCALING_GOAL;
    const noWaits = proxied.waits.max === 0 && direct.waits.max === 0;
    result(
      `h. write scaling (logIntervention as a probation caseworker, ${env.people} people), writes/s by connections: straight to PostgreSQL ${line(direct)}; ` +
        `through a ${DELAY_MS} ms proxy ${line(proxied)}; 64 ÷ 1 through the proxy = ${fmt(scaling, 1)}x (goal >= ${SCALING_GOAL}: ${scaled ? 'met' : 'NOT MET'}); ` +
        `errors ${direct.errors + proxied.errors}`,
      {
        ...Object.fromEntries(CONNECTIONS.map((c, k) => [`direct${c}Rps`, direct.rps[k]])),
        ...Object.fromEntries(CONNECTIONS.map((c, k) => [`proxy${c}Rps`, proxied.rps[k]])),
        proxyScaling: scaling,
        scalingGoalMet: scaled ? 1 : 0,
        errors: direct.errors + proxied.errors,
      },
    );
    result(
      `h. backends waiting on an advisory lock during the 16-connection writes (pg_stat_activity every 250 ms): at most ${direct.waits.max} ` +
        `(${direct.waits.samples} samples) straight to PostgreSQL, at most ${proxied.waits.max} (${proxied.waits.samples} samples, mean ` +
        `${fmt(proxied.waits.waiting / Math.max(1, proxied.waits.samples), 1)}) through the proxy ` +
        `(goal 0: ${noWaits ? 'met' : 'NOT MET'})`,
      {
        directMaxAdvisoryWaits: direct.waits.max,
        directSamples: direct.waits.samples,
        proxyMaxAdvisoryWaits: proxied.waits.max,
        proxyMeanAdvisoryWaits: proxied.waits.waiting / Math.max(1, proxied.waits.samples),
        proxySamples: proxied.waits.samples,
        advisoryGoalMet: noWaits ? 1 : 0,
      },
    );

    // Two hub processes on the same proxied PostgreSQL: 64 connections on one, then 32 on each, then one again.
    log('write scaling: a second hub process on the same proxy');
    const second = await startHub(viaProxy.toString());
    running.push(second);
    const both = [
      { url: hub.url, requests },
      { url: second.url, requests: await writeRequests(second) },
    ];
    await writes([both[1]], 16, 3); // warm-up of the second
    const one1 = await writes([both[0]], 64, SECONDS);
    const two = await writes(both, 64, SECONDS);
    const one2 = await writes([both[0]], 64, SECONDS);
    const one = (one1.rps + one2.rps) / 2;
    result(
      `h. two hub processes through the ${DELAY_MS} ms proxy, writes only, 64 connections: one process ${fmt(one, 0)} writes/s, two ${fmt(two.rps, 0)} writes/s = ${fmt(two.rps / one)}x ` +
        `(reported only); errors ${one1.errors + two.errors + one2.errors}`,
      { oneProcessRps: one, twoProcessesRps: two.rps, ratio: two.rps / one, errors: one1.errors + two.errors + one2.errors },
    );
  } finally {
    await Promise.all(running.map((s) => s.stop()));
    await admin.end();
    await proxy.stop();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  }
}
