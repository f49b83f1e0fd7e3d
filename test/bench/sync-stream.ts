/**
 * f: the streaming bulk path (NDJSON over HTTP into the hub, audit and outbox on) against raw COPY of
 * the same rows into the same tables, in the same run. Sizes: BENCH_SYNC_PEOPLE (100000) and
 * BENCH_SYNC_INTERVENTIONS (500000).
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
import { adminQuery, dbUrl, DIST, fmt, log, postgresAdminUrl, result, rssSampler, type Server, startHub } from './lib.js';

const PEOPLE = Number(process.env.BENCH_SYNC_PEOPLE ?? 100_000);
const INTERVENTIONS = Number(process.env.BENCH_SYNC_INTERVENTIONS ?? 500_000);
const SYSTEM = 'bench-case-system';

const GIVEN = ['Aaron', 'Bella', 'Callum', 'Dana', 'Ellis', 'Farah', 'Gavin', 'Hana', 'Ivan', 'Jade', 'Kieran', 'Leah', 'Mason', 'Nadia', 'Owen', 'Priya'];
const FAMILY = ['Ashworth', 'Bramley', 'Cartwright', 'Dawson', 'Eccleston', 'Fairclough', 'Greenhalgh', 'Hargreaves', 'Ingham', 'Jowett', 'Kershaw', 'Lomax'];
const REGIONS = ['north_west', 'greater_manchester', 'yorkshire_humber', 'north_east'];
const PLAIN = ['cv_cover_letter', 'interview_practice', 'job_search', 'disclosure_advice', 'accommodation_support', 'mental_health_support', 'finance_id_documents'];
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
  const base = { externalId: `I${j}`, personExternalId: `P${person}`, occurredAt: `${day}T10:30:00.000Z`, notes: `Session ${j % 7} of the programme` };
  switch (j % 10) {
    case 7:
      return { ...base, typeCode: 'training_cscs', status: 'completed', qualification: { qualification: 'CSCS Green Card', level: '1' } };
    case 9:
      return { ...base, typeCode: 'job_start', status: 'completed', job: { employer: 'Northway Construction', sector: 'construction', hoursPerWeek: 37, startDate: day } };
    default:
      return { ...base, typeCode: PLAIN[j % PLAIN.length], status: j % 4 ? 'completed' : 'started' };
  }
}

/** Lines of `n` records, handed out 1,000 at a time. */
function* ndjson<T>(n: number, record: (i: number) => T): Generator<string> {
  for (let i = 0; i < n; i += 1000) {
    let chunk = '';
    for (let k = i; k < Math.min(n, i + 1000); k++) chunk += JSON.stringify(record(k)) + '\n';
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

const seconds = (t: number) => (performance.now() - t) / 1000;

async function streamed(): Promise<{ url: string; peopleSec: number; interventionsSec: number; peakMb: number }> {
  const { url } = await freshDatabase('rehab_bench_sync_stream');
  const client = await cli(url, 'create-client', '--org', 'Bench Probation Region', '--name', 'Bench loader', '--scopes', 'sync');
  const hub = await startHub(url, { WORKER_MODE: 'off' });
  try {
    const tokenRes = await fetch(`${hub.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }),
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const rss = rssSampler(hub.pid);
    log(`streaming ${PEOPLE} people over HTTP`);
    let t = performance.now();
    const people = await post(hub, `/sync/people?system=${SYSTEM}`, token, `bench-people-${randomUUID()}`, Readable.from(ndjson(PEOPLE, personRecord)));
    const peopleSec = seconds(t);
    if (people.status !== 200 || people.json.created !== PEOPLE) throw new Error(`people load: ${people.status} ${JSON.stringify(people.json).slice(0, 500)}`);
    log(`streaming ${INTERVENTIONS} interventions over HTTP`);
    t = performance.now();
    const interventions = await post(hub, `/sync/interventions?system=${SYSTEM}`, token, `bench-interventions-${randomUUID()}`, Readable.from(ndjson(INTERVENTIONS, interventionRecord)));
    const interventionsSec = seconds(t);
    if (interventions.status !== 200 || interventions.json.created !== INTERVENTIONS) throw new Error(`interventions load: ${interventions.status} ${JSON.stringify(interventions.json).slice(0, 500)}`);
    const peakMb = rss.stop();
    // The audit and the outbox were on: every record's events are in the outbox and in an audit event (one per person and chunk).
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(
      `SELECT (SELECT count(*) FROM outbox_event WHERE actor_id LIKE 'client:%')::int AS outbox, (SELECT count(*) FROM audit_event WHERE action = 'write')::int AS audit,
              (SELECT sum(jsonb_array_length(detail->'events')) FROM audit_event WHERE action = 'write')::int AS audited`,
    );
    await c.end();
    if (rows[0].outbox < PEOPLE + INTERVENTIONS || rows[0].audited !== rows[0].outbox) throw new Error(`expected outbox and audit of every record: ${JSON.stringify(rows[0])}`);
    log(`outbox events ${rows[0].outbox}, audit events ${rows[0].audit} covering ${rows[0].audited} events`);
    return { url, peopleSec, interventionsSec, peakMb };
  } finally {
    await hub.stop();
  }
}

const cell = (v: string | number | null) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);

async function copy(client: pg.Client, table: string, columns: string, lines: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN WITH (FORMAT csv)`)));
}

/** The same records as rows of person and intervention, by COPY straight into the tables. */
async function rawCopy(): Promise<number> {
  const { url, organisationId } = await freshDatabase('rehab_bench_sync_copy');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const ids = Array.from({ length: PEOPLE }, () => randomUUID());
    const t = performance.now();
    await copy(
      c,
      'person',
      'id, given_name, family_name, normalised_name, date_of_birth, region, offence_summary, created_by_organisation_id, version',
      (function* () {
        for (let i = 0; i < PEOPLE; i += 1000) {
          let chunk = '';
          for (let k = i; k < Math.min(PEOPLE, i + 1000); k++) {
            const p = personRecord(k);
            chunk += [ids[k], p.givenName, p.familyName, normaliseName(p.givenName, p.familyName), p.dateOfBirth, p.region, p.offenceSummary ?? null, organisationId, 1].map(cell).join(',') + '\n';
          }
          yield chunk;
        }
      })(),
    );
    await copy(
      c,
      'intervention',
      'id, person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, notes, outcome, version',
      (function* () {
        for (let j = 0; j < INTERVENTIONS; j += 1000) {
          let chunk = '';
          for (let k = j; k < Math.min(INTERVENTIONS, j + 1000); k++) {
            const r = interventionRecord(k);
            const outcome = r.job ? { kind: 'job', ...r.job } : r.qualification ? { kind: 'qualification', ...r.qualification, awardedOn: null } : null;
            const person = ids[Number(r.personExternalId.slice(1))];
            chunk += [randomUUID(), person, organisationId, 'client:bench', r.typeCode, CATEGORY.get(r.typeCode)!, r.status, r.occurredAt, r.notes, outcome && JSON.stringify(outcome), 1].map(cell).join(',') + '\n';
          }
          yield chunk;
        }
      })(),
    );
    return seconds(t);
  } finally {
    await c.end();
  }
}

/** Every table the streaming load wrote (the audit's trigger chains the rows again on COPY, as it would). */
const WRITTEN = ['person', 'person_identifier', 'involvement', 'person_change', 'external_ref', 'intervention', 'job_sustainment', 'outbox_event', 'audit_event'];

/**
 * The rows the streaming load wrote, every table of them, by COPY into the same tables of a fresh
 * database: exported to files first (not timed), then loaded (timed). Identity columns are left to
 * the database.
 */
async function copyWritten(sourceUrl: string): Promise<{ seconds: number; rows: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'rehab-bench-copy-'));
  const src = new pg.Client({ connectionString: sourceUrl });
  await src.connect();
  const columns = new Map<string, string>();
  let rows = 0;
  try {
    for (const table of WRITTEN) {
      const { rows: cols } = await src.query(
        `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS list FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'NO' AND is_generated = 'NEVER'`,
        [table],
      );
      columns.set(table, cols[0].list);
      rows += (await src.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
      await pipeline(src.query(copyTo(`COPY (SELECT ${cols[0].list} FROM ${table}) TO STDOUT`)), createWriteStream(join(dir, table)));
    }
  } finally {
    await src.end();
  }
  const { url } = await freshDatabase('rehab_bench_sync_copy_all');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t = performance.now();
    for (const table of WRITTEN) await pipeline(createReadStream(join(dir, table)), c.query(copyFrom(`COPY ${table} (${columns.get(table)}) FROM STDIN`)));
    return { seconds: seconds(t), rows };
  } finally {
    await c.end();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function syncStream(): Promise<void> {
  await postgresAdminUrl();
  const s = await streamed();
  log('raw COPY of every row the load wrote, into the same tables of a fresh database');
  const all = await copyWritten(s.url);
  log('raw COPY of the records alone into person and intervention');
  const recordsSec = await rawCopy();
  const records = PEOPLE + INTERVENTIONS;
  const hubSec = s.peopleSec + s.interventionsSec;
  const rate = (sec: number) => fmt(records / sec, 0);
  result(
    `f. streaming bulk load of ${PEOPLE} people + ${INTERVENTIONS} interventions (NDJSON over HTTP, COPY into staging, set-based merge, audit + outbox on): ` +
      `people ${fmt(PEOPLE / s.peopleSec, 0)} records/s (${fmt(s.peopleSec, 1)} s), interventions ${fmt(INTERVENTIONS / s.interventionsSec, 0)} records/s (${fmt(s.interventionsSec, 1)} s), ` +
      `all ${rate(hubSec)} records/s; raw COPY of the same rows into the same tables (${all.rows} rows in ${WRITTEN.length} tables, audit trigger on) ${rate(all.seconds)} records/s (${fmt(all.seconds, 1)} s) ` +
      `= ${fmt(all.seconds / hubSec)}x (goal >= 0.4); raw COPY of the records alone into person + intervention ${rate(recordsSec)} records/s (${fmt(recordsSec, 1)} s) = ${fmt(recordsSec / hubSec)}x; ` +
      `hub peak RSS during the load ${fmt(s.peakMb, 0)} MB`,
  );
}
