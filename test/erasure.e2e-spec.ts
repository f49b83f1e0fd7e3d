import { AuditService } from '@hub/audit';
import { PersonDataRegistry, RetentionService } from '@hub/privacy';
import { type AuditWorld, personTablesMissed, startAuditWorld } from './support/audit-world.js';
import type { TestHub } from './support/hub.js';

/** Erasure on request and retention by period: what goes from every lib, what stays, and the audit chain still verifying. */
describe('erasure and retention', () => {
  let world: AuditWorld;
  let hub: TestHub;
  let orgs: Record<string, string>;
  let users: Record<string, string>;

  beforeAll(async () => {
    world = await startAuditWorld();
    ({ hub, orgs, users } = world);
  });
  afterAll(() => hub.close());

  const gql: AuditWorld['gql'] = (...args) => world.gql(...args);
  const ok: AuditWorld['ok'] = (...args) => world.ok(...args);
  const person: AuditWorld['person'] = (...args) => world.person(...args);

  it('erases a record on request, but not under a legal hold, keeping a tombstone and a verifiable audit', async () => {
    const id = await person('Erasable');
    await ok('probation.officer', `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`, {
      input: { personId: id, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: '2026-10-01T10:00:00Z', notes: 'Secret note' },
    });
    const referral = (
      await ok<{ sendReferral: { id: string } }>(
        'probation.officer',
        `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`,
        {
          input: {
            personId: id,
            toOrganisationId: orgs['Safe Harbour Housing Trust'],
            serviceCode: 'accommodation_support',
            reason: 'Secret need: must leave a violent partner',
            sharedCategories: [],
          },
        },
      )
    ).sendReferral;
    await ok('probation.officer', `mutation($input: RecordOgrsInput!) { recordOgrsAssessment(input: $input) { id } }`, {
      input: { personId: id, score: 61, assessedOn: '2026-02-01' },
    });
    await ok('probation.officer', `mutation($input: RecordReconvictionInput!) { recordReconviction(input: $input) { id } }`, {
      input: { personId: id, convictedOn: '2026-08-01' },
    });
    const hold = (
      await ok<{ placeLegalHold: { id: string } }>(
        'probation.dpo',
        `mutation($input: PersonReasonInput!) { placeLegalHold(input: $input) { id } }`,
        { input: { personId: id, reason: 'Pending court case' } },
      )
    ).placeLegalHold;
    const erase = `mutation($input: PersonReasonInput!) { erasePerson(input: $input) { id kind erasedBy } }`;
    const input = { personId: id, reason: 'Valid erasure request' };
    expect((await gql('probation.officer', erase, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql('probation.dpo', erase, { input })).errors?.[0].extensions?.code).toBe('INVALID_STATE');
    await ok('probation.dpo', `mutation($id: ID!) { releaseLegalHold(holdId: $id) { releasedAt } }`, { id: hold.id });
    const erasure = (await ok<{ erasePerson: { kind: string; erasedBy: string } }>('probation.dpo', erase, { input })).erasePerson;
    expect(erasure).toMatchObject({ kind: 'request', erasedBy: users['probation.dpo'] });
    // Every lib erased what it holds (its erasure steps, found through discovery), each counted.
    const [record]: { counts: Record<string, number> }[] = await hub.db.query('SELECT counts FROM person_erasure WHERE person_id = $1', [
      id,
    ]);
    expect(Object.keys(record.counts).sort()).toEqual([
      'allocations',
      'appointments',
      'auditDetails',
      'breakGlassGrants',
      'caseNoteCorrections',
      'caseNotes',
      'consents',
      'contactAttempts',
      'eteContactLapses',
      'events',
      'externalConsentIds',
      'externalIds',
      'externalInterventionIds',
      'externalInvolvementIds',
      'externalOffendingFactIds',
      'history',
      'identifiers',
      'interventionCorrections',
      'interventions',
      'involvements',
      'meetingActions',
      'meetingAgendaItems',
      'meetingNotes',
      'mergeReasons',
      'notifications',
      'ogrsAssessments',
      'reconvictions',
      'records',
      'referralReasons',
      'referrals',
      'referralsWithdrawn',
      'restrictions',
      'ruleFirings',
      'sustainments',
      'tasks',
    ]);
    expect(record.counts).toMatchObject({
      interventions: 1,
      records: 1,
      involvements: 2,
      referrals: 1,
      referralsWithdrawn: 1,
      ogrsAssessments: 1,
      reconvictions: 1,
    });
    expect(
      await hub.db.query('SELECT 1 FROM ogrs_assessment WHERE person_id = $1 UNION ALL SELECT 1 FROM reconviction WHERE person_id = $1', [
        id,
      ]),
    ).toEqual([]);
    // The domain events about the person stay (the feed's order), saying nothing of them; the erasure's own events keep what they say.
    const said: { type: string; payload: Record<string, unknown> }[] = await hub.db.query(
      'SELECT type, payload FROM outbox_event WHERE person_id = $1 ORDER BY id',
      [id],
    );
    const before = said.filter((e) => !['referral.withdrawn', 'person.erased'].includes(e.type));
    expect(before.map((e) => e.type)).toEqual(
      expect.arrayContaining(['person.created', 'intervention.logged', 'ogrs.recorded', 'reconviction.recorded', 'referral.sent']),
    );
    expect(before.find((e) => e.type === 'intervention.logged')!.payload).toEqual({ erased: true, dataCategory: 'ete' });
    expect(before.find((e) => e.type === 'referral.sent')!.payload).toEqual({
      erased: true,
      parties: [expect.any(String), orgs['Safe Harbour Housing Trust']],
    });
    expect(before.every((e) => e.payload.erased === true)).toBe(true);
    expect(said.filter((e) => e.type === 'person.erased').map((e) => e.payload)).toEqual([expect.objectContaining({ kind: 'request' })]);
    // The referral stays as the organisations' record that one was made, withdrawn, with nothing it said about the person.
    const [made]: { state: string; reason: string; shared_categories: string[] }[] = await hub.db.query(
      'SELECT state, reason, shared_categories FROM referral WHERE id = $1',
      [referral.id],
    );
    expect(made).toEqual({ state: 'withdrawn', reason: '[erased]', shared_categories: [] });
    const steps: { action: string; to_state: string; reason: string | null }[] = await hub.db.query(
      'SELECT action, to_state, reason FROM referral_transition WHERE referral_id = $1 ORDER BY id',
      [referral.id],
    );
    expect(steps.at(-1)).toEqual({ action: 'withdraw', to_state: 'withdrawn', reason: "the person's record was erased" });
    expect(JSON.stringify(steps)).not.toContain('Secret need');
    // The withdrawal is told as a withdrawal by the sender is: its event, through the outbox.
    const told: { payload: Record<string, unknown> }[] = await hub.db.query(
      `SELECT payload FROM outbox_event WHERE aggregate_id = $1 AND type = 'referral.withdrawn'`,
      [referral.id],
    );
    const housingOrg = orgs['Safe Harbour Housing Trust'];
    expect(told).toEqual([
      {
        payload: expect.objectContaining({
          referralId: referral.id,
          state: 'withdrawn',
          toOrganisationId: housingOrg,
          parties: [expect.any(String), housingOrg],
        }),
      },
    ]);
    // The receiver hears of it in its change feed as the referral's party, without the person.
    const heard = await gql<{ changes: { changes: { entityId: string; personId: string | null }[] } }>(
      'housing.worker',
      `{ changes(first: 200, types: ["referral.withdrawn"]) { changes { entityId personId } } }`,
    );
    expect(heard.data!.changes.changes.filter((c) => c.entityId === referral.id)).toEqual([{ entityId: referral.id, personId: null }]);

    expect((await gql('probation.officer', `query($id: ID!) { person(id: $id) { id } }`, { id })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    const [row]: { given_name: string; offence_summary: string | null }[] = await hub.db.query(
      'SELECT given_name, offence_summary FROM person WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ given_name: '[erased]', offence_summary: null });
    expect(await hub.db.query('SELECT id FROM intervention WHERE person_id = $1', [id])).toEqual([]);
    const events: { action: string; detail: Record<string, unknown> | null; detail_digest: string | null }[] = await hub.db.query(
      'SELECT action, detail, detail_digest FROM audit_event WHERE person_id = $1 ORDER BY id',
      [id],
    );
    const at = events.findIndex((e) => e.action === 'erase');
    const erased = events.slice(0, at);
    expect(erased.filter((e) => e.action === 'write').length).toBeGreaterThan(2);
    expect(erased.filter((e) => e.detail !== null)).toEqual([]);
    expect(erased.filter((e) => e.action === 'write').every((e) => e.detail_digest)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('Secret note');
    expect(events[at]).toMatchObject({ action: 'erase', detail: expect.objectContaining({ event: 'person.erased' }) });
    expect(events.slice(at + 1).map((e) => e.action)).toEqual(['deny']);
    expect(await hub.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });

  it('keeps which records were one person, without the reasons given for merging them', async () => {
    const [survivor, duplicate] = [await person('Merged', false), await person('Merged', false)];
    await ok('probation.officer', `mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }`, {
      input: { survivorId: survivor, duplicateId: duplicate, reason: 'Same person: her sister confirmed the address in Hulme' },
    });
    await ok('probation.dpo', `mutation($input: PersonReasonInput!) { erasePerson(input: $input) { id } }`, {
      input: { personId: survivor, reason: 'Valid erasure request' },
    });
    expect(
      await hub.db.query('SELECT survivor_id, merged_id, reason, undo_reason FROM person_merge WHERE survivor_id = $1', [survivor]),
    ).toEqual([{ survivor_id: survivor, merged_id: duplicate, reason: '[erased]', undo_reason: null }]);
    const [record]: { counts: Record<string, number> }[] = await hub.db.query('SELECT counts FROM person_erasure WHERE person_id = $1', [
      survivor,
    ]);
    expect(record.counts).toMatchObject({ mergeReasons: 1, records: 2 });
  });

  it('erases from every table that holds something about a person, or says here why it keeps it', async () => {
    // Tables kept as they are, and why. Any other table with a column naming a person must be changed by an erasure step.
    const kept: Record<string, string> = {
      audit_event: 'who accessed what, when and why stays; its old and new values are blanked by the audit lib itself (auditDetails)',
      break_glass_grant: 'deleted by the audit lib itself (breakGlassGrants)',
      legal_hold: 'the record of why the data was held, for the data protection officer',
      person_erasure: 'the record of the erasure itself (when, why, by whom, counts)',
      ete_funnel_fact: 'derived by triggers from interventions and sustainment checks, which erasure deletes',
      ete_funnel_org_fact: 'derived by triggers from interventions and sustainment checks, which erasure deletes',
      reoffending_fact: 'derived by triggers from the funnel summary, OGRS assessments and reconvictions, which erasure deletes',
    };
    const steps = hub.app.get(PersonDataRegistry).erasureSteps([]);
    const { missed, gone } = await personTablesMissed(
      hub,
      steps.map((s) => s.sql),
      'DELETE FROM|UPDATE',
      kept,
    );
    expect(missed).toEqual([]);
    // The list names no table that no longer exists.
    expect(gone).toEqual([]);
  });

  it('applies retention periods: expired interventions, then whole records nobody works with', async () => {
    const id = await person('Retained');
    const log = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
    const old = (
      await ok<{ logIntervention: { id: string } }>('probation.officer', log, {
        input: { personId: id, typeCode: 'mental_health_support', status: 'COMPLETED', occurredAt: '2015-01-10T10:00:00Z' },
      })
    ).logIntervention.id;
    const recent = (
      await ok<{ logIntervention: { id: string } }>('probation.officer', log, {
        input: { personId: id, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: '2026-01-10T10:00:00Z' },
      })
    ).logIntervention.id;
    // A job start of 2015 whose 13-week check was recorded: the check goes with it, and what its event said.
    const job = (
      await ok<{ logIntervention: { id: string } }>('probation.officer', log, {
        input: {
          personId: id,
          typeCode: 'job_start',
          status: 'COMPLETED',
          occurredAt: '2015-02-02T09:00:00Z',
          job: { employer: 'Harbour Logistics', sector: 'Logistics', hoursPerWeek: 30, startDate: '2015-02-02' },
        },
      })
    ).logIntervention.id;
    const [check]: { id: string }[] = await hub.db.query('SELECT id FROM job_sustainment WHERE intervention_id = $1', [job]);
    await ok('probation.officer', `mutation($input: RecordSustainmentInput!) { recordSustainment(input: $input) { status } }`, {
      input: { sustainmentId: check.id, sustained: true },
    });
    // A reconviction (offending data) past that category's seven years.
    await ok('probation.officer', `mutation($input: RecordReconvictionInput!) { recordReconviction(input: $input) { id } }`, {
      input: { personId: id, convictedOn: '2015-03-01' },
    });
    // Another person, the same but under a legal hold: retention skips them.
    const heldId = await person('Heldback');
    const heldOld = (
      await ok<{ logIntervention: { id: string } }>('probation.officer', log, {
        input: { personId: heldId, typeCode: 'mental_health_support', status: 'COMPLETED', occurredAt: '2015-01-10T10:00:00Z' },
      })
    ).logIntervention.id;
    await ok('probation.dpo', `mutation($input: PersonReasonInput!) { placeLegalHold(input: $input) { id } }`, {
      input: { personId: heldId, reason: 'Pending proceedings' },
    });
    // The expired and the recent intervention as a partner's case system knows them (a sync's mapping).
    await hub.db.query(
      `INSERT INTO external_ref (system, entity_type, external_id, entity_id, organisation_id) VALUES ('case-system', 'intervention', 'MH-2015', $1, $3), ('case-system', 'intervention', 'CV-2026', $2, $3)`,
      [old, recent, orgs['North West Probation Region']],
    );
    const retention = hub.app.get(RetentionService);
    const first = await retention.run();
    expect(first.expired).toEqual({ interventions: { health: 1, employment: 1 }, reconvictions: { offending: 1 } });
    expect(await hub.db.query('SELECT 1 FROM job_sustainment WHERE id = $1', [check.id])).toEqual([]);
    const [checked]: { payload: Record<string, unknown> }[] = await hub.db.query(
      `SELECT payload FROM outbox_event WHERE aggregate_id = $1 AND type = 'outcome.recorded'`,
      [check.id],
    );
    expect(checked.payload).toEqual({ erased: true, dataCategory: 'employment' });
    expect(await hub.db.query('SELECT 1 FROM reconviction WHERE person_id = $1', [id])).toEqual([]);
    expect(first.records).toEqual([]);
    expect(first.held).toBe(1);
    expect(await hub.db.query('SELECT id FROM intervention WHERE person_id = $1', [heldId])).toEqual([{ id: heldOld }]);
    const left: { id: string }[] = await hub.db.query('SELECT id FROM intervention WHERE person_id = $1', [id]);
    expect(left.map((r) => r.id)).toEqual([recent]);
    expect(left.map((r) => r.id)).not.toContain(old);
    // Its id in the partner's system goes with it (the sync lib's follow-up of the rule); the recent one's stays.
    expect(await hub.db.query(`SELECT external_id FROM external_ref WHERE system = 'case-system' ORDER BY external_id`)).toEqual([
      { external_id: 'CV-2026' },
    ]);
    // What the expired intervention's events said goes with it; the recent one's stays.
    const logged: { aggregate_id: string; payload: Record<string, unknown> }[] = await hub.db.query(
      `SELECT aggregate_id, payload FROM outbox_event WHERE person_id = $1 AND type = 'intervention.logged'`,
      [id],
    );
    expect(Object.fromEntries(logged.map((e) => [e.aggregate_id, e.payload]))).toEqual({
      [old]: { erased: true, dataCategory: 'health' },
      [job]: { erased: true, dataCategory: 'employment' },
      [recent]: expect.objectContaining({ typeCode: 'cv_cover_letter' }),
    });
    // One record of the erasure per rule that erased something.
    const tombstones: { kind: string; categories: string[] }[] = await hub.db.query(
      'SELECT kind, categories FROM person_erasure WHERE person_id = $1 ORDER BY categories',
      [id],
    );
    expect(tombstones).toEqual([
      { kind: 'retention', categories: ['employment', 'health'] },
      { kind: 'retention', categories: ['offending'] },
    ]);

    // Nobody has worked with the person for eight years: the whole record goes.
    for (const who of [id, heldId]) {
      await hub.db.query(`UPDATE involvement SET started_at = '2017-01-01', ended_at = '2018-01-01' WHERE person_id = $1`, [who]);
      await hub.db.query(`UPDATE intervention SET occurred_at = '2017-06-01' WHERE person_id = $1`, [who]);
      await hub.db.query(`UPDATE person SET updated_at = '2018-01-01' WHERE id = $1`, [who]);
    }
    const second = await retention.run();
    expect(second.records).toEqual([id]);
    // Held twice over (an expired intervention, and a record nobody works with), counted once.
    expect(second.held).toBe(1);
    const [kept]: { given_name: string }[] = await hub.db.query('SELECT given_name FROM person WHERE id = $1', [heldId]);
    expect(kept.given_name).toBe('Heldback');
    const [row]: { given_name: string }[] = await hub.db.query('SELECT given_name FROM person WHERE id = $1', [id]);
    expect(row.given_name).toBe('[erased]');
    expect(await hub.app.get(AuditService).verify()).toMatchObject({ ok: true });
  }, 60_000);
});
