import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { DEMO_DOMAIN } from '../../libs/demo/src/demo-world.js';
import { createTestDatabase } from '../support/database.js';
import { DEMO_PASSWORD } from '../support/hub.js';
import { type Spawned, spawnHub, spawnWorker } from '../support/processes.js';

const run = promisify(execFile);

/**
 * People and their triggering events ("accommodation support logged"; the demo rule refers to the
 * housing charity under consent, once per person within its cool-down): 100 people with consent get
 * one event, 150 with consent get three at the same moment (sent to both hubs), 450 without consent
 * get one.
 */
/** RELIABILITY_SHORT=1 (CI): a fifth of the people and events (200 events). */
const SCALE = process.env.RELIABILITY_SHORT === '1' ? 0.2 : 1;
const ONCE_WITH_CONSENT = 100 * SCALE;
const THRICE_WITH_CONSENT = 150 * SCALE;
const WITHOUT_CONSENT = 450 * SCALE;
const REPEATS = 3;
const EVENTS = ONCE_WITH_CONSENT + REPEATS * THRICE_WITH_CONSENT + WITHOUT_CONSENT;
const CONCURRENCY = 12;

const progress = (m: string) => console.log(`two-hubs: ${m}`);

/** Runs `work` over `items`, `n` at a time. */
async function pool<T>(items: T[], n: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
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

/**
 * Two hub processes and one worker process (all from dist/, all running jobs: the hubs with their
 * embedded worker, WORKER_MODE's default) on one database. 1,000 triggering events sent to both hubs
 * at once, some of them three times for the same person at the same moment, make exactly the referrals
 * the rule, its consent and its cool-down call for: each once.
 */
describe('two hubs and a worker on one database', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: pg.Pool;
  const processes: Spawned[] = [];
  let hubs: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      WORKER_POLL_INTERVAL_MS: '100',
      DATABASE_POOL_SIZE: '10',
      SEED_DEMO_PEOPLE: 'false',
    };
    // The first hub migrates and seeds; then the second hub and the worker join it.
    processes.push(await spawnHub({ ...env, SEED_DEMO: 'true' }));
    const others = await Promise.allSettled([spawnHub({ ...env, SEED_DEMO: 'false' }), spawnWorker({ ...env, SEED_DEMO: 'false' })]);
    for (const o of others) if (o.status === 'fulfilled') processes.push(o.value);
    for (const o of others) if (o.status === 'rejected') throw o.reason;
    hubs = processes.filter((p) => p.url).map((p) => p.url);
    db = new pg.Pool({ connectionString: database.url, max: 3 });
    // Room for every referral (the demo charity takes 40 at a time).
    await db.query(`UPDATE organisation SET capacity = NULL WHERE name = 'Safe Harbour Housing Trust'`);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await db?.end();
    await database?.drop();
  });

  async function login(hub: string, who: string): Promise<string> {
    const res = await fetch(`${hub}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${who}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${who}: ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  async function gql<T>(hub: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const res = await fetch(`${hub}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (res.status !== 200 || body.errors) throw new Error(`${hub}: ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
    return body.data!;
  }

  it(`1,000 triggering events make exactly the expected referrals, each once`, async () => {
    const started = Date.now();
    const tokens = await Promise.all(hubs.map((h) => login(h, 'probation.officer')));
    const on = (i: number) => ({ hub: hubs[i % hubs.length], token: tokens[i % hubs.length] });
    const [{ id: housing }] = (await db.query(`SELECT id FROM organisation WHERE name = 'Safe Harbour Housing Trust'`)).rows;

    const total = ONCE_WITH_CONSENT + THRICE_WITH_CONSENT + WITHOUT_CONSENT;
    // The people, in one sync batch per hub (each record its own savepoint, as integrators load them).
    const people: string[] = new Array(total);
    const halves = hubs.map((_, h) => [...people.keys()].filter((i) => i % hubs.length === h));
    await Promise.all(
      halves.map(async (indexes, h) => {
        const data = await gql<{ syncPeople: { results: { externalId: string; status: string; id: string | null }[] } }>(
          hubs[h],
          tokens[h],
          `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { externalId status id } } }`,
          {
            input: {
              idempotencyKey: `two-hubs-${h}`,
              system: 'two-hubs',
              records: indexes.map((i) => ({
                externalId: `p${i}`,
                givenName: `Twohubs${i}`,
                familyName: `Person${i}`,
                dateOfBirth: '1990-01-01',
                region: 'north_west',
              })),
            },
          },
        );
        for (const r of data.syncPeople.results) {
          if (r.status !== 'CREATED' || !r.id) throw new Error(`sync: ${JSON.stringify(r)}`);
          people[Number(r.externalId.slice(1))] = r.id;
        }
      }),
    );
    const consented = [...people.keys()].slice(0, ONCE_WITH_CONSENT + THRICE_WITH_CONSENT);
    await pool(consented, CONCURRENCY, async (i) => {
      const { hub, token } = on(i);
      await gql(hub, token, `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`, {
        input: { personId: people[i], purpose: 'ACCOMMODATION', organisationId: housing, method: 'SIGNED_FORM', personPresent: true },
      });
    });
    const setupMs = Date.now() - started;

    // The events: once per person, and two more for the "thrice" group at the same moment (alternating hubs).
    const events: { personId: string; n: number }[] = [];
    people.forEach((personId, i) => {
      events.push({ personId, n: i });
      if (i >= ONCE_WITH_CONSENT && i < ONCE_WITH_CONSENT + THRICE_WITH_CONSENT)
        for (let k = 1; k < REPEATS; k++) events.push({ personId, n: i + k });
    });
    expect(events).toHaveLength(EVENTS);
    const sent = Date.now();
    await pool(events, CONCURRENCY, async ({ personId, n }) => {
      const { hub, token } = on(n);
      await gql(hub, token, `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`, {
        input: { personId, typeCode: 'accommodation_support', status: 'STARTED', occurredAt: new Date().toISOString() },
      });
    });

    // Every triggering event decided once.
    const deadline = Date.now() + 300_000;
    for (;;) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM rule_firing WHERE person_id = ANY($1::uuid[])`, [people]);
      if (rows[0].n >= EVENTS) break;
      if (Date.now() > deadline) throw new Error(`only ${rows[0].n} of ${EVENTS} events decided`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const handledMs = Date.now() - sent;

    const q = async <T>(sql: string) => (await db.query(sql, [people])).rows as T[];
    const outcomes = await q<{ outcome: string; n: number }>(
      `SELECT outcome, count(*)::int AS n FROM rule_firing WHERE person_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 1`,
    );
    expect(outcomes).toEqual([
      { outcome: 'consent_missing', n: WITHOUT_CONSENT },
      { outcome: 'cooling_down', n: (REPEATS - 1) * THRICE_WITH_CONSENT },
      { outcome: 'referred', n: ONCE_WITH_CONSENT + THRICE_WITH_CONSENT },
    ]);
    // Exactly one referral per person with consent, none without; one consent task per person without.
    const referrals = await q<{ person_id: string; n: number }>(
      `SELECT person_id, count(*)::int AS n FROM referral WHERE person_id = ANY($1::uuid[]) GROUP BY 1`,
    );
    expect(referrals).toHaveLength(ONCE_WITH_CONSENT + THRICE_WITH_CONSENT);
    expect(referrals.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(referrals.map((r) => r.person_id))).toEqual(new Set(people.slice(0, ONCE_WITH_CONSENT + THRICE_WITH_CONSENT)));
    const tasks = await q<{ n: number }>(`SELECT count(*)::int AS n FROM task WHERE kind = 'seek_consent' AND person_id = ANY($1::uuid[])`);
    expect(tasks).toEqual([{ n: WITHOUT_CONSENT }]);
    // One firing per (rule, triggering event): no event was decided twice, none skipped.
    const perEvent = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT event_id FROM rule_firing WHERE person_id = ANY($1::uuid[]) GROUP BY rule_id, event_id HAVING count(*) > 1) d`,
    );
    expect(perEvent).toEqual([{ n: 0 }]);
    // The work was shared: deliveries were handled by more than one of the three processes.
    const workers = await q<{ worker_id: string }>(
      `SELECT DISTINCT d.worker_id FROM event_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.person_id = ANY($1::uuid[]) AND d.handler = 'referrals.rules'`,
    );
    expect(workers.length).toBeGreaterThanOrEqual(2);
    const failed = (await db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE last_error IS NOT NULL`)).rows[0].n;
    expect(failed).toBe(0);
    // Three processes ran the audit sealer at once: one log, every event sealed once, and it verifies.
    const unsealed = `SELECT count(*)::int AS n FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.event_id = e.id)`;
    const sealDeadline = Date.now() + 60_000;
    while ((await db.query(unsealed)).rows[0].n > 0) {
      if (Date.now() > sealDeadline) throw new Error('audit events left unsealed a minute after the load');
      await new Promise((r) => setTimeout(r, 250));
    }
    const verified = await run('node', ['dist/apps/cli/src/main.js', 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: database.url, SEED_DEMO: 'false', LOG_LEVEL: 'silent' },
    });
    expect(verified.stdout).toMatch(/^audit log intact: \d+ events in \d+ seals\n$/);
    progress(
      `setup ${setupMs} ms (${total} people synced, ${consented.length} consents); ${EVENTS} events sent and decided in ${handledMs} ms by ${workers.length} processes`,
    );
  }, 480_000);
});
