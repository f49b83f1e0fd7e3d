import type { DataSource } from 'typeorm';
import type { TestHub } from './hub.js';

/**
 * A generated evaluation cohort with known shape, and the independent SQL oracle of the reoffending
 * analysis over the base tables (never the hub's funnel summary).
 *
 * Each person takes up ETE support (an attended contact; some were referred by a planned contact
 * before); 45% find work 30 to 300 days later, and 60% of those sustain it; 90% have an OGRS score a
 * few weeks before take-up, and some a second one after take-up (so the score at the job start
 * differs from the one at the programme start); 35% are reconvicted between 1 and 700 days after
 * take-up (so within a year of one reference date and not the other).
 */
export interface CohortPerson {
  externalId: string;
  region: string;
  tookUp: string;
  referredBefore: boolean;
  jobStart: string | null;
  sustained: boolean;
  ogrs: { externalId: string; score: number; assessedOn: string }[];
  reconvictedOn: string | null;
}

export const COHORTS = ['ETE_SUPPORT', 'FOUND_WORK', 'SUSTAINED_WORK'] as const;
export const REFERENCES = ['STEP_DATE', 'PROGRAMME_START'] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const day = (iso: string, plus: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

export function generateCohort(size: number, seed: number): CohortPerson[] {
  const next = rng(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return Array.from({ length: size }, (_, i) => {
    // Take-up from October 2022 to December 2023: most in the 2023 period, some before it.
    const tookUp = day('2022-10-01', between(0, 455));
    const jobStart = next() < 0.45 ? day(tookUp, between(30, 300)) : null;
    const ogrs: CohortPerson['ogrs'] = [];
    if (next() < 0.9) ogrs.push({ externalId: `og-${i}-a`, score: between(500, 9000) / 100, assessedOn: day(tookUp, -between(1, 60)) });
    if (next() < 0.4) ogrs.push({ externalId: `og-${i}-b`, score: between(500, 9000) / 100, assessedOn: day(tookUp, between(1, 25)) });
    return {
      externalId: `ev-${i}`,
      region: next() < 0.5 ? 'north_west' : 'greater_manchester',
      tookUp,
      referredBefore: next() < 0.5,
      jobStart,
      sustained: jobStart !== null && next() < 0.6,
      ogrs,
      reconvictedOn: next() < 0.35 ? day(tookUp, between(1, 700)) : null,
    };
  });
}

const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Loads the cohort as an integrator would, through the NDJSON bulk forms alone: people, interventions, then their outcomes. */
export async function loadCohort(hub: TestHub, token: string, size: number, seed: number): Promise<CohortPerson[]> {
  const people = generateCohort(size, seed);
  const post = async (path: string, key: string, body: string) => {
    const res = await hub
      .http()
      .post(`/sync/${path}?system=evaluation`)
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', key)
      .set('content-type', 'application/x-ndjson')
      .send(body);
    if (res.status !== 200 || res.body.rejected !== 0) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  };
  await post(
    'people',
    `cohort-people-${seed}`,
    ndjson(
      people.map((p, i) => ({
        externalId: p.externalId,
        givenName: `Given${i}`,
        familyName: `Cohort${i}`,
        dateOfBirth: `19${70 + (i % 25)}-0${(i % 9) + 1}-1${i % 10}`,
        region: p.region,
        identifiers: [],
      })),
    ),
  );
  const interventions = people.flatMap((p) => [
    ...(p.referredBefore
      ? [
          {
            externalId: `${p.externalId}-ref`,
            personExternalId: p.externalId,
            typeCode: 'job_search',
            status: 'planned',
            occurredAt: `${day(p.tookUp, -20)}T11:00:00Z`,
          },
        ]
      : []),
    {
      externalId: `${p.externalId}-up`,
      personExternalId: p.externalId,
      typeCode: 'cv_cover_letter',
      status: 'started',
      occurredAt: `${p.tookUp}T11:00:00Z`,
    },
    ...(p.jobStart
      ? [
          {
            externalId: `${p.externalId}-job`,
            personExternalId: p.externalId,
            typeCode: 'job_start',
            status: 'completed',
            occurredAt: `${p.jobStart}T11:00:00Z`,
            job: { employer: 'Northway', sector: 'construction', hoursPerWeek: 30, startDate: p.jobStart },
          },
        ]
      : []),
  ]);
  await post('interventions', `cohort-interventions-${seed}`, ndjson(interventions));
  await recordOutcomes(post, people, seed);
  return people;
}

/** Sustainment outcomes, OGRS assessments (with their dates) and reconvictions of the cohort, through their NDJSON bulk forms. */
async function recordOutcomes(post: (path: string, key: string, body: string) => Promise<void>, people: CohortPerson[], seed: number) {
  await post(
    'sustainments',
    `cohort-sustainments-${seed}`,
    ndjson(people.filter((p) => p.jobStart).map((p) => ({ externalId: `${p.externalId}-job`, sustained: p.sustained }))),
  );
  await post(
    'ogrs-assessments',
    `cohort-ogrs-${seed}`,
    ndjson(
      people.flatMap((p) =>
        p.ogrs.map((o) => ({ externalId: o.externalId, personExternalId: p.externalId, score: o.score, assessedOn: o.assessedOn })),
      ),
    ),
  );
  await post(
    'reconvictions',
    `cohort-reconvictions-${seed}`,
    ndjson(
      people
        .filter((p) => p.reconvictedOn)
        .map((p) => ({ externalId: `${p.externalId}-rc`, personExternalId: p.externalId, convictedOn: p.reconvictedOn })),
    ),
  );
}

export interface ReoffendingRow {
  reference: string;
  asOf: string;
  cohortSize: number | null;
  excludedFollowUpPending: number | null;
  excludedNoOgrs: number | null;
  excludedNoReferenceDate: number | null;
  actualRate: number | null;
  predictedRate: number | null;
  differencePoints: number | null;
  fewerReoffenders: number | null;
  suppressed: boolean;
}

export interface Oracle {
  size: number;
  row: ReoffendingRow;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const shown = (n: number) => (n > 0 && n < 5 ? null : n);

/**
 * The analysis recomputed from the base tables in one statement: each person's first attended ETE
 * contact, first job begun and first sustained job from the interventions and sustainments; the
 * latest OGRS assessment on or before the reference date; any reconviction in the year after it.
 */
export async function oracle(
  db: DataSource,
  q: { cohort: (typeof COHORTS)[number]; reference: (typeof REFERENCES)[number]; from: string; to: string; asOf?: string },
): Promise<Oracle> {
  const asOf = q.asOf ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const [r] = await db.query(
    `WITH act AS (
       SELECT COALESCE(p.merged_into_id, p.id) AS pid, (i.occurred_at AT TIME ZONE 'Europe/London')::date AS on_date,
              i.status IN ('started', 'completed') AS attended,
              CASE WHEN i.outcome->>'kind' = 'job' AND i.status IN ('started', 'completed') THEN (i.outcome->>'startDate')::date END AS job_on,
              COALESCE(s.status = 'sustained', false) AS sustained
         FROM intervention i JOIN person p ON p.id = i.person_id LEFT JOIN job_sustainment s ON s.intervention_id = i.id
        WHERE i.data_category IN ('ete', 'employment')),
     firsts AS (
       SELECT pid, min(on_date) FILTER (WHERE attended) AS took_up, min(job_on) AS found_work, min(job_on) FILTER (WHERE sustained) AS sustained_work
         FROM act GROUP BY pid),
     members AS (
       SELECT pid, CASE WHEN $2 = 'PROGRAMME_START' THEN took_up ELSE step_on END AS ref
         FROM (SELECT pid, took_up, CASE $1 WHEN 'ETE_SUPPORT' THEN took_up WHEN 'FOUND_WORK' THEN found_work ELSE sustained_work END AS step_on FROM firsts) c
        WHERE step_on >= $3::date AND step_on < $4::date),
     judged AS (
       SELECT m.ref, (m.ref + interval '1 year')::date <= $5::date AS elapsed,
              (SELECT o.score FROM ogrs_assessment o WHERE o.person_id = m.pid AND o.assessed_on <= m.ref
                ORDER BY o.assessed_on DESC, o.created_at DESC LIMIT 1) AS score,
              EXISTS (SELECT 1 FROM reconviction c WHERE c.person_id = m.pid AND c.convicted_on > m.ref
                         AND c.convicted_on <= (m.ref + interval '1 year')::date) AS reconvicted
         FROM members m)
     SELECT count(*) FILTER (WHERE ref IS NULL)::int AS no_reference,
            count(*) FILTER (WHERE ref IS NOT NULL AND NOT elapsed)::int AS pending,
            count(*) FILTER (WHERE elapsed AND score IS NULL)::int AS no_ogrs,
            count(*) FILTER (WHERE elapsed AND score IS NOT NULL)::int AS size,
            count(*) FILTER (WHERE elapsed AND score IS NOT NULL AND reconvicted)::int AS reconvicted,
            avg(score) FILTER (WHERE elapsed AND score IS NOT NULL)::float8 AS mean
       FROM judged`,
    [q.cohort, q.reference, q.from, q.to, asOf],
  );
  const { size, reconvicted, mean } = r as { size: number; reconvicted: number; mean: number };
  const suppressed = size === 0 || shown(size) === null || shown(reconvicted) === null || shown(size - reconvicted) === null;
  const actual = round1((reconvicted / size) * 100);
  const predicted = round1(mean);
  return {
    size,
    row: {
      reference: q.reference.toLowerCase(),
      asOf,
      cohortSize: shown(size),
      excludedFollowUpPending: shown(r.pending),
      excludedNoOgrs: shown(r.no_ogrs),
      excludedNoReferenceDate: shown(r.no_reference),
      actualRate: suppressed ? null : actual,
      predictedRate: suppressed ? null : predicted,
      differencePoints: suppressed ? null : round1(predicted - actual),
      fewerReoffenders: suppressed ? null : Math.round((size * mean) / 100 - reconvicted),
      suppressed,
    },
  };
}
