/**
 * Bench-only SQL (never a product migration): row-level security policies and API views that let
 * PostGraphile serve the person page under the hub's access rule, applied to the benchmark database
 * by postgraphile.ts and removed afterwards.
 *
 * The policies are not a rewrite of the rule: they are the SQL that libs/access compileScope builds
 * for the hub's own list queries (relationship through involvement or open referral, lawful basis
 * through consent or agreement, own data, break-glass), with the bodies of the hub's fact functions
 * (migrations/1796715100000-AccessFactFunctions.ts) written in place, because those functions read the
 * tables under row-level security here (which would recurse on person), and with the query parameters
 * replaced by the request's settings:
 *   :accessOrg     -> jwt.claims.org (set per request by PostGraphile from the verified hub token)
 *   :accessActor   -> jwt.claims.sub
 *   :accessKind    -> the organisation's kind, looked up once per statement
 *   :accessAreas   -> every area of support (the benchmarked readers are probation officers)
 *   :accessCeiling -> the categories the actor's roles (or client's scopes) and kind allow, looked up
 *                     once per statement from ROLE_ACTIONS / SCOPE_ACTIONS / KIND_DENIES (as CASL does).
 *
 * Fact tables are read through plain views in bench_facts owned by the database owner, so a policy's
 * subqueries do not themselves run under row-level security (which would recurse on person).
 * Policies and view bodies are created with search_path bench_facts first, which binds the hub's
 * unqualified table names in the fragments to those views at creation time.
 */
import { compileScope, DATA_CATEGORIES, DataCategory, KIND_DENIES, ROLE_ACTIONS, SCOPE_ACTIONS } from '../../libs/access/src/index.js';
import { type Actor, OrganisationKind, Role, SUPPORT_AREAS } from '../../libs/common/src/index.js';
import { PERSON_FIELD_CATEGORIES, PERSON_FIELDS } from '../../libs/persons/src/person-vocabulary.js';

export const ACTOR_ROLE = 'rehab_bench_actor';
export const AUTHENTICATOR_ROLE = 'rehab_bench_authenticator';
export const API_SCHEMA = 'bench_api';
const FACTS = 'bench_facts';

/** Tables the policies read facts from (through owner views) and tables placed under row-level security. */
const FACT_TABLES = [
  'person',
  'consent',
  'involvement',
  'referral',
  'sharing_agreement',
  'break_glass_grant',
  'organisation',
  'user_account',
  'api_client',
];
const RLS_TABLES = ['person', 'intervention', 'consent', 'person_identifier', 'referral'];

/** The surviving record of the person in `c` (persons' survivorSql, over the bench_facts person view). */
const survivor = (c: string) => `COALESCE((SELECT pm.merged_into_id FROM person pm WHERE pm.id = ${c}), ${c})`;
// The fact functions' bodies (access_involvement_people, access_referral_people, access_consents,
// access_agreements, access_break_glass_people), over the bench_facts views.
const ACTIVE = `inv.started_at <= now() AND (inv.ended_at IS NULL OR inv.ended_at > now())`;
const OPEN = `rr.state IN ('sent', 'accepted', 'in_progress')`;
const relatedIds = () =>
  `SELECT inv.person_id FROM involvement inv WHERE inv.organisation_id = CAST(:accessOrg AS uuid) AND ${ACTIVE}
   UNION ALL SELECT pm.merged_into_id FROM involvement inv JOIN person pm ON pm.id = inv.person_id
    WHERE inv.organisation_id = CAST(:accessOrg AS uuid) AND ${ACTIVE} AND pm.merged_into_id IS NOT NULL
   UNION ALL SELECT ${survivor('rr.person_id')} FROM referral rr WHERE rr.to_organisation_id = CAST(:accessOrg AS uuid) AND ${OPEN}`;
const CONSENT_IN_FORCE = `c.withdrawn_at IS NULL AND c.given_at <= now() AND (c.expires_at IS NULL OR c.expires_at > now())`;
const consentTo = `(c.organisation_id = CAST(:accessOrg AS uuid) OR c.organisation_kind = CAST(:accessKind AS text)) AND ${CONSENT_IN_FORCE}`;
const lawful = (c: string, cat: string) =>
  `(EXISTS (SELECT 1 FROM sharing_agreement a
             WHERE (CAST(:accessOrg AS uuid) = ANY(a.party_organisation_ids) OR CAST(:accessKind AS text) = ANY(a.party_kinds))
               AND a.valid_from <= now() AND (a.valid_to IS NULL OR a.valid_to > now())
               AND ${cat} = ANY(a.categories) AND a.purposes && CAST(:accessAreas AS text[]))
    OR EXISTS (SELECT 1 FROM consent c WHERE c.person_id = ${c} AND ${consentTo} AND ${cat} = ANY(c.categories) AND c.purpose = ANY(CAST(:accessAreas AS text[])))
    OR EXISTS (SELECT 1 FROM person pm JOIN consent c ON c.person_id = pm.id
                WHERE pm.merged_into_id = ${c} AND ${consentTo} AND ${cat} = ANY(c.categories) AND c.purpose = ANY(CAST(:accessAreas AS text[]))))`;
const GRANT_IN_FORCE = `bg.actor = CAST(:accessActor AS text) AND bg.opened_at <= now() AND bg.expires_at > now()`;
const grant = (c: string) => `EXISTS (SELECT 1 FROM break_glass_grant bg WHERE ${GRANT_IN_FORCE} AND bg.person_id = ${c})`;
const grantedIds = () => `SELECT bg.person_id FROM break_glass_grant bg WHERE ${GRANT_IN_FORCE}`;

/** An actor whose ceiling is every category, so compileScope returns its full condition; the real ceiling comes from SQL. */
const FULL: Actor = {
  kind: 'user',
  id: '00000000-0000-0000-0000-000000000000',
  displayName: 'bench',
  organisationId: '00000000-0000-0000-0000-000000000000',
  organisationKind: OrganisationKind.PROBATION,
  organisationRegions: [],
  roles: [Role.CASEWORKER],
  scopes: [],
  purpose: 'casework',
  requestId: 'bench',
};

const CEILING = `(SELECT ${FACTS}.actor_ceiling())`;

/** compileScope for reading, as AccessService.scope composes it for a user (break-glass joins relationship and basis), with settings for parameters. */
function readScope(person: string, category: string, owner?: string): string {
  const { where } = compileScope(
    FULL,
    'read',
    { person, category, owner },
    {
      relatedSql: (c) => `${c} IN (${relatedIds()} UNION ALL ${grantedIds()})`,
      lawfulSql: (c, cat) => `(${lawful(c, cat)} OR ${grant(c)})`,
      // The benchmarked reader's organisation shows its whole caseload and no record is restricted: the
      // hub still tests restrictions and exclusions on every row, this policy does not (in its favour).
      teamSql: () => 'TRUE',
      restrictedSql: () => 'FALSE',
      restrictionYieldsSql: () => 'FALSE',
      excludedSql: () => 'FALSE',
    },
  );
  const sql = where
    .replaceAll(':accessCeiling', CEILING)
    .replaceAll(':accessActor', `current_setting('jwt.claims.sub', true)`)
    // The benchmarked readers are probation officers: every area of support (organisationAreas of their kind).
    .replaceAll(':accessAreas', `'{${SUPPORT_AREAS.join(',')}}'`)
    .replaceAll(':accessKind', `(SELECT ${FACTS}.actor_kind())`)
    .replaceAll(':accessOrg', `${FACTS}.actor_org()`);
  if (/:\w/.test(sql.replace(/::\w+/g, ''))) throw new Error(`unreplaced parameter in ${sql}`);
  // compileScope denies everything (own data included) when the ceiling is empty.
  return `(cardinality(${CEILING}) > 0 AND ${sql})`;
}

/** The lead organisation's people (as access_involvement_relationship computes lead), for the consent rule. */
function leadSql(c: string): string {
  const active = (a: string) => `${a}.started_at <= now() AND (${a}.ended_at IS NULL OR ${a}.ended_at > now())`;
  return `${c} IN (SELECT inv.person_id FROM involvement inv WHERE inv.organisation_id = ${FACTS}.actor_org() AND inv.role = 'lead' AND ${active('inv')}
      UNION ALL SELECT pm.merged_into_id FROM involvement inv JOIN person pm ON pm.id = inv.person_id
       WHERE inv.organisation_id = ${FACTS}.actor_org() AND inv.role = 'lead' AND ${active('inv')} AND pm.merged_into_id IS NOT NULL)`;
}

const list = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(', ')}]::text[]`;

/** The actor's category ceiling in SQL: ROLE_ACTIONS / SCOPE_ACTIONS grant reading at all, KIND_DENIES removes categories by kind. */
function ceilingSql(): string {
  const readRoles = Object.entries(ROLE_ACTIONS)
    .filter(([, a]) => a.includes('read'))
    .map(([r]) => r);
  const readScopes = Object.entries(SCOPE_ACTIONS)
    .filter(([, a]) => a?.includes('read'))
    .map(([s]) => s);
  const byKind = Object.entries(KIND_DENIES)
    .map(([kind, denied]) => `WHEN '${kind}' THEN ${list(DATA_CATEGORIES.filter((c) => !denied.includes(c)))}`)
    .join(' ');
  return `SELECT CASE WHEN EXISTS (SELECT 1 FROM user_account u WHERE 'user:' || u.id = current_setting('jwt.claims.sub', true) AND u.active
                               AND u.organisation_id = actor_org() AND u.roles::text[] && ${list(readRoles)})
                   OR EXISTS (SELECT 1 FROM api_client k WHERE 'client:' || k.id = current_setting('jwt.claims.sub', true) AND k.active
                               AND k.organisation_id = actor_org() AND k.scopes::text[] && ${list(readScopes)})
              THEN CASE actor_kind() ${byKind} ELSE ${list(DATA_CATEGORIES)} END
              ELSE ARRAY[]::text[] END`;
}

/** Person fields masked by category, and the names of the withheld ones, as PersonsService's personView does. */
function personViewSql(): string {
  const value: Record<string, string> = {
    givenName: 'p.given_name',
    familyName: 'p.family_name',
    dateOfBirth: 'p.date_of_birth',
    region: 'p.region',
    releaseDate: 'p.release_date',
    offenceSummary: 'p.offence_summary',
    ogrsScore: 'p.ogrs_score::float8',
    riskLevel: 'upper(p.risk_level)',
    healthNotes: 'p.health_notes',
    stage: 'upper(p.stage)',
  };
  const snake = (f: string) => f.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
  const columns = PERSON_FIELDS.filter((f) => f !== 'identifiers').map(
    (f) => `CASE WHEN '${PERSON_FIELD_CATEGORIES[f]}' = ANY(r.cats) THEN ${value[f]} END AS ${snake(f)}`,
  );
  const fields = PERSON_FIELDS.map((f) => `'${f}'`).join(', ');
  const cats = PERSON_FIELDS.map((f) => `'${PERSON_FIELD_CATEGORIES[f]}'`).join(', ');
  return `CREATE VIEW ${API_SCHEMA}.person WITH (security_invoker = true) AS
  SELECT p.id, ${columns.join(',\n    ')},
    p.version,
    ARRAY(SELECT f.name FROM unnest(ARRAY[${fields}]::text[], ARRAY[${cats}]::text[]) WITH ORDINALITY AS f(name, cat, n)
           WHERE NOT f.cat = ANY(r.cats) ORDER BY f.n) AS withheld_fields
    FROM public.person p
    CROSS JOIN LATERAL (SELECT coalesce(array_agg(rc.cat), ARRAY[]::text[]) AS cats FROM unnest(${CEILING}) AS rc(cat)
                         WHERE ${readScope('p.id', 'rc.cat')}) r
   WHERE p.merged_into_id IS NULL`;
}

/** Everything, idempotent (drops what an earlier run left). */
export function postgraphileSetupSql(authenticatorPassword: string): string {
  const consentStatus = `CASE WHEN c.withdrawn_at IS NOT NULL THEN 'WITHDRAWN' WHEN c.expires_at <= now() THEN 'EXPIRED' ELSE 'IN_FORCE' END`;
  return `
${postgraphileTeardownSql()};
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ACTOR_ROLE}') THEN CREATE ROLE ${ACTOR_ROLE} NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${AUTHENTICATOR_ROLE}') THEN CREATE ROLE ${AUTHENTICATOR_ROLE} LOGIN NOINHERIT; END IF;
END $$;
ALTER ROLE ${AUTHENTICATOR_ROLE} PASSWORD '${authenticatorPassword}';
GRANT ${ACTOR_ROLE} TO ${AUTHENTICATOR_ROLE};
CREATE SCHEMA ${FACTS};
CREATE SCHEMA ${API_SCHEMA};
SET search_path = ${FACTS}, public;
${FACT_TABLES.map((t) => `CREATE VIEW ${FACTS}.${t} AS SELECT * FROM public.${t}`).join(';\n')};
CREATE FUNCTION ${FACTS}.actor_org() RETURNS uuid LANGUAGE sql STABLE AS $f$ SELECT nullif(current_setting('jwt.claims.org', true), '')::uuid $f$;
CREATE FUNCTION ${FACTS}.actor_kind() RETURNS text LANGUAGE sql STABLE BEGIN ATOMIC SELECT o.kind::text FROM organisation o WHERE o.id = actor_org(); END;
CREATE FUNCTION ${FACTS}.actor_ceiling() RETURNS text[] LANGUAGE sql STABLE BEGIN ATOMIC ${ceilingSql()}; END;
GRANT USAGE ON SCHEMA ${FACTS}, ${API_SCHEMA} TO ${ACTOR_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA ${FACTS} TO ${ACTOR_ROLE};
GRANT SELECT ON public.person, public.intervention, public.consent, public.person_identifier, public.referral TO ${ACTOR_ROLE};
${RLS_TABLES.map((t) => `ALTER TABLE public.${t} ENABLE ROW LEVEL SECURITY`).join(';\n')};
CREATE POLICY bench_read ON public.person FOR SELECT TO ${ACTOR_ROLE}
  USING (${readScope('person.id', `'${DataCategory.IDENTITY}'`)});
CREATE POLICY bench_read ON public.person_identifier FOR SELECT TO ${ACTOR_ROLE}
  USING (${readScope(survivor('person_identifier.person_id'), `'${DataCategory.IDENTITY}'`)});
CREATE POLICY bench_read ON public.intervention FOR SELECT TO ${ACTOR_ROLE}
  USING (${readScope(survivor('intervention.person_id'), 'intervention.data_category', 'intervention.organisation_id')});
CREATE POLICY bench_read ON public.consent FOR SELECT TO ${ACTOR_ROLE}
  USING (${readScope(survivor('consent.person_id'), `'${DataCategory.IDENTITY}'`)}
         AND (${leadSql(survivor('consent.person_id'))} OR consent.organisation_id = actor_org()
              OR consent.organisation_kind = (SELECT actor_kind()) OR consent.recorded_by_organisation_id = actor_org()));
CREATE POLICY bench_read ON public.referral FOR SELECT TO ${ACTOR_ROLE}
  USING (${readScope(survivor('referral.person_id'), `'${DataCategory.IDENTITY}'`)}
         AND (referral.from_organisation_id = actor_org() OR (referral.to_organisation_id = actor_org() AND referral.state <> 'draft')));
${personViewSql()};
CREATE VIEW ${API_SCHEMA}.person_identifier WITH (security_invoker = true) AS
  SELECT i.id, i.person_id, upper(i.scheme) AS scheme, i.value FROM public.person_identifier i;
CREATE VIEW ${API_SCHEMA}.intervention WITH (security_invoker = true) AS
  SELECT i.id, i.person_id, i.type_code, upper(i.status) AS status, i.occurred_at, i.notes, upper(i.data_category) AS data_category, i.organisation_id, i.outcome
    FROM public.intervention i;
CREATE VIEW ${API_SCHEMA}.consent WITH (security_invoker = true) AS
  SELECT c.id, c.person_id, upper(c.purpose) AS purpose, ARRAY(SELECT upper(x) FROM unnest(c.categories) x) AS categories, c.organisation_id,
         ${consentStatus} AS status, c.given_at
    FROM public.consent c;
CREATE VIEW ${API_SCHEMA}.referral WITH (security_invoker = true) AS
  SELECT r.id, r.person_id, r.to_organisation_id, r.service_code, upper(r.state) AS state, r.sent_at, r.due_at,
         r.state IN ('sent', 'accepted') AND r.due_at IS NOT NULL AND r.due_at <= now() AS overdue, r.created_at
    FROM public.referral r;
GRANT SELECT ON ALL TABLES IN SCHEMA ${API_SCHEMA} TO ${ACTOR_ROLE};
COMMENT ON VIEW ${API_SCHEMA}.person IS E'@primaryKey id';
COMMENT ON VIEW ${API_SCHEMA}.person_identifier IS E'@primaryKey id\\n@foreignKey (person_id) references ${API_SCHEMA}.person (id)|@foreignFieldName identifiers\\n@simpleCollections only';
COMMENT ON VIEW ${API_SCHEMA}.intervention IS E'@primaryKey id\\n@foreignKey (person_id) references ${API_SCHEMA}.person (id)|@foreignFieldName interventions';
COMMENT ON VIEW ${API_SCHEMA}.consent IS E'@primaryKey id\\n@foreignKey (person_id) references ${API_SCHEMA}.person (id)|@foreignFieldName consents\\n@simpleCollections only';
COMMENT ON VIEW ${API_SCHEMA}.referral IS E'@primaryKey id\\n@foreignKey (person_id) references ${API_SCHEMA}.person (id)|@foreignFieldName referrals\\n@simpleCollections only';
RESET search_path`;
}

/** Leaves the database as the migrations made it (the roles, cluster-wide, stay for the next run). */
export function postgraphileTeardownSql(): string {
  return [
    `DROP SCHEMA IF EXISTS ${API_SCHEMA} CASCADE`,
    `DROP SCHEMA IF EXISTS ${FACTS} CASCADE`,
    ...RLS_TABLES.flatMap((t) => [`DROP POLICY IF EXISTS bench_read ON public.${t}`, `ALTER TABLE public.${t} DISABLE ROW LEVEL SECURITY`]),
    `DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ACTOR_ROLE}') THEN EXECUTE 'REVOKE ALL ON public.person, public.intervention, public.consent, public.person_identifier, public.referral FROM ${ACTOR_ROLE}'; END IF; END $$`,
  ].join(';\n');
}
