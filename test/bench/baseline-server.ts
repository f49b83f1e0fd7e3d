/**
 * The baselines the hub is measured against: a minimal Fastify + pg server answering the same
 * questions with hand-written SQL, no GraphQL.
 * - `/person`, `/people`: the raw baseline, with no access control, no masking, no audit.
 * - `/person-authorised`: the authorised baseline, doing by hand the duties the hub must do for a
 *   person read and nothing else: verify the bearer token (its signature once per process while it
 *   lives, as libs/auth remembers verified tokens), then in one statement load the user (active, of an
 *   active organisation, the token not issued before an invalidation), read the facts the policy
 *   decides on (relationship, consents and agreements for the organisation's areas of support,
 *   break-glass grant, allocation, team and region, restriction, exclusion), mask the categories the
 *   actor may not read, and append one audit event (INSERT INTO audit_event).
 * Run as a child process by the benchmarks: DATABASE_URL, PORT, POOL_SIZE; JWT_PUBLIC_KEY (PEM),
 * JWT_ISSUER and JWT_AUDIENCE for the authorised baseline.
 */
import { createPublicKey } from 'node:crypto';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
const app = Fastify({ logger: false });

/** Person + newest 50 interventions + consents + the referrals the organisation sent or received about the person, shaped as the GraphQL answer. */
const PERSON_PAGE = `
SELECT json_build_object('data', json_build_object('person', json_build_object(
  'id', p.id, 'givenName', p.given_name, 'familyName', p.family_name, 'dateOfBirth', p.date_of_birth, 'region', p.region,
  'releaseDate', p.release_date, 'offenceSummary', p.offence_summary, 'ogrsScore', p.ogrs_score, 'riskLevel', upper(p.risk_level),
  'healthNotes', p.health_notes, 'stage', upper(p.stage), 'version', p.version, 'withheldFields', '[]'::json,
  'identifiers', (SELECT coalesce(json_agg(json_build_object('scheme', upper(i.scheme), 'value', i.value) ORDER BY i.scheme, i.value), '[]')
                    FROM person_identifier i WHERE i.person_id = p.id),
  'interventions', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
        'id', x.id, 'typeCode', x.type_code, 'status', upper(x.status), 'occurredAt', x.occurred_at, 'notes', x.notes,
        'dataCategory', upper(x.data_category), 'organisationId', x.organisation_id, 'outcome', x.outcome)) ORDER BY x.occurred_at DESC, x.id DESC), '[]')
      FROM (SELECT * FROM intervention WHERE person_id = p.id ORDER BY occurred_at DESC, id DESC LIMIT 50) x)),
  'consents', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'purpose', upper(c.purpose), 'categories', c.categories,
        'organisationId', c.organisation_id, 'givenAt', c.given_at,
        'status', CASE WHEN c.withdrawn_at IS NOT NULL THEN 'WITHDRAWN' WHEN c.expires_at <= now() THEN 'EXPIRED' ELSE 'IN_FORCE' END)
        ORDER BY c.given_at DESC), '[]') FROM consent c WHERE c.person_id = p.id),
  'referrals', (SELECT coalesce(json_agg(json_build_object('id', r.id, 'toOrganisationId', r.to_organisation_id, 'serviceCode', r.service_code,
        'state', upper(r.state), 'sentAt', r.sent_at, 'dueAt', r.due_at, 'overdue', r.state IN ('sent', 'accepted') AND r.due_at IS NOT NULL AND r.due_at <= now())
        ORDER BY r.created_at DESC, r.id DESC), '[]')
      FROM referral r WHERE r.person_id = p.id AND (r.from_organisation_id = $2 OR (r.to_organisation_id = $2 AND r.state <> 'draft')))
))) AS body
FROM person p WHERE p.id = $1`;

const CASELOAD = `
SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.stage FROM person p
 WHERE p.merged_into_id IS NULL
   AND EXISTS (SELECT 1 FROM involvement inv WHERE inv.person_id = p.id AND inv.organisation_id = $1
                  AND inv.started_at <= now() AND (inv.ended_at IS NULL OR inv.ended_at > now()))
   AND ($2::text IS NULL OR p.normalised_name LIKE '%' || $2 || '%')
 ORDER BY p.family_name, p.given_name, p.id LIMIT 21`;

/** Every category of person data, and the areas of support (libs/access, libs/common), as the policy knows them. */
const CATEGORIES = `'{identity,offending,risk,health,substance_misuse,ete,employment,accommodation,finance,family}'::text[]`;
const ALL_AREAS = `'{ete,accommodation,health,substance_misuse,finance,family}'::text[]`;
const ACTIVE = (x: string) => `${x}.started_at <= now() AND (${x}.ended_at IS NULL OR ${x}.ended_at > now())`;
const RESTRICTIONS = `case_restriction cr WHERE cr.person_id = ANY(f.records) AND cr.lifted_at IS NULL`;
const LISTED = `f.user_id = ANY(cr.user_ids)`;
/** A masked field: the value when its category is readable, else null. */
const masked = (category: string, value: string) => `CASE WHEN '${category}' = ANY(r.readable) THEN ${value} END`;
/** The person's fields in the order the hub names them in withheldFields, with their categories (libs/persons). */
const FIELD_CATEGORIES: [string, string][] = [
  ['givenName', 'identity'],
  ['familyName', 'identity'],
  ['dateOfBirth', 'identity'],
  ['region', 'identity'],
  ['releaseDate', 'identity'],
  ['identifiers', 'identity'],
  ['offenceSummary', 'offending'],
  ['ogrsScore', 'offending'],
  ['riskLevel', 'risk'],
  ['healthNotes', 'health'],
  ['stage', 'ete'],
];

/**
 * $1 the person, $2 the user (the token's subject), $3 the token's iat (seconds, fractional), $4 the request id.
 * One statement: actor, facts, decision, masked page and audit event.
 */
const AUTHORISED_PAGE = `
WITH a AS (
  SELECT u.id AS user_id, o.id AS org, o.kind::text AS kind, u.regions,
         ARRAY(SELECT tm.team_id FROM team_member tm WHERE tm.user_id = u.id) AS teams,
         CASE WHEN cardinality(o.support_areas) > 0 THEN o.support_areas::text[]
              ELSE CASE o.kind::text WHEN 'training_provider' THEN '{ete}' WHEN 'employer' THEN '{ete}' WHEN 'jobcentre' THEN '{ete,finance}'
                                     WHEN 'health' THEN '{health,substance_misuse}' WHEN 'housing' THEN '{accommodation,finance}' ELSE ${ALL_AREAS} END END AS areas,
         CASE WHEN NOT u.roles && '{caseworker,manager,data_protection_officer}'::role[] THEN '{}'::text[]
              WHEN o.kind = 'employer' THEN '{identity,employment}'::text[] ELSE ${CATEGORIES} END AS ceiling,
         o.visibility = 'team_and_region' AND NOT 'data_protection_officer' = ANY(u.roles) AS team_scoped
    FROM user_account u JOIN organisation o ON o.id = u.organisation_id
   WHERE u.id = $2::uuid AND u.active AND o.active
     AND $3::float8 >= coalesce(extract(epoch FROM u.tokens_valid_after)::float8 + 0.001, 0)
     AND $3::float8 >= coalesce(extract(epoch FROM o.tokens_valid_after)::float8 + 0.001, 0)
), p AS (
  SELECT p.*, p.id || ARRAY(SELECT pm.id FROM person pm WHERE pm.merged_into_id = p.id) AS records FROM person p WHERE p.id = $1::uuid AND p.merged_into_id IS NULL
), f AS (
  SELECT a.*, p.id AS person_id, p.records,
    coalesce((SELECT bool_or(inv.role = 'lead') FROM involvement inv WHERE inv.person_id = ANY(p.records) AND inv.organisation_id = a.org AND ${ACTIVE('inv')}),
             (SELECT false FROM referral rr WHERE rr.to_organisation_id = a.org AND rr.state IN ('sent', 'accepted', 'in_progress') AND rr.person_id = ANY(p.records) LIMIT 1)) AS lead,
    ARRAY(SELECT DISTINCT unnest(c.categories) FROM consent c WHERE c.person_id = ANY(p.records) AND (c.organisation_id = a.org OR c.organisation_kind::text = a.kind)
            AND c.withdrawn_at IS NULL AND c.given_at <= now() AND (c.expires_at IS NULL OR c.expires_at > now()) AND c.purpose::text = ANY(a.areas)) AS consented,
    ARRAY(SELECT DISTINCT unnest(s.categories) FROM sharing_agreement s WHERE (a.org = ANY(s.party_organisation_ids) OR a.kind = ANY(s.party_kinds::text[]))
            AND s.valid_from <= now() AND (s.valid_to IS NULL OR s.valid_to > now()) AND s.purposes::text[] && a.areas) AS agreed,
    EXISTS (SELECT 1 FROM break_glass_grant bg WHERE bg.actor = 'user:' || a.user_id AND bg.person_id = p.id AND bg.opened_at <= now() AND bg.expires_at > now()) AS glass,
    EXISTS (SELECT 1 FROM allocation al WHERE al.person_id = ANY(p.records) AND al.organisation_id = a.org AND al.ended_at IS NULL
              AND (al.case_owner_id = a.user_id OR al.team_id = ANY(a.teams))) OR p.region = ANY(a.regions) AS mine
  FROM a, p
), g AS (
  SELECT f.*,
    EXISTS (SELECT 1 FROM ${RESTRICTIONS} AND cr.kind = 'restriction' AND NOT ${LISTED}) AS restricted,
    NOT EXISTS (SELECT 1 FROM ${RESTRICTIONS} AND cr.kind = 'restriction' AND NOT ${LISTED} AND NOT cr.allows_break_glass) AS yields,
    EXISTS (SELECT 1 FROM ${RESTRICTIONS} AND cr.kind = 'exclusion' AND ${LISTED}) AS excluded
  FROM f
), r AS (
  SELECT g.*, ARRAY(SELECT c FROM unnest(g.ceiling) c WHERE
      CASE WHEN g.excluded OR g.restricted OR (g.team_scoped AND NOT g.mine) THEN g.glass AND NOT g.excluded AND (NOT g.restricted OR g.yields)
           WHEN g.lead IS NULL THEN g.glass
           ELSE c = 'identity' OR c = ANY(g.consented) OR c = ANY(g.agreed) OR g.glass END ORDER BY c) AS readable
  FROM g
), iv AS (
  SELECT iv.* FROM r, intervention iv WHERE iv.person_id = ANY(r.records) AND 'identity' = ANY(r.readable)
     AND ((cardinality(r.ceiling) > 0 AND iv.organisation_id = r.org) OR iv.data_category::text = ANY(r.readable))
   ORDER BY iv.occurred_at DESC, iv.id DESC LIMIT 50
), page AS (
  SELECT r.person_id, r.org, r.user_id, r.readable, r.glass AND NOT (r.lead IS NOT NULL AND NOT (r.excluded OR r.restricted OR (r.team_scoped AND NOT r.mine))) AS by_glass,
    ARRAY(SELECT w.f FROM (VALUES ${FIELD_CATEGORIES.map(([f, c]) => `('${f}', '${c}')`).join(', ')}) w(f, c) WHERE NOT w.c = ANY(r.readable) ORDER BY w.f) AS withheld,
    json_build_object('data', json_build_object('person', json_build_object(
      'id', p.id, 'givenName', ${masked('identity', 'p.given_name')}, 'familyName', ${masked('identity', 'p.family_name')},
      'dateOfBirth', ${masked('identity', 'p.date_of_birth')}, 'region', ${masked('identity', 'p.region')}, 'releaseDate', ${masked('identity', 'p.release_date')},
      'offenceSummary', ${masked('offending', 'p.offence_summary')}, 'ogrsScore', ${masked('offending', 'p.ogrs_score')}, 'riskLevel', ${masked('risk', 'upper(p.risk_level::text)')},
      'healthNotes', ${masked('health', 'p.health_notes')}, 'stage', ${masked('ete', 'upper(p.stage::text)')}, 'version', p.version,
      'withheldFields', to_json(ARRAY(SELECT w.f FROM (VALUES ${FIELD_CATEGORIES.map(([f, c], k) => `(${k}, '${f}', '${c}')`).join(', ')}) w(k, f, c) WHERE NOT w.c = ANY(r.readable) ORDER BY w.k)),
      'identifiers', ${masked('identity', `(SELECT coalesce(json_agg(json_build_object('scheme', upper(i.scheme::text), 'value', i.value) ORDER BY i.scheme, i.value), '[]') FROM person_identifier i WHERE i.person_id = ANY(r.records))`)},
      'interventions', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
            'id', x.id, 'typeCode', x.type_code, 'status', upper(x.status::text), 'occurredAt', x.occurred_at, 'notes', x.notes,
            'dataCategory', upper(x.data_category::text), 'organisationId', x.organisation_id, 'outcome', x.outcome)) ORDER BY x.occurred_at DESC, x.id DESC), '[]')
          FROM iv x)),
      'consents', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'purpose', upper(c.purpose::text), 'categories', c.categories,
            'organisationId', c.organisation_id, 'givenAt', c.given_at,
            'status', CASE WHEN c.withdrawn_at IS NOT NULL THEN 'WITHDRAWN' WHEN c.expires_at <= now() THEN 'EXPIRED' ELSE 'IN_FORCE' END)
            ORDER BY c.given_at DESC, c.id DESC), '[]')
          FROM consent c WHERE c.person_id = ANY(r.records)
            AND (r.lead IS TRUE OR c.organisation_id = r.org OR c.organisation_kind::text = r.kind OR c.recorded_by_organisation_id = r.org)),
      'referrals', (SELECT coalesce(json_agg(json_build_object('id', rf.id, 'toOrganisationId', rf.to_organisation_id, 'serviceCode', rf.service_code,
            'state', upper(rf.state::text), 'sentAt', rf.sent_at, 'dueAt', rf.due_at, 'overdue', rf.state IN ('sent', 'accepted') AND rf.due_at IS NOT NULL AND rf.due_at <= now())
            ORDER BY rf.created_at DESC, rf.id DESC), '[]')
          FROM referral rf WHERE rf.person_id = ANY(r.records) AND (rf.from_organisation_id = r.org OR (rf.to_organisation_id = r.org AND rf.state <> 'draft')))
    ))) AS body
  FROM r JOIN p ON p.id = r.person_id
  WHERE 'identity' = ANY(r.readable)
), audit AS (
  INSERT INTO audit_event (actor, organisation_id, purpose, request_id, person_id, action, categories, fields, withheld, break_glass, detail)
  SELECT 'user:' || page.user_id, page.org, 'casework', $4, page.person_id, 'read',
         ARRAY(SELECT w.c FROM (VALUES ${FIELD_CATEGORIES.map(([f, c]) => `('${f}', '${c}')`).join(', ')}) w(f, c) WHERE w.c = ANY(page.readable)
               UNION SELECT iv.data_category::text FROM iv ORDER BY 1),
         ARRAY(SELECT 'Person.' || w.f FROM (VALUES ${FIELD_CATEGORIES.map(([f]) => `('${f}')`).join(', ')}, ('interventions'), ('consents'), ('referrals')) w(f)
                WHERE NOT w.f = ANY(page.withheld) ORDER BY 1),
         page.withheld, page.by_glass, NULL
    FROM page
  RETURNING id
)
SELECT (SELECT count(*) FROM a)::int AS actors, (SELECT body FROM page) AS body, (SELECT count(*) FROM audit)::int AS audited`;

/** Verified tokens, as libs/auth keeps them: the signature checked once, remembered until the token expires (at most 5,000). */
const publicKey = process.env.JWT_PUBLIC_KEY ? createPublicKey(process.env.JWT_PUBLIC_KEY) : null;
const verified = new Map<string, { sub: string; iat: number; exp: number }>();
const TOLERANCE_SECONDS = 5;

async function verify(authorization: string | undefined): Promise<{ sub: string; iat: number } | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token || !publicKey) return null;
  const now = Date.now() / 1000;
  const known = verified.get(token);
  if (known && now < known.exp + TOLERANCE_SECONDS) return known;
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      issuer: process.env.JWT_ISSUER ?? 'urn:rehab-hub',
      audience: process.env.JWT_AUDIENCE ?? 'rehab-hub-api',
      algorithms: ['ES256'],
      typ: 'at+jwt',
      clockTolerance: TOLERANCE_SECONDS,
    });
    if (
      typeof payload.sub !== 'string' ||
      !payload.sub.startsWith('user:') ||
      typeof payload.iat !== 'number' ||
      typeof payload.exp !== 'number'
    )
      return null;
    if (payload.iat > now + TOLERANCE_SECONDS) return null;
    const entry = { sub: payload.sub.slice(5), iat: payload.iat, exp: payload.exp };
    while (verified.size >= 5000) verified.delete(verified.keys().next().value!);
    verified.set(token, entry);
    return entry;
  } catch {
    return null;
  }
}

let requests = 0;
app.post('/person-authorised', async (req, reply) => {
  const who = await verify(req.headers.authorization);
  if (!who) return reply.code(401).send({ errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }] });
  const { id } = req.body as { id: string };
  const { rows } = await pool.query({
    name: 'authorised-page',
    text: AUTHORISED_PAGE,
    values: [id, who.sub, who.iat, `baseline-${process.pid}-${++requests}`],
  });
  const row = rows[0] as { actors: number; body: unknown; audited: number };
  if (row.actors === 0) return reply.code(401).send({ errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }] });
  if (!row.body)
    return reply.send({ data: { person: null }, errors: [{ message: 'Person not found', extensions: { code: 'NOT_FOUND' } }] });
  return reply.header('content-type', 'application/json').send(JSON.stringify(row.body));
});

app.get('/health', async () => ({ status: 'ok' }));

app.post('/person', async (req, reply) => {
  const { id, organisationId } = req.body as { id: string; organisationId: string };
  const { rows } = await pool.query(PERSON_PAGE, [id, organisationId]);
  reply.header('content-type', 'application/json').send(rows[0] ? JSON.stringify(rows[0].body) : '{"data":null}');
});

app.post('/people', async (req) => {
  const { organisationId, search } = req.body as { organisationId: string; search?: string };
  const { rows } = await pool.query(CASELOAD, [organisationId, search ? search.toLowerCase() : null]);
  const page = rows.slice(0, 20);
  return {
    data: {
      people: {
        edges: page.map((r) => ({
          node: {
            id: r.id,
            givenName: r.given_name,
            familyName: r.family_name,
            dateOfBirth: r.date_of_birth,
            stage: r.stage?.toUpperCase(),
          },
        })),
        pageInfo: { hasNextPage: rows.length > 20 },
      },
    },
  };
});

await app.listen({ port: Number(process.env.PORT ?? 3900), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
