/**
 * e: event-to-referral latency. A hub (child process, embedded worker, default settings) on a fresh
 * database with the demo world and synced people led by probation; at a steady rate, a release date
 * 30 days ahead is set for one of them at a time (updatePerson), and the demo rule "release within
 * 12 weeks" refers each to the prison's resettlement team. Latency: the referral's creation time minus
 * the moment the triggering write was acknowledged (its transaction committed just before). Measured
 * with 10 rules in force, then with 1,000 (the extra ones on the same trigger, none of them met), in
 * the same run.
 */
import pg from 'pg';
import { adminQuery, dbUrl, fmt, log, median, percentile, postgresAdminUrl, result, type Server, startHub } from './lib.js';

const RATE = Number(process.env.BENCH_EVENT_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_EVENT_SECONDS ?? 15);
const PASSWORD = 'Bench-Demo-Password-1';
const DEMO = 'demo.rehab-hub.example';

async function call<T>(hub: Server, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const r = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: T; errors?: unknown };
  if (r.status !== 200 || body.errors) throw new Error(`graphql ${r.status}: ${JSON.stringify(body).slice(0, 400)}`);
  return body.data!;
}

async function login(hub: Server, who: string): Promise<string> {
  const r = await fetch(`${hub.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${who}@${DEMO}`, password: PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${who}: ${r.status}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

async function inParallel<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Adds rules on the same trigger that no event meets, until `total` rules are in force. */
async function rulesUpTo(hub: Server, admin: string, pool: pg.Pool, total: number): Promise<void> {
  const have = (await pool.query(`SELECT count(*)::int AS n FROM referral_rule WHERE superseded_at IS NULL AND active`)).rows[0]
    .n as number;
  const add = Array.from({ length: Math.max(0, total - have) }, (_, i) => have + i);
  await inParallel(add, 4, async (i) => {
    await call(hub, admin, `mutation($input: ReferralRuleInput!) { createReferralRule(input: $input) { ruleId } }`, {
      input: {
        name: `Bench rule ${String(i).padStart(4, '0')}`,
        triggerEvent: 'person.release_date_set',
        conditions: JSON.stringify({
          all: [
            { fact: 'person.region', operator: 'equal', value: `bench_region_${i}` },
            { fact: 'person.daysUntilRelease', operator: 'lessThanOrEqual', value: 84 },
          ],
        }),
        serviceCode: 'resettlement',
        consentPurpose: null,
        cooldownDays: 30,
      },
    });
  });
}

/** Logs the trigger for `people` at RATE per second; returns each one's latency (ms) once all are referred. */
async function steadyLoad(hub: Server, token: string, pool: pg.Pool, people: string[]): Promise<number[]> {
  const acked = new Map<string, number>();
  const versions = new Map<string, number>(
    (await pool.query(`SELECT id, version FROM person WHERE id = ANY($1::uuid[])`, [people])).rows.map(
      (r: { id: string; version: number }) => [r.id, r.version],
    ),
  );
  const releaseDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const start = performance.now() + 50;
  const epoch = Date.now() - performance.now();
  const sends = people.map(async (personId, k) => {
    const due = start + (k * 1000) / RATE;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    await call(hub, token, `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version } }`, {
      input: { id: personId, version: versions.get(personId), reason: 'Release date confirmed', releaseDate },
    });
    acked.set(personId, epoch + performance.now());
  });
  await Promise.all(sends);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT person_id, (extract(epoch FROM created_at) * 1000)::float8 AS at FROM referral WHERE person_id = ANY($1::uuid[])`,
      [people],
    );
    if (rows.length >= people.length) return rows.map((r: { person_id: string; at: number }) => r.at - acked.get(r.person_id)!);
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${people.length} referrals made`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function referralLatency(): Promise<void> {
  await postgresAdminUrl();
  const name = 'rehab_bench_referrals';
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  const hub = await startHub(url, { SEED_DEMO: 'true', SEED_DEMO_PEOPLE: 'false', DEMO_PASSWORD: PASSWORD });
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  try {
    const probation = await login(hub, 'probation.officer');
    const admin = await login(hub, 'hub.admin');
    const perPhase = RATE * SECONDS;
    // A hub just started is still compiling its hot paths: on a slow machine the first few hundred events
    // take several times longer than later ones. The warm-up is a whole phase at the same rate, not measured.
    const warm = perPhase;
    const count = warm + 2 * perPhase;
    log(`referral latency: ${count} people, ${RATE} events/s for ${SECONDS} s per phase`);
    const synced = await call<{ syncPeople: { results: { id: string; status: string }[] } }>(
      hub,
      probation,
      `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { id status } } }`,
      {
        input: {
          idempotencyKey: `bench-e-${Date.now()}`,
          system: 'bench',
          records: Array.from({ length: count }, (_, i) => ({
            externalId: `e${i}`,
            givenName: `Bench${i}`,
            familyName: `Latency${i}`,
            dateOfBirth: '1990-01-01',
            region: 'north_west',
          })),
        },
      },
    );
    const people = synced.syncPeople.results.map((r) => r.id);
    const idle = async () => {
      for (;;) {
        const { rows } = await pool.query(
          `SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL) + (SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = 'events:deliver') AS n`,
        );
        if (Number(rows[0].n) === 0) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const phase = async (rules: number, group: string[]) => {
      await rulesUpTo(hub, admin, pool, rules);
      // Each phase starts with the queue empty (the setup's own events handled).
      await idle();
      const inForce = (await pool.query(`SELECT count(*)::int AS n FROM referral_rule WHERE superseded_at IS NULL AND active`)).rows[0]
        .n as number;
      const ms = await steadyLoad(hub, probation, pool, group);
      log(
        `${inForce} rules: p50 ${fmt(percentile(ms, 50), 0)} ms, p95 ${fmt(percentile(ms, 95), 0)} ms, max ${fmt(Math.max(...ms), 0)} ms over ${ms.length} events`,
      );
      return { p50: percentile(ms, 50), p95: percentile(ms, 95), median: median(ms), rules: inForce };
    };
    await phase(10, people.slice(0, warm));
    const few = await phase(10, people.slice(warm, warm + perPhase));
    const many = await phase(1000, people.slice(warm + perPhase));
    result(
      `e. event-to-referral latency (write acknowledged -> referral created; outbox, queue, rule engine), ${RATE} events/s for ${SECONDS} s: ` +
        `p50 ${fmt(few.p50, 0)} ms, p95 ${fmt(few.p95, 0)} ms with ${few.rules} rules; p50 ${fmt(many.p50, 0)} ms, p95 ${fmt(many.p95, 0)} ms with ${many.rules} rules = ` +
        `${fmt(many.p50 / few.p50)}x p50, ${fmt(many.p95 / few.p95)}x p95 (1,000 rules against 10)`,
      {
        eventsPerSecond: RATE,
        seconds: SECONDS,
        fewRules: few.rules,
        fewP50Ms: few.p50,
        fewP95Ms: few.p95,
        manyRules: many.rules,
        manyP50Ms: many.p50,
        manyP95Ms: many.p95,
      },
    );
  } finally {
    await pool.end();
    await hub.stop();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
