/**
 * `npm run scale-out`: two hub processes and two workers against one PostgreSQL and one Redis (the
 * machine's, or an embedded PostgreSQL and REDIS_URL), on a fresh database with the demo world.
 * Shows, in its output:
 *   1. person-page throughput with one hub process, then with two (the same clients alternating
 *      between them), so the gain from a second process is measured in the same run;
 *   2. SCALE_EVENTS triggering events sent to both hubs (some people twice at the same moment) make
 *      exactly one referral per person with consent, each decided once;
 *   3. the receiving organisation's webhook gets each event once per event id;
 *   4. a graphql-ws subscriber on each hub hears every referral, whichever process made it.
 * Exit code 1 if any count is wrong.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { DEMO_DOMAIN } from '../../libs/demo/src/demo-world.js';
import { spawnWorker } from '../support/processes.js';
import {
  adminQuery,
  dbUrl,
  env,
  fmt,
  load,
  log,
  postgresAdminUrl,
  result,
  seedDemoDatabase,
  type Server,
  startHub,
  stopPostgres,
} from './lib.js';
import { benchSettings, finishResults, startResults } from './results.js';

const EVENTS = Number(process.env.SCALE_EVENTS ?? 400);
const SECONDS = Number(process.env.SCALE_SECONDS ?? 10);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'Scale-Out-Demo-1';
const HOUSING = 'Safe Harbour Housing Trust';

const PAGE = `query($id: ID!) { person(id: $id) { id givenName familyName stage withheldFields
  interventions(first: 20) { edges { node { id typeCode status occurredAt dataCategory } } } consents { id purpose status } } }`;

async function login(hub: Server, who: string): Promise<string> {
  const r = await fetch(`${hub.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${who}@${DEMO_DOMAIN}`, password: PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${who}: ${r.status}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

async function gql<T>(hub: Server, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: T; errors?: unknown[] };
  if (r.status !== 200 || body.errors) throw new Error(`${hub.url}: ${r.status} ${JSON.stringify(body).slice(0, 400)}`);
  return body.data!;
}

async function inParallel<T>(items: T[], n: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

async function until(what: string, probe: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  log(`results: ${startResults('scale-out', benchSettings({ ...env }))}`);
  await postgresAdminUrl();
  const name = 'rehab_scale_out';
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  // As in production: every process shares one data encryption key (webhook signing secrets at rest).
  const base = {
    DATABASE_URL: url,
    DEMO_PASSWORD: PASSWORD,
    REDIS_URL,
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    WORKER_MODE: 'off',
    DATABASE_POOL_SIZE: '10',
    WORKER_POLL_INTERVAL_MS: '200',
    SEED_DEMO_PEOPLE: 'true',
    // The webhook receiver is a plain http server on this machine, which production refuses by default.
    WEBHOOK_URL_POLICY: 'any',
  };
  const processes: { stop(): Promise<void> }[] = [];
  const db = new pg.Pool({ connectionString: url, max: 3 });
  let failed = false;
  const check = (ok: boolean, line: string) => {
    result(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
    if (!ok) failed = true;
  };
  try {
    // The hubs run as in production (startHub), which refuses SEED_DEMO: the demo world is seeded with the CLI first.
    log('seeding the demo world with the CLI, then starting two hubs and two workers');
    await seedDemoDatabase(url, { DEMO_PASSWORD: PASSWORD, SEED_DEMO_PEOPLE: 'true' });
    const hub1 = await startHub(url, base);
    processes.push(hub1);
    const [hub2, w1, w2] = await Promise.all([startHub(url, base), spawnWorker(base), spawnWorker(base)]);
    processes.push(hub2, w1, w2);
    const hubs = [hub1, hub2];
    result(`# scale-out: 2 hub processes (WORKER_MODE=off) + 2 workers, PostgreSQL ${new URL(url).host}, Redis ${new URL(REDIS_URL).host}`);

    // 1. Throughput: one process, then two, with the same number of clients.
    const officer = await Promise.all(hubs.map((h) => login(h, 'probation.officer')));
    const person = (
      await db.query(`SELECT p.id FROM person p JOIN involvement i ON i.person_id = p.id JOIN organisation o ON o.id = i.organisation_id
      WHERE o.kind = 'probation' AND i.role = 'lead' ORDER BY (SELECT count(*) FROM intervention x WHERE x.person_id = p.id) DESC LIMIT 1`)
    ).rows[0].id as string;
    await gql(hub1, officer[0], PAGE, { id: person });
    const body = JSON.stringify({ query: PAGE, variables: { id: person } });
    const half = Math.max(1, Math.floor(env.connections / 2));
    const one = async () => (await load(hub1.url, '/graphql', body, { authorization: `Bearer ${officer[0]}` }, SECONDS)).rps;
    const two = async () =>
      (
        await Promise.all(hubs.map((h, k) => load(h.url, '/graphql', body, { authorization: `Bearer ${officer[k]}` }, SECONDS, half)))
      ).reduce((n, x) => n + x.rps, 0);
    await one();
    await two();
    const rps1 = await one();
    const rps2 = await two();
    result(
      `person page throughput: 1 hub process ${fmt(rps1, 0)} req/s, 2 hub processes ${fmt(rps2, 0)} req/s = ${fmt(rps2 / rps1)}x (${env.connections} clients in both)`,
      { oneProcessRps: rps1, twoProcessesRps: rps2, ratio: rps2 / rps1 },
    );

    // 3 and 4: a webhook receiver and a subscriber on each hub, for the receiving organisation.
    const housing = (await db.query(`SELECT id FROM organisation WHERE name = $1`, [HOUSING])).rows[0].id as string;
    await db.query(`UPDATE organisation SET capacity = NULL WHERE id = $1`, [housing]);
    const deliveries = new Map<string, number>();
    const receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (d) => (raw += d));
      req.on('end', () => {
        const id = String(req.headers['x-hub-event-id'] ?? '');
        const type = (JSON.parse(raw || '{}') as { type?: string }).type;
        if (type === 'referral.sent') deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const housingAdmin = await login(hub1, 'housing.admin');
    const housingWorker = await Promise.all(hubs.map((h) => login(h, 'housing.worker')));
    await gql(
      hub1,
      housingAdmin,
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
      {
        input: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, eventTypes: ['referral.sent'] },
      },
    );
    const heard = hubs.map(() => new Set<string>());
    const clients = hubs.map((h, k) => {
      const client = createClient({
        url: `${h.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${housingWorker[k]}` },
      });
      client.subscribe<{ referralReceived: { id: string } }>(
        { query: 'subscription { referralReceived { id } }' },
        {
          next: ({ data }) => data && heard[k].add(data.referralReceived.id),
          error: (err) => log(`subscription on hub ${k + 1}: ${JSON.stringify(err).slice(0, 200)}`),
          complete: () => undefined,
        },
      );
      return client;
    });
    await new Promise((r) => setTimeout(r, 1500));

    // 2. Triggering events: people synced, half with consent to the housing charity; each person gets one
    // "accommodation support" event, and every fourth person with consent a second one at the same moment on the other hub.
    const people: string[] = [];
    const sync = await gql<{ syncPeople: { results: { id: string | null; status: string }[] } }>(
      hub1,
      officer[0],
      `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { id status } } }`,
      {
        input: {
          idempotencyKey: `scale-out-${Date.now()}`,
          system: 'scale-out',
          records: Array.from({ length: EVENTS }, (_, i) => ({
            externalId: `s${i}`,
            givenName: `Scale${i}`,
            familyName: 'Out',
            dateOfBirth: '1991-02-03',
            region: 'north_west',
          })),
        },
      },
    );
    for (const r of sync.syncPeople.results) if (r.id) people.push(r.id);
    const consented = people.slice(0, Math.floor(people.length / 2));
    await inParallel(consented, 8, async (id, i) => {
      await gql(hubs[i % 2], officer[i % 2], `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`, {
        input: { personId: id, purpose: 'ACCOMMODATION', organisationId: housing, method: 'SIGNED_FORM', personPresent: true },
      });
    });
    const events = people.map((id, i) => ({ id, hub: i % 2 }));
    consented.forEach((id, i) => i % 4 === 0 && events.push({ id, hub: (i + 1) % 2 }));
    const started = Date.now();
    await inParallel(events, 12, async (e) => {
      await gql(hubs[e.hub], officer[e.hub], `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`, {
        input: { personId: e.id, typeCode: 'accommodation_support', status: 'STARTED', occurredAt: new Date().toISOString() },
      });
    });
    await until(
      'every event decided',
      async () =>
        (await db.query(`SELECT count(*)::int AS n FROM rule_firing WHERE person_id = ANY($1::uuid[])`, [people])).rows[0].n >=
        events.length,
      300_000,
    );
    const decidedMs = Date.now() - started;
    const referrals = (
      await db.query(
        `SELECT person_id, count(*)::int AS n, min(id::text) AS id FROM referral WHERE person_id = ANY($1::uuid[]) GROUP BY person_id`,
        [people],
      )
    ).rows as { person_id: string; n: number; id: string }[];
    const twice = referrals.filter((r) => r.n > 1).length;
    const byWorker = (
      await db.query(
        `SELECT d.worker_id, count(*)::int AS n FROM event_delivery d JOIN outbox_event e ON e.id = d.event_id
      WHERE e.person_id = ANY($1::uuid[]) AND d.handler = 'referrals.rules' GROUP BY 1 ORDER BY 1`,
        [people],
      )
    ).rows as { worker_id: string; n: number }[];
    check(
      referrals.length === consented.length && twice === 0,
      `referrals: ${events.length} events for ${people.length} people (${consented.length} with consent) made ${referrals.length} referrals, ${twice} people referred twice; ` +
        `decided in ${fmt(decidedMs / 1000, 1)} s by ${byWorker.length} workers (${byWorker.map((w) => w.n).join(' + ')})`,
    );

    // 3. Webhooks: each referral.sent event delivered once.
    await until('webhook deliveries', async () => deliveries.size >= referrals.length, 120_000).catch(() => undefined);
    const repeated = [...deliveries.values()].filter((n) => n > 1).length;
    check(
      deliveries.size === referrals.length && repeated === 0,
      `webhooks: ${deliveries.size} referral.sent events delivered for ${referrals.length} referrals, ${repeated} delivered more than once`,
    );

    // 4. Subscriptions: every referral heard by the subscriber on each hub.
    const ids = new Set(referrals.map((r) => r.id));
    await until('subscription events', async () => heard.every((h) => [...ids].every((id) => h.has(id))), 60_000).catch(() => undefined);
    const counts = heard.map((h) => [...ids].filter((id) => h.has(id)).length);
    check(
      counts.every((n) => n === ids.size),
      `subscriptions: of ${ids.size} referrals, the subscriber on hub 1 heard ${counts[0]}, on hub 2 ${counts[1]}`,
    );
    for (const c of clients) await c.dispose();
    receiver.close();
  } finally {
    await db.end();
    await Promise.all(processes.map((p) => p.stop()));
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  }
  result(failed ? 'scale-out: FAILED' : 'scale-out: passed');
  finishResults();
  process.exitCode = failed ? 1 : 0;
}

main().then(
  () => stopPostgres().then(() => process.exit(process.exitCode ?? 0)),
  (err: unknown) => {
    console.error(err);
    void stopPostgres().then(() => process.exit(1));
  },
);
