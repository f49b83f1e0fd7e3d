/**
 * g: the authorised person page through the hub against PostGraphile serving the same tables with
 * row-level security policies compiled from the hub's own access rule (postgraphile-rls.ts). Both
 * answer the same actor, with the same token, for the same person; same load, in alternation.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { DIST, DOMAIN, env, fmt, gql, load, log, login, median, result, type Server, startChild } from './lib.js';
import { AUTHENTICATOR_ROLE, postgraphileSetupSql, postgraphileTeardownSql } from './postgraphile-rls.js';

/** The hub's person page (run.ts PERSON_PAGE) in PostGraphile's terms: the same fields, orders and page size, the same shape. */
const PGL_PERSON_PAGE = `query($id: UUID!) { person: personById(id: $id) {
  id givenName familyName dateOfBirth region releaseDate offenceSummary ogrsScore riskLevel healthNotes stage version withheldFields
  identifiers(orderBy: [SCHEME_ASC, VALUE_ASC]) { scheme value }
  interventions(first: 50, orderBy: [OCCURRED_AT_DESC, ID_DESC]) { edges { node { id typeCode status occurredAt notes dataCategory organisationId outcome } } }
  consents(orderBy: [GIVEN_AT_DESC]) { id purpose categories organisationId status givenAt }
  referrals(orderBy: [CREATED_AT_DESC, ID_DESC]) { id toOrganisationId serviceCode state sentAt dueAt overdue } } }`;

export interface GScale {
  people: number;
  url: string;
  hub: Server;
  pool: pg.Pool;
}

async function startPostgraphile(databaseUrl: string, hubUrl: string): Promise<Server> {
  return startChild(
    join(DIST, 'test/bench/postgraphile-server.js'),
    { NODE_ENV: 'production', DATABASE_URL: databaseUrl, HUB_URL: hubUrl, POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20' },
    '/health',
  );
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const r = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body: any = await r.json();
  if (r.status !== 200 || body.errors) throw new Error(`postgraphile ${r.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

/** The two answers agree on everything both can express (PostGraphile's outcome is JSON, its timestamps another ISO spelling). */
function sameAnswer(hub: any, pgl: any): string | null {
  for (const f of [
    'id',
    'givenName',
    'familyName',
    'dateOfBirth',
    'region',
    'releaseDate',
    'offenceSummary',
    'ogrsScore',
    'riskLevel',
    'healthNotes',
    'stage',
    'version',
  ]) {
    if (JSON.stringify(hub[f]) !== JSON.stringify(pgl[f])) return `${f}: ${JSON.stringify(hub[f])} vs ${JSON.stringify(pgl[f])}`;
  }
  if (hub.withheldFields.join() !== pgl.withheldFields.join()) return 'withheldFields';
  if (JSON.stringify(hub.identifiers) !== JSON.stringify(pgl.identifiers)) return 'identifiers';
  const inv = (p: any) =>
    p.interventions.edges
      .map((e: any) => [e.node.id, e.node.status, e.node.dataCategory, e.node.notes, Date.parse(e.node.occurredAt)].join('|'))
      .join();
  if (inv(hub) !== inv(pgl)) return 'interventions';
  const con = (p: any) =>
    p.consents.map((c: any) => [c.id, c.purpose, c.categories.join('+'), c.status, Date.parse(c.givenAt)].join('|')).join();
  if (con(hub) !== con(pgl)) return 'consents';
  const ref = (p: any) =>
    p.referrals
      .map((r: any) =>
        [r.id, r.toOrganisationId, r.serviceCode, r.state, r.overdue, Date.parse(r.sentAt), r.dueAt && Date.parse(r.dueAt)].join('|'),
      )
      .join();
  if (ref(hub) !== ref(pgl)) return 'referrals';
  return null;
}

export async function postgraphileBench(s: GScale, hubQuery: string): Promise<void> {
  const { rows } = await s.pool.query(`
    SELECT p.id, (SELECT email FROM user_account u WHERE u.organisation_id = inv.organisation_id AND 'caseworker' = ANY(u.roles) LIMIT 1) AS email
      FROM (SELECT person_id FROM intervention GROUP BY person_id HAVING count(*) >= 50 ORDER BY person_id LIMIT 1) big
      JOIN person p ON p.id = big.person_id
      JOIN involvement inv ON inv.person_id = p.id AND inv.role = 'lead'`);
  const { id, email } = rows[0];
  const password = randomBytes(12).toString('hex');
  await s.pool.query(postgraphileSetupSql(password));
  const url = new URL(s.url);
  url.username = AUTHENTICATOR_ROLE;
  url.password = password;
  const pgl = await startPostgraphile(url.toString(), s.hub.url);
  try {
    const token = await login(s.hub, email);
    const viaHub = (await gql(s.hub, token, hubQuery, { id })).person;
    viaHub.referrals = viaHub.referrals.edges.map((e: any) => e.node); // a page of Person.referrals, as a list
    const viaPgl = (await post(pgl.url, token, PGL_PERSON_PAGE, { id })).person;
    const differs = viaPgl ? sameAnswer(viaHub, viaPgl) : 'PostGraphile found no person';
    if (differs || viaHub.interventions.edges.length !== 50)
      throw new Error(`hub and PostGraphile answers differ for person ${id}: ${differs}`);
    // Deny by default on both sides: a caseworker of an organisation with no involvement gets nothing from either.
    const stranger = (
      await s.pool.query(
        `SELECT email FROM user_account u WHERE 'caseworker' = ANY(u.roles) AND u.email LIKE '%@${DOMAIN}'
      AND u.organisation_id NOT IN (SELECT organisation_id FROM involvement WHERE person_id = $1) ORDER BY email LIMIT 1`,
        [id],
      )
    ).rows[0].email;
    const strangerToken = await login(s.hub, stranger);
    const hubDenied = await fetch(`${s.hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${strangerToken}` },
      body: JSON.stringify({ query: hubQuery, variables: { id } }),
    });
    const hubCode = ((await hubDenied.json()) as any).errors?.[0]?.extensions?.code;
    const pglDenied = (await post(pgl.url, strangerToken, PGL_PERSON_PAGE, { id })).person;
    if (hubCode !== 'NOT_FOUND' || pglDenied !== null)
      throw new Error(`an unrelated organisation's caseworker: hub ${hubCode}, PostGraphile ${JSON.stringify(pglDenied)?.slice(0, 200)}`);

    const hubBody = JSON.stringify({ query: hubQuery, variables: { id } });
    const pglBody = JSON.stringify({ query: PGL_PERSON_PAGE, variables: { id } });
    const auth = { authorization: `Bearer ${token}` };
    log(
      `person page vs PostGraphile: warm-up (${viaHub.interventions.edges.length} interventions, ${viaHub.consents.length} consents, ${viaHub.referrals.length} referrals)`,
    );
    await load(pgl.url, '/graphql', pglBody, auth, 3);
    await load(s.hub.url, '/graphql', hubBody, auth, 3);
    const hub: { rps: number; p99: number }[] = [];
    const other: { rps: number; p99: number }[] = [];
    let errors = 0;
    for (let round = 0; round < env.rounds; round++) {
      const p = await load(pgl.url, '/graphql', pglBody, auth, env.duration);
      const h = await load(s.hub.url, '/graphql', hubBody, auth, env.duration);
      errors += p.errors + p.non2xx + h.errors + h.non2xx;
      other.push(p);
      hub.push(h);
      log(`round ${round + 1}: PostGraphile ${fmt(p.rps, 0)} req/s p99 ${p.p99} ms; hub ${fmt(h.rps, 0)} req/s p99 ${h.p99} ms`);
    }
    const [pRps, hRps] = [median(other.map((x) => x.rps)), median(hub.map((x) => x.rps))];
    const [pP99, hP99] = [median(other.map((x) => x.p99)), median(hub.map((x) => x.p99))];
    result(
      `g. person page vs PostGraphile 4 (same tables, RLS policies compiled from the hub's access rule, same token; PostGraphile writes no audit), ${s.people} people, ${env.connections} connections: ` +
        `throughput hub ${fmt(hRps, 0)} vs ${fmt(pRps, 0)} req/s = ${fmt(hRps / pRps)}x (goal > 1); p99 ${hP99} vs ${pP99} ms = ${fmt(hP99 / pP99)}x; errors ${errors}`,
      {
        hubRps: hRps,
        postgraphileRps: pRps,
        throughputRatio: hRps / pRps,
        hubP99Ms: hP99,
        postgraphileP99Ms: pP99,
        p99Ratio: hP99 / pP99,
        errors,
      },
    );
  } finally {
    await pgl.stop();
    await s.pool.query(postgraphileTeardownSql());
  }
}
