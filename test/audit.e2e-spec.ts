import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { OutboxService } from '@hub/events';
import { AuditSealerService, AuditService } from '@hub/audit';
import type { Actor } from '@hub/common';
import { PersonDataRegistry } from '@hub/privacy';
import { type AuditWorld, personTablesMissed, startAuditWorld } from './support/audit-world.js';
import { nodes, type Page, type TestHub } from './support/hub.js';

const run = promisify(execFile);

interface AuditRow {
  id: string;
  actor: string;
  organisation_id: string | null;
  purpose: string | null;
  request_id: string | null;
  person_id: string | null;
  action: string;
  categories: string[];
  fields: string[];
  withheld: string[];
  break_glass: boolean;
  detail: Record<string, unknown> | null;
  occurred_at: Date;
}

describe('audit', () => {
  let world: AuditWorld;
  let hub: TestHub;
  let orgs: Record<string, string>;
  let users: Record<string, string>;

  beforeAll(async () => {
    world = await startAuditWorld();
    ({ hub, orgs, users } = world);
    await hub.tokenFor('probation.officer');
  });
  afterAll(() => hub.close());

  const gql: AuditWorld['gql'] = (...args) => world.gql(...args);
  const ok: AuditWorld['ok'] = (...args) => world.ok(...args);
  const person: AuditWorld['person'] = (...args) => world.person(...args);

  async function eventsOf(requestId: string): Promise<AuditRow[]> {
    return hub.db.query('SELECT * FROM audit_event WHERE request_id = $1 ORDER BY id', [requestId]);
  }

  it('records a read with the fields returned and withheld, all of a request in one insert, with the purpose', async () => {
    const a = await person('Reada');
    const b = await person('Readb');
    const requestId = randomUUID();
    const res = await gql<{ people: { edges: { node: { id: string; offenceSummary: string | null } }[] } }>(
      'housing.worker',
      `{ people(search: "audit", purpose: SAFEGUARDING) { edges { node { id givenName offenceSummary } } } }`,
      {},
      { 'x-request-id': requestId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.people.edges.map((e) => e.node.id).sort()).toEqual([a, b].sort());
    const events = await eventsOf(requestId);
    expect(events.map((e) => e.person_id).sort()).toEqual([a, b].sort());
    for (const e of events) {
      expect(e).toMatchObject({
        action: 'read',
        actor: users['housing.worker'],
        organisation_id: orgs['Safe Harbour Housing Trust'],
        purpose: 'safeguarding',
        categories: ['identity'],
        break_glass: false,
      });
      expect(e.fields).toEqual(expect.arrayContaining(['Person.givenName', 'Person.dateOfBirth']));
      expect(e.fields).not.toContain('Person.offenceSummary');
      expect(e.withheld).toEqual(expect.arrayContaining(['Person.offenceSummary', 'Person.healthNotes', 'Person.riskLevel']));
    }
    // One INSERT statement: the same transaction time, consecutive places in the chain.
    expect(new Set(events.map((e) => e.occurred_at.toISOString())).size).toBe(1);
    const between: { n: string }[] = await hub.db.query('SELECT count(*) AS n FROM audit_event WHERE id > $1 AND id < $2', [
      events[0].id,
      events[1].id,
    ]);
    expect(Number(between[0].n)).toBe(0);

    // Several fields of one person in one request make one event; the X-Purpose header is recorded too.
    const second = randomUUID();
    await ok(
      'probation.officer',
      `query($id: ID!) { person(id: $id) { givenName offenceSummary interventions { edges { node { id } } } consents { id } history(first: 10) { edges { node { action } } } } }`,
      { id: a },
      { 'x-request-id': second, 'x-purpose': 'reporting' },
    );
    const [one, ...rest] = await eventsOf(second);
    expect(rest).toEqual([]);
    expect(one).toMatchObject({ action: 'read', person_id: a, purpose: 'reporting', withheld: [] });
    expect(one.fields).toEqual(
      expect.arrayContaining(['Person.offenceSummary', 'Person.healthNotes', 'Person.interventions', 'Person.consents', 'Person.history']),
    );
    expect(one.categories).toEqual(expect.arrayContaining(['identity', 'offending', 'health']));
  });

  it('records denials of reads and writes, the same for a hidden and a missing person', async () => {
    const hidden = await person('Hidden');
    const missing = randomUUID();
    for (const id of [hidden, missing]) {
      const requestId = randomUUID();
      const res = await gql('mind.worker', `query($id: ID!) { person(id: $id) { id } }`, { id }, { 'x-request-id': requestId });
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(await eventsOf(requestId)).toEqual([
        expect.objectContaining({
          action: 'deny',
          person_id: id,
          actor: users['mind.worker'],
          fields: [],
          detail: { field: 'person', code: 'NOT_FOUND' },
        }),
      ]);
    }
    // A refused write is a denial too.
    const requestId = randomUUID();
    const res = await gql(
      'mind.worker',
      `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`,
      { input: { personId: hidden, typeCode: 'mental_health_support', status: 'COMPLETED', occurredAt: '2026-10-01T10:00:00Z' } },
      { 'x-request-id': requestId },
    );
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await eventsOf(requestId)).toEqual([
      expect.objectContaining({ action: 'deny', person_id: hidden, detail: { field: 'logIntervention', code: 'NOT_FOUND' } }),
    ]);
  });

  it('audits a write with its old and new values in the transaction of the change', async () => {
    const id = await person('Writer');
    const requestId = randomUUID();
    await ok(
      'probation.officer',
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version } }`,
      { input: { id, version: 1, reason: 'Court outcome', offenceSummary: 'Robbery', stage: 'TAKING_STEPS' } },
      { 'x-request-id': requestId },
    );
    const [write] = await eventsOf(requestId);
    expect(write).toMatchObject({ action: 'write', person_id: id, actor: users['probation.officer'], purpose: 'casework' });
    expect(write.categories.sort()).toEqual(['ete', 'offending']);
    expect(write.fields.sort()).toEqual(['offenceSummary', 'stage']);
    expect(write.detail).toMatchObject({
      event: 'person.updated',
      changes: { offenceSummary: { old: 'Burglary', new: 'Robbery' }, stage: { old: null, new: 'taking_steps' } },
    });
    // Written by the same transaction as the change: the same transaction time as the change's history row.
    const [change]: { changed_at: Date }[] = await hub.db.query(
      `SELECT changed_at FROM person_change WHERE person_id = $1 AND action = 'updated'`,
      [id],
    );
    expect(write.occurred_at.toISOString()).toBe(change.changed_at.toISOString());

    // A transaction that rolls back leaves no audit event behind.
    const outbox = hub.app.get(OutboxService);
    const actor = {
      kind: 'user',
      id: 'rollback-test',
      organisationId: orgs['North West Probation Region'],
      purpose: 'casework',
      requestId: randomUUID(),
    } as Actor;
    await expect(
      hub.db.transaction(async (m) => {
        await outbox.emit(m, actor, {
          type: 'person.updated',
          aggregateType: 'person',
          aggregateId: id,
          personId: id,
          payload: {},
          changes: { region: { old: null, new: 'wales' } },
        });
        const inside: unknown[] = await m.query('SELECT 1 FROM audit_event WHERE request_id = $1', [actor.requestId]);
        expect(inside).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await eventsOf(actor.requestId)).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit events, to the owner and to an application role', async () => {
    for (const sql of [
      'UPDATE audit_event SET purpose = $1',
      'DELETE FROM audit_event WHERE purpose = $1 OR TRUE',
      'TRUNCATE audit_event',
    ]) {
      await expect(hub.db.query(sql, sql.includes('$1') ? ['reporting'] : [])).rejects.toThrow(/permission denied/);
    }
    const role = `hub_app_${randomUUID().slice(0, 8)}`;
    await hub.db.query(`CREATE ROLE ${role} NOLOGIN`);
    await hub.db.query(`GRANT SELECT, INSERT ON audit_event TO ${role}`);
    const runner = hub.db.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL ROLE ${role}`);
      await expect(runner.query(`UPDATE audit_event SET purpose = 'reporting'`)).rejects.toThrow(/permission denied for table audit_event/);
      await runner.rollbackTransaction();
      await runner.startTransaction();
      await runner.query(`SET LOCAL ROLE ${role}`);
      await expect(runner.query(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied for table audit_event/);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
      await hub.db.query(`DROP OWNED BY ${role}`);
      await hub.db.query(`DROP ROLE ${role}`);
    }
  });

  it('explains access in the terms of the rules, the same for a hidden and a missing person', async () => {
    const id = await person('Explained');
    const q = `query($id: ID!, $category: DataCategory, $field: String) { explainAccess(personId: $id, category: $category, field: $field) { category field allowed reason basis explanation } }`;
    const explain = async (who: string, vars: Record<string, unknown>) =>
      (await ok<{ explainAccess: Record<string, unknown> }>(who, q, { id, ...vars })).explainAccess;
    expect(await explain('housing.worker', { category: 'IDENTITY' })).toMatchObject({ allowed: true, reason: 'RELATIONSHIP' });
    expect(await explain('housing.worker', { field: 'offenceSummary' })).toMatchObject({
      category: 'OFFENDING',
      field: 'offenceSummary',
      allowed: false,
      reason: 'NO_LAWFUL_BASIS',
    });
    expect(await explain('probation.officer', { category: 'HEALTH' })).toMatchObject({
      allowed: true,
      reason: 'RELATIONSHIP_AND_LAWFUL_BASIS',
      basis: 'agreement',
    });
    expect(await explain('employer', { category: 'OFFENDING' })).toMatchObject({ allowed: false, reason: 'ORGANISATION_KIND' });
    expect(await explain('housing.admin', { category: 'IDENTITY' })).toMatchObject({ allowed: false, reason: 'ROLE' });
    await ok('probation.officer', `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`, {
      input: {
        personId: id,
        purpose: 'ACCOMMODATION',
        organisationId: orgs['Safe Harbour Housing Trust'],
        method: 'SIGNED_FORM',
        personPresent: true,
      },
    });
    expect(await explain('housing.worker', { category: 'ACCOMMODATION' })).toMatchObject({
      allowed: true,
      reason: 'RELATIONSHIP_AND_LAWFUL_BASIS',
      basis: 'consent',
    });
    const hidden = await explain('mind.worker', { category: 'HEALTH' });
    const missing = (await ok<{ explainAccess: Record<string, unknown> }>('mind.worker', q, { id: randomUUID(), category: 'HEALTH' }))
      .explainAccess;
    expect(hidden).toMatchObject({ allowed: false, reason: 'NO_RELATIONSHIP' });
    expect(missing).toEqual(hidden);
  });

  it('opens a record by break-glass for a limited time: flagged, notified, listed for review, then expired', async () => {
    const id = await person('Glass', false);
    const read = `query($id: ID!) { person(id: $id) { givenName offenceSummary } }`;
    expect((await gql('housing.manager', read, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const open = `mutation($input: OpenBreakGlassInput!) { openBreakGlass(input: $input) { id expiresAt openedAt } }`;
    const input = { personId: id, reason: 'Safeguarding concern reported out of hours' };
    expect((await gql('housing.worker', open, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql('housing.manager', open, { input: { ...input, reason: 'short' } })).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    const grant = (await ok<{ openBreakGlass: { id: string; expiresAt: string; openedAt: string } }>('housing.manager', open, { input }))
      .openBreakGlass;
    expect(new Date(grant.expiresAt).getTime() - new Date(grant.openedAt).getTime()).toBeGreaterThan(59 * 60_000);
    expect(new Date(grant.expiresAt).getTime() - new Date(grant.openedAt).getTime()).toBeLessThan(61 * 60_000);

    const [notice]: { payload: { notify: string[]; reason?: string } }[] = await hub.db.query(
      `SELECT payload FROM outbox_event WHERE type = 'break_glass.opened' AND aggregate_id = $1`,
      [grant.id],
    );
    expect(notice.payload).toMatchObject({ notify: [orgs['North West Probation Region']] });
    // The reason is free text: not in the event, which every organisation related to the person may see (change feed, webhooks).
    expect(JSON.stringify(notice.payload)).not.toContain(input.reason);

    const requestId = randomUUID();
    const seen = await ok<{ person: { givenName: string; offenceSummary: string } }>(
      'housing.manager',
      read,
      { id },
      { 'x-request-id': requestId },
    );
    expect(seen.person).toEqual({ givenName: 'Glass', offenceSummary: 'Burglary' });
    expect(await eventsOf(requestId)).toEqual([
      expect.objectContaining({ action: 'read', person_id: id, break_glass: true, actor: users['housing.manager'] }),
    ]);
    // Still no access for the manager's colleagues: the grant is personal.
    expect((await gql('housing.worker', read, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const review = await ok<{
      breakGlassGrants: Page<{ id: string; reason: string }>;
      breakGlassAccesses: Page<{ personId: string; action: string }>;
    }>('probation.dpo', `{ breakGlassGrants { edges { node { id reason } } } breakGlassAccesses { edges { node { personId action } } } }`);
    expect(nodes(review.breakGlassGrants)).toEqual([{ id: grant.id, reason: input.reason }]);
    expect(
      nodes(review.breakGlassAccesses)
        .map((a) => a.action)
        .sort(),
    ).toEqual(['break_glass', 'read']);
    await ok('probation.dpo', `mutation($input: ReviewBreakGlassInput!) { reviewBreakGlass(input: $input) { reviewedAt } }`, {
      input: { grantId: grant.id, note: 'Justified: safeguarding' },
    });
    expect(
      (await ok<{ breakGlassGrants: Page<unknown> }>('probation.dpo', `{ breakGlassGrants { edges { node { id } } } }`)).breakGlassGrants
        .edges,
    ).toEqual([]);

    await hub.db.query(`UPDATE break_glass_grant SET expires_at = now() - interval '1 second' WHERE id = $1`, [grant.id]);
    expect((await gql('housing.manager', read, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('lists who accessed a record for data protection officers and the lead organisation only', async () => {
    const id = await person('Logged');
    await ok('housing.worker', `query($id: ID!) { person(id: $id) { givenName } }`, { id }, { 'x-purpose': 'referral' });
    const q = `query($id: ID!) { personAccessLog(personId: $id) { action actor organisationId purpose fields withheld event } }`;
    const log = (
      await ok<{ personAccessLog: { action: string; actor: string; purpose: string; event: string | null }[] }>('probation.dpo', q, { id })
    ).personAccessLog;
    expect(log[0]).toMatchObject({
      action: 'read',
      actor: users['housing.worker'],
      organisationId: orgs['Safe Harbour Housing Trust'],
      purpose: 'referral',
    });
    expect(
      log
        .filter((e) => e.action === 'write')
        .map((e) => e.event)
        .sort(),
    ).toEqual(['person.created', 'person.involvement_added']);
    expect((await ok<{ personAccessLog: unknown[] }>('probation.officer', q, { id })).personAccessLog.length).toBeGreaterThan(2);
    expect((await gql('housing.worker', q, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql('mind.worker', q, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('exports everything held on a person for a subject access request, with the disclosure log, and audits the export', async () => {
    const id = await person('Subject');
    const log = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
    await ok('probation.officer', log, {
      input: { personId: id, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: '2026-10-01T10:00:00Z' },
    });
    await ok('housing.worker', log, {
      input: {
        personId: id,
        typeCode: 'accommodation_support',
        status: 'STARTED',
        occurredAt: '2026-10-02T10:00:00Z',
        notes: 'Hostel place',
      },
    });
    await ok('probation.officer', `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`, {
      input: { personId: id, purpose: 'HEALTH', organisationId: orgs['Clearview Mental Health'], method: 'VERBAL', personPresent: true },
    });
    await ok('housing.worker', `query($id: ID!) { person(id: $id) { givenName } }`, { id });
    await ok('probation.officer', `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`, {
      input: {
        personId: id,
        toOrganisationId: orgs['Safe Harbour Housing Trust'],
        serviceCode: 'accommodation_support',
        reason: 'Needs a tenancy near family',
        sharedCategories: [],
      },
    });
    await ok('probation.officer', `mutation($input: RecordOgrsInput!) { recordOgrsAssessment(input: $input) { id } }`, {
      input: { personId: id, score: 42.5, assessedOn: '2026-03-01' },
    });
    await ok('probation.officer', `mutation($input: RecordReconvictionInput!) { recordReconviction(input: $input) { id } }`, {
      input: { personId: id, convictedOn: '2026-09-15' },
    });

    const mutation = `mutation($id: ID!) { subjectAccessExport(personId: $id) { personId json document counts { section rows } } }`;
    expect((await gql('probation.officer', mutation, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql('probation.dpo', mutation, { id: randomUUID() })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const before: AuditRow[] = await hub.db.query('SELECT * FROM audit_event WHERE person_id = $1 ORDER BY id', [id]);
    const res = (
      await ok<{ subjectAccessExport: { json: string; document: string; counts: { section: string; rows: number }[] } }>(
        'probation.dpo',
        mutation,
        { id },
      )
    ).subjectAccessExport;
    // Every lib holding person data answers for its part (found through discovery), in the export's order.
    expect(res.counts.map((c) => c.section)).toEqual([
      'person',
      'identifiers',
      'externalIds',
      'involvements',
      'allocations',
      'restrictions',
      'interventions',
      'interventionCorrections',
      'appointments',
      'contactAttempts',
      'caseNotes',
      'caseNoteCorrections',
      'meetingAgendaItems',
      'meetingNotes',
      'meetingActions',
      'sustainments',
      'ogrsAssessments',
      'reconvictions',
      'consents',
      'referrals',
      'referralSteps',
      'tasks',
      'ruleDecisions',
      'notifications',
      'history',
      'breakGlass',
      'disclosures',
    ]);
    const data = JSON.parse(res.json) as {
      interventions: { id: string; notes: string | null }[];
      consents: { id: string }[];
      disclosures: { action: string; organisation: string }[];
      involvements: unknown[];
    };

    const interventions: { id: string }[] = await hub.db.query('SELECT id FROM intervention WHERE person_id = $1', [id]);
    const consents: { id: string }[] = await hub.db.query('SELECT id FROM consent WHERE person_id = $1', [id]);
    expect(data.interventions.map((i) => i.id).sort()).toEqual(interventions.map((i) => i.id).sort());
    expect(data.interventions).toHaveLength(2);
    expect(data.consents.map((c) => c.id)).toEqual(consents.map((c) => c.id));
    expect(data.involvements).toHaveLength(2);
    expect(data.disclosures).toHaveLength(before.length);
    expect(data.disclosures.map((d) => d.action)).toEqual(before.map((e) => e.action));
    expect(data.disclosures).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'read', organisation: 'Safe Harbour Housing Trust' })]),
    );
    expect(res.document).toContain('# Subject access request');
    expect(res.document).toContain('Hostel place');
    // The referral with its steps, naming organisations and not staff.
    const referrals = JSON.parse(res.json) as { referrals: Record<string, unknown>[]; referralSteps: Record<string, unknown>[] };
    expect(referrals.referrals).toEqual([
      expect.objectContaining({
        from_organisation: 'North West Probation Region',
        to_organisation: 'Safe Harbour Housing Trust',
        reason: 'Needs a tenancy near family',
        state: 'sent',
      }),
    ]);
    expect(referrals.referralSteps.map((t) => t.action)).toEqual(['create', 'send']);
    expect(res.json).not.toContain(users['probation.officer'].slice('user:'.length));
    // The offending data the outcome measures use: the OGRS score and the reconviction, with who recorded them.
    const offending = JSON.parse(res.json) as { ogrsAssessments: Record<string, unknown>[]; reconvictions: Record<string, unknown>[] };
    expect(offending.ogrsAssessments).toEqual([
      expect.objectContaining({ assessed_on: '2026-03-01', score: 42.5, source: 'manual', organisation: 'North West Probation Region' }),
    ]);
    expect(offending.reconvictions).toEqual([
      expect.objectContaining({ convicted_on: '2026-09-15', source: 'manual', organisation: 'North West Probation Region' }),
    ]);
    expect(res.document).toContain('## Disclosure log');

    const after: AuditRow[] = await hub.db.query('SELECT * FROM audit_event WHERE person_id = $1 AND id > $2', [id, before.at(-1)!.id]);
    expect(after).toEqual([
      expect.objectContaining({
        action: 'export',
        actor: users['probation.dpo'],
        detail: expect.objectContaining({ kind: 'subject_access' }),
      }),
    ]);
  });

  it('exports from every table that holds something about a person, or says here why not', async () => {
    // Tables left out of the export, and why. Any other table with a column naming a person must be read by a section.
    const left: Record<string, string> = {
      audit_event: "the audit lib's own section (disclosures)",
      break_glass_grant: "the audit lib's own section (breakGlass)",
      outbox_event: 'the domain events repeat what the other sections hold',
      ete_funnel_fact: 'derived from the interventions and sustainment checks exported',
      ete_funnel_org_fact: 'derived from the interventions and sustainment checks exported',
      reoffending_fact: 'derived from the interventions, OGRS assessments and reconvictions exported',
      ete_contact_lapse: 'derived: a gap in contact found from the interventions exported (the task it raised is exported)',
      person_merge: "the merges are in the record's history and its merged_into_id",
      person_erasure: 'held only once the record is erased',
      legal_hold: "placed for legal proceedings; disclosing it is the data protection officer's decision",
    };
    const sections = hub.app.get(PersonDataRegistry).sections([]);
    const { missed, gone } = await personTablesMissed(
      hub,
      sections.map((s) => s.sql),
      'FROM|JOIN',
      left,
    );
    expect(missed).toEqual([]);
    expect(gone).toEqual([]);
  });

  it('records a change-feed page as a disclosure per person, apart from a read of the record in the same request', async () => {
    const id = await person('Feedy');
    const requestId = randomUUID();
    const data = await ok<{ person: { id: string }; changes: { changes: { personId: string | null; type: string }[] } }>(
      'housing.worker',
      `query($id: ID!) { person(id: $id) { id givenName } changes(first: 1000) { changes { personId type } } }`,
      { id },
      { 'x-request-id': requestId },
    );
    const seen = data.changes.changes.filter((c) => c.personId === id);
    expect(seen.length).toBeGreaterThan(0);
    const events = await eventsOf(requestId);
    const feed = events.filter((e) => e.detail?.channel === 'change_feed');
    expect(feed.map((e) => e.person_id).sort()).toEqual(
      [...new Set(data.changes.changes.map((c) => c.personId).filter((p) => p !== null))].sort(),
    );
    expect(feed.find((e) => e.person_id === id)).toMatchObject({
      action: 'read',
      actor: users['housing.worker'],
      categories: ['identity'],
      fields: [],
      detail: { channel: 'change_feed', events: seen.length },
    });
    // The read of the record keeps its own event, with its fields.
    const read = events.filter((e) => e.detail?.channel === undefined);
    expect(read).toEqual([
      expect.objectContaining({ action: 'read', person_id: id, fields: expect.arrayContaining(['Person.givenName']) }),
    ]);
    expect(await hub.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });

  it('keeps one intact log under concurrent reads and writes', async () => {
    const id = await person('Busy');
    const before: { n: string }[] = await hub.db.query('SELECT count(*) AS n FROM audit_event');
    const read = `query($id: ID!) { person(id: $id) { givenName } }`;
    const log = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => ok(i % 2 ? 'housing.worker' : 'probation.officer', read, { id })),
      ...Array.from({ length: 8 }, (_, i) =>
        ok('probation.officer', log, {
          input: { personId: id, typeCode: 'job_search', status: 'COMPLETED', occurredAt: `2026-10-0${i + 1}T10:00:00Z` },
        }),
      ),
    ]);
    const after: { n: string }[] = await hub.db.query('SELECT count(*) AS n FROM audit_event');
    expect(Number(after[0].n) - Number(before[0].n)).toBe(20);
    expect(await hub.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });

  // Last: it tampers with the log.
  it('audit verify checks the sealed log and names the first altered or removed event', async () => {
    const service = hub.app.get(AuditService);
    await hub.app.get(AuditSealerService).sealAll();
    const clean = await service.verify(7);
    expect(clean).toMatchObject({ ok: true, problem: null });
    const [{ n }]: { n: string }[] = await hub.db.query('SELECT count(*) AS n FROM audit_event');
    expect(clean.events).toBe(Number(n));
    const cli = (args: string[]) =>
      run('node', ['dist/apps/cli/src/main.js', ...args], {
        env: { ...process.env, DATABASE_URL: (hub.db.options as { url: string }).url, SEED_DEMO: 'false', LOG_LEVEL: 'silent' },
      });
    expect((await cli(['audit', 'verify'])).stdout).toContain(`audit log intact: ${n} events`);

    const ids: { id: string }[] = await hub.db.query('SELECT l.event_id::text AS id FROM audit_leaf l ORDER BY l.idx');
    const altered = ids[Math.floor(ids.length / 2)].id;
    // Tampering needs the owner to switch the guard off: it is then found.
    await hub.db.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change');
    await hub.db.query(`UPDATE audit_event SET purpose = 'reporting', actor = 'user:someone-else' WHERE id = $1`, [altered]);
    expect(await service.verify(7)).toMatchObject({ ok: false, problem: { kind: 'altered', eventId: altered } });
    const failed = await cli(['audit', 'verify']).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect(failed!.stderr).toContain(`audit event ${altered} was altered`);

    const removed = ids[5].id;
    await hub.db.query('DELETE FROM audit_event WHERE id = $1', [removed]);
    await hub.db.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change');
    expect(await service.verify(7)).toMatchObject({ ok: false, problem: { kind: 'removed', eventId: removed, leafIndex: 5 } });
  }, 120_000); // two runs of the CLI, each a new Node process: slow on a loaded machine
});
