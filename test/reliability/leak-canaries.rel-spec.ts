import { createServer, type Server } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { startChildHub, type ChildHub } from './canaries/child-hub.js';
import { buildWorld, type ActorInfo, type World } from './canaries/canary-world.js';
import {
  type Facts,
  leaks,
  type Leak,
  loadFacts,
  maySeeConsent,
  maySeeReferral,
  mayKnowPerson,
  mayRead,
  maySeeGrant,
} from './canaries/canary-oracle.js';
import {
  EXCLUDED_MUTATIONS,
  EXCLUDED_QUERIES,
  exportOperations,
  mutationProbes,
  type Operation,
  type Pools,
  queryOperations,
  schemaFrom,
} from './canaries/schema-walker.js';

/** RELIABILITY_SHORT=1 (CI): fewer callers (a caseworker and an API client per organisation, and a few others) and fewer argument variants. */
const SHORT = process.env.RELIABILITY_SHORT === '1';
const CONCURRENCY = 4;

/**
 * Leak canaries. Every organisation's data carries unique markers; then every root query of the
 * schema (found by introspection), subject access exports, mutations aimed at what the caller must
 * not see, the CSV exports and the webhooks run as every other organisation's users and API clients.
 * No marker may appear where the oracle (canaries/canary-oracle.ts, from the sharing facts in the
 * database) says that caller must not see it: not in answers, errors, exports, webhook bodies, or the
 * hub's own logs (which must hold none at all). And every marker must be seen by someone allowed to,
 * so the walk really reaches the data it guards.
 *
 * Not covered: subscriptions (a separate transport), the sync REST endpoints and sync mutations (they
 * take lists of records of the caller's own system), and the EXCLUDED_* entries of schema-walker.ts.
 */
describe('leak canaries: no organisation finds another organisation’s markers it may not see', () => {
  let hub: ChildHub;
  let world: World;
  let facts: Facts;
  let pools: Pools;
  let receiver: Server;
  const received: Record<string, string[]> = {};
  const seen = new Set<string>();
  const called = new Set<string>();

  /** Until the outbox is relayed and every due job (rules, webhook deliveries) has run. */
  async function quiet(): Promise<void> {
    let calm = 0;
    const deadline = Date.now() + 60_000;
    while (calm < 3) {
      if (Date.now() > deadline) throw new Error('the hub did not settle within 60 s');
      const { rows } = await hub.pool.query(`SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL)
        + (SELECT count(*) FROM graphile_worker.jobs WHERE run_at <= now() AND attempts < max_attempts) AS busy`);
      calm = Number(rows[0].busy) === 0 ? calm + 1 : 0;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const ids = async (sql: string) => (await hub.pool.query(sql)).rows.map((r) => String(r.id));

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const key = req.url!.split('/')[2];
        (received[key] ??= []).push(body);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as { port: number }).port;
    hub = await startChildHub({ LOG_LEVEL: 'debug', GRAPHQL_MAX_DEPTH: '20', GRAPHQL_MAX_COST: '1000000', GRAPHQL_MAX_TOKENS: '100000' });
    world = await buildWorld(hub, (key) => `http://127.0.0.1:${port}/hook/${key}`);
    await quiet();
    facts = await loadFacts(hub.pool);
    pools = {
      person: await ids('SELECT id FROM person ORDER BY id'),
      referral: await ids('SELECT id FROM referral ORDER BY id'),
      organisation: Object.values(world.orgs).map((o) => o.id),
      rule: await ids('SELECT DISTINCT rule_id AS id FROM referral_rule ORDER BY 1'),
      endpoint: Object.values(world.endpoints),
      consent: await ids('SELECT id FROM consent ORDER BY id'),
      intervention: await ids('SELECT id FROM intervention ORDER BY id'),
      grant: await ids('SELECT id FROM break_glass_grant ORDER BY id'),
      task: await ids('SELECT id FROM task ORDER BY id'),
      sustainment: await ids('SELECT id FROM job_sustainment ORDER BY id'),
    };
  }, 300_000);

  afterAll(async () => {
    await hub?.close();
    await new Promise((r) => receiver?.close(r));
  });

  /** What the actor must not see, per pool (the targets of the mutation probes). */
  async function hiddenFrom(actor: ActorInfo): Promise<Pools> {
    const interventions: { id: string; person_id: string; data_category: string; organisation_id: string }[] = (
      await hub.pool.query('SELECT id, person_id, data_category, organisation_id FROM intervention')
    ).rows;
    const sustainments: { id: string; person_id: string; organisation_id: string }[] = (
      await hub.pool.query('SELECT id, person_id, organisation_id FROM job_sustainment')
    ).rows;
    const tasks: { id: string; organisation_id: string }[] = (await hub.pool.query('SELECT id, organisation_id FROM task')).rows;
    const grantPerson = new Map(facts.grants.map((g) => [g.id, g.personId]));
    return {
      ...pools,
      person: pools.person.filter((p) => !mayKnowPerson(facts, actor, p)),
      referral: pools.referral.filter((r) => !maySeeReferral(facts, actor, r)),
      consent: pools.consent.filter((c) => !maySeeConsent(facts, actor, c)),
      intervention: interventions.filter((i) => !mayRead(facts, actor, i.person_id, i.data_category, i.organisation_id)).map((i) => i.id),
      grant: pools.grant.filter((g) => !maySeeGrant(facts, actor, g, grantPerson.get(g)!)),
      task: tasks.filter((t) => t.organisation_id !== actor.orgId).map((t) => t.id),
      sustainment: sustainments.filter((s) => !mayRead(facts, actor, s.person_id, 'employment', s.organisation_id)).map((s) => s.id),
    };
  }

  /**
   * Checks one answer. Two allowances beyond the oracle: a subject access export holds everything on its
   * person; and the hub admin's reports over all organisations show qualifications and job sectors as
   * breakdown keys, by design even for cells whose count is suppressed (see the README on reports).
   */
  function note(found: Leak[], actor: ActorInfo, label: string, text: string, exportOf?: string): void {
    const allowedExport = exportOf && actor.roles.includes('data_protection_officer') && mayKnowPerson(facts, actor, exportOf);
    const report = /^(eteFunnel|reoffendingAnalysis|GET \/reports\/)/.test(label) && actor.roles.includes('hub_admin');
    const leaked = leaks(
      facts,
      world.markers,
      actor,
      label,
      text,
      (m) => (allowedExport && m.personId === exportOf) || (report && !!m.dimension),
    );
    found.push(...leaked);
    const lower = text.toLowerCase();
    for (const m of world.markers)
      if (lower.includes(m.value.toLowerCase()) && !leaked.some((l) => l.marker === m.value)) seen.add(m.value);
  }

  it('every caller, every root query, export, denied mutation and CSV: no marker it may not see', async () => {
    const introspection = await hub.gql(getIntrospectionQuery(), {}, world.actors.find((a) => a.label === 'hub admin')!.token!);
    const schema = schemaFrom(introspection.json.data);
    const opts = { depth: 6, searchTerms: world.searchTerms, short: SHORT };
    const queries = queryOperations(schema, pools, opts);
    const actors = SHORT
      ? world.actors.filter((a) =>
          /caseworker|API client|anonymous|hub admin|probation data_protection_officer|training manager/.test(a.label),
        )
      : world.actors;
    const failures: string[] = [];
    const found: Leak[] = [];
    const probeCodes: Record<string, number> = {};
    let requests = 0;
    const started = Date.now();
    for (const actor of actors) {
      const ops: Operation[] = [...queries, ...exportOperations(schema, pools), ...mutationProbes(schema, await hiddenFrom(actor), opts)];
      let next = 0;
      const worker = async () => {
        while (next < ops.length) {
          const op = ops[next++];
          const res = await hub.gql(op.query, op.variables, actor.token ?? undefined);
          requests++;
          called.add(op.field);
          note(found, actor, op.label, res.text, op.exportOf);
          if (res.status >= 500) failures.push(`${actor.label} ${op.label}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
          for (const e of res.json?.errors ?? [])
            if (typeof e.extensions?.code !== 'string')
              failures.push(`${actor.label} ${op.label}: uncoded error ${JSON.stringify(e).slice(0, 300)}`);
          if (op.mustFail && !res.json?.errors?.length) failures.push(`${actor.label} ${op.label}: succeeded on something it must not see`);
          if (op.mustFail)
            for (const e of res.json?.errors?.slice(0, 1) ?? []) probeCodes[e.extensions?.code] = (probeCodes[e.extensions?.code] ?? 0) + 1;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      for (const path of [
        '/reports/ete-funnel.csv?from=2000-01-01&to=2100-01-01',
        '/reports/reoffending.csv?cohort=ete_support&from=2000-01-01&to=2100-01-01',
      ]) {
        for (const org of actor.label === 'hub admin' ? [null, ...pools.organisation] : [null]) {
          const res = await hub.get(org ? `${path}&organisationId=${org}` : path, actor.token ?? undefined);
          note(found, actor, `GET ${path}${org ? ' (one organisation)' : ''}`, res.text);
          if (res.status >= 500) failures.push(`${actor.label} GET ${path}: HTTP ${res.status}`);
        }
      }
    }
    process.stderr.write(
      `leak canaries: ${actors.length} callers, ${requests} GraphQL requests, ${world.markers.length} markers, ${Math.round((Date.now() - started) / 1000)} s; denied mutations answered ${JSON.stringify(probeCodes)}\n`,
    );
    expect(found.slice(0, 30)).toEqual([]);
    expect(failures.slice(0, 30)).toEqual([]);
    // The walk reached every root query (new ones included) and the data it guards.
    const roots = Object.keys(schema.getQueryType()!.getFields()).filter((f) => !EXCLUDED_QUERIES[f]);
    expect(roots.filter((f) => !called.has(f))).toEqual([]);
    expect(Object.keys(EXCLUDED_MUTATIONS).every((m) => schema.getMutationType()!.getFields()[m])).toBe(true);
  }, 1_800_000);

  it('webhook bodies carry no marker the receiving organisation may not see', async () => {
    await quiet();
    const found: Leak[] = [];
    for (const [key, bodies] of Object.entries(received)) {
      const org = world.orgs[key];
      // Deliveries are filtered as for a reading API client of the organisation.
      const as: ActorInfo = {
        label: `${key} webhooks`,
        token: null,
        kind: 'client',
        ref: `webhook:${key}`,
        orgId: org.id,
        orgKind: org.kind,
        roles: [],
        scopes: ['people:read'],
      };
      for (const body of bodies) note(found, as, 'webhook delivery', body);
    }
    expect(Object.keys(received).length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  }, 120_000);

  it('the hub’s logs (stdout and stderr, at debug level) hold no marker at all', () => {
    const nobody: ActorInfo = {
      label: 'logs',
      token: null,
      kind: 'anonymous',
      ref: 'logs',
      orgId: null,
      orgKind: null,
      roles: [],
      scopes: [],
    };
    const logs = hub.logs();
    expect(logs.length).toBeGreaterThan(1000);
    const inLogs = leaks(facts, world.markers, nobody, 'logs', logs);
    expect(
      inLogs.map((l) => `${l.what}: ${logs.slice(Math.max(0, logs.indexOf(l.marker) - 300), logs.indexOf(l.marker) + 100)}`).slice(0, 5),
    ).toEqual([]);
  });

  it('every marker was seen by someone allowed to see it (the walk reaches the data)', () => {
    const unseen = world.markers.filter((m) => !seen.has(m.value)).map((m) => m.what);
    expect(unseen).toEqual([]);
  });

  it('the check catches a marker where it must not be, also inside a cursor', () => {
    const secret = world.markers.find((m) => m.what === "training's break-glass reason")!;
    const outsider = world.actors.find((a) => a.label === 'employer caseworker')!;
    expect(
      leaks(facts, world.markers, outsider, 'planted', JSON.stringify({ data: { x: `see ${secret.value}` } })).map((l) => l.what),
    ).toEqual([secret.what]);
    const cursor = Buffer.from(JSON.stringify([secret.value, 'x'])).toString('base64url');
    expect(leaks(facts, world.markers, outsider, 'planted', JSON.stringify({ endCursor: cursor })).length).toBe(1);
  });
});
