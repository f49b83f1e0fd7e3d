/**
 * `npm run bench`: each benchmark prints one result line with its ratio against a baseline measured
 * in the same run on the same data. Sizes: BENCH_PEOPLE (default 20000) and BENCH_SCALE (10: the
 * second population is 10x larger); BENCH_DURATION seconds per load round, BENCH_ROUNDS rounds
 * (alternating baseline and hub; medians reported). BENCH_ONLY=a,b,c,d,f picks benchmarks (f: sync-stream.ts).
 */
import 'reflect-metadata';
import { cpus } from 'node:os';
import pg from 'pg';
import { EteFunnelService } from '../../libs/reporting/src/ete-funnel.service.js';
import { InterventionsService } from '../../libs/interventions/src/interventions.service.js';
import { PersonsService } from '../../libs/persons/src/persons.service.js';
import {
  DOMAIN, env, fmt, gql, latencies, load, log, login, median, percentile, populatedDatabase, result, rssSampler, SEED, type Server,
  startBaseline, startHub, stopPostgres,
} from './lib.js';
import { syncStream } from './sync-stream.js';

const only = new Set((process.env.BENCH_ONLY ?? 'a,b,c,d,f').split(','));

const PERSON_PAGE = `query($id: ID!) { person(id: $id) {
  id givenName familyName dateOfBirth region releaseDate offenceSummary ogrsScore riskLevel healthNotes stage version withheldFields
  identifiers { scheme value }
  interventions(first: 50) { edges { node { id typeCode status occurredAt notes dataCategory organisationId
    outcome { ... on JobOutcome { employer sector hoursPerWeek startDate } ... on QualificationOutcome { qualification } } } } }
  consents { id purpose categories organisationId status givenAt } } }`;

const PEOPLE = `query($search: String) { people(first: 20, search: $search) {
  edges { node { id givenName familyName dateOfBirth stage } } pageInfo { hasNextPage } } }`;

const SEARCH_TERMS = ['smith', 'patel', 'taylor', 'hargreaves', 'jones', 'khan', 'walker', 'nowak'];

const FUNNEL = `query($input: ReportFilterInput!) { eteFunnel(input: $input) { scope steps { step people suppressed conversion breakdown { key count suppressed } } } }`;
const FUNNEL_INPUT = { from: '2024-01-01', to: '2027-01-01' };

interface Scale {
  people: number;
  url: string;
  hub: Server;
  baseline: Server;
  pool: pg.Pool;
}

async function openScale(people: number): Promise<Scale> {
  const db = await populatedDatabase(people);
  if (db.generateMs !== null) result(`generate --people ${people}: ${fmt(db.generateMs / 1000, 1)} s`);
  const hub = await startHub(db.url, {});
  const baseline = await startBaseline(db.url);
  return { people, url: db.url, hub, baseline, pool: new pg.Pool({ connectionString: db.url, max: 4 }) };
}

async function closeScale(s: Scale): Promise<void> {
  await Promise.all([s.hub.stop(), s.baseline.stop(), s.pool.end()]);
}

const focusOrg = async (s: Scale) => (await s.pool.query(`SELECT md5($1 || ':o:0')::uuid AS id`, [String(SEED)])).rows[0].id as string;

/** a + c: the authorised person page through GraphQL against the baseline's hand-written SQL; hub RSS under that load. */
async function personPage(s: Scale): Promise<void> {
  const { rows } = await s.pool.query(`
    SELECT p.id, inv.organisation_id, (SELECT email FROM user_account u WHERE u.organisation_id = inv.organisation_id AND 'caseworker' = ANY(u.roles) LIMIT 1) AS email
      FROM (SELECT person_id FROM intervention GROUP BY person_id HAVING count(*) >= 50 ORDER BY person_id LIMIT 1) big
      JOIN person p ON p.id = big.person_id
      JOIN involvement inv ON inv.person_id = p.id AND inv.role = 'lead'`);
  const { id, email } = rows[0];
  const token = await login(s.hub, email);
  // Same answer: the hub (with access control) and the baseline (without) return the same page for this actor.
  const viaHub = (await gql(s.hub, token, PERSON_PAGE, { id })).person;
  const viaBase = ((await (await fetch(`${s.baseline.url}/person`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) })).json()) as any).data.person;
  const ids = (p: any) => p.interventions.edges.map((e: any) => e.node.id).join();
  const same = ids(viaHub) === ids(viaBase) && viaHub.interventions.edges.length === 50 && viaHub.consents.length === viaBase.consents.length && viaHub.withheldFields.length === 0;
  if (!same) throw new Error(`hub and baseline answers differ for person ${id}`);

  const hubBody = JSON.stringify({ query: PERSON_PAGE, variables: { id } });
  const baseBody = JSON.stringify({ id });
  const auth = { authorization: `Bearer ${token}` };
  log(`person page: warm-up (probation caseworker ${email.replace(`@${DOMAIN}`, '')}, person with ${viaHub.interventions.edges.length} interventions, ${viaHub.consents.length} consents)`);
  await load(s.baseline.url, '/person', baseBody, {}, 3);
  await load(s.hub.url, '/graphql', hubBody, auth, 3);
  const base: { rps: number; p99: number }[] = [];
  const hub: { rps: number; p99: number }[] = [];
  const rss = rssSampler(s.hub.pid);
  let errors = 0;
  for (let round = 0; round < env.rounds; round++) {
    const b = await load(s.baseline.url, '/person', baseBody, {}, env.duration);
    const h = await load(s.hub.url, '/graphql', hubBody, auth, env.duration);
    errors += b.errors + b.non2xx + h.errors + h.non2xx;
    base.push(b);
    hub.push(h);
    log(`round ${round + 1}: baseline ${fmt(b.rps, 0)} req/s p99 ${b.p99} ms; hub ${fmt(h.rps, 0)} req/s p99 ${h.p99} ms`);
  }
  const peak = rss.stop();
  const [bRps, hRps] = [median(base.map((x) => x.rps)), median(hub.map((x) => x.rps))];
  const [bP99, hP99] = [median(base.map((x) => x.p99)), median(hub.map((x) => x.p99))];
  if (only.has('a')) {
    result(`a. person page (person + 50 interventions + consents, GraphQL, bearer token, field-masked) vs Fastify+pg hand-written SQL, ${s.people} people, ${env.connections} connections: ` +
      `throughput ${fmt(hRps, 0)} vs ${fmt(bRps, 0)} req/s = ${fmt(hRps / bRps)}x (goal >= 0.7); p99 ${hP99} vs ${bP99} ms = ${fmt(hP99 / bP99)}x (goal <= 2.5); errors ${errors}`);
  }
  if (only.has('c')) {
    result(`c. hub peak RSS under the load of (a): ${fmt(peak, 0)} MB (goal <= 300 MB; baseline process not counted)`);
  }
}

interface Latency {
  hubP95: number;
  baseP95: number;
  visible: number;
}

/** b: caseload list and name search, p95 latency of the hub against the raw SQL (both over HTTP). */
async function caseload(s: Scale, search: boolean): Promise<Latency> {
  const org = await focusOrg(s);
  const token = await login(s.hub, `s${SEED}.org0.caseworker@${DOMAIN}`);
  const visible = (await s.pool.query(`SELECT count(DISTINCT person_id)::int AS n FROM involvement WHERE organisation_id = $1 AND (ended_at IS NULL OR ended_at > now())`, [org])).rows[0].n;
  let i = 0;
  const term = () => (search ? SEARCH_TERMS[i++ % SEARCH_TERMS.length] : undefined);
  const hubBody = () => JSON.stringify({ query: PEOPLE, variables: { search: term() } });
  const baseBody = () => JSON.stringify({ organisationId: org, search: term() });
  // Same answer for the first page.
  const h = (await gql(s.hub, token, PEOPLE, { search: search ? SEARCH_TERMS[0] : undefined })).people.edges.map((e: any) => e.node.id).join();
  const b = ((await (await fetch(`${s.baseline.url}/people`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ organisationId: org, search: search ? SEARCH_TERMS[0] : undefined }) })).json()) as any).data.people.edges.map((e: any) => e.node.id).join();
  if (h !== b) throw new Error(`caseload ${search ? 'search ' : ''}answers differ at ${s.people} people`);
  const auth = { authorization: `Bearer ${token}` };
  await latencies(`${s.baseline.url}/people`, baseBody, {}, 60);
  await latencies(`${s.hub.url}/graphql`, hubBody, auth, 60);
  const hubP: number[] = [];
  const baseP: number[] = [];
  for (let round = 0; round < env.rounds; round++) {
    baseP.push(percentile(await latencies(`${s.baseline.url}/people`, baseBody, {}, 300), 95));
    hubP.push(percentile(await latencies(`${s.hub.url}/graphql`, hubBody, auth, 300), 95));
  }
  return { hubP95: median(hubP), baseP95: median(baseP), visible };
}

/** d: the ETE funnel over the whole population through GraphQL (hub admin) against its own SQL run directly. */
async function funnel(s: Scale): Promise<{ hub: number; raw: number }> {
  const token = await login(s.hub, `s${SEED}.hub.admin@${DOMAIN}`);
  const self = {
    interventions: { reportingSql: InterventionsService.prototype.reportingSql },
    persons: { reportingSql: PersonsService.prototype.reportingSql },
  };
  const activity = EteFunnelService.prototype.activitySql.call(self as never);
  const counts = ['TRUE', `status IN ('started', 'completed')`, `group_name IN ('skills', 'training') AND status IN ('started', 'completed')`, 'qualification IS NOT NULL', 'job_sector IS NOT NULL', `sustainment_status = 'sustained'`]
    .map((w, k) => `count(DISTINCT survivor_id) FILTER (WHERE ${w}) AS s${k}`).join(', ');
  const params = [FUNNEL_INPUT.from, FUNNEL_INPUT.to, null, null, null];
  const raw = async () => {
    const t = performance.now();
    await s.pool.query(`WITH act AS (${activity}) SELECT ${counts} FROM act`, params);
    await s.pool.query(`WITH act AS (${activity})
       SELECT 'qualification' AS dim, qualification AS key, count(DISTINCT survivor_id) AS people FROM act WHERE qualification IS NOT NULL GROUP BY qualification
       UNION ALL SELECT 'sector', job_sector, count(DISTINCT survivor_id) FROM act WHERE job_sector IS NOT NULL GROUP BY job_sector ORDER BY 1, 2`, params);
    return performance.now() - t;
  };
  const viaHub = async () => {
    const t = performance.now();
    const data = await gql(s.hub, token, FUNNEL, { input: FUNNEL_INPUT });
    if (!data.eteFunnel.steps[0].people) throw new Error('empty funnel');
    return performance.now() - t;
  };
  await raw();
  await viaHub();
  const r: number[] = [];
  const h: number[] = [];
  for (let k = 0; k < Math.max(3, env.rounds); k++) {
    r.push(await raw());
    h.push(await viaHub());
  }
  return { hub: median(h), raw: median(r) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const large = env.people * env.scale;
  result(`# npm run bench: ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}; populations ${env.people} and ${large} people ` +
    `(focus caseload ${env.caseload}); ${env.rounds} alternating rounds, medians`);
  if (only.has('f')) await syncStream();
  if (!['a', 'b', 'c', 'd'].some((x) => only.has(x))) return result(`# done in ${fmt((Date.now() - started) / 1000, 0)} s`);
  const small = await openScale(env.people);
  let bSmall: Latency | undefined;
  let sSmall: Latency | undefined;
  let dSmall: { hub: number; raw: number } | undefined;
  try {
    if (only.has('a') || only.has('c')) await personPage(small);
    if (only.has('b')) {
      bSmall = await caseload(small, false);
      sSmall = await caseload(small, true);
    }
    if (only.has('d')) dSmall = await funnel(small);
  } finally {
    await closeScale(small);
  }
  let bLarge: Latency | undefined;
  let sLarge: Latency | undefined;
  let dLarge: { hub: number; raw: number } | undefined;
  if (only.has('b') || only.has('d')) {
    const big = await openScale(large);
    try {
      if (only.has('b')) {
        bLarge = await caseload(big, false);
        sLarge = await caseload(big, true);
      }
      if (only.has('d')) dLarge = await funnel(big);
    } finally {
      await closeScale(big);
    }
  }
  if (bSmall && bLarge && sSmall && sLarge) {
    for (const [what, a, b] of [['caseload people(first: 20)', bSmall, bLarge], ['name search people(search, first: 20)', sSmall, sLarge]] as const) {
      result(`b. ${what}, actor sees ${a.visible} people: p95 hub ${fmt(a.hubP95, 1)} vs raw SQL ${fmt(a.baseP95, 1)} ms = ${fmt(a.hubP95 / a.baseP95)}x at ${env.people} people; ` +
        `${fmt(b.hubP95, 1)} vs ${fmt(b.baseP95, 1)} ms = ${fmt(b.hubP95 / b.baseP95)}x at ${large} (sees ${b.visible}); ` +
        `10x data costs the hub ${fmt(b.hubP95 / a.hubP95)}x (goal <= 1.3), the raw SQL ${fmt(b.baseP95 / a.baseP95)}x`);
    }
  }
  for (const [n, d] of [[env.people, dSmall], [large, dLarge]] as const) {
    if (d) result(`d. eteFunnel over all ${n} people (hub admin, GraphQL, audited) ${fmt(d.hub, 0)} ms vs its SQL run directly ${fmt(d.raw, 0)} ms = ${fmt(d.hub / d.raw)}x`);
  }
  result(`# done in ${fmt((Date.now() - started) / 1000, 0)} s`);
}

main().then(
  () => stopPostgres().then(() => process.exit(0)),
  (err: unknown) => {
    console.error(err);
    void stopPostgres().then(() => process.exit(1));
  },
);
