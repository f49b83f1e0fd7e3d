/**
 * e: event-to-referral latency. A hub (child process, embedded worker, default settings) on a fresh
 * database with the demo world and synced people led by probation; at a steady rate, a release date
 * 30 days ahead is set for one of them at a time (updatePerson), and the demo rule "release within
 * 12 weeks" refers each to the prison's resettlement team. Latency: the referral's creation time minus
 * the moment the triggering write was acknowledged (its transaction committed just before).
 *
 * In order: a warm-up at the rate (not measured); BENCH_EVENT_RATE events a second for
 * BENCH_EVENT_SECONDS with 10 rules in force (goals: p95 under 200 ms, and a queue that does not grow),
 * with the CPU each event costs the hub (its HTTP write and its embedded worker's pipeline together),
 * PostgreSQL and the load generator, and PostgreSQL's statement time per event; a step search for the
 * highest rate the pipeline sustains (STEP_RATES, STEP_SECONDS each, stopping at the first whose queue
 * grows); then the rate again with 1,000 rules (the extra ones on the same trigger, none of them met).
 *
 * The queue: events due so far minus referrals made so far (written or not, an event not yet turned
 * into a referral is waiting somewhere: in the hub, the outbox or the job queue). It grows when, over
 * the second half of a phase, it rises faster than a tenth of the rate (least squares over samples
 * every 250 ms); the first half is left out, since the queue fills to rate x latency at the start.
 */
import pg from 'pg';
import {
  adminQuery,
  cpuPerRequest,
  dbUrl,
  fmt,
  log,
  median,
  percentile,
  postgresAdminUrl,
  result,
  seedDemoDatabase,
  type Server,
  startHub,
} from './lib.js';

const RATE = Number(process.env.BENCH_EVENT_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_EVENT_SECONDS ?? 30);
const WARM_SECONDS = 10;
const STEP_RATES = [25, 50, 100, 200, 400];
const STEP_SECONDS = 6;
/** Goals at RATE with 10 rules. */
const P95_GOAL_MS = 200;
/** The queue grows when its slope over a phase's second half exceeds this share of the rate. */
const GROWTH_SHARE = 0.1;
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

interface Phase {
  /** Per event, ms: acknowledged write to referral. */
  latencies: number[];
  /** The queue's growth over the phase's second half, events a second (least squares). */
  growth: number;
  /** Whether that growth exceeds GROWTH_SHARE of the rate. */
  grows: boolean;
  /** Largest queue seen. */
  maxQueue: number;
  /** Triggering writes the hub refused or failed (not waited for), and acknowledged events with no referral by the deadline. */
  errors: number;
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

/** Sets the trigger for `people` at `rate` a second; once all are referred, each one's latency (ms) and how the queue moved. */
async function steadyLoad(hub: Server, token: string, pool: pg.Pool, people: string[], rate: number): Promise<Phase> {
  const acked = new Map<string, number>();
  const versions = new Map<string, number>(
    (await pool.query(`SELECT id, version FROM person WHERE id = ANY($1::uuid[])`, [people])).rows.map(
      (r: { id: string; version: number }) => [r.id, r.version],
    ),
  );
  const releaseDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const start = performance.now() + 50;
  const epoch = Date.now() - performance.now();
  const windowMs = (people.length * 1000) / rate;
  // The queue, every 250 ms while events are due: events due so far minus referrals made so far.
  const samples: [number, number][] = [];
  let sending = true;
  const sampler = (async () => {
    while (sending && !pool.ended) {
      await new Promise((r) => setTimeout(r, 250));
      const at = performance.now() - start;
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM referral WHERE person_id = ANY($1::uuid[])`, [people]);
      if (at > windowMs) break;
      const due = Math.min(people.length, Math.floor((at * rate) / 1000) + 1);
      samples.push([at / 1000, due - (rows[0].n as number)]);
    }
  })();
  const failed: string[] = [];
  const sends = people.map(async (personId, k) => {
    const due = start + (k * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    try {
      await call(hub, token, `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version } }`, {
        input: { id: personId, version: versions.get(personId), reason: 'Release date confirmed', releaseDate },
      });
      acked.set(personId, epoch + performance.now());
    } catch (err) {
      if (failed.push(personId) === 1) log(`a triggering write failed: ${(err as Error).message.slice(0, 200)}`);
    }
  });
  await Promise.all(sends);
  sending = false;
  await sampler;
  const expected = people.length - failed.length;
  const growth = slope(samples.filter(([t]) => t * 1000 >= windowMs / 2));
  // At least ten events a second, or the pipeline has stopped.
  const deadline = Date.now() + 60_000 + people.length * 100;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT person_id, (extract(epoch FROM created_at) * 1000)::float8 AS at FROM referral WHERE person_id = ANY($1::uuid[])`,
      [[...acked.keys()]],
    );
    const late = Date.now() > deadline;
    if (late) log(`${expected - rows.length} of ${expected} acknowledged events made no referral by the deadline: counted as failures`);
    if (rows.length >= expected || late)
      return {
        errors: failed.length + expected - rows.length,
        latencies: rows.map((r: { person_id: string; at: number }) => r.at - acked.get(r.person_id)!),
        growth,
        grows: growth > GROWTH_SHARE * rate,
        maxQueue: Math.max(0, ...samples.map(([, q]) => q)),
      };
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function referralLatency(): Promise<void> {
  await postgresAdminUrl();
  const name = 'rehab_bench_referrals';
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  await seedDemoDatabase(url, { SEED_DEMO_PEOPLE: 'false', DEMO_PASSWORD: PASSWORD });
  const hub = await startHub(url);
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  try {
    const probation = await login(hub, 'probation.officer');
    const admin = await login(hub, 'hub.admin');
    const perPhase = RATE * SECONDS;
    // A hub just started is still compiling its hot paths: on a slow machine the first few hundred events
    // take several times longer than later ones. The warm-up runs at the same rate, and is not measured.
    const warm = RATE * WARM_SECONDS;
    const stepPeople = STEP_RATES.map((r) => r * STEP_SECONDS);
    const count = warm + 2 * perPhase + stepPeople.reduce((a, b) => a + b, 0);
    log(
      `referral latency: ${count} people; ${RATE} events/s for ${SECONDS} s per phase, steps ${STEP_RATES.join('/')} events/s for ${STEP_SECONDS} s`,
    );
    const people: string[] = [];
    for (let from = 0; from < count; from += 5000) {
      const synced = await call<{ syncPeople: { results: { id: string; status: string }[] } }>(
        hub,
        probation,
        `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { id status } } }`,
        {
          input: {
            idempotencyKey: `bench-e-${Date.now()}-${from}`,
            system: 'bench',
            records: Array.from({ length: Math.min(5000, count - from) }, (_, k) => ({
              externalId: `e${from + k}`,
              givenName: `Bench${from + k}`,
              familyName: `Latency${from + k}`,
              dateOfBirth: '1990-01-01',
              region: 'north_west',
            })),
          },
        },
      );
      people.push(...synced.syncPeople.results.map((r) => r.id));
    }
    let next = 0;
    const take = (n: number) => people.slice(next, (next += n));
    const idle = async () => {
      for (;;) {
        const { rows } = await pool.query(
          // Every due job, not only event deliveries: the emails a phase's referrals raise are its work too.
          `SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL) + (SELECT count(*) FROM graphile_worker.jobs WHERE run_at <= now() AND attempts < max_attempts) AS n`,
        );
        if (Number(rows[0].n) === 0) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const statementMs = async () =>
      Number((await pool.query(`SELECT active_time FROM pg_stat_database WHERE datname = current_database()`)).rows[0].active_time ?? NaN);
    const phase = async (rules: number, group: string[], rate: number, measureCpu = false) => {
      await rulesUpTo(hub, admin, pool, rules);
      // Each phase starts with the queue empty (the setup's own events handled).
      await idle();
      const inForce = (await pool.query(`SELECT count(*)::int AS n FROM referral_rule WHERE superseded_at IS NULL AND active`)).rows[0]
        .n as number;
      const hubCpu = cpuPerRequest(hub.pid);
      const loader = cpuPerRequest(process.pid);
      const active0 = measureCpu ? await statementMs() : 0;
      hubCpu.start();
      loader.start();
      const r = await steadyLoad(hub, probation, pool, group, rate);
      await idle();
      const cpu = hubCpu.stop(group.length);
      const loaderMs = loader.stop(group.length).server;
      // Statistics reach pg_stat_database within a second of each transaction.
      if (measureCpu) await new Promise((res) => setTimeout(res, 1200));
      const pgStatementMs = measureCpu ? ((await statementMs()) - active0) / group.length : NaN;
      const ms = r.latencies;
      log(
        `${inForce} rules, ${rate} events/s: p50 ${fmt(percentile(ms, 50), 0)} ms, p95 ${fmt(percentile(ms, 95), 0)} ms, max ${fmt(Math.max(...ms), 0)} ms over ${ms.length} events; ` +
          `queue at most ${r.maxQueue}, ${r.grows ? 'growing' : 'steady'} (${fmt(r.growth, 1)} events/s over the second half); ${r.errors} failed`,
      );
      return {
        p50: percentile(ms, 50),
        p95: percentile(ms, 95),
        median: median(ms),
        rules: inForce,
        grows: r.grows || r.errors > 0,
        growth: r.growth,
        errors: r.errors,
        maxQueue: r.maxQueue,
        hubMs: cpu.server,
        postgresMs: cpu.postgres,
        loaderMs,
        pgStatementMs,
      };
    };
    await phase(10, take(warm), RATE);
    const few = await phase(10, take(perPhase), RATE, true);
    // The step search: the highest rate whose queue does not grow, stopping at the first that does.
    let sustained = 0;
    const steps: string[] = [];
    for (const [k, rate] of STEP_RATES.entries()) {
      const step = await phase(10, take(stepPeople[k]), rate);
      steps.push(`${rate}/s ${step.errors ? `${step.errors} failed` : step.grows ? 'grows' : 'steady'} (p95 ${fmt(step.p95, 0)} ms)`);
      if (step.grows) break;
      sustained = rate;
    }
    next = warm + perPhase + stepPeople.reduce((a, b) => a + b, 0);
    const many = await phase(1000, take(perPhase), RATE);
    const met = few.p95 < P95_GOAL_MS && !few.grows && few.errors === 0;
    result(
      `e. event-to-referral latency (write acknowledged -> referral created; outbox, queue, rule engine), ${RATE} events/s for ${SECONDS} s: ` +
        `p50 ${fmt(few.p50, 0)} ms, p95 ${fmt(few.p95, 0)} ms with ${few.rules} rules, queue ${few.grows ? 'growing' : 'steady'} (at most ${few.maxQueue}), ${few.errors} failed (write refused, or no referral within the deadline) ` +
        `(goal p95 < ${P95_GOAL_MS} ms and a steady queue: ${met ? 'met' : 'NOT MET'}); p50 ${fmt(many.p50, 0)} ms, p95 ${fmt(many.p95, 0)} ms with ${many.rules} rules = ` +
        `${fmt(many.p50 / few.p50)}x p50, ${fmt(many.p95 / few.p95)}x p95 (1,000 rules against 10; ${many.errors} failed)`,
      {
        eventsPerSecond: RATE,
        seconds: SECONDS,
        fewRules: few.rules,
        fewP50Ms: few.p50,
        fewP95Ms: few.p95,
        fewQueueGrowth: few.growth,
        fewMaxQueue: few.maxQueue,
        fewErrors: few.errors,
        manyErrors: many.errors,
        goalMet: met ? 1 : 0,
        manyRules: many.rules,
        manyP50Ms: many.p50,
        manyP95Ms: many.p95,
        manyQueueGrowth: many.growth,
      },
    );
    const perEvent = few.hubMs + (few.postgresMs ?? 0) + few.loaderMs;
    result(
      `e. the pipeline's maximum sustained rate (10 rules; ${STEP_SECONDS} s steps, stopping at the first whose queue grows): ` +
        `${sustained === STEP_RATES.at(-1) ? '>= ' : ''}${sustained} events/s (${steps.join(', ')}). CPU per event at ${RATE}/s: hub ${fmt(few.hubMs)} ms ` +
        `(the write and its embedded worker's pipeline) + PostgreSQL ${few.postgresMs === null ? '? (not on this machine)' : `${fmt(few.postgresMs)} ms`} + ` +
        `load generator ${fmt(few.loaderMs)} ms; PostgreSQL statement time ${fmt(few.pgStatementMs)} ms per event (pg_stat_database active_time, waits included)`,
      {
        sustainedRate: sustained,
        hubCpuMsPerEvent: few.hubMs,
        ...(few.postgresMs === null ? {} : { postgresCpuMsPerEvent: few.postgresMs }),
        loaderCpuMsPerEvent: few.loaderMs,
        postgresStatementMsPerEvent: few.pgStatementMs,
        cpuMsPerEvent: perEvent,
      },
    );
  } finally {
    await pool.end();
    await hub.stop();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
