/**
 * The baseline the hub is measured against: a minimal Fastify + pg server answering the same
 * questions with hand-written SQL and no access control, no masking, no audit, no GraphQL.
 * Run as a child process by the benchmarks: DATABASE_URL, PORT, POOL_SIZE.
 */
import Fastify from 'fastify';
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
