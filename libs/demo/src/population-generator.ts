import { hash } from '@node-rs/argon2';
import { jobBegunSql } from '@hub/interventions';
import { DEFAULT_SLA_HOURS, SERVICE_SLA_HOURS, START_SLA_HOURS, TRANSITIONS } from '@hub/referrals';

/**
 * SQL for a deterministic id from a seed text: an md5 shaped as a version-4 UUID (version nibble 4,
 * variant 10xx), so generated ids pass the same UUID validation as the ones PostgreSQL generates.
 */
export function genUuid(seedSql: string): string {
  return `CAST(overlay(overlay(md5(${seedSql}) placing '4' from 13) placing '8' from 17) AS uuid)`;
}

/**
 * A synthetic national population for benchmarks and load tests: organisations of every kind across
 * the regions, their staff, people with identifiers, involvements, consents (some withdrawn or
 * expired), sharing agreements, referrals from the lead to each partner (and, for one person in
 * twelve, to one more) with the steps of their lifecycle, about ten interventions each (catalogue codes
 * by the kind of partner, statuses, qualifications, job starts with their 13-week sustainment), OGRS
 * assessments and proven reconvictions.
 *
 * Everything is written set-based by `INSERT ... SELECT FROM generate_series` on one connection, a
 * batch of people per transaction; values come from `hashint8extended(n, seed)`, so the same seed
 * gives the same population (ids included) on any server. Nothing goes through the ORM.
 */
export interface PopulationOptions {
  people: number;
  seed?: number;
  /** Organisations (default: a few hundred, growing slowly with the population). */
  organisations?: number;
  /**
   * People led by organisation 0 (a probation service), spread evenly through the population, so a
   * benchmark can hold what one actor sees constant while the table grows. 0: no special caseload.
   */
  focusCaseload?: number;
  /** People per transaction. */
  batch?: number;
  /** Password of every generated user (one caseworker and one manager per organisation). */
  password?: string;
  log?: (message: string) => void;
}

export interface PopulationSummary {
  seed: number;
  organisations: number;
  people: number;
  interventions: number;
  consents: number;
  involvements: number;
  referrals: number;
  sustainments: number;
  ogrsAssessments: number;
  reconvictions: number;
  users: number;
  ms: number;
}

/** A single connection (the generator keeps temporary tables on it). */
export interface SqlConnection {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

export const GENERATED_DOMAIN = 'gen.rehab-hub.example';
export const GENERATED_PASSWORD = 'Generated-Population-1';

/** Login of a generated user: `s<seed>.org<index>.caseworker@gen.rehab-hub.example` (or `.manager`); `s<seed>.hub.admin@...`. */
export function generatedUserEmail(seed: number, organisationIndex: number | 'hub', role: 'caseworker' | 'manager' | 'admin'): string {
  return organisationIndex === 'hub'
    ? `s${seed}.hub.admin@${GENERATED_DOMAIN}`
    : `s${seed}.org${organisationIndex}.${role}@${GENERATED_DOMAIN}`;
}

/** The seeded regions (libs/common REGIONS), in the order the generator deals them out. */
export const REGIONS = [
  'north_west',
  'greater_manchester',
  'north_east',
  'yorkshire_humber',
  'east_midlands',
  'west_midlands',
  'east_of_england',
  'london',
  'south_central',
  'south_west',
  'wales',
  'kent_surrey_sussex',
];

/** Share of organisations per kind (probation first: index 0 is always a probation service). */
const KIND_SHARES: [string, number][] = [
  ['probation', 0.1],
  ['prison', 0.08],
  ['charity', 0.3],
  ['training_provider', 0.15],
  ['employer', 0.17],
  ['jobcentre', 0.08],
  ['local_authority', 0.04],
  ['health', 0.04],
  ['housing', 0.04],
];

/** What each kind of partner records, drawn from the catalogue (migrations: CatalogueAndNameSearch). */
const TYPES_BY_KIND: Record<string, string[]> = {
  probation: ['motivation_confidence', 'cv_cover_letter', 'disclosure_advice', 'better_off_in_work', 'finance_id_documents', 'job_start'],
  prison: [
    'disclosure_workshop',
    'functional_skills_literacy',
    'functional_skills_numeracy',
    'finance_bank_account',
    'finance_id_documents',
  ],
  charity: [
    'accommodation_support',
    'mental_health_support',
    'substance_misuse_support',
    'family_support',
    'voluntary_work',
    'motivation_confidence',
  ],
  training_provider: [
    'training_cscs',
    'training_forklift',
    'training_health_safety',
    'training_pts',
    'training_nvq',
    'functional_skills_literacy',
    'functional_skills_numeracy',
    'functional_skills_ict',
    'interview_practice',
    'cv_cover_letter',
  ],
  employer: ['job_start', 'in_work_support', 'interview_practice'],
  jobcentre: ['job_search', 'cv_cover_letter', 'better_off_in_work', 'interview_practice', 'job_start'],
  local_authority: ['accommodation_support', 'family_support', 'finance_id_documents'],
  health: ['mental_health_support', 'substance_misuse_support'],
  housing: ['accommodation_support', 'finance_bank_account'],
};

const SERVICES_BY_KIND: Record<string, string[]> = {
  probation: ['supervision', 'ete_support'],
  prison: ['resettlement'],
  charity: ['accommodation_support', 'mental_health_support', 'substance_misuse_support', 'family_support'],
  training_provider: ['vocational_training', 'functional_skills', 'employability'],
  employer: ['employment', 'in_work_support'],
  jobcentre: ['job_search_support', 'benefits_advice'],
  local_authority: ['accommodation_support', 'family_support'],
  health: ['mental_health_support', 'substance_misuse_support'],
  housing: ['accommodation_support', 'finance_and_id'],
};

/** The consent purpose a person gives each kind of provider (prisons share under the statutory agreement). */
const PURPOSE_BY_KIND: Record<string, [string, string[]] | null> = {
  probation: null,
  prison: null,
  charity: ['accommodation', ['accommodation', 'health', 'substance_misuse', 'family']],
  training_provider: ['ete', ['ete', 'employment']],
  employer: ['ete', ['ete', 'employment']],
  jobcentre: ['ete', ['ete', 'employment']],
  local_authority: ['family', ['family', 'accommodation']],
  health: ['health', ['health', 'substance_misuse']],
  housing: ['accommodation', ['accommodation', 'finance']],
};

const KIND_LABEL: Record<string, string> = {
  probation: 'Probation Service',
  prison: 'HMP',
  charity: 'Community Trust',
  training_provider: 'Skills Academy',
  employer: 'Employer',
  jobcentre: 'Jobcentre Plus',
  local_authority: 'Council',
  health: 'NHS Trust',
  housing: 'Housing Association',
};

const GIVEN = [
  'James',
  'John',
  'Robert',
  'Michael',
  'David',
  'Daniel',
  'Paul',
  'Mark',
  'Thomas',
  'Steven',
  'Andrew',
  'Kevin',
  'Jason',
  'Gary',
  'Craig',
  'Lee',
  'Ryan',
  'Liam',
  'Connor',
  'Kyle',
  'Jamie',
  'Dean',
  'Wayne',
  'Carl',
  'Darren',
  'Scott',
  'Shane',
  'Adam',
  'Ben',
  'Callum',
  'Dale',
  'Aaron',
  'Jordan',
  'Nathan',
  'Marcus',
  'Tyrone',
  'Kieran',
  'Reece',
  'Owen',
  'Rhys',
  'Mohammed',
  'Ali',
  'Imran',
  'Tariq',
  'Hassan',
  'Kwame',
  'Tomasz',
  'Piotr',
  'Darius',
  'Marius',
  'Sarah',
  'Emma',
  'Laura',
  'Lisa',
  'Claire',
  'Kelly',
  'Gemma',
  'Natalie',
  'Stacey',
  'Leanne',
  'Amy',
  'Rachel',
  'Sophie',
  'Chloe',
  'Jade',
  'Nicola',
  'Donna',
  'Michelle',
  'Zoe',
  'Aisha',
  'Fatima',
  'Sofia',
  'Hannah',
  'Megan',
  'Kirsty',
  'Tracey',
  'Joanne',
  'Shannon',
  'Courtney',
  'Bethany',
];
const FAMILY = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Davis',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Bell',
  'Shaw',
  'Murphy',
  'Miller',
  'Cox',
  'Richards',
  'Khan',
  'Marshall',
  'Anderson',
  'Simpson',
  'Ellis',
  'Adams',
  'Singh',
  'Begum',
  'Wilkinson',
  'Foster',
  'Chapman',
  'Powell',
  'Webb',
  'Rogers',
  'Gray',
  'Mason',
  'Ali',
  'Hunt',
  'Hussain',
  'Campbell',
  'Matthews',
  'Owen',
  'Palmer',
  'Holmes',
  'Mills',
  'Barnes',
  'Knight',
  'Lloyd',
  'Butler',
  'Russell',
  'Barker',
  'Fisher',
  'Stevens',
  'Jenkins',
  'Murray',
  'Dixon',
  'Harvey',
  'Graham',
  'Pearson',
  'Ahmed',
  'Fletcher',
  'Walsh',
  'Kaur',
  'Gibson',
  'Howard',
  'Andrews',
  'Stewart',
  'Elliott',
  'Reynolds',
  'Saunders',
  'Payne',
  'Fox',
  'Ford',
  'Pearce',
  'Day',
  'Brooks',
  'West',
  'Lawrence',
  'Cole',
  'Atkinson',
  'Bradley',
  'Spencer',
  'Gill',
  'Dawson',
  'Ball',
  'Burton',
  'Obrien',
  'Watts',
  'Rose',
  'Booth',
  'Perry',
  'Ryan',
  'Grant',
  'Wells',
  'Armstrong',
  'Francis',
  'Rees',
  'Hayes',
  'Hargreaves',
  'Rowntree',
  'Nowak',
  'Kowalski',
  'Okafor',
  'Mensah',
  'Osei',
  'Nguyen',
];
const OFFENCES = [
  'Theft',
  'Burglary',
  'Shoplifting',
  'Assault occasioning ABH',
  'Possession with intent to supply',
  'Criminal damage',
  'Fraud by false representation',
  'Driving while disqualified',
  'Robbery',
  'Handling stolen goods',
  'Affray',
  'Breach of a court order',
];
const SECTORS = [
  'Construction',
  'Warehousing',
  'Hospitality',
  'Cleaning',
  'Retail',
  'Traffic management',
  'Rail',
  'Manufacturing',
  'Catering',
  'Logistics',
  'Care',
  'Recycling',
];
const EMPLOYERS = [
  'Northway Construction Ltd',
  'Brightway Facilities',
  'Roadline Traffic Services',
  'Redbrick Logistics',
  'Greenleaf Catering',
  'Ironbridge Manufacturing',
  'Second Chance Cafe',
  'Parcel Hub UK',
  'Trackside Rail Services',
  'Evergreen Care',
];
const QUALIFICATIONS: Record<string, string> = {
  functional_skills_literacy: 'Functional Skills English Entry Level 3',
  functional_skills_numeracy: 'Functional Skills Maths Level 1',
  functional_skills_ict: 'Functional Skills ICT Level 2',
  training_cscs: 'CSCS Labourer card',
  training_forklift: 'Counterbalance fork-lift licence',
  training_health_safety: 'Level 1 Health and Safety in a Construction Environment',
  training_pts: 'Personal Track Safety card',
  training_nvq: 'NVQ Level 2 Construction Operations',
};
const NOTES = [
  'Attended on time; engaged well',
  'Needs follow-up next week',
  "Rearranged at the person's request",
  'Good progress; confidence improving',
  'Referred on to a specialist service',
];

function sqlText(values: string[]): string {
  return `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;
}

export function defaultOrganisations(people: number): number {
  return Math.min(600, Math.max(200, Math.round(200 + people / 5000)));
}

export async function generatePopulation(db: SqlConnection, options: PopulationOptions): Promise<PopulationSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 1;
  const n = options.people;
  const orgCount = options.organisations ?? defaultOrganisations(n);
  const batch = options.batch ?? 50_000;
  const focus = Math.min(options.focusCaseload ?? 0, n);
  const stride = focus > 0 ? Math.max(1, Math.floor(n / focus)) : 0;
  if (!Number.isInteger(n) || n < 1) throw new Error('--people must be a positive whole number');
  if (!Number.isInteger(seed) || seed < 0 || seed > 99) throw new Error('--seed must be a whole number from 0 to 99');

  // Which organisation index is which kind: contiguous blocks, probation first.
  const kinds: string[] = [];
  for (const [kind, share] of KIND_SHARES) for (let k = 0; k < Math.max(2, Math.round(orgCount * share)); k++) kinds.push(kind);
  while (kinds.length > orgCount) kinds.splice(kinds.lastIndexOf('charity'), 1);
  while (kinds.length < orgCount) kinds.push('charity');
  const probationCount = kinds.filter((k) => k === 'probation').length;
  const providerCount = orgCount - probationCount;

  const existing = await db.query(`SELECT 1 FROM person WHERE id = ${genUuid(`$1 || ':p:0'`)}`, [String(seed)]);
  if (existing.rows.length) throw new Error(`a population with seed ${seed} is already in this database; pass another --seed`);

  // Session-local helpers, inlined by the planner: h(x) is a non-negative deterministic hash of x.
  await db.query(`CREATE OR REPLACE FUNCTION pg_temp.h(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    $$ SELECT hashint8extended(x, ${seed}) & 2147483647 $$`);

  // Organisations and their staff.
  const orgRows = kinds.map((kind, idx) => {
    const region = REGIONS[idx % REGIONS.length];
    const regions =
      kind === 'probation' || kind === 'jobcentre' || idx % 3 === 0 ? [region] : [region, REGIONS[(idx + 1) % REGIONS.length]];
    return {
      idx,
      kind,
      name: `${KIND_LABEL[kind]} ${region.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase())} ${String(idx).padStart(3, '0')} (s${seed})`,
      regions: `{${regions.join(',')}}`,
      services: `{${SERVICES_BY_KIND[kind].join(',')}}`,
      capacity: kind === 'probation' || kind === 'prison' || kind === 'jobcentre' ? null : 10 + (idx % 50),
    };
  });
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO organisation (id, name, kind, regions, services, capacity, version)
     SELECT ${genUuid(`$1 || ':o:' || o.idx`)}, o.name, o.kind::organisation_kind, o.regions::text[], o.services::text[], o.capacity, 1
       FROM jsonb_to_recordset($2::jsonb) AS o(idx int, kind text, name text, regions text, services text, capacity int)
     ON CONFLICT (name) DO NOTHING`,
    [String(seed), JSON.stringify(orgRows)],
  );
  const passwordHash = await hash(options.password ?? GENERATED_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  await db.query(
    `INSERT INTO user_account (organisation_id, email, name, password_hash, roles, regions, team)
     SELECT ${genUuid(`$1 || ':o:' || i`)}, 's' || $1 || '.org' || i || '.' || r.role || '@${GENERATED_DOMAIN}', initcap(r.role) || ' ' || i, $2,
            ARRAY[r.role]::role[], '{}', 'team ' || (i % 4)
       FROM generate_series(0, $3::int - 1) i CROSS JOIN (VALUES ('caseworker'), ('manager')) r(role)
     ON CONFLICT (email) DO NOTHING`,
    [String(seed), passwordHash, orgCount],
  );
  // A hub admin (reports over everyone) in organisation 0.
  await db.query(
    `INSERT INTO user_account (organisation_id, email, name, password_hash, roles, regions)
     VALUES (${genUuid(`$1 || ':o:0'`)}, 's' || $1 || '.hub.admin@${GENERATED_DOMAIN}', 'Generated Hub Admin', $2, ARRAY['hub_admin']::role[], '{}')
     ON CONFLICT (email) DO NOTHING`,
    [String(seed), passwordHash],
  );
  const agreements: [string, string[], string[], string[], string, string][] = [
    [
      'Probation and prison statutory sharing',
      ['probation', 'prison'],
      ['ete', 'accommodation', 'health', 'substance_misuse', 'finance', 'family'],
      ['identity', 'offending', 'risk', 'health', 'substance_misuse', 'ete', 'employment', 'accommodation', 'finance', 'family'],
      'public_task',
      'Offender Management Act 2007 s.14',
    ],
    [
      'Probation and Jobcentre employment support',
      ['probation', 'jobcentre'],
      ['ete'],
      ['ete', 'employment'],
      'public_task',
      'Welfare Reform Act 2012 s.131',
    ],
    [
      'Local authority housing duty',
      ['probation', 'local_authority'],
      ['accommodation'],
      ['accommodation'],
      'legal_obligation',
      'Homelessness Reduction Act 2017 s.213B',
    ],
  ];
  for (const [name, partyKinds, purposes, categories, basis, ref] of agreements) {
    await db.query(
      `INSERT INTO sharing_agreement (name, party_kinds, purposes, categories, lawful_basis, statutory_reference, valid_from, created_by)
       SELECT $1, $2, $3, $4, $5, $6, '2024-01-01', 'generator' WHERE NOT EXISTS (SELECT 1 FROM sharing_agreement WHERE name = $1)`,
      [name, partyKinds, purposes, categories, basis, ref],
    );
  }
  await db.query('COMMIT');

  // Organisation facts the people statements join to.
  await db.query(`DROP TABLE IF EXISTS pg_temp.gen_org`);
  await db.query(`CREATE TEMP TABLE gen_org (idx int PRIMARY KEY, id uuid NOT NULL, kind text NOT NULL, types text[] NOT NULL, ntypes int NOT NULL,
                    purpose text, categories text[], services text[] NOT NULL)`);
  await db.query(
    `INSERT INTO gen_org SELECT o.idx, ${genUuid(`$1 || ':o:' || o.idx`)}, o.kind, o.types, cardinality(o.types), o.purpose, o.categories, o.services
       FROM jsonb_to_recordset($2::jsonb) AS o(idx int, kind text, types text[], purpose text, categories text[], services text[])`,
    [
      String(seed),
      JSON.stringify(
        kinds.map((kind, idx) => ({
          idx,
          kind,
          types: TYPES_BY_KIND[kind],
          purpose: PURPOSE_BY_KIND[kind]?.[0] ?? null,
          categories: PURPOSE_BY_KIND[kind]?.[1] ?? null,
          services: SERVICES_BY_KIND[kind],
        })),
      ),
    ],
  );
  await db.query(`ANALYZE gen_org`);

  const S = `'${seed}'`;
  // Person i: lead probation service, 1-3 providers, region of the lead. i*64+salt keys the hash.
  const lead = stride
    ? `CASE WHEN i % ${stride} = 0 AND i / ${stride} < ${focus} THEN 0 ELSE ${probationCount > 1 ? `1 + pg_temp.h(i * 64 + 4) % ${probationCount - 1}` : '0'} END`
    : `pg_temp.h(i * 64 + 4) % ${probationCount}`;
  const providers = `(1 + pg_temp.h(i * 64 + 7) % 3)`;
  const provider = (k: string) => `(${probationCount} + pg_temp.h(i * 64 + 8 + ${k}) % ${providerCount})`;
  const regions = sqlText(REGIONS);
  const totals = { interventions: 0, consents: 0, involvements: 0, referrals: 0 };

  const outer = db;
  const timings: number[] = [];
  for (let lo = 0; lo < n; lo += batch) {
    const hi = Math.min(n, lo + batch);
    const t0 = Date.now();
    timings.length = 0;
    const db = {
      async query(sql: string, params?: unknown[]) {
        const t = Date.now();
        const r = await outer.query(sql, params);
        timings.push(Date.now() - t);
        return r;
      },
    };
    await db.query('BEGIN');
    // The reoffending summary is recounted once for the batch's people, before the commit, not per statement.
    await db.query(`SET LOCAL reoffending.recount = 'deferred'`);
    await db.query(`DROP TABLE IF EXISTS pg_temp.gen_person`);
    await db.query(
      `CREATE TEMP TABLE gen_person ON COMMIT DROP AS
       SELECT i, ${genUuid(`${S} || ':p:' || i`)} AS id, ${lead} AS lead, ${providers} AS providers,
              date '2023-01-01' + (pg_temp.h(i * 64 + 5) % 1300)::int AS release_date
         FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) i`,
    );
    await db.query(`ALTER TABLE gen_person ADD PRIMARY KEY (i)`);
    await db.query(`ANALYZE gen_person`);
    await db.query(
      `INSERT INTO person (id, given_name, family_name, normalised_name, date_of_birth, region, release_date, offence_summary, ogrs_score,
                           risk_level, health_notes, stage, created_by_organisation_id, version)
       SELECT g.id, n.given, n.family, lower(n.given || ' ' || n.family), date '1960-01-01' + (pg_temp.h(i * 64 + 3) % 14600)::int,
              (${regions})[1 + g.lead % ${REGIONS.length}], g.release_date,
              (${sqlText(OFFENCES)})[1 + pg_temp.h(i * 64 + 11) % ${OFFENCES.length}] || ' (' || (2015 + pg_temp.h(i * 64 + 12) % 10) || ')',
              (5 + pg_temp.h(i * 64 + 6) % 90)::numeric(5,2),
              (ARRAY['low','medium','high','very_high'])[1 + pg_temp.h(i * 64 + 13) % 4],
              CASE WHEN pg_temp.h(i * 64 + 14) % 5 = 0 THEN (ARRAY['Low mood; GP aware','Anxiety; under GP care','Methadone script','Back injury; no heavy lifting'])[1 + pg_temp.h(i * 64 + 15) % 4] END,
              (ARRAY['finding_your_feet','taking_steps','setting_actions','ready_and_searching','ready_for_interview','adapting_to_work'])[1 + pg_temp.h(i * 64 + 16) % 6],
              o.id, 1
         FROM gen_person g JOIN gen_org o ON o.idx = g.lead
         CROSS JOIN LATERAL (SELECT (${sqlText(GIVEN)})[1 + pg_temp.h(i * 64 + 1) % ${GIVEN.length}] AS given,
                                    (${sqlText(FAMILY)})[1 + pg_temp.h(i * 64 + 2) % ${FAMILY.length}] AS family) n`,
    );
    await db.query(
      `INSERT INTO person_identifier (person_id, scheme, value)
       SELECT g.id, 'probation_case_reference', 'G' || ${S} || '-' || lpad(i::text, 8, '0') FROM gen_person g
       UNION ALL
       SELECT g.id, 'pnc', lpad(${S}, 2, '0') || '/' || lpad(i::text, 7, '0') || chr(65 + (i % 26)::int) FROM gen_person g WHERE i % 2 = 0`,
    );
    // Involvements: k = 0 the lead, 1..providers; a tenth of provider involvements have ended.
    const inv = await db.query(
      `INSERT INTO involvement (person_id, organisation_id, role, started_at, ended_at, source, created_by)
       SELECT g.id, o.id, CASE WHEN k = 0 THEN 'lead' ELSE 'provider' END, g.release_date - 60 + k::int * 7,
              CASE WHEN k > 0 AND pg_temp.h(i * 64 + 20 + k) % 10 = 0 THEN g.release_date + 120 END, 'generated', 'generator'
         FROM gen_person g CROSS JOIN LATERAL generate_series(0, g.providers) k
         JOIN gen_org o ON o.idx = CASE WHEN k = 0 THEN g.lead ELSE ${provider('k')} END`,
    );
    // Consents to each provider for the purpose its kind works on: 5% withdrawn, 5% expired.
    const consents = await db.query(
      `INSERT INTO consent (person_id, purpose, categories, organisation_id, method, given_at, expires_at, withdrawn_at, withdrawn_reason,
                            recorded_by_organisation_id, recorded_by)
       SELECT g.id, o.purpose, o.categories, o.id, (ARRAY['signed_form','verbal','electronic'])[1 + pg_temp.h(i * 64 + 30 + k) % 3],
              g.release_date - 50 + k::int * 7,
              CASE WHEN pg_temp.h(i * 64 + 40 + k) % 20 = 1 THEN g.release_date + 30 ELSE g.release_date + 730 END,
              CASE WHEN pg_temp.h(i * 64 + 40 + k) % 20 = 0 THEN g.release_date + 90 END,
              CASE WHEN pg_temp.h(i * 64 + 40 + k) % 20 = 0 THEN 'Asked to stop sharing' END,
              lo.id, 'generator'
         FROM gen_person g CROSS JOIN LATERAL generate_series(1, g.providers) k
         JOIN gen_org o ON o.idx = ${provider('k')} JOIN gen_org lo ON lo.idx = g.lead
        WHERE o.purpose IS NOT NULL`,
    );
    const referrals = await generateReferrals(db, S, provider);
    // Interventions: about ten per person (sixty for one in a thousand), each by one of the person's partners.
    const interventions = await db.query(
      `INSERT INTO intervention (id, person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, notes, outcome, version)
       SELECT ${genUuid(`${S} || ':i:' || x.i || ':' || x.j`)}, x.person_id, o.id, 'generator', t.code, t.data_category, x.status, x.occurred_at,
              CASE WHEN x.hn % 3 = 0 THEN (${sqlText(NOTES)})[1 + x.hn % ${NOTES.length}] END,
              CASE WHEN t.outcome_kind = 'job' THEN jsonb_build_object('kind', 'job',
                     'employer', (${sqlText(EMPLOYERS)})[1 + x.hn % ${EMPLOYERS.length}], 'sector', (${sqlText(SECTORS)})[1 + x.hn % ${SECTORS.length}],
                     'hoursPerWeek', 16 + x.hn % 25, 'startDate', to_char(x.occurred_at, 'YYYY-MM-DD'))
                   WHEN t.outcome_kind = 'qualification' AND x.status = 'completed' AND x.hn % 4 <> 0 THEN jsonb_build_object('kind', 'qualification',
                     'qualification', q.name, 'level', NULL, 'awardedOn', to_char(x.occurred_at, 'YYYY-MM-DD')) END,
              1
         FROM (SELECT g.i, j, g.id AS person_id, pg_temp.h(g.i * 1024 + j * 16 + 1) AS hn,
                      CASE WHEN k = 0 THEN g.lead ELSE ${provider('k').replace(/\bi\b/g, 'g.i')} END AS org_idx,
                      (timestamptz '2024-01-01 09:00+00' + make_interval(days => (pg_temp.h(g.i * 1024 + j * 16 + 2) % 1030)::int,
                                                                      mins => (pg_temp.h(g.i * 1024 + j * 16 + 3) % 480)::int)) AS occurred_at,
                      (ARRAY['completed','completed','completed','completed','completed','completed','completed','started','planned','did_not_attend','cancelled'])
                        [1 + pg_temp.h(g.i * 1024 + j * 16 + 4) % 11] AS status,
                      pg_temp.h(g.i * 1024 + j * 16 + 5) AS ht
                 FROM gen_person g
                 CROSS JOIN LATERAL generate_series(0, CASE WHEN g.i % 1000 = 7 THEN 59 ELSE pg_temp.h(g.i * 64 + 50) % 19 END) j
                 CROSS JOIN LATERAL (SELECT pg_temp.h(g.i * 1024 + j * 16 + 6) % (g.providers + 1) AS k) kk) x
         JOIN gen_org o ON o.idx = x.org_idx
         JOIN intervention_type t ON t.code = o.types[1 + x.ht % o.ntypes]
         LEFT JOIN (SELECT key AS code, value AS name FROM jsonb_each_text($1::jsonb)) q ON q.code = t.code`,
      [JSON.stringify(QUALIFICATIONS)],
    );
    // Job starts that began open a 13-week sustainment window; those due before now are closed, about 55% sustained.
    await db.query(
      `INSERT INTO job_sustainment (person_id, intervention_id, organisation_id, start_date, due_on, status, recorded_at, recorded_by)
       SELECT i.person_id, i.id, i.organisation_id, (i.outcome->>'startDate')::date, (i.outcome->>'startDate')::date + 91,
              CASE WHEN (i.outcome->>'startDate')::date + 91 > current_date THEN 'open'
                   WHEN (hashtext(i.id::text) & 2147483647) % 100 < 55 THEN 'sustained' ELSE 'not_sustained' END,
              CASE WHEN (i.outcome->>'startDate')::date + 91 <= current_date THEN (i.outcome->>'startDate')::date + 92 END,
              CASE WHEN (i.outcome->>'startDate')::date + 91 <= current_date THEN 'generator' END
         FROM gen_person g JOIN intervention i ON i.person_id = g.id
        WHERE i.type_code = 'job_start' AND ${jobBegunSql('i.status')}`,
    );
    // OGRS for nine in ten people at release; proven reconviction within two years more likely the higher the score.
    await db.query(
      `INSERT INTO ogrs_assessment (person_id, score, assessed_on, source, organisation_id, recorded_by)
       SELECT p.id, p.ogrs_score, g.release_date - 30, 'generated', p.created_by_organisation_id, 'generator'
         FROM gen_person g JOIN person p ON p.id = g.id WHERE pg_temp.h(g.i * 64 + 60) % 10 <> 0`,
    );
    await db.query(
      `INSERT INTO reconviction (person_id, convicted_on, source, organisation_id, recorded_by)
       SELECT p.id, g.release_date + 30 + (pg_temp.h(g.i * 64 + 61) % 700)::int, 'generated', p.created_by_organisation_id, 'generator'
         FROM gen_person g JOIN person p ON p.id = g.id WHERE pg_temp.h(g.i * 64 + 62) % 100 < p.ogrs_score * 0.8`,
    );
    await db.query(`SELECT reoffending_recount(ete_funnel_lock_people(ARRAY(SELECT id FROM gen_person)))`);
    await db.query('COMMIT');
    totals.interventions += interventions.rowCount ?? 0;
    totals.consents += consents.rowCount ?? 0;
    totals.involvements += inv.rowCount ?? 0;
    totals.referrals += referrals;
    log(`people ${hi}/${n} (${Date.now() - t0} ms for ${hi - lo}; statements ${timings.join('/')} ms)`);
  }
  // The referral report's deltas of the load, folded now (the worker would within a minute).
  await db.query(`SELECT referral_count_compact()`);
  // After a bulk load: statistics for the planner, and the visibility map and hint bits set now rather
  // than by the first readers.
  log('vacuuming and analyzing');
  await db.query(`VACUUM (ANALYZE)`);
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM person WHERE created_by_organisation_id IN (SELECT id FROM gen_org))::int AS people,
            (SELECT count(*) FROM job_sustainment js JOIN gen_org o ON o.id = js.organisation_id)::int AS sustainments,
            (SELECT count(*) FROM ogrs_assessment WHERE source = 'generated')::int AS ogrs,
            (SELECT count(*) FROM reconviction WHERE source = 'generated')::int AS reconvictions`,
  );
  const [counts] = rows as { people: number; sustainments: number; ogrs: number; reconvictions: number }[];
  return {
    seed,
    organisations: orgCount,
    people: counts.people,
    interventions: totals.interventions,
    consents: totals.consents,
    involvements: totals.involvements,
    referrals: totals.referrals,
    sustainments: counts.sustainments,
    ogrsAssessments: counts.ogrs,
    reconvictions: counts.reconvictions,
    users: orgCount * 2 + 1,
    ms: Date.now() - started,
  };
}

/** A referral's outcome, by share (of 100): its last state and the steps that led there. */
const REFERRAL_PATHS: [number, string, string[]][] = [
  [52, 'completed', ['send', 'accept', 'start', 'complete']],
  [20, 'in_progress', ['send', 'accept', 'start']],
  [5, 'accepted', ['send', 'accept']],
  [5, 'sent', ['send']],
  [9, 'declined', ['send', 'decline']],
  [5, 'withdrawn', ['send', 'accept', 'withdraw']],
  [4, 'withdrawn', ['send', 'withdraw']],
];
const DECLINED_BECAUSE = 'No capacity this quarter';
const WITHDRAWN_BECAUSE = 'Moved out of the area';
const REFERRAL_REASONS: Record<string, string> = {
  supervision: 'Transfer of supervision',
  ete_support: 'ETE assessment requested',
  resettlement: 'Resettlement planning before release',
  accommodation_support: 'No fixed abode on release',
  mental_health_support: 'Low mood reported at supervision',
  substance_misuse_support: 'Asked for help with alcohol use',
  family_support: 'Wants to rebuild contact with children',
  vocational_training: 'Wants a CSCS card for labouring work',
  functional_skills: 'Needs English and maths for a course',
  employability: 'CV and disclosure advice before applying',
  employment: 'Ready for work; suitable vacancy',
  in_work_support: 'Started work; 13 weeks of in-work support',
  job_search_support: 'Claiming; help looking for work',
  benefits_advice: 'Better-off-in-work calculation',
  finance_and_id: 'Needs ID and a bank account',
};

/**
 * The batch's referrals (gen_person): one from the lead to each partner the person works with, sent
 * three days before that work began, and for one person in twelve one more, to another partner. Each
 * takes one path of REFERRAL_PATHS, with its transitions; answer and start times vary around the SLA
 * (some late). Referrals still open whose time has passed are marked escalated, as the SLA sweep would
 * have done. Returns the number of referrals.
 */
async function generateReferrals(db: SqlConnection, S: string, provider: (k: string) => string): Promise<number> {
  const paths = REFERRAL_PATHS.flatMap(([share, state, steps]) => Array.from({ length: share }, () => ({ state, steps })));
  const sla = Object.entries(SERVICE_SLA_HOURS);
  await db.query(
    `CREATE TEMP TABLE gen_referral ON COMMIT DROP AS
     SELECT x.*, x.sent_at + make_interval(hours => (2 + x.h % 96)::int) AS answered_at,
            x.sent_at + make_interval(hours => (2 + x.h % 96)::int) + make_interval(hours => (6 + (x.h / 97) % 300)::int) AS started_at
       FROM (SELECT ${genUuid(`${S} || ':r:' || g.i || ':' || k`)} AS id, g.id AS person_id, lo.id AS from_id, o.id AS to_id,
                    o.services[1 + pg_temp.h(g.i * 64 + 70 + k) % cardinality(o.services)] AS service, coalesce(o.categories, '{}') AS categories,
                    (g.release_date - 63 + k::int * 7)::timestamp AT TIME ZONE 'Europe/London' + make_interval(mins => (540 + pg_temp.h(g.i * 64 + 72 + k) % 480)::int) AS sent_at,
                    (pg_temp.h(g.i * 64 + 74 + k) % 100)::int AS path, pg_temp.h(g.i * 64 + 76 + k) AS h
               FROM gen_person g
               CROSS JOIN LATERAL generate_series(1, g.providers + CASE WHEN pg_temp.h(g.i * 64 + 71) % 12 = 0 THEN 1 ELSE 0 END) k
               JOIN gen_org o ON o.idx = ${provider('k').replace(/\bi\b/g, 'g.i')}
               JOIN gen_org lo ON lo.idx = g.lead) x`,
  );
  await db.query(
    `CREATE TEMP TABLE gen_referral_path ON COMMIT DROP AS
     SELECT p.n - 1 AS path, p.v->>'state' AS state, ARRAY(SELECT jsonb_array_elements_text(p.v->'steps')) AS steps
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS p(v, n)`,
    [JSON.stringify(paths)],
  );
  // When each step was taken: answered (accept or decline) hours after sending, started days after acceptance, completed weeks later, withdrawn in between.
  await db.query(
    `CREATE TEMP TABLE gen_referral_step ON COMMIT DROP AS
     SELECT r.id AS referral_id, s.n, s.action,
            CASE s.action WHEN 'send' THEN r.sent_at WHEN 'accept' THEN r.answered_at WHEN 'decline' THEN r.answered_at
                          WHEN 'start' THEN r.started_at WHEN 'complete' THEN r.started_at + make_interval(days => (30 + r.h % 90)::int)
                          ELSE (CASE WHEN 'accept' = ANY(p.steps) THEN r.answered_at ELSE r.sent_at END) + make_interval(hours => (12 + r.h % 200)::int) END AS at,
            CASE WHEN s.action IN ('send', 'withdraw') THEN r.from_id ELSE r.to_id END AS organisation_id
       FROM gen_referral r JOIN gen_referral_path p ON p.path = r.path
       CROSS JOIN LATERAL unnest(p.steps) WITH ORDINALITY AS s(action, n)`,
  );
  const inserted = await db.query(
    `INSERT INTO referral (id, person_id, from_organisation_id, to_organisation_id, service_code, reason, shared_categories, state, state_reason,
                           sent_at, due_at, escalated_at, created_by, created_at, updated_at, version)
     SELECT r.id, r.person_id, r.from_id, r.to_id, r.service, reasons.reason, r.categories, p.state,
            CASE p.state WHEN 'declined' THEN '${DECLINED_BECAUSE}' WHEN 'withdrawn' THEN '${WITHDRAWN_BECAUSE}' END,
            r.sent_at, d.due_at, CASE WHEN d.due_at < now() THEN d.due_at + interval '1 minute' END,
            'generator', r.sent_at, last.at, 1 + cardinality(p.steps)
       FROM gen_referral r JOIN gen_referral_path p ON p.path = r.path
       JOIN (SELECT key AS service, value AS reason FROM jsonb_each_text($1::jsonb)) reasons ON reasons.service = r.service
       JOIN (SELECT referral_id, max(at) AS at FROM gen_referral_step GROUP BY referral_id) last ON last.referral_id = r.id
       CROSS JOIN LATERAL (SELECT CASE p.state
              WHEN 'sent' THEN r.sent_at + make_interval(hours => COALESCE((SELECT hours FROM unnest($2::text[], $3::int[]) AS sla(code, hours) WHERE sla.code = r.service), $4))
              WHEN 'accepted' THEN r.answered_at + make_interval(hours => $5) END AS due_at) d`,
    [JSON.stringify(REFERRAL_REASONS), sla.map(([code]) => code), sla.map(([, hours]) => hours), DEFAULT_SLA_HOURS, START_SLA_HOURS],
  );
  // The state each action leads to, as the hub's lifecycle has it.
  const stateAfter = (action: string) =>
    `CASE ${action} ${Object.entries(TRANSITIONS)
      .map(([a, rule]) => `WHEN '${a}' THEN '${rule.to}'`)
      .join(' ')} END`;
  await db.query(
    `INSERT INTO referral_transition (referral_id, action, from_state, to_state, reason, actor, organisation_id, at)
     SELECT st.referral_id, st.action, COALESCE(${stateAfter('st.previous')}, 'draft'), ${stateAfter('st.action')},
            CASE st.action WHEN 'decline' THEN '${DECLINED_BECAUSE}' WHEN 'withdraw' THEN '${WITHDRAWN_BECAUSE}' END,
            'generator', st.organisation_id, st.at
       FROM (SELECT s.*, lag(s.action) OVER (PARTITION BY s.referral_id ORDER BY s.n) AS previous FROM gen_referral_step s) st
      ORDER BY st.referral_id, st.n`,
  );
  return inserted.rowCount ?? 0;
}
