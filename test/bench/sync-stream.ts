/**
 * f: the streaming bulk path (NDJSON over HTTP into the hub, audit and outbox on) against raw COPY of
 * the same rows into the same tables, in the same run. Sizes: BENCH_SYNC_PEOPLE (100000) and
 * BENCH_SYNC_INTERVENTIONS (500000), loaded in BENCH_SYNC_ROUNDS (4) alternating rounds: each round
 * streams a slice of the people and their interventions through the hub, then copies the rows that
 * slice wrote into a second database, and the slice's records alone into a third (the machine's load
 * drifts; alternating keeps the three measured under the same conditions). Times are summed.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { CATALOGUE } from '../../libs/interventions/src/catalogue.js';
import { normaliseName } from '../../libs/persons/src/person-vocabulary.js';
import { adminQuery, dbUrl, DIST, fmt, gql, log, postgresAdminUrl, result, rssSampler, type Server, startHub } from './lib.js';

const PEOPLE = Number(process.env.BENCH_SYNC_PEOPLE ?? 100_000);
const INTERVENTIONS = Number(process.env.BENCH_SYNC_INTERVENTIONS ?? 500_000);
const ROUNDS = Number(process.env.BENCH_SYNC_ROUNDS ?? 4);
const SYSTEM = 'bench-case-system';

const GIVEN = [
  'Aaron',
  'Bella',
  'Callum',
  'Dana',
  'Ellis',
  'Farah',
  'Gavin',
  'Hana',
  'Ivan',
  'Jade',
  'Kieran',
  'Leah',
  'Mason',
  'Nadia',
  'Owen',
  'Priya',
];
const FAMILY = [
  'Ashworth',
  'Bramley',
  'Cartwright',
  'Dawson',
  'Eccleston',
  'Fairclough',
  'Greenhalgh',
  'Hargreaves',
  'Ingham',
  'Jowett',
  'Kershaw',
  'Lomax',
];
const REGIONS = ['north_west', 'greater_manchester', 'yorkshire_humber', 'north_east'];
const PLAIN = [
  'cv_cover_letter',
  'interview_practice',
  'job_search',
  'disclosure_advice',
  'accommodation_support',
  'mental_health_support',
  'finance_id_documents',
];
const CATEGORY = new Map(CATALOGUE.map((t) => [t.code, t.dataCategory as string]));

interface PersonRow {
  externalId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  region: string;
  identifiers: { scheme: string; value: string }[];
  offenceSummary?: string;
}

function personRecord(i: number): PersonRow {
  const p: PersonRow = {
    externalId: `P${i}`,
    givenName: GIVEN[i % GIVEN.length],
    familyName: FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length],
    dateOfBirth: `${1960 + (i % 40)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    region: REGIONS[i % REGIONS.length],
    identifiers: [{ scheme: 'PNC', value: `${String(i % 100).padStart(2, '0')}/${String(i).padStart(7, '0')}S` }],
  };
  if (i % 3 === 0) p.offenceSummary = 'Theft from a shop';
  return p;
}

interface InterventionRow {
  externalId: string;
  personExternalId: string;
  typeCode: string;
  status: string;
  occurredAt: string;
  notes: string;
  qualification?: { qualification: string; level: string };
  job?: { employer: string; sector: string; hoursPerWeek: number; startDate: string };
}

/** Interventions come in runs per person (as an external case system exports them), a tenth courses with a qualification, a tenth job starts. */
function interventionRecord(j: number): InterventionRow {
  const person = Math.floor((j * PEOPLE) / INTERVENTIONS);
  const day = `2025-${String((j % 12) + 1).padStart(2, '0')}-${String((j % 28) + 1).padStart(2, '0')}`;
  const base = {
    externalId: `I${j}`,
    personExternalId: `P${person}`,
    occurredAt: `${day}T10:30:00.000Z`,
    notes: `Session ${j % 7} of the programme`,
  };
  switch (j % 10) {
    case 7:
      return { ...base, typeCode: 'training_cscs', status: 'completed', qualification: { qualification: 'CSCS Green Card', level: '1' } };
    case 9:
      return {
        ...base,
        typeCode: 'job_start',
        status: 'completed',
        job: { employer: 'Northway Construction', sector: 'construction', hoursPerWeek: 37, startDate: day },
      };
    default:
      return { ...base, typeCode: PLAIN[j % PLAIN.length], status: j % 4 ? 'completed' : 'started' };
  }
}

/** Lines of records `from` … `to` - 1, handed out 1,000 at a time. */
function* ndjson<T>(from: number, to: number, record: (i: number) => T): Generator<string> {
  for (let i = from; i < to; i += 1000) {
    let chunk = '';
    for (let k = i; k < Math.min(to, i + 1000); k++) chunk += JSON.stringify(record(k)) + '\n';
    yield chunk;
  }
}

function post(hub: Server, path: string, token: string, key: string, body: Readable): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${hub.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/x-ndjson' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    body.pipe(req);
  });
}

const exec = promisify(execFile);

async function cli(databaseUrl: string, ...args: string[]): Promise<any> {
  const { stdout } = await exec(process.execPath, [join(DIST, 'apps/cli/src/main.js'), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

/** A fresh, migrated database with one probation organisation. */
async function freshDatabase(name: string): Promise<{ url: string; organisationId: string }> {
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  const org = await cli(url, 'create-org', '--name', 'Bench Probation Region', '--kind', 'probation', '--regions', REGIONS.join(','));
  return { url, organisationId: org.id };
}

const OFFICER = 'dpo@bench-probation.example';
const OFFICER_PASSWORD = 'Bench-Statutory-Sharing-2027';

/**
 * The organisation's statutory sharing agreement (offending and risk, every area of support), recorded by
 * its data protection officer through the hub: without it the hub refuses to put offending or risk values
 * into the shared record, as it could not read them back (docs/security.md, E4 and E6). A probation
 * organisation created with the CLI has no agreement until one is recorded.
 */
async function recordStatutoryAgreement(hub: Server, organisationId: string): Promise<void> {
  const r = await fetch(`${hub.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OFFICER, password: OFFICER_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${OFFICER}: ${r.status} ${await r.text()}`);
  const officer = ((await r.json()) as { access_token: string }).access_token;
  await gql(hub, officer, `mutation($input: CreateSharingAgreementInput!) { createSharingAgreement(input: $input) { id } }`, {
    input: {
      name: 'Bench probation statutory sharing',
      partyOrganisationIds: [organisationId],
      purposes: ['ETE', 'ACCOMMODATION', 'HEALTH', 'SUBSTANCE_MISUSE', 'FINANCE', 'FAMILY'],
      categories: ['IDENTITY', 'OFFENDING', 'RISK'],
      lawfulBasis: 'PUBLIC_TASK',
      statutoryReference: 'Offender Management Act 2007 s.14',
      validFrom: new Date(Date.now() - 60_000).toISOString(),
    },
  });
}

const seconds = (t: number) => (performance.now() - t) / 1000;

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

/** Every table the streaming load writes, with how to find the rows one round wrote (from the round's start and the identities before it). */
const WRITTEN: { table: string; since: string }[] = [
  { table: 'person', since: 'created_at >= $1' },
  { table: 'person_identifier', since: 'person_id IN (SELECT id FROM person WHERE created_at >= $1)' },
  { table: 'involvement', since: 'created_at >= $1' },
  { table: 'person_change', since: 'changed_at >= $1' },
  { table: 'external_ref', since: 'created_at >= $1' },
  { table: 'intervention', since: 'created_at >= $1' },
  { table: 'job_sustainment', since: 'created_at >= $1' },
  { table: 'outbox_event', since: 'id > $2' },
  { table: 'audit_event', since: 'id > $3' },
];

interface Mark {
  at: string;
  outbox: string;
  audit: string;
}

const mark = async (c: pg.Client): Promise<Mark> =>
  (
    await c.query(
      `SELECT clock_timestamp()::text AS at, (SELECT coalesce(max(id), 0) FROM outbox_event)::text AS outbox, (SELECT coalesce(max(id), 0) FROM audit_event)::text AS audit`,
    )
  ).rows[0];

/**
 * The rows one round of the streaming load wrote, every table of them, by COPY into the same tables
 * of another database: exported to files first (not timed), then loaded (timed). Identity columns are
 * left to the database; the audit's trigger chains the rows again, as it would.
 */
async function copyWritten(source: pg.Client, target: pg.Client, since: Mark): Promise<{ seconds: number; rows: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'rehab-bench-copy-'));
  try {
    const columns = new Map<string, string>();
    let rows = 0;
    for (const { table, since: where } of WRITTEN) {
      const { rows: cols } = await source.query(
        `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS list FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'NO' AND is_generated = 'NEVER'`,
        [table],
      );
      columns.set(table, cols[0].list);
      const params = [since.at, since.outbox, since.audit].map((v) => `'${v}'`);
      const filter = where.replace(/\$(\d)/g, (_m, n: string) => params[Number(n) - 1]);
      rows += (await source.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${filter}`)).rows[0].n;
      await pipeline(
        source.query(copyTo(`COPY (SELECT ${cols[0].list} FROM ${table} WHERE ${filter}) TO STDOUT`)),
        createWriteStream(join(dir, table)),
      );
    }
    const t = performance.now();
    for (const { table } of WRITTEN)
      await pipeline(createReadStream(join(dir, table)), target.query(copyFrom(`COPY ${table} (${columns.get(table)}) FROM STDIN`)));
    return { seconds: seconds(t), rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const cell = (v: string | number | null) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);

function* csv(from: number, to: number, line: (i: number) => (string | number | null)[]): Generator<string> {
  for (let i = from; i < to; i += 1000) {
    let chunk = '';
    for (let k = i; k < Math.min(to, i + 1000); k++) chunk += line(k).map(cell).join(',') + '\n';
    yield chunk;
  }
}

/** Records `people` and `interventions` of a round as rows of person and intervention, by COPY straight into the tables. */
async function copyRecords(
  c: pg.Client,
  organisationId: string,
  ids: string[],
  people: [number, number],
  interventions: [number, number],
): Promise<number> {
  const t = performance.now();
  await pipeline(
    Readable.from(
      csv(people[0], people[1], (k) => {
        const p = personRecord(k);
        return [
          ids[k],
          p.givenName,
          p.familyName,
          normaliseName(p.givenName, p.familyName),
          p.dateOfBirth,
          p.region,
          p.offenceSummary ?? null,
          organisationId,
          1,
        ];
      }),
    ),
    c.query(
      copyFrom(
        `COPY person (id, given_name, family_name, normalised_name, date_of_birth, region, offence_summary, created_by_organisation_id, version) FROM STDIN WITH (FORMAT csv)`,
      ),
    ),
  );
  await pipeline(
    Readable.from(
      csv(interventions[0], interventions[1], (k) => {
        const r = interventionRecord(k);
        const outcome = r.job
          ? { kind: 'job', ...r.job }
          : r.qualification
            ? { kind: 'qualification', ...r.qualification, awardedOn: null }
            : null;
        return [
          randomUUID(),
          ids[Number(r.personExternalId.slice(1))],
          organisationId,
          'client:bench',
          r.typeCode,
          CATEGORY.get(r.typeCode)!,
          r.status,
          r.occurredAt,
          r.notes,
          outcome && JSON.stringify(outcome),
          1,
        ];
      }),
    ),
    c.query(
      copyFrom(
        `COPY intervention (id, person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, notes, outcome, version) FROM STDIN WITH (FORMAT csv)`,
      ),
    ),
  );
  return seconds(t);
}

export async function syncStream(): Promise<void> {
  await postgresAdminUrl();
  const stream = await freshDatabase('rehab_bench_sync_stream');
  const copyAll = await freshDatabase('rehab_bench_sync_copy_all');
  const copyOnly = await freshDatabase('rehab_bench_sync_copy');
  const client = await cli(stream.url, 'create-client', '--org', 'Bench Probation Region', '--name', 'Bench loader', '--scopes', 'sync');
  await cli(
    stream.url,
    'create-user',
    '--org',
    'Bench Probation Region',
    '--email',
    OFFICER,
    '--name',
    'Bench Officer',
    '--roles',
    'data_protection_officer',
    '--password',
    OFFICER_PASSWORD,
  );
  const hub = await startHub(stream.url, { WORKER_MODE: 'off' });
  const [source, all, only] = await Promise.all([connect(stream.url), connect(copyAll.url), connect(copyOnly.url)]);
  const ids = Array.from({ length: PEOPLE }, () => randomUUID());
  const time = { people: 0, interventions: 0, all: 0, records: 0 };
  let rowsWritten = 0;
  let peak = 0;
  try {
    const tokenRes = await fetch(`${hub.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }),
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    await recordStatutoryAgreement(hub, stream.organisationId);
    for (let round = 0; round < ROUNDS; round++) {
      const people: [number, number] = [Math.floor((round * PEOPLE) / ROUNDS), Math.floor(((round + 1) * PEOPLE) / ROUNDS)];
      const interventions: [number, number] = [
        Math.floor((round * INTERVENTIONS) / ROUNDS),
        Math.floor(((round + 1) * INTERVENTIONS) / ROUNDS),
      ];
      const since = await mark(source);
      const rss = rssSampler(hub.pid);
      let t = performance.now();
      const p = await post(
        hub,
        `/sync/people?system=${SYSTEM}`,
        token,
        `bench-people-${round}-${randomUUID()}`,
        Readable.from(ndjson(people[0], people[1], personRecord)),
      );
      const pSec = seconds(t);
      if (p.status !== 200 || p.json.created !== people[1] - people[0])
        throw new Error(`people load: ${p.status} ${JSON.stringify(p.json).slice(0, 500)}`);
      t = performance.now();
      const i = await post(
        hub,
        `/sync/interventions?system=${SYSTEM}`,
        token,
        `bench-interventions-${round}-${randomUUID()}`,
        Readable.from(ndjson(interventions[0], interventions[1], interventionRecord)),
      );
      const iSec = seconds(t);
      if (i.status !== 200 || i.json.created !== interventions[1] - interventions[0])
        throw new Error(`interventions load: ${i.status} ${JSON.stringify(i.json).slice(0, 500)}`);
      peak = Math.max(peak, rss.stop());
      const copied = await copyWritten(source, all, since);
      const records = await copyRecords(only, copyOnly.organisationId, ids, people, interventions);
      time.people += pSec;
      time.interventions += iSec;
      time.all += copied.seconds;
      time.records += records;
      rowsWritten += copied.rows;
      log(
        `round ${round + 1}/${ROUNDS}: hub ${fmt(pSec + iSec, 1)} s (people ${fmt(pSec, 1)}, interventions ${fmt(iSec, 1)}); ` +
          `COPY of the ${copied.rows} rows written ${fmt(copied.seconds, 1)} s; COPY of the records alone ${fmt(records, 1)} s; hub RSS peak ${fmt(peak, 0)} MB`,
      );
    }
    // The audit and the outbox were on: every record's events are in the outbox and in an audit event (one per person and chunk).
    const { rows } = await source.query(
      `SELECT (SELECT count(*) FROM outbox_event WHERE actor_id LIKE 'client:%')::int AS outbox, (SELECT count(*) FROM audit_event WHERE action = 'write')::int AS audit,
              (SELECT sum(jsonb_array_length(detail->'events')) FROM audit_event WHERE action = 'write')::int AS audited`,
    );
    if (rows[0].outbox < PEOPLE + INTERVENTIONS || rows[0].audited !== rows[0].outbox)
      throw new Error(`expected outbox and audit of every record: ${JSON.stringify(rows[0])}`);
    log(`outbox events ${rows[0].outbox}, audit events ${rows[0].audit} covering ${rows[0].audited} events`);
  } finally {
    await Promise.all([source.end(), all.end(), only.end(), hub.stop()]);
  }
  const records = PEOPLE + INTERVENTIONS;
  const hubSec = time.people + time.interventions;
  const rate = (sec: number) => fmt(records / sec, 0);
  result(
    `f. streaming bulk load of ${PEOPLE} people + ${INTERVENTIONS} interventions (NDJSON over HTTP, COPY into staging, set-based merge, audit + outbox on; ${ROUNDS} alternating rounds, times summed): ` +
      `people ${fmt(PEOPLE / time.people, 0)} records/s (${fmt(time.people, 1)} s), interventions ${fmt(INTERVENTIONS / time.interventions, 0)} records/s (${fmt(time.interventions, 1)} s), ` +
      `all ${rate(hubSec)} records/s; raw COPY of the same rows into the same tables (${rowsWritten} rows in ${WRITTEN.length} tables, audit trigger on) ${rate(time.all)} records/s (${fmt(time.all, 1)} s) ` +
      `= ${fmt(time.all / hubSec)}x (goal >= 0.4); raw COPY of the records alone into person + intervention ${rate(time.records)} records/s (${fmt(time.records, 1)} s) = ${fmt(time.records / hubSec)}x; ` +
      `hub peak RSS during the loads ${fmt(peak, 0)} MB`,
    {
      people: PEOPLE,
      interventions: INTERVENTIONS,
      hubRecordsPerSecond: records / hubSec,
      copySameRowsRecordsPerSecond: records / time.all,
      ratioToCopySameRows: time.all / hubSec,
      copyRecordsAloneRecordsPerSecond: records / time.records,
      ratioToCopyRecordsAlone: time.records / hubSec,
      peakRssMb: peak,
    },
  );
}
