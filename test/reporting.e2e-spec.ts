import { randomUUID } from 'node:crypto';
import { apiClientToken, eventually, startTestHub, type TestHub } from './support/hub.js';

/**
 * Generated activity with known answers: the test computes the funnel and the reoffending figures
 * itself, from the generated records, and the hub's SQL must match exactly.
 */
interface Act {
  org: string;
  type: string;
  group: string;
  category: string;
  status: string;
  on: string;
  qualification?: string;
  sector?: string;
  jobStart?: string;
  sustained?: boolean;
}
interface GenPerson {
  id: string;
  region: string;
  ogrs: { score: number; on: string } | null;
  reconvictedOn: string | null;
  acts: Act[];
}

// A small deterministic generator (no Math.random: the same world every run).
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const TYPES = [
  { type: 'cv_cover_letter', group: 'employability', category: 'ete' },
  { type: 'job_search', group: 'employability', category: 'ete' },
  { type: 'functional_skills_literacy', group: 'skills', category: 'ete', qualification: 'Functional Skills English' },
  { type: 'training_cscs', group: 'training', category: 'ete', qualification: 'CSCS Labourer card' },
  { type: 'training_forklift', group: 'training', category: 'ete', qualification: 'Fork-lift licence' },
  { type: 'accommodation_support', group: 'support', category: 'accommodation' },
];
const SECTORS = ['Construction', 'Warehousing', 'Cleaning', 'Hospitality'];
const STATUSES = ['planned', 'started', 'completed', 'did_not_attend'];

describe('outcome reporting', () => {
  let hub: TestHub;
  let orgA: string;
  let orgB: string;
  const people: GenPerson[] = [];
  const FROM = '2025-01-01';
  const TO = '2025-07-01';
  const AS_OF = '2026-11-01';

  beforeAll(async () => {
    hub = await startTestHub();
    const orgs: { id: string; name: string }[] = await hub.db.query(`SELECT id, name FROM organisation`);
    orgA = orgs.find((o) => o.name === 'Forge Skills Training')!.id;
    orgB = orgs.find((o) => o.name === 'North West Probation Region')!.id;
    const next = rng(20251);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    for (let i = 0; i < 400; i++) {
      const acts: GenPerson['acts'] = [];
      const n = 1 + Math.floor(next() * 4);
      for (let k = 0; k < n; k++) {
        const t = pick(TYPES);
        // Some before the period (November and December 2024), some after it (July and August 2025).
        const m = Math.floor(next() * 10);
        const on = `${m < 2 ? '2024' : '2025'}-${String(m < 2 ? 11 + m : m - 1).padStart(2, '0')}-${String(1 + Math.floor(next() * 27)).padStart(2, '0')}`;
        const status = pick(STATUSES);
        acts.push({
          org: next() < 0.7 ? orgA : orgB,
          type: t.type,
          group: t.group,
          category: t.category,
          status,
          on,
          qualification: t.qualification && status === 'completed' && next() < 0.6 ? t.qualification : undefined,
        });
      }
      if (next() < 0.35) {
        const month = 1 + Math.floor(next() * 7);
        const on = `2025-${String(month).padStart(2, '0')}-10`;
        // Cleaning is rare, to exercise suppression of a small sector.
        const sector = i % 130 === 0 ? 'Cleaning' : pick(SECTORS.filter((s) => s !== 'Cleaning'));
        acts.push({
          org: next() < 0.7 ? orgA : orgB,
          type: 'job_start',
          group: 'employment',
          category: 'employment',
          status: 'completed',
          on,
          sector,
          jobStart: on,
          sustained: next() < 0.6,
        });
      }
      const ogrs = next() < 0.9 ? { score: Math.round(next() * 9000) / 100, on: '2024-12-01' } : null;
      const reconvictedOn = next() < 0.3 ? `2025-${String(2 + Math.floor(next() * 11)).padStart(2, '0')}-15` : null;
      people.push({ id: randomUUID(), region: next() < 0.5 ? 'north_west' : 'greater_manchester', ogrs, reconvictedOn, acts });
    }
    for (const p of people) {
      await hub.db.query(
        `INSERT INTO person (id, given_name, family_name, normalised_name, date_of_birth, region, created_by_organisation_id, version) VALUES ($1, 'G', 'P', 'g p', '1990-01-01', $2, $3, 1)`,
        [p.id, p.region, orgB],
      );
      for (const a of p.acts) {
        const id = randomUUID();
        const outcome = a.qualification
          ? { kind: 'qualification', qualification: a.qualification }
          : a.sector
            ? { kind: 'job', employer: 'E', sector: a.sector, hoursPerWeek: 30, startDate: a.jobStart }
            : null;
        await hub.db.query(
          `INSERT INTO intervention (id, person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, outcome, version) VALUES ($1, $2, $3, 'test', $4, $5, $6, $7, $8, 1)`,
          [id, p.id, a.org, a.type, a.category, a.status, `${a.on}T10:00:00Z`, outcome],
        );
        if (a.sector) {
          await hub.db.query(
            `INSERT INTO job_sustainment (person_id, intervention_id, organisation_id, start_date, due_on, status) VALUES ($1, $2, $3, $4, $4::date + 91, $5)`,
            [p.id, id, a.org, a.jobStart, a.sustained ? 'sustained' : 'not_sustained'],
          );
        }
      }
      if (p.ogrs)
        await hub.db.query(
          `INSERT INTO ogrs_assessment (person_id, score, assessed_on, source, organisation_id, recorded_by) VALUES ($1, $2, $3, 'test', $4, 'test')`,
          [p.id, p.ogrs.score, p.ogrs.on, orgB],
        );
      if (p.reconvictedOn)
        await hub.db.query(
          `INSERT INTO reconviction (person_id, convicted_on, source, organisation_id, recorded_by) VALUES ($1, $2, 'test', $3, 'test')`,
          [p.id, p.reconvictedOn, orgB],
        );
    }
  });
  afterAll(() => hub.close());

  const inPeriod = (on: string) => on >= FROM && on < TO;
  const ete = (a: Act) => a.category === 'ete' || a.category === 'employment';
  const attended = (a: Act) => a.status === 'started' || a.status === 'completed';
  /** The earliest [date, key] of the acts, or null. */
  const first = (pairs: [string, string][]) =>
    pairs.length ? pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))[0] : null;

  /** When each step was first reached by a person, with the organisation (or any), from the generated records. */
  function reached(p: GenPerson, org: string | null) {
    const acts = p.acts.filter((a) => (!org || a.org === org) && ete(a));
    return {
      referred: first(acts.map((a) => [a.on, ''])),
      took_up: first(acts.filter(attended).map((a) => [a.on, ''])),
      entered_training: first(acts.filter((a) => (a.group === 'skills' || a.group === 'training') && attended(a)).map((a) => [a.on, ''])),
      completed_course: first(acts.filter((a) => a.qualification).map((a) => [a.on, a.qualification!])),
      found_work: first(acts.filter((a) => a.jobStart).map((a) => [a.jobStart!, a.sector!])),
      sustained_13_weeks: first(acts.filter((a) => a.jobStart && a.sustained).map((a) => [a.jobStart!, ''])),
    };
  }

  /** The funnel: people who first reached each step in the period; qualifications and sectors of those firsts. */
  function expectedFunnel(org: string | null, filter: { region?: string; type?: string } = {}) {
    const steps = { referred: 0, took_up: 0, entered_training: 0, completed_course: 0, found_work: 0, sustained_13_weeks: 0 };
    const qualifications = new Map<string, number>();
    const sectors = new Map<string, number>();
    for (const p of people) {
      if (filter.region && p.region !== filter.region) continue;
      if (filter.type && !p.acts.some((a) => a.type === filter.type && (!org || a.org === org))) continue;
      const r = reached(p, org);
      for (const step of Object.keys(steps) as (keyof typeof steps)[]) if (r[step] && inPeriod(r[step][0])) steps[step]++;
      if (r.completed_course && inPeriod(r.completed_course[0]))
        qualifications.set(r.completed_course[1], (qualifications.get(r.completed_course[1]) ?? 0) + 1);
      if (r.found_work && inPeriod(r.found_work[0])) sectors.set(r.found_work[1], (sectors.get(r.found_work[1]) ?? 0) + 1);
    }
    return { ...steps, qualifications, sectors };
  }
  const stepsOf = (f: ReturnType<typeof expectedFunnel>) => ({
    referred: f.referred,
    took_up: f.took_up,
    entered_training: f.entered_training,
    completed_course: f.completed_course,
    found_work: f.found_work,
    sustained_13_weeks: f.sustained_13_weeks,
  });

  const FUNNEL = `query($input: ReportFilterInput!) { eteFunnel(input: $input) { scope suppressionThreshold steps { step people suppressed conversion breakdown { key count suppressed } } } }`;
  interface Funnel {
    eteFunnel: {
      scope: string;
      steps: {
        step: string;
        people: number | null;
        suppressed: boolean;
        conversion: number | null;
        breakdown: { key: string; count: number | null; suppressed: boolean }[];
      }[];
    };
  }

  it('counts the funnel exactly, for all organisations (hub admin)', async () => {
    const res = await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO } }, await hub.tokenFor('hub.admin'));
    expect(res.errors).toBeUndefined();
    const want = expectedFunnel(null);
    expect(want.referred).toBeGreaterThan(100);
    const got = Object.fromEntries(res.data!.eteFunnel.steps.map((s) => [s.step, s.people]));
    expect(got).toEqual(stepsOf(want));
    const tookUp = res.data!.eteFunnel.steps[1];
    expect(tookUp.conversion).toBeCloseTo(want.took_up / want.referred, 3);
    const quals = res.data!.eteFunnel.steps.find((s) => s.step === 'completed_course')!.breakdown;
    expect(quals.map((q) => [q.key, q.count])).toEqual([...want.qualifications.entries()].sort().map(([k, n]) => [k, n]));
  });

  it('a person counts once per step, in the period the step was first reached', async () => {
    // Reached before the period: not counted in it (someone first referred in 2024 is not referred again in 2025).
    const before = people.filter((p) => {
      const r = reached(p, null).referred;
      return r && r[0] < FROM;
    }).length;
    expect(before).toBeGreaterThan(10);
    const all = await hub.gql<Funnel>(FUNNEL, { input: { from: '2024-01-01', to: '2026-01-01' } }, await hub.tokenFor('hub.admin'));
    expect(all.data!.eteFunnel.steps[0].people).toBe(people.filter((p) => reached(p, null).referred).length);
    const want = expectedFunnel(null);
    const inPeriodOnly = await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO } }, await hub.tokenFor('hub.admin'));
    expect(inPeriodOnly.data!.eteFunnel.steps[0].people).toBe(want.referred);
    expect(all.data!.eteFunnel.steps[0].people).toBeGreaterThan(want.referred);
  });

  it.each<[string, { region?: string; interventionType?: string }]>([
    ['region', { region: 'north_west' }],
    ['intervention type', { interventionType: 'training_cscs' }],
    ['region and intervention type', { region: 'greater_manchester', interventionType: 'accommodation_support' }],
  ])('filters by %s exactly', async (_what, filter) => {
    const res = await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO, threshold: 5, ...filter } }, await hub.tokenFor('hub.admin'));
    expect(res.errors).toBeUndefined();
    const want = stepsOf(expectedFunnel(null, { region: filter.region, type: filter.interventionType }));
    const got = Object.fromEntries(res.data!.eteFunnel.steps.map((s) => [s.step, s.people]));
    for (const [step, n] of Object.entries(want)) expect(got[step]).toBe(n > 0 && n < 5 ? null : n);
    expect(want.referred).toBeGreaterThan(20);
  });

  it('suppresses the small sector and a second cell so it cannot be worked out from the total', async () => {
    const res = await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO } }, await hub.tokenFor('hub.admin'));
    const want = expectedFunnel(null);
    const cleaning = want.sectors.get('Cleaning') ?? 0;
    expect(cleaning).toBeGreaterThan(0);
    expect(cleaning).toBeLessThan(5);
    const sectors = res.data!.eteFunnel.steps.find((s) => s.step === 'found_work')!.breakdown;
    const hidden = sectors.filter((s) => s.suppressed);
    expect(sectors.find((s) => s.key === 'Cleaning')).toEqual({ key: 'Cleaning', count: null, suppressed: true });
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const s of sectors.filter((x) => !x.suppressed)) expect(s.count).toBe(want.sectors.get(s.key));
  });

  it('a manager sees its own organisation only (every step exact); caseworkers get no reports', async () => {
    const res = await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO } }, await hub.tokenFor('training.manager'));
    expect(res.errors).toBeUndefined();
    const want = stepsOf(expectedFunnel(orgA));
    const got = Object.fromEntries(res.data!.eteFunnel.steps.map((s) => [s.step, s.people]));
    for (const [step, n] of Object.entries(want)) expect(got[step]).toBe(n > 0 && n < 5 ? null : n);
    // Differs from everyone's: the organisation's own firsts.
    expect(want.referred).toBeLessThan(expectedFunnel(null).referred);
    const typed = await hub.gql<Funnel>(
      FUNNEL,
      { input: { from: FROM, to: TO, interventionType: 'training_forklift' } },
      await hub.tokenFor('training.manager'),
    );
    expect(typed.data!.eteFunnel.steps[0].people).toBe(expectedFunnel(orgA, { type: 'training_forklift' }).referred);
    const other = await hub.gql(FUNNEL, { input: { from: FROM, to: TO, organisationId: orgB } }, await hub.tokenFor('training.manager'));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const caseworker = await hub.gql(FUNNEL, { input: { from: FROM, to: TO } }, await hub.tokenFor('trainer'));
    expect(caseworker.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const admin = await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO, organisationId: orgB } }, await hub.tokenFor('hub.admin'));
    expect(admin.data!.eteFunnel.steps[0].people).toBe(expectedFunnel(orgB).referred);
  });

  it('tells the viewer which reports it may run (Viewer.reportAccess), by the rule the reports enforce', async () => {
    const access = async (who: string) =>
      (
        await hub.gql<{ viewer: { reportAccess: { acrossOrganisations: boolean } | null } }>(
          '{ viewer { reportAccess { acrossOrganisations } } }',
          {},
          await hub.tokenFor(who),
        )
      ).data!.viewer.reportAccess;
    expect(await access('trainer')).toBeNull();
    expect(await access('training.manager')).toEqual({ acrossOrganisations: false });
    expect(await access('hub.admin')).toEqual({ acrossOrganisations: true });
    expect(await access('commissioner')).toEqual({ acrossOrganisations: true });
  });

  function expectedReoffending(cohort: 'ete_support' | 'found_work' | 'sustained_work') {
    let size = 0,
      reconvicted = 0,
      scoreSum = 0,
      pending = 0,
      noOgrs = 0;
    for (const p of people) {
      const r = reached(p, null);
      const step = cohort === 'ete_support' ? r.took_up : cohort === 'found_work' ? r.found_work : r.sustained_13_weeks;
      const dates = step && inPeriod(step[0]) ? [step[0]] : [];
      if (!dates.length) continue;
      const ref = dates.sort()[0];
      const end = new Date(`${ref}T00:00:00Z`);
      end.setUTCFullYear(end.getUTCFullYear() + 1);
      const endIso = end.toISOString().slice(0, 10);
      if (endIso > AS_OF) {
        pending++;
        continue;
      }
      if (!p.ogrs || p.ogrs.on > ref) {
        noOgrs++;
        continue;
      }
      size++;
      scoreSum += p.ogrs.score;
      if (p.reconvictedOn && p.reconvictedOn > ref && p.reconvictedOn <= endIso) reconvicted++;
    }
    const actual = Math.round((reconvicted / size) * 1000) / 10;
    const predicted = Math.round((scoreSum / size) * 10) / 10;
    return {
      size,
      actual,
      predicted,
      difference: Math.round((predicted - actual) * 10) / 10,
      fewer: Math.round((size * (scoreSum / size)) / 100 - reconvicted),
      pending,
      noOgrs,
    };
  }

  it.each(['ETE_SUPPORT', 'FOUND_WORK', 'SUSTAINED_WORK'])(
    'reoffending analysis for %s matches the independent computation',
    async (cohort) => {
      const res = await hub.gql<{ reoffendingAnalysis: Record<string, unknown> }>(
        `query($input: ReoffendingInput!) { reoffendingAnalysis(input: $input) { cohortSize actualRate predictedRate differencePoints fewerReoffenders excludedNoOgrs suppressed } }`,
        { input: { from: FROM, to: TO, cohort, asOf: AS_OF } },
        await hub.tokenFor('hub.admin'),
      );
      expect(res.errors).toBeUndefined();
      const want = expectedReoffending(cohort.toLowerCase() as 'ete_support');
      expect(want.size).toBeGreaterThan(20);
      expect(res.data!.reoffendingAnalysis).toEqual({
        cohortSize: want.size,
        actualRate: want.actual,
        predictedRate: want.predicted,
        differencePoints: want.difference,
        fewerReoffenders: want.fewer,
        excludedNoOgrs: want.noOgrs >= 5 || want.noOgrs === 0 ? want.noOgrs : null,
        suppressed: false,
      });
    },
  );

  it('groups the funnel by region (the vocabulary), each cell the independent count and the cells adding up to the step', async () => {
    const res = await hub.gql<{
      eteFunnelByRegion: { step: string; total: number | null; regions: { key: string; count: number | null; suppressed: boolean }[] }[];
    }>(
      `query($input: ReportFilterInput!) { eteFunnelByRegion(input: $input) { step total regions { key count suppressed } } }`,
      { input: { from: FROM, to: TO } },
      await hub.tokenFor('hub.admin'),
    );
    expect(res.errors).toBeUndefined();
    const all = stepsOf(expectedFunnel(null));
    const byRegion = Object.fromEntries(['north_west', 'greater_manchester'].map((r) => [r, stepsOf(expectedFunnel(null, { region: r }))]));
    let shown = 0;
    for (const s of res.data!.eteFunnelByRegion) {
      const step = s.step as keyof typeof all;
      expect(s.total).toBe(all[step]);
      expect(s.regions.map((c) => c.key).sort()).toEqual(['greater_manchester', 'north_west'].filter((r) => byRegion[r][step] > 0));
      for (const c of s.regions.filter((r) => !r.suppressed)) {
        expect(c.count).toBe(byRegion[c.key][step]);
        shown++;
      }
    }
    expect(shown).toBeGreaterThan(6);
  });

  it('a tiny cohort is suppressed', async () => {
    const res = await hub.gql<{ reoffendingAnalysis: { cohortSize: number | null; actualRate: number | null; suppressed: boolean } }>(
      `query($input: ReoffendingInput!) { reoffendingAnalysis(input: $input) { cohortSize actualRate suppressed } }`,
      { input: { from: '2025-01-10', to: '2025-01-11', cohort: 'FOUND_WORK', asOf: AS_OF } },
      await hub.tokenFor('hub.admin'),
    );
    expect(res.data!.reoffendingAnalysis.suppressed).toBe(true);
    expect(res.data!.reoffendingAnalysis.actualRate).toBeNull();
  });

  it('exports the funnel as CSV with the same numbers, and running it is recorded', async () => {
    const before: { n: number }[] = await hub.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'report.run'`);
    const res = await hub
      .http()
      .get(`/reports/ete-funnel.csv?from=${FROM}&to=${TO}`)
      .set('authorization', `Bearer ${await hub.tokenFor('hub.admin')}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const referred = res.text.split('\r\n').find((l) => l.startsWith('referred,'))!;
    expect(referred.split(',')[3]).toBe(String(expectedFunnel(null).referred));
    const after: { n: number }[] = await hub.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'report.run'`);
    expect(after[0].n).toBe(before[0].n + 1);
    const bad = await hub
      .http()
      .get(`/reports/ete-funnel.csv?from=2025-07-01&to=2025-01-01`)
      .set('authorization', `Bearer ${await hub.tokenFor('hub.admin')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('BAD_USER_INPUT');
  });
  it("a commissioner runs every report over all organisations with the hub admin's numbers, or over one; a manager still cannot", async () => {
    const [commissioner, admin, manager] = await Promise.all([
      hub.tokenFor('commissioner'),
      hub.tokenFor('hub.admin'),
      hub.tokenFor('probation.manager'),
    ]);
    const all = await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO } }, commissioner);
    expect(all.errors).toBeUndefined();
    expect(all.data!.eteFunnel.scope).toBe('all organisations');
    expect(Object.fromEntries(all.data!.eteFunnel.steps.map((s) => [s.step, s.people]))).toEqual(stepsOf(expectedFunnel(null)));
    // The same disclosure control: every cell, suppressed or not, as the hub admin gets it.
    expect(all.data).toEqual((await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO } }, admin)).data);
    expect(all.data!.eteFunnel.steps.find((s) => s.step === 'found_work')!.breakdown.find((b) => b.key === 'Cleaning')).toEqual({
      key: 'Cleaning',
      count: null,
      suppressed: true,
    });
    const one = await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO, organisationId: orgA } }, commissioner);
    expect(one.data!.eteFunnel.steps[0].people).toBe(expectedFunnel(orgA).referred);

    const REOFFENDING = `query($input: ReoffendingInput!) { reoffendingAnalysis(input: $input) { cohortSize actualRate predictedRate differencePoints fewerReoffenders excludedNoOgrs suppressed } }`;
    const input = { from: FROM, to: TO, cohort: 'FOUND_WORK', asOf: AS_OF };
    const reoffending = await hub.gql<{ reoffendingAnalysis: { cohortSize: number } }>(REOFFENDING, { input }, commissioner);
    expect(reoffending.errors).toBeUndefined();
    expect(reoffending.data!.reoffendingAnalysis.cohortSize).toBe(expectedReoffending('found_work').size);
    expect(reoffending.data).toEqual((await hub.gql(REOFFENDING, { input }, admin)).data);

    // The CSV files, the same as the hub admin's; running a report is recorded with the commissioner as the actor.
    const before: { n: number }[] = await hub.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'report.run'`);
    for (const path of [
      `/reports/ete-funnel.csv?from=${FROM}&to=${TO}`,
      `/reports/reoffending.csv?from=${FROM}&to=${TO}&cohort=found_work&asOf=${AS_OF}`,
    ]) {
      const mine = await hub.http().get(path).set('authorization', `Bearer ${commissioner}`);
      expect(mine.status).toBe(200);
      const theirs = await hub.http().get(path).set('authorization', `Bearer ${admin}`);
      expect(mine.text).toBe(theirs.text);
    }
    const runs: { actor_id: string; payload: { report: string; parameters: { scope: string | null } } }[] = await hub.db.query(
      `SELECT actor_id, payload FROM outbox_event WHERE type = 'report.run' ORDER BY id DESC LIMIT 4`,
    );
    const after: { n: number }[] = await hub.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'report.run'`);
    expect(after[0].n).toBe(before[0].n + 4);
    const [{ id: commissionerId }]: { id: string }[] = await hub.db.query(`SELECT id FROM user_account WHERE email LIKE 'commissioner@%'`);
    expect(runs.filter((r) => r.actor_id === `user:${commissionerId}`).map((r) => r.payload.parameters.scope)).toEqual([null, null]);

    // A manager of the same organisation: its own organisation's outcomes, never all of them or another's.
    const own = await hub.gql<Funnel>(FUNNEL, { input: { from: FROM, to: TO } }, manager);
    expect(own.data!.eteFunnel.scope).toBe(`organisation ${orgB}`);
    expect(own.data!.eteFunnel.steps[0].people).toBe(expectedFunnel(orgB).referred);
    const other = await hub.gql(FUNNEL, { input: { from: FROM, to: TO, organisationId: orgA } }, manager);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('only hub admins grant the commissioner role, or change a commissioner', async () => {
    const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id roles } }`;
    const UPDATE_USER = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { id roles } }`;
    const orgAdmin = await hub.tokenFor('probation.admin');
    const made = await hub.gql(
      CREATE_USER,
      { input: { email: 'would.be.commissioner@demo.rehab-hub.example', name: 'W', roles: ['COMMISSIONER'], regions: [] } },
      orgAdmin,
    );
    expect(made.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const colleague = await hub.gql<{ createUser: { id: string } }>(
      CREATE_USER,
      { input: { email: 'colleague@demo.rehab-hub.example', name: 'C', roles: ['MANAGER'], regions: [] } },
      orgAdmin,
    );
    expect(colleague.errors).toBeUndefined();
    const promoted = await hub.gql(
      UPDATE_USER,
      { input: { id: colleague.data!.createUser.id, roles: ['MANAGER', 'COMMISSIONER'] } },
      orgAdmin,
    );
    expect(promoted.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ id: commissionerId }]: { id: string }[] = await hub.db.query(`SELECT id FROM user_account WHERE email LIKE 'commissioner@%'`);
    const changed = await hub.gql(UPDATE_USER, { input: { id: commissionerId, roles: ['MANAGER'] } }, orgAdmin);
    expect(changed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const roles: { roles: string }[] = await hub.db.query(
      `SELECT roles::text FROM user_account WHERE id = ANY($1::uuid[]) ORDER BY email`,
      [[colleague.data!.createUser.id, commissionerId]],
    );
    expect(roles.map((r) => r.roles)).toEqual(['{manager}', '{commissioner}']);
    // A commissioner administers nothing either.
    const byCommissioner = await hub.gql(
      CREATE_USER,
      { input: { email: 'another@demo.rehab-hub.example', name: 'A', roles: ['COMMISSIONER'], regions: [] } },
      await hub.tokenFor('commissioner'),
    );
    expect(byCommissioner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byHubAdmin = await hub.gql<{ createUser: { roles: string[] } }>(
      CREATE_USER,
      { input: { email: 'second.commissioner@demo.rehab-hub.example', name: 'S', roles: ['COMMISSIONER'], regions: [] } },
      await hub.tokenFor('hub.admin'),
    );
    expect(byHubAdmin.data?.createUser.roles).toEqual(['COMMISSIONER']);
  });

  it('a commissioner sees no person data: a person is NOT_FOUND, lists are empty, even of records its own organisation wrote', async () => {
    const officer = await hub.tokenFor('probation.officer');
    const created = await hub.gql<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      { input: { givenName: 'Vera', familyName: 'Commissioned', dateOfBirth: '1985-03-03', identifiers: [], confirmNew: true } },
      officer,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createPerson.person.id;
    const PERSON = `query($id: ID!) { person(id: $id) { id givenName } }`;
    expect((await hub.gql(PERSON, { id }, officer)).data).toEqual({ person: { id, givenName: 'Vera' } });

    const commissioner = await hub.tokenFor('commissioner');
    const person = await hub.gql(PERSON, { id }, commissioner);
    expect(person.data).toBeNull();
    expect(person.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // The same answer as for no record at all.
    const nobody = await hub.gql(PERSON, { id: randomUUID() }, commissioner);
    expect(nobody.errors?.[0].message).toBe(person.errors?.[0].message);
    const log = await hub.gql(`query($id: ID!) { personAccessLog(personId: $id) { id } }`, { id }, commissioner);
    expect(log.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const explained = await hub.gql<{ explainAccess: { allowed: boolean; reason: string } }>(
      `query($id: ID!) { explainAccess(personId: $id, category: IDENTITY) { allowed reason } }`,
      { id },
      commissioner,
    );
    expect(explained.data!.explainAccess).toEqual({ allowed: false, reason: 'ROLE' });
    const lists = await hub.gql<{
      people: { edges: unknown[] };
      found: { edges: unknown[] };
      changes: { changes: { type: string; personId: string | null }[] };
      referralInbox: { edges: unknown[] };
      tasks: { edges: unknown[] };
    }>(
      `{ people(first: 50) { edges { cursor } } found: people(search: "commissioned", first: 50) { edges { cursor } } changes(first: 500) { changes { type personId } } referralInbox { edges { node { id } } } tasks { edges { node { id } } } }`,
      {},
      commissioner,
    );
    expect(lists.errors).toBeUndefined();
    expect({ ...lists.data, changes: undefined }).toEqual({
      people: { edges: [] },
      found: { edges: [] },
      changes: undefined,
      referralInbox: { edges: [] },
      tasks: { edges: [] },
    });
    // The change feed gives it its organisation's own events about no one (users added, reports run), never a person's.
    const [{ n: personEvents }]: { n: number }[] = await hub.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE person_id = $1`, [
      id,
    ]);
    expect(personEvents).toBeGreaterThan(0);
    expect(lists.data!.changes.changes.filter((c) => c.personId !== null)).toEqual([]);
    const write = await hub.gql(
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }`,
      { input: { id, version: 1, reason: 'Found work', stage: 'READY_AND_SEARCHING' } },
      commissioner,
    );
    expect(write.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
  it('an OGRS score written on the record is an assessment as of that day, which the reoffending analysis reads', async () => {
    const probation = await hub.tokenFor('probation.officer');
    const created = await hub.gql<{ createPerson: { person: { id: string; version: number } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id version } } }`,
      { input: { givenName: 'Olly', familyName: 'Scored', dateOfBirth: '1984-04-04', identifiers: [], ogrsScore: 42.5, confirmNew: true } },
      probation,
    );
    const { id, version } = created.data!.createPerson.person;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
    const assessments = () =>
      hub.db.query(
        `SELECT score::float AS score, assessed_on::text AS on, source, organisation_id FROM ogrs_assessment WHERE person_id = $1 ORDER BY score DESC`,
        [id],
      );
    await eventually(async () => (await assessments()).length === 1, 15_000, 'assessment from the created record');
    expect(await assessments()).toEqual([{ score: 42.5, on: today, source: 'record', organisation_id: orgB }]);
    const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version } }`;
    const updated = await hub.gql<{ updatePerson: { version: number } }>(
      UPDATE,
      { input: { id, version, reason: 'Reassessed', ogrsScore: 38 } },
      probation,
    );
    expect(updated.errors).toBeUndefined();
    await eventually(async () => (await assessments()).length === 2, 15_000, 'assessment from the update');
    expect((await assessments())[1]).toEqual({ score: 38, on: today, source: 'record', organisation_id: orgB });
    // Another change leaves the score alone: no new assessment is made of it.
    await hub.gql(UPDATE, { input: { id, version: updated.data!.updatePerson.version, reason: 'Moved', region: 'wales' } }, probation);
    await eventually(
      async () => (await hub.db.query(`SELECT 1 FROM outbox_event WHERE person_id = $1 AND published_at IS NULL`, [id])).length === 0,
      15_000,
      'events handled',
    );
    expect(await hub.db.query(`SELECT type FROM outbox_event WHERE person_id = $1 AND type = 'person.ogrs_scored'`, [id])).toHaveLength(2);
    expect(await assessments()).toHaveLength(2);
    // Each kept assessment is a write with its own event, by the hub on behalf of probation, and audited.
    const recorded: { aggregate_id: string; payload: unknown; actor_id: string; organisation_id: string }[] = await hub.db.query(
      `SELECT aggregate_id, payload, actor_id, organisation_id FROM outbox_event WHERE person_id = $1 AND type = 'ogrs.recorded' ORDER BY id`,
      [id],
    );
    const ids: { id: string }[] = await hub.db.query(`SELECT id FROM ogrs_assessment WHERE person_id = $1`, [id]);
    expect(recorded.map((r) => r.aggregate_id).sort()).toEqual(ids.map((r) => r.id).sort());
    for (const r of recorded) {
      expect(r).toMatchObject({
        payload: { assessedOn: today, dataCategory: 'offending', source: 'record' },
        actor_id: 'client:system.ogrs-from-record',
        organisation_id: orgB,
      });
    }
    const audited = await hub.db.query(
      `SELECT 1 FROM audit_event WHERE person_id = $1 AND action = 'write' AND actor LIKE '%system.ogrs-from-record'`,
      [id],
    );
    expect(audited).toHaveLength(2);
  });

  it('an OGRS score on the record can carry its assessment date (createPerson, syncPeople, the NDJSON path); never a date after today', async () => {
    const probation = await hub.tokenFor('probation.officer');
    const assessed = (personId: string) =>
      hub.db.query(`SELECT score::float AS score, assessed_on::text AS on FROM ogrs_assessment WHERE person_id = $1`, [personId]);
    const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`;
    const person = { givenName: 'Dated', familyName: 'Score', dateOfBirth: '1983-03-03', identifiers: [], confirmNew: true };
    const future = `${new Date().getUTCFullYear() + 1}-01-01`;
    const refused = await hub.gql(CREATE, { input: { ...person, ogrsScore: 30, ogrsAssessedOn: future } }, probation);
    expect(refused.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const created = await hub.gql<{ createPerson: { person: { id: string } } }>(
      CREATE,
      { input: { ...person, ogrsScore: 30, ogrsAssessedOn: '2025-02-01' } },
      probation,
    );
    const id = created.data!.createPerson.person.id;
    await eventually(async () => (await assessed(id)).length === 1, 15_000, 'assessment of the created record');
    expect(await assessed(id)).toEqual([{ score: 30, on: '2025-02-01' }]);

    const sync = await apiClientToken(hub, 'probation.admin', 'Dated OGRS loader');
    const batch = await hub.gql<{ syncPeople: { results: { id: string; status: string }[] } }>(
      `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { id status code } } }`,
      {
        input: {
          idempotencyKey: 'dated-ogrs-0001',
          system: 'dated',
          records: [
            {
              externalId: 'D-1',
              givenName: 'Batch',
              familyName: 'Dated',
              dateOfBirth: '1981-01-01',
              identifiers: [],
              ogrsScore: 44,
              ogrsAssessedOn: '2024-12-24',
            },
          ],
        },
      },
      sync,
    );
    expect(batch.data!.syncPeople.results[0].status).toBe('CREATED');
    const bulk = await hub
      .http()
      .post('/sync/people?system=dated')
      .set('authorization', `Bearer ${sync}`)
      .set('idempotency-key', 'dated-ogrs-bulk-1')
      .set('content-type', 'application/x-ndjson')
      .send(
        [
          {
            externalId: 'D-2',
            givenName: 'Bulk',
            familyName: 'Dated',
            dateOfBirth: '1982-02-02',
            identifiers: [],
            ogrsScore: 55,
            ogrsAssessedOn: '2024-11-11',
          },
          {
            externalId: 'D-3',
            givenName: 'Bulk',
            familyName: 'Future',
            dateOfBirth: '1982-02-03',
            identifiers: [],
            ogrsScore: 55,
            ogrsAssessedOn: future,
          },
        ]
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
    expect(bulk.body).toMatchObject({ created: 1, rejected: 1 });
    expect(bulk.body.errors[0]).toMatchObject({ line: 2, code: 'BAD_USER_INPUT' });
    const [{ entity_id: bulkId }] = await hub.db.query(`SELECT entity_id FROM external_ref WHERE system = 'dated' AND external_id = 'D-2'`);
    await eventually(
      async () => (await assessed(batch.data!.syncPeople.results[0].id)).length === 1,
      15_000,
      'assessment of the batch record',
    );
    await eventually(async () => (await assessed(bulkId)).length === 1, 15_000, 'assessment of the bulk record');
    expect(await assessed(batch.data!.syncPeople.results[0].id)).toEqual([{ score: 44, on: '2024-12-24' }]);
    expect(await assessed(bulkId)).toEqual([{ score: 55, on: '2024-11-11' }]);
  });
});
