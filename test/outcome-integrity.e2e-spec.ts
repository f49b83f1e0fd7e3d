import { SustainedOnlyAfterThirteenWeeks1796712600000 } from '../migrations/1796712600000-SustainedOnlyAfterThirteenWeeks.js';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * What a caseworker records spreads to every partner, so the hub refuses what cannot be true: work that
 * happened dated in the future, a job "sustained 13 weeks" before 13 weeks have passed, and a consent
 * that can never open anything to its recipient (and the consent says what it does open).
 */
describe('outcomes that cannot be recorded wrong', () => {
  let hub: TestHub;
  let orgs: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestHub();
    const res = await hub.gql<{ organisations: { id: string; name: string }[] }>(
      `{ organisations { id name } }`,
      {},
      await hub.tokenFor('probation.officer'),
    );
    orgs = Object.fromEntries(res.data!.organisations.map((o) => [o.name, o.id]));
  });
  afterAll(() => hub.close());

  const gql = async <T>(who: string, query: string, variables: Record<string, unknown> = {}) =>
    hub.gql<T>(query, variables, await hub.tokenFor(who));
  async function ok<T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await gql<T>(who, query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }
  const rows = <T>(sql: string, params: unknown[] = []) => hub.db.query(sql, params) as Promise<T[]>;
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

  let seq = 0;
  async function person(): Promise<string> {
    seq++;
    const data = await ok<{ createPerson: { person: { id: string } } }>(
      'probation.officer',
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: `Outcome${seq}`,
          familyName: `Person${seq}`,
          dateOfBirth: '1987-02-03',
          region: 'north_west',
          confirmNew: true,
        },
      },
    );
    return data.createPerson.person.id;
  }
  const LOG = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id version } }`;
  const UPDATE = `mutation($input: UpdateInterventionInput!) { updateIntervention(input: $input) { id version occurredAt status } }`;

  describe('work dated in the future', () => {
    it('completed, started or missed work after today is refused (BAD_USER_INPUT naming occurredAt); planned or cancelled work may be ahead; today is fine whatever the hour', async () => {
      const id = await person();
      for (const status of ['COMPLETED', 'STARTED', 'DID_NOT_ATTEND']) {
        const refused = await gql('probation.officer', LOG, {
          input: { personId: id, typeCode: 'cv_cover_letter', status, occurredAt: `${day(200)}T10:00:00Z` },
        });
        expect(refused.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'occurredAt', messages: [expect.stringMatching(/cannot be dated after today/)] }],
        });
      }
      expect(await rows(`SELECT 1 FROM intervention WHERE person_id = $1`, [id])).toEqual([]);
      // Tomorrow (London) is refused too; the end of today is the tolerance.
      const tomorrow = await gql('probation.officer', LOG, {
        input: { personId: id, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: `${day(2)}T00:30:00Z` },
      });
      expect(tomorrow.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      await ok('probation.officer', LOG, {
        input: { personId: id, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: new Date().toISOString() },
      });
      await ok('probation.officer', LOG, {
        input: { personId: id, typeCode: 'cv_cover_letter', status: 'PLANNED', occurredAt: `${day(30)}T10:00:00Z` },
      });
      await ok('probation.officer', LOG, {
        input: { personId: id, typeCode: 'cv_cover_letter', status: 'CANCELLED', occurredAt: `${day(30)}T10:00:00Z` },
      });
      expect(await rows(`SELECT 1 FROM intervention WHERE person_id = $1`, [id])).toHaveLength(3);
    });

    it('the organisation that logged it corrects its date (and a planned session marked done keeps a date that has come); the change is kept, emitted and audited; others cannot', async () => {
      const id = await person();
      const planned = (
        await ok<{ logIntervention: { id: string; version: number } }>('probation.officer', LOG, {
          input: { personId: id, typeCode: 'cv_cover_letter', status: 'PLANNED', occurredAt: `${day(10)}T10:00:00Z` },
        })
      ).logIntervention;
      // Marked completed while still dated ahead: refused, naming the status (the date was not given).
      const early = await gql('probation.officer', UPDATE, { input: { id: planned.id, version: planned.version, status: 'COMPLETED' } });
      expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'status' }] });
      // Dated ahead while completed: refused, naming the date.
      const ahead = await gql('probation.officer', UPDATE, {
        input: { id: planned.id, version: planned.version, status: 'COMPLETED', occurredAt: `${day(3)}T10:00:00Z` },
      });
      expect(ahead.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'occurredAt' }] });
      // Another organisation working with the person cannot correct it.
      await ok('probation.officer', `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`, {
        input: { personId: id, organisationId: orgs['Forge Skills Training'], role: 'PROVIDER' },
      });
      const other = await gql('trainer', UPDATE, {
        input: { id: planned.id, version: planned.version, occurredAt: `${day(-1)}T10:00:00Z` },
      });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(other.errors?.[0].extensions?.code);
      // Done yesterday after all: corrected, with the old and new values in the emitted event and the audit.
      const corrected = await ok<{ updateIntervention: { version: number; occurredAt: string; status: string } }>(
        'probation.officer',
        UPDATE,
        {
          input: { id: planned.id, version: planned.version, status: 'COMPLETED', occurredAt: `${day(-1)}T10:00:00Z` },
        },
      );
      expect(corrected.updateIntervention).toMatchObject({ status: 'COMPLETED', occurredAt: `${day(-1)}T10:00:00.000Z` });
      expect(await rows(`SELECT 1 FROM outbox_event WHERE aggregate_id = $1 AND type = 'intervention.updated'`, [planned.id])).toHaveLength(
        1,
      );
      const [audited] = await rows<{ detail: string }>(
        `SELECT detail::text AS detail FROM audit_event WHERE detail::text LIKE '%' || $1 || '%' AND detail::text LIKE '%intervention.updated%'`,
        [planned.id],
      );
      expect(audited.detail).toContain(`${day(10)}T10:00:00`);
      expect(audited.detail).toContain(`${day(-1)}T10:00:00`);
    });
  });

  describe('job sustainment', () => {
    const WINDOWS = `query($id: ID!) { person(id: $id) { sustainments { id dueOn status } } }`;
    const RECORD = `mutation($input: RecordSustainmentInput!) { recordSustainment(input: $input) { status } }`;
    async function jobStartedOn(id: string, startDate: string) {
      await ok('probation.officer', LOG, {
        input: {
          personId: id,
          typeCode: 'job_start',
          status: 'STARTED',
          occurredAt: new Date().toISOString(),
          job: { employer: 'Harbour Logistics', sector: 'Logistics', hoursPerWeek: 30, startDate },
        },
      });
      const windows = await ok<{ person: { sustainments: { id: string; dueOn: string }[] } }>('probation.officer', WINDOWS, { id });
      return windows.person.sustainments[0];
    }
    const funnel = async (id: string) =>
      (await rows<{ sustained_on: string | null }>(`SELECT sustained_on::text FROM ete_funnel_fact WHERE person_id = $1`, [id]))[0]
        ?.sustained_on ?? null;

    it('"sustained" three weeks in is refused (BAD_USER_INPUT naming sustained, with the day it can be); "not sustained" needs why; the funnel counts nobody', async () => {
      const id = await person();
      const window = await jobStartedOn(id, day(-21));
      const refused = await gql('probation.officer', RECORD, { input: { sustainmentId: window.id, sustained: true } });
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        availableFrom: window.dueOn,
        fields: [{ field: 'sustained', messages: [expect.stringContaining(window.dueOn)] }],
      });
      const why = await gql('probation.officer', RECORD, { input: { sustainmentId: window.id, sustained: false } });
      expect(why.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'note' }] });
      expect(await funnel(id)).toBeNull();
      await ok('probation.officer', RECORD, { input: { sustainmentId: window.id, sustained: false, note: 'Agency placement ended' } });
      expect((await rows<{ status: string }>(`SELECT status FROM job_sustainment WHERE id = $1`, [window.id]))[0].status).toBe(
        'not_sustained',
      );
      expect(await funnel(id)).toBeNull();
    });

    it('once the 13 weeks are up (from the due day) "sustained" is recorded and counted', async () => {
      const id = await person();
      const window = await jobStartedOn(id, day(-91));
      expect(window.dueOn <= day(0)).toBe(true);
      await ok('probation.officer', RECORD, { input: { sustainmentId: window.id, sustained: true } });
      expect(await funnel(id)).toBe(day(-91));
    });

    it('a recorded outcome is corrected only with a note, by the organisation that logged the job; the same again is refused', async () => {
      const id = await person();
      const window = await jobStartedOn(id, day(-100));
      await ok('probation.officer', RECORD, { input: { sustainmentId: window.id, sustained: true } });
      expect(await funnel(id)).toBe(day(-100));
      const same = await gql('probation.officer', RECORD, { input: { sustainmentId: window.id, sustained: true } });
      expect(same.errors?.[0].extensions?.code).toBe('INVALID_STATE');
      const bare = await gql('probation.officer', RECORD, { input: { sustainmentId: window.id, sustained: false } });
      expect(bare.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'note' }] });
      const corrected = await ok<{ recordSustainment: { status: string } }>('probation.officer', RECORD, {
        input: { sustainmentId: window.id, sustained: false, note: 'Recorded in error: the job ended in week 6' },
      });
      expect(corrected.recordSustainment.status).toBe('NOT_SUSTAINED');
      expect(await funnel(id)).toBeNull();
      const [audited] = await rows<{ detail: string }>(
        `SELECT detail::text AS detail FROM audit_event WHERE person_id = $1 AND detail::text LIKE '%Recorded in error%'`,
        [id],
      );
      expect(audited.detail).toContain('"old": "sustained"');
    });

    it('the database keeps it so, and the migration reopened early "sustained" outcomes (the funnel stops counting them)', async () => {
      const id = await person();
      const window = await jobStartedOn(id, day(-14));
      await expect(
        hub.db.query(`UPDATE job_sustainment SET status = 'sustained', recorded_at = now(), recorded_by = 'test' WHERE id = $1`, [
          window.id,
        ]),
      ).rejects.toThrow(/ck_job_sustainment_sustained_after_due/);
      // As before the migration: an early "sustained" slipped in; re-applying the migration reopens it.
      const migration = new SustainedOnlyAfterThirteenWeeks1796712600000();
      const runner = hub.db.createQueryRunner();
      try {
        await migration.down(runner);
        await hub.db.query(
          `UPDATE job_sustainment SET status = 'sustained', recorded_at = now(), recorded_by = 'user:early' WHERE id = $1`,
          [window.id],
        );
        expect(await funnel(id)).toBe(day(-14));
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      const [row] = await rows<{ status: string; recorded_at: Date | null; note: string }>(
        `SELECT status, recorded_at, note FROM job_sustainment WHERE id = $1`,
        [window.id],
      );
      expect(row).toMatchObject({
        status: 'open',
        recorded_at: null,
        note: expect.stringMatching(/^Reopened: recorded as sustained on .* by user:early/),
      });
      expect(await funnel(id)).toBeNull();
    });
  });

  describe('consent that can never take effect', () => {
    const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id categories opens } }`;

    it('education and training data to an employer is refused (BAD_USER_INPUT naming the recipient, saying why); a consent that opens part says what it opens', async () => {
      const id = await person();
      const employer = orgs['Northway Construction Ltd'];
      const refused = await gql('probation.officer', GRANT, {
        input: { personId: id, purpose: 'ETE', categories: ['ETE'], organisationId: employer, method: 'SIGNED_FORM', personPresent: true },
      });
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'organisationId', messages: [expect.stringMatching(/never shown education and training data/)] }],
        closed: [{ category: 'ETE', reason: 'ORGANISATION_KIND' }],
      });
      const byKind = await gql('probation.officer', GRANT, {
        input: { personId: id, purpose: 'ACCOMMODATION', organisationKind: 'EMPLOYER', method: 'SIGNED_FORM', personPresent: true },
      });
      expect(byKind.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'organisationKind' }] });
      // A training provider does not work in health: a consent for health to it counts for none of its requests.
      const purpose = await gql('probation.officer', GRANT, {
        input: {
          personId: id,
          purpose: 'HEALTH',
          organisationId: orgs['Forge Skills Training'],
          method: 'SIGNED_FORM',
          personPresent: true,
        },
      });
      expect(purpose.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        closed: [{ category: 'HEALTH', reason: 'PURPOSE_NOT_COVERED' }],
      });
      expect(await rows(`SELECT 1 FROM consent WHERE person_id = $1`, [id])).toEqual([]);
      // ETE to the employer (education, training and employment): employment only opens, and the consent says so.
      const partial = await ok<{ grantConsent: { categories: string[]; opens: string[] } }>('probation.officer', GRANT, {
        input: { personId: id, purpose: 'ETE', organisationId: employer, method: 'SIGNED_FORM', personPresent: true },
      });
      expect(partial.grantConsent).toEqual(expect.objectContaining({ categories: ['ETE', 'EMPLOYMENT'], opens: ['EMPLOYMENT'] }));
      // What the employer's "Why?" says agrees: ETE stays shut for its kind.
      await ok('probation.officer', `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`, {
        input: { personId: id, organisationId: employer, role: 'PROVIDER' },
      });
      const why = await ok<{ explainAccess: { allowed: boolean; reason: string } }>(
        'employer',
        `query($id: ID!) { explainAccess(personId: $id, category: ETE) { allowed reason } }`,
        { id },
      );
      expect(why.explainAccess).toMatchObject({ allowed: false, reason: 'ORGANISATION_KIND' });
    });
  });
});
