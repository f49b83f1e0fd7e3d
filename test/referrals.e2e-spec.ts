import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { EventHandlerRegistry, JobQueue } from '../libs/events/src/index.js';
import { HubWorker } from '../libs/jobs/src/index.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { ReferralRulesService } from '../libs/referrals/src/referral-rules.service.js';
import { eventually, nodes, type Page, startTestHub, type TestHub } from './support/hub.js';

const REFERRAL = `id state stateReason overdue escalatedAt ruleId serviceCode sharedCategories personId fromOrganisationId toOrganisationId
  person { id givenName } transitions { action fromState toState reason actor organisationId at }`;
interface Referral {
  id: string;
  state: string;
  stateReason: string | null;
  overdue: boolean;
  escalatedAt: string | null;
  ruleId: string | null;
  personId: string;
  person: { id: string; givenName: string } | null;
  transitions: { action: string; fromState: string | null; toState: string; reason: string | null; actor: string }[];
}

const nonEmpty = <T>(list: T[]): T[] | null => (list.length ? list : null);

describe('referrals', () => {
  let hub: TestHub;
  let probation: string;
  let housing: string;
  let orgs: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestHub();
    probation = await hub.tokenFor('probation.officer');
    housing = await hub.tokenFor('housing.worker');
    const res = await hub.gql<{ organisations: { id: string; name: string }[] }>(`{ organisations { id name } }`, {}, probation);
    orgs = Object.fromEntries(res.data!.organisations.map((o) => [o.name, o.id]));
  });
  afterAll(() => hub.close());

  const HOUSING = () => orgs['Safe Harbour Housing Trust'];
  const PROBATION = () => orgs['North West Probation Region'];

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const res = await hub.gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  let seq = 0;
  async function person(extra: Record<string, unknown> = {}): Promise<string> {
    seq++;
    const data = await ok<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: `Ref${seq}`,
          familyName: `Person${seq}`,
          dateOfBirth: '1990-01-01',
          region: 'north_west',
          identifiers: [],
          confirmNew: true,
          ...extra,
        },
      },
      probation,
    );
    return data.createPerson.person.id;
  }

  async function consent(personId: string, purpose: string, organisationId: string) {
    await ok(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
      { input: { personId, purpose, organisationId, method: 'SIGNED_FORM', personPresent: true } },
      probation,
    );
  }

  async function log(personId: string, typeCode: string, extra: Record<string, unknown> = {}) {
    await ok(
      `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`,
      { input: { personId, typeCode, status: 'STARTED', occurredAt: new Date().toISOString(), ...extra } },
      probation,
    );
  }

  async function send(personId: string, sharedCategories: string[] = []) {
    return hub.gql<{ sendReferral: Referral }>(
      `mutation($input: SendReferralInput!) { sendReferral(input: $input) { ${REFERRAL} } }`,
      {
        input: { personId, toOrganisationId: HOUSING(), serviceCode: 'accommodation_support', reason: 'Needs a tenancy', sharedCategories },
      },
      probation,
    );
  }

  const act = (name: string, id: string, token: string) =>
    hub.gql<Record<string, Referral>>(`mutation($id: ID!) { ${name}(id: $id) { ${REFERRAL} } }`, { id }, token);
  const actWithReason = (name: string, referralId: string, reason: string, token: string) =>
    hub.gql<Record<string, Referral>>(
      `mutation($input: ReferralReasonInput!) { ${name}(input: $input) { ${REFERRAL} } }`,
      { input: { referralId, reason } },
      token,
    );
  const complete = (referralId: string, token: string, outcome = 'ACHIEVED', note: string | null = null) =>
    hub.gql<Record<string, Referral>>(
      `mutation($input: CompleteReferralInput!) { completeReferral(input: $input) { ${REFERRAL} outcome outcomeNote } }`,
      { input: { referralId, outcome, note } },
      token,
    );
  const inbox = async (token: string, states?: string[]) =>
    nodes(
      (
        await ok<{ referralInbox: Page<Referral> }>(
          `query($s: [ReferralState!]) { referralInbox(states: $s, first: 20) { edges { node { ${REFERRAL} } } } }`,
          { s: states ?? null },
          token,
        )
      ).referralInbox,
    );
  const rows = <T>(sql: string, params: unknown[] = []) => hub.db.query(sql, params) as Promise<T[]>;

  it('runs the whole lifecycle; invalid steps are refused with INVALID_STATE, the wrong side with FORBIDDEN', async () => {
    const id = await person();
    const charity = await hub.gql(`query($id: ID!) { person(id: $id) { id } }`, { id }, housing);
    expect(charity.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const notLawful = await send(id, ['ACCOMMODATION']);
    expect(notLawful.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'sharedCategories', messages: ['no consent or agreement lets the receiver see: ACCOMMODATION'] }],
    });

    const sent = await send(id);
    expect(sent.errors).toBeUndefined();
    const r = sent.data!.sendReferral;
    expect(r.state).toBe('SENT');
    expect(r.transitions.map((t) => [t.action, t.fromState, t.toState])).toEqual([
      ['create', null, 'DRAFT'],
      ['send', 'DRAFT', 'SENT'],
    ]);

    // The receiver sees it in its inbox, and (open referral = relationship) who the person is.
    const mine = (await inbox(housing)).find((x) => x.id === r.id)!;
    expect(mine.person).toEqual({ id, givenName: expect.stringMatching(/^Ref/) });

    expect((await act('startReferral', r.id, housing)).errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE',
      state: 'sent',
      action: 'start',
    });
    expect((await act('acceptReferral', r.id, probation)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const stranger = await act('acceptReferral', r.id, await hub.tokenFor('mind.worker'));
    const missing = await act('acceptReferral', '00000000-0000-4000-8000-000000000000', await hub.tokenFor('mind.worker'));
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(stranger.errors?.[0].message).toBe(missing.errors?.[0].message);

    const accepted = await act('acceptReferral', r.id, housing);
    expect(accepted.data!.acceptReferral.state).toBe('ACCEPTED');
    const involvements = await ok<{ person: { involvements: { organisationId: string; role: string; source: string }[] } }>(
      `query($id: ID!) { person(id: $id) { involvements { organisationId role source } } }`,
      { id },
      housing,
    );
    expect(involvements.person.involvements).toContainEqual({ organisationId: HOUSING(), role: 'PROVIDER', source: 'referral' });
    expect((await act('acceptReferral', r.id, housing)).errors?.[0].extensions?.code).toBe('INVALID_STATE');

    expect((await act('startReferral', r.id, housing)).data!.startReferral.state).toBe('IN_PROGRESS');
    const done = (await complete(r.id, housing)).data!.completeReferral;
    expect(done.state).toBe('COMPLETED');
    expect(done.transitions.map((t) => t.action)).toEqual(['create', 'send', 'accept', 'start', 'complete']);
    expect(done.transitions.every((t) => t.actor.startsWith('user:'))).toBe(true);
    expect((await actWithReason('withdrawReferral', r.id, 'Changed our mind', probation)).errors?.[0].extensions?.code).toBe(
      'INVALID_STATE',
    );

    const events = await rows<{ type: string }>(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [r.id]);
    expect(events.map((e) => e.type)).toEqual([
      'referral.created',
      'referral.sent',
      'referral.accepted',
      'referral.started',
      'referral.completed',
    ]);
  });

  it('tells each side the steps it may take now (Referral.actions) and whether the referral is open, as the lifecycle allows', async () => {
    const id = await person();
    const steps = async (referralId: string, token: string) =>
      (
        await ok<{ referral: { state: string; open: boolean; actions: string[] } }>(
          `query($id: ID!) { referral(id: $id) { state open actions } }`,
          { id: referralId },
          token,
        )
      ).referral;
    const draft = (
      await ok<{ draftReferral: { id: string } }>(
        `mutation($input: SendReferralInput!) { draftReferral(input: $input) { id } }`,
        {
          input: {
            personId: id,
            toOrganisationId: HOUSING(),
            serviceCode: 'accommodation_support',
            reason: 'Not sent yet',
            sharedCategories: [],
          },
        },
        probation,
      )
    ).draftReferral;
    expect(await steps(draft.id, probation)).toEqual({ state: 'DRAFT', open: false, actions: ['SEND', 'WITHDRAW'] });

    const r = (await send(id)).data!.sendReferral;
    expect(await steps(r.id, probation)).toEqual({ state: 'SENT', open: true, actions: ['WITHDRAW'] });
    expect(await steps(r.id, housing)).toEqual({ state: 'SENT', open: true, actions: ['ACCEPT', 'DECLINE'] });
    // A role that may read but not write person data (referral.read without referral.act) sees the referral and is offered no step.
    expect(await steps(r.id, await hub.tokenFor('probation.dpo'))).toEqual({ state: 'SENT', open: true, actions: [] });

    await ok(`mutation($id: ID!) { acceptReferral(id: $id) { id } }`, { id: r.id }, housing);
    expect(await steps(r.id, housing)).toEqual({ state: 'ACCEPTED', open: true, actions: ['START'] });
    expect((await steps(r.id, probation)).actions).toEqual(['WITHDRAW']);
    await ok(`mutation($id: ID!) { startReferral(id: $id) { id } }`, { id: r.id }, housing);
    expect((await steps(r.id, housing)).actions).toEqual(['COMPLETE']);
    await ok(`mutation($id: ID!) { completeReferral(input: { referralId: $id, outcome: ACHIEVED }) { id } }`, { id: r.id }, housing);
    expect(await steps(r.id, housing)).toEqual({ state: 'COMPLETED', open: false, actions: [] });
    expect(await steps(r.id, probation)).toEqual({ state: 'COMPLETED', open: false, actions: [] });
  });

  it('declines with a reason (and the receiver no longer sees the person); the sender withdraws with one', async () => {
    const id = await person();
    const a = (await send(id)).data!.sendReferral;
    expect((await actWithReason('declineReferral', a.id, '  ', housing)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const declined = (await actWithReason('declineReferral', a.id, 'No capacity this month', housing)).data!.declineReferral;
    expect(declined).toMatchObject({ state: 'DECLINED', stateReason: 'No capacity this month', person: null });
    expect(declined.transitions.at(-1)).toMatchObject({ action: 'decline', reason: 'No capacity this month' });

    const b = (await send(id)).data!.sendReferral;
    expect((await actWithReason('withdrawReferral', b.id, 'Moved out of area', housing)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await actWithReason('withdrawReferral', b.id, 'Moved out of area', probation)).data!.withdrawReferral.state).toBe('WITHDRAWN');
    expect((await inbox(housing)).map((x) => x.id)).not.toContain(b.id);
  });

  it("both organisations hear of each step of a sent referral in the change feed, the receiver without the person once it no longer works with them; a draft is the sender's alone", async () => {
    const id = await person();
    const declined = (await send(id)).data!.sendReferral;
    await ok(
      `mutation($input: ReferralReasonInput!) { declineReferral(input: $input) { id } }`,
      { input: { referralId: declined.id, reason: 'No capacity' } },
      housing,
    );
    const withdrawn = (await send(id)).data!.sendReferral;
    await ok(
      `mutation($input: ReferralReasonInput!) { withdrawReferral(input: $input) { id } }`,
      { input: { referralId: withdrawn.id, reason: 'Moved out of area' } },
      probation,
    );
    const draft = (
      await ok<{ draftReferral: { id: string } }>(
        `mutation($input: SendReferralInput!) { draftReferral(input: $input) { id } }`,
        {
          input: {
            personId: id,
            toOrganisationId: HOUSING(),
            serviceCode: 'accommodation_support',
            reason: 'Not sent yet',
            sharedCategories: [],
          },
        },
        probation,
      )
    ).draftReferral;
    await ok(
      `mutation($input: ReferralReasonInput!) { withdrawReferral(input: $input) { id } }`,
      { input: { referralId: draft.id, reason: 'Drafted in error' } },
      probation,
    );

    interface Change {
      type: string;
      entityId: string;
      personId: string | null;
      payload: string;
    }
    const feed = async (token: string) =>
      (
        await ok<{ changes: { changes: Change[] } }>(
          `{ changes(first: 200, types: ["referral.created", "referral.sent", "referral.declined", "referral.withdrawn"]) { changes { type entityId personId payload } } }`,
          {},
          token,
        )
      ).changes.changes.filter((c) => [declined.id, withdrawn.id, draft.id].includes(c.entityId));
    const steps = (changes: Change[]) => changes.map((c) => [c.entityId, c.type, c.personId]);
    // The sender works with the person: every step, with the person.
    expect(steps(await feed(probation))).toEqual([
      [declined.id, 'referral.created', id],
      [declined.id, 'referral.sent', id],
      [declined.id, 'referral.declined', id],
      [withdrawn.id, 'referral.created', id],
      [withdrawn.id, 'referral.sent', id],
      [withdrawn.id, 'referral.withdrawn', id],
      [draft.id, 'referral.created', id],
      [draft.id, 'referral.withdrawn', id],
    ]);
    // The receiver no longer works with them: the steps of what was sent to it, without the person
    // (but for its own decline: an organisation sees what it wrote itself).
    const received = await feed(housing);
    expect(steps(received)).toEqual([
      [declined.id, 'referral.sent', null],
      [declined.id, 'referral.declined', id],
      [withdrawn.id, 'referral.sent', null],
      [withdrawn.id, 'referral.withdrawn', null],
    ]);
    expect(JSON.parse(received.at(-1)!.payload)).toEqual({
      referralId: withdrawn.id,
      fromOrganisationId: PROBATION(),
      toOrganisationId: HOUSING(),
      serviceCode: 'accommodation_support',
      state: 'withdrawn',
      ruleId: null,
      parties: [PROBATION(), HOUSING()],
    });
    // The receiver's page disclosed the person only through its own decline (the one read audited); nobody else hears of them.
    expect(
      await rows(
        `SELECT detail->>'event' AS event, detail->>'events' AS n FROM audit_event WHERE person_id = $1 AND organisation_id = $2 AND detail->>'channel' = 'change_feed'`,
        [id, HOUSING()],
      ),
    ).toEqual([{ event: 'referral.declined', n: '1' }]);
    expect(
      await rows(`SELECT 1 FROM audit_event WHERE person_id = $1 AND organisation_id = $2 AND detail->>'channel' = 'change_feed'`, [
        id,
        PROBATION(),
      ]),
    ).not.toEqual([]);
    expect(await feed(await hub.tokenFor('mind.worker'))).toEqual([]);
  });

  it('an open referral on a record merged into another relates the receiver to the survivor, and to the record again once the merge is undone', async () => {
    const survivor = await person({ givenName: 'Merle', familyName: 'Dunmore', dateOfBirth: '1984-02-02' });
    const duplicate = await person({ givenName: 'Merle', familyName: 'Dunmore', dateOfBirth: '1984-02-02' });
    const r = (await send(duplicate)).data!.sendReferral;
    const seen = (id: string) => hub.gql<{ person: { id: string } | null }>(`query($id: ID!) { person(id: $id) { id } }`, { id }, housing);
    const listed = async () =>
      (
        await ok<{ people: { edges: { node: { id: string } }[] } }>(
          `{ people(first: 100, search: "Dunmore") { edges { node { id } } } }`,
          {},
          housing,
        )
      ).people.edges.map((e) => e.node.id);
    expect((await seen(duplicate)).data?.person).toEqual({ id: duplicate });
    expect((await seen(survivor)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await listed()).toEqual([duplicate]);

    const merge = await ok<{ mergePeople: { id: string } }>(
      `mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }`,
      { input: { survivorId: survivor, duplicateId: duplicate, reason: 'Same person' } },
      probation,
    );
    // Both ids now lead to the survivor, for the receiver too: in a page, in a list and in its inbox.
    expect((await seen(duplicate)).data?.person).toEqual({ id: survivor });
    expect((await seen(survivor)).data?.person).toEqual({ id: survivor });
    expect(await listed()).toEqual([survivor]);
    expect((await inbox(housing)).find((x) => x.id === r.id)?.person?.id).toBe(survivor);

    await ok(
      `mutation($input: UnmergePersonInput!) { unmergePerson(input: $input) { undoneAt } }`,
      { input: { mergeId: merge.mergePeople.id, reason: 'Merged in error' } },
      probation,
    );
    expect((await seen(duplicate)).data?.person).toEqual({ id: duplicate });
    expect((await seen(survivor)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await listed()).toEqual([duplicate]);
  });

  it('a rule refers automatically: outbox -> queue -> handler -> the charity inbox, once, even when replayed', async () => {
    const id = await person();
    await consent(id, 'ACCOMMODATION', HOUSING());
    await log(id, 'accommodation_support');
    const found = await eventually(
      async () => nonEmpty((await inbox(housing)).filter((x) => x.personId === id)),
      15_000,
      'automatic referral',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      state: 'SENT',
      serviceCode: 'accommodation_support',
      sharedCategories: ['IDENTITY', 'ACCOMMODATION'],
      ruleId: expect.any(String),
    });
    expect(found[0].transitions[0].actor).toBe('client:system.referral-rules');
    // It says that the hub sent it, on whose behalf and why, in plain words; no person is named as its sender.
    const plain = await ok<{ referral: { reason: string; automatic: boolean; sentBy: unknown; serviceName: string } }>(
      `query($id: ID!) { referral(id: $id) { reason automatic sentBy { name } serviceName } }`,
      { id: found[0].id },
      housing,
    );
    expect(plain.referral).toEqual({
      automatic: true,
      sentBy: null,
      serviceName: 'Accommodation support',
      reason:
        'Sent automatically by the hub on behalf of North West Probation Region (not by a person) because accommodation support was logged for the person: North West Probation Region asked the hub to refer people in this situation for accommodation support.',
    });

    // Replay the triggering event through the queue: nothing new.
    const [event] = await rows<{ id: string }>(`SELECT id FROM outbox_event WHERE person_id = $1 AND type = 'intervention.logged'`, [id]);
    await hub.db.query(`DELETE FROM event_delivery WHERE event_id = $1`, [event.id]);
    await hub.app.get(JobQueue).add('events:deliver', { eventId: event.id });
    await eventually(
      async () => (await rows(`SELECT 1 FROM event_delivery WHERE event_id = $1 AND handler = 'referrals.rules'`, [event.id])).length === 1,
      15_000,
      'replay delivered',
    );
    expect((await inbox(housing)).filter((x) => x.personId === id)).toHaveLength(1);
    expect(await rows(`SELECT outcome FROM rule_firing WHERE person_id = $1`, [id])).toEqual([{ outcome: 'referred' }]);
  });

  it('without consent the rule does not refer: it raises a task for the lead to seek consent, and says why', async () => {
    const id = await person();
    await log(id, 'accommodation_support');
    const tasks = await eventually(
      async () =>
        nonEmpty(
          nodes(
            (
              await ok<{ tasks: Page<{ kind: string; personId: string; detail: string; forRole: string }> }>(
                `{ tasks(first: 500) { edges { node { kind personId detail forRole } } } }`,
                {},
                probation,
              )
            ).tasks,
          ).filter((t) => t.personId === id),
        ),
      15_000,
      'consent task',
    );
    expect(tasks).toEqual([
      {
        kind: 'SEEK_CONSENT',
        personId: id,
        forRole: 'caseworker',
        detail: expect.stringMatching(
          /^The hub would have referred this person automatically to .+ for accommodation support, because accommodation support was logged for the person, but they have not consented to share accommodation information/,
        ),
      },
    ]);
    // Plain words only: no rule name, version, event name, code or id.
    expect(tasks[0].detail).not.toMatch(/Rule "|\(v\d+\)|intervention\.logged|accommodation_support|[0-9a-f]{8}-[0-9a-f]{4}/);
    expect((await inbox(housing)).filter((x) => x.personId === id)).toEqual([]);
    expect(await rows(`SELECT outcome FROM rule_firing WHERE person_id = $1`, [id])).toEqual([{ outcome: 'consent_missing' }]);
    // The task is the probation team's, not the charity's.
    const theirs = await ok<{ tasks: Page<{ personId: string }> }>(`{ tasks(first: 500) { edges { node { personId } } } }`, {}, housing);
    expect(nodes(theirs.tasks).filter((t) => t.personId === id)).toEqual([]);
  });

  it('respects the cool-down: a second triggering event refers nobody and says so', async () => {
    const id = await person();
    await consent(id, 'ACCOMMODATION', HOUSING());
    await log(id, 'accommodation_support');
    await log(id, 'accommodation_support');
    const firings = await eventually(
      async () => {
        const r = await rows<{ outcome: string }>(`SELECT outcome FROM rule_firing WHERE person_id = $1 ORDER BY fired_at`, [id]);
        return r.length === 2 ? r : null;
      },
      15_000,
      'two firings',
    );
    expect(firings.map((f) => f.outcome).sort()).toEqual(['cooling_down', 'referred']);
    expect((await inbox(housing)).filter((x) => x.personId === id)).toHaveLength(1);
  });

  it('escalates an overdue referral: flag, event, and a task for both managers; accepted and not started, again; each done once the referral moves on', async () => {
    const id = await person();
    const r = (await send(id)).data!.sendReferral;
    expect(r.overdue).toBe(false);
    await hub.db.query(`UPDATE referral SET due_at = now() - interval '1 hour' WHERE id = $1`, [r.id]);
    await hub.app.get(JobQueue).add('referrals:sla_sweep');
    const escalated = await eventually(
      async () => (await inbox(housing)).find((x) => x.id === r.id && x.escalatedAt),
      15_000,
      'escalation',
    );
    expect(escalated.overdue).toBe(true);
    expect(await rows(`SELECT type FROM outbox_event WHERE aggregate_id = $1 AND type = 'referral.overdue'`, [r.id])).toHaveLength(1);
    for (const manager of ['housing.manager', 'probation.manager']) {
      const t = await ok<{ tasks: Page<{ kind: string; referralId: string; forRole: string }> }>(
        `{ tasks(first: 500) { edges { node { kind referralId forRole } } } }`,
        {},
        await hub.tokenFor(manager),
      );
      expect(nodes(t.tasks).filter((x) => x.referralId === r.id)).toEqual([
        { kind: 'REFERRAL_OVERDUE', referralId: r.id, forRole: 'manager' },
      ]);
    }
    // The escalation is addressed to managers: the caseworkers of either side neither list it nor can complete it.
    const [escalation] = await rows<{ id: string }>(
      `SELECT id FROM task WHERE referral_id = $1 AND organisation_id = (SELECT to_organisation_id FROM referral WHERE id = $1)`,
      [r.id],
    );
    for (const caseworker of [housing, probation]) {
      const t = await ok<{ tasks: Page<{ referralId: string | null }> }>(
        `{ tasks(first: 500) { edges { node { referralId } } } }`,
        {},
        caseworker,
      );
      expect(nodes(t.tasks).filter((x) => x.referralId === r.id)).toEqual([]);
    }
    const refused = await hub.gql(`mutation($id: ID!) { completeTask(id: $id) { id } }`, { id: escalation.id }, housing);
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await rows<{ status: string }>(`SELECT status FROM task WHERE id = $1`, [escalation.id]))[0].status).toBe('open');
    // A second sweep escalates nothing again.
    await hub.app.get(JobQueue).add('referrals:sla_sweep');
    await eventually(
      async () => (await rows(`SELECT 1 FROM graphile_worker.jobs WHERE task_identifier = 'referrals:sla_sweep'`)).length === 0,
      15_000,
      'sweep done',
    );
    expect(await rows(`SELECT 1 FROM task WHERE referral_id = $1`, [r.id])).toHaveLength(2);
    // Answered at last: the escalation is done; the start is due within the start SLA (240 hours).
    const accepted = (await act('acceptReferral', r.id, housing)).data!.acceptReferral;
    expect(accepted).toMatchObject({ state: 'ACCEPTED', overdue: false, escalatedAt: null });
    const [{ due_at }] = await rows<{ due_at: Date }>(`SELECT due_at FROM referral WHERE id = $1`, [r.id]);
    expect(due_at.getTime() - Date.now()).toBeGreaterThan(239 * 3600_000);
    const taskStates = async () =>
      rows<{ title: string; status: string; closed_by: string | null }>(
        `SELECT title, status, closed_by FROM task WHERE referral_id = $1 ORDER BY created_at, title`,
        [r.id],
      );
    await eventually(async () => (await taskStates()).every((t) => t.status === 'done'), 15_000, 'answered: escalation done');
    expect((await taskStates()).map((t) => t.closed_by)).toEqual(['system:referral.accepted', 'system:referral.accepted']);
    // Accepted and not started by then: escalated again, once, as a step of its own.
    await hub.db.query(`UPDATE referral SET due_at = now() - interval '1 hour' WHERE id = $1`, [r.id]);
    expect((await inbox(housing)).find((x) => x.id === r.id)?.overdue).toBe(true);
    await hub.app.get(JobQueue).add('referrals:sla_sweep');
    await eventually(async () => (await taskStates()).filter((t) => t.status === 'open').length === 2, 15_000, 'start escalation');
    expect((await taskStates()).filter((t) => t.status === 'open').map((t) => t.title)).toEqual([
      'Referral received for accommodation support accepted but not started',
      'Referral sent for accommodation support accepted but not started',
    ]);
    expect(
      await rows(`SELECT payload->>'state' AS state FROM outbox_event WHERE aggregate_id = $1 AND type = 'referral.overdue' ORDER BY id`, [
        r.id,
      ]),
    ).toEqual([{ state: 'sent' }, { state: 'accepted' }]);
    // Started: that escalation is done too.
    expect((await act('startReferral', r.id, housing)).errors).toBeUndefined();
    await eventually(async () => (await taskStates()).every((t) => t.status === 'done'), 15_000, 'started: escalation done');
  });

  it('raises the 4- and 13-week in-work checks after a job start; recording the outcome closes them', async () => {
    const id = await person();
    const start = new Date(Date.now() - 14 * 7 * 86_400_000).toISOString().slice(0, 10);
    await ok(
      `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`,
      {
        input: {
          personId: id,
          typeCode: 'job_start',
          status: 'COMPLETED',
          occurredAt: new Date().toISOString(),
          job: { employer: 'Acme', sector: 'construction', hoursPerWeek: 30, startDate: start },
        },
      },
      probation,
    );
    const checks = await eventually(
      async () => {
        const t = nodes(
          (
            await ok<{ tasks: Page<{ kind: string; personId: string; title: string }> }>(
              `{ tasks(first: 500) { edges { node { kind personId title } } } }`,
              {},
              probation,
            )
          ).tasks,
        ).filter((x) => x.personId === id && x.kind === 'SUSTAINMENT_CHECK');
        return t.length === 2 ? t : null;
      },
      15_000,
      'sustainment tasks',
    );
    expect(checks.map((t) => t.title).sort()).toEqual(['4-week in-work check', 'Record the 13-week job sustainment outcome']);
    const [s] = await rows<{ id: string }>(`SELECT id FROM job_sustainment WHERE person_id = $1`, [id]);
    await ok(
      `mutation($input: RecordSustainmentInput!) { recordSustainment(input: $input) { id } }`,
      { input: { sustainmentId: s.id, sustained: true } },
      probation,
    );
    await eventually(
      async () =>
        nodes(
          (
            await ok<{ tasks: Page<{ personId: string; kind: string }> }>(
              `{ tasks(first: 500) { edges { node { personId kind } } } }`,
              {},
              probation,
            )
          ).tasks,
        ).every((t) => t.personId !== id || t.kind !== 'SUSTAINMENT_CHECK'),
      15_000,
      'checks closed',
    );
  });

  it('a job start opens its window and checks once the job began; a corrected start moves them; withdrawn, its checks end; with its outcome recorded it stays begun, from its start', async () => {
    const id = await person();
    const start = new Date(Date.now() - 14 * 7 * 86_400_000).toISOString().slice(0, 10);
    const logged = await ok<{ logIntervention: { id: string; version: number } }>(
      `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id version } }`,
      {
        input: {
          personId: id,
          typeCode: 'job_start',
          status: 'PLANNED',
          occurredAt: new Date().toISOString(),
          job: { employer: 'Acme', sector: 'construction', hoursPerWeek: 30, startDate: start },
        },
      },
      probation,
    );
    const UPDATE = `mutation($input: UpdateInterventionInput!) { updateIntervention(input: $input) { version } }`;
    const setStatus = async (version: number, status: string) =>
      hub.gql<{ updateIntervention: { version: number } }>(
        UPDATE,
        { input: { id: logged.logIntervention.id, version, status } },
        probation,
      );
    const events = async () =>
      (await rows<{ type: string }>(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [logged.logIntervention.id])).map(
        (e) => e.type,
      );
    const openChecks = async () =>
      nodes(
        (
          await ok<{ tasks: Page<{ personId: string; kind: string }> }>(
            `{ tasks(first: 500) { edges { node { personId kind } } } }`,
            {},
            probation,
          )
        ).tasks,
      ).filter((t) => t.personId === id && t.kind === 'SUSTAINMENT_CHECK');
    // Planned: no job yet, so no window, no job.started (no in-work rule, no checks).
    expect(await rows(`SELECT 1 FROM job_sustainment WHERE person_id = $1`, [id])).toEqual([]);
    expect(await events()).toEqual(['intervention.logged']);
    // Started: the window opens 13 weeks from the start date, and its checks (both due already) are raised.
    const started = await setStatus(logged.logIntervention.version, 'STARTED');
    expect(started.errors).toBeUndefined();
    expect(await rows(`SELECT status, due_on::text FROM job_sustainment WHERE person_id = $1`, [id])).toEqual([
      { status: 'open', due_on: new Date(Date.parse(start) + 91 * 86_400_000).toISOString().slice(0, 10) },
    ]);
    expect(await events()).toEqual(['intervention.logged', 'intervention.updated', 'outcome.recorded', 'job.started']);
    await eventually(async () => (await openChecks()).length === 2, 15_000, 'in-work checks');
    // The start date corrected to five weeks ago: the window moves, the raised checks are done, and only the 4-week one is due again.
    const corrected = new Date(Date.now() - 5 * 7 * 86_400_000).toISOString().slice(0, 10);
    const moved = await hub.gql<{ updateIntervention: { version: number } }>(
      UPDATE,
      {
        input: {
          id: logged.logIntervention.id,
          version: started.data!.updateIntervention.version,
          job: { employer: 'Acme', sector: 'construction', hoursPerWeek: 30, startDate: corrected },
        },
      },
      probation,
    );
    expect(moved.errors).toBeUndefined();
    expect(await rows(`SELECT start_date::text, due_on::text FROM job_sustainment WHERE person_id = $1`, [id])).toEqual([
      { start_date: corrected, due_on: new Date(Date.parse(corrected) + 91 * 86_400_000).toISOString().slice(0, 10) },
    ]);
    expect((await events()).at(-1)).toBe('job.rescheduled');
    await eventually(
      async () => {
        const open = await ok<{ tasks: Page<{ personId: string; kind: string; title: string }> }>(
          `{ tasks(first: 500) { edges { node { personId kind title } } } }`,
          {},
          probation,
        );
        const mine = nodes(open.tasks)
          .filter((t) => t.personId === id && t.kind === 'SUSTAINMENT_CHECK')
          .map((t) => t.title);
        return mine.length === 1 && mine[0] === '4-week in-work check';
      },
      15_000,
      'the 4-week check raised again',
    );
    // Cancelled: the window goes, and its open checks are done.
    const cancelled = await setStatus(moved.data!.updateIntervention.version, 'CANCELLED');
    expect(cancelled.errors).toBeUndefined();
    expect(await rows(`SELECT 1 FROM job_sustainment WHERE person_id = $1`, [id])).toEqual([]);
    expect((await events()).at(-1)).toBe('job.withdrawn');
    await eventually(async () => (await openChecks()).length === 0, 15_000, 'checks ended');
    expect(
      (await rows<{ closed_by: string }>(`SELECT closed_by FROM task WHERE person_id = $1 AND kind = 'sustainment_check'`, [id]))
        .map((t) => t.closed_by)
        .sort(),
    ).toEqual(['system:job-rescheduled', 'system:job-rescheduled', 'system:job-withdrawn']);
    // Completed after all, and ended early (five weeks in, only "not sustained" may be recorded): the job began, and saying otherwise is refused.
    const completed = await setStatus(cancelled.data!.updateIntervention.version, 'COMPLETED');
    const [window] = await rows<{ id: string }>(`SELECT id FROM job_sustainment WHERE person_id = $1`, [id]);
    await ok(
      `mutation($input: RecordSustainmentInput!) { recordSustainment(input: $input) { id } }`,
      { input: { sustainmentId: window.id, sustained: false, note: 'Left after five weeks' } },
      probation,
    );
    const refused = await setStatus(completed.data!.updateIntervention.version, 'DID_NOT_ATTEND');
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/13-week outcome of this job is recorded/),
      extensions: { code: 'INVALID_STATE' },
    });
    const startMoved = await hub.gql(
      UPDATE,
      {
        input: {
          id: logged.logIntervention.id,
          version: completed.data!.updateIntervention.version,
          job: { employer: 'Acme', sector: 'construction', hoursPerWeek: 30, startDate: start },
        },
      },
      probation,
    );
    expect(startMoved.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/start date stays/),
      extensions: { code: 'INVALID_STATE' },
    });
    // Another detail of the job is corrected all the same.
    const hours = await hub.gql(
      UPDATE,
      {
        input: {
          id: logged.logIntervention.id,
          version: completed.data!.updateIntervention.version,
          job: { employer: 'Acme Ltd', sector: 'construction', hoursPerWeek: 25, startDate: corrected },
        },
      },
      probation,
    );
    expect(hours.errors).toBeUndefined();
    expect(
      await rows(
        `SELECT i.status, i.outcome->>'employer' AS employer, s.status AS window, s.start_date::text FROM intervention i JOIN job_sustainment s ON s.intervention_id = i.id WHERE i.person_id = $1`,
        [id],
      ),
    ).toEqual([{ status: 'completed', employer: 'Acme Ltd', window: 'not_sustained', start_date: corrected }]);
  });

  it('hub admins manage rules as versioned, validated data', async () => {
    const admin = await hub.tokenFor('hub.admin');
    const input = {
      name: 'Test rule',
      triggerEvent: 'outcome.recorded',
      conditions: '{"all":[{"fact":"event.typeCode","operator":"equal","value":"x"}]}',
      serviceCode: 'employment',
      consentPurpose: 'ETE',
      cooldownDays: 30,
    };
    const CREATE = `mutation($input: ReferralRuleInput!) { createReferralRule(input: $input) { ruleId version current } }`;
    expect((await hub.gql(CREATE, { input }, probation)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await hub.gql(
      CREATE,
      { input: { ...input, conditions: '{"all":[{"fact":"person.shoeSize","operator":"teleport"}]}', serviceCode: 'juggling' } },
      admin,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.errors?.[0].extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual(['conditions', 'serviceCode']);
    const created = (await ok<{ createReferralRule: { ruleId: string; version: number } }>(CREATE, { input }, admin)).createReferralRule;
    const UPDATE = `mutation($input: UpdateReferralRuleInput!) { updateReferralRule(input: $input) { ruleId version current cooldownDays } }`;
    const updated = await ok<{ updateReferralRule: { version: number; cooldownDays: number } }>(
      UPDATE,
      { input: { ...input, ruleId: created.ruleId, version: 1, cooldownDays: 60 } },
      admin,
    );
    expect(updated.updateReferralRule).toMatchObject({ version: 2, cooldownDays: 60 });
    expect(
      (await hub.gql(UPDATE, { input: { ...input, ruleId: created.ruleId, version: 1 } }, admin)).errors?.[0].extensions,
    ).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const history = await ok<{ referralRules: { ruleId: string; version: number; current: boolean }[] }>(
      `{ referralRules(history: true) { ruleId version current } }`,
      {},
      admin,
    );
    expect(history.referralRules.filter((r) => r.ruleId === created.ruleId)).toEqual([
      { ruleId: created.ruleId, version: 2, current: true },
      { ruleId: created.ruleId, version: 1, current: false },
    ]);
    const demo = await ok<{ referralRules: { name: string }[] }>(`{ referralRules { name } }`, {}, admin);
    expect(demo.referralRules.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'Accommodation need recorded -> housing charity',
        'CSCS card gained -> construction employer',
        'Job started -> in-work support',
      ]),
    );
  });

  it('holds the rules in force per trigger until they change, and sees a change at once, however it was written', async () => {
    const service = hub.app.get(ReferralRulesService);
    const inForce = () => hub.db.transaction((m) => service.forTrigger(m, 'intervention.logged'));
    const first = await inForce();
    expect(first.length).toBeGreaterThan(0);
    // The fingerprint computed in SQL matches the one of the rules held: not loaded again.
    expect(await inForce()).toBe(first);
    const admin = await hub.tokenFor('hub.admin');
    const input = {
      name: 'Zz fingerprint probe',
      triggerEvent: 'intervention.logged',
      conditions: '{"all":[{"fact":"event.typeCode","operator":"equal","value":"no_such_type"}]}',
      serviceCode: 'employment',
      consentPurpose: 'ETE',
      cooldownDays: 30,
    };
    const created = (
      await ok<{ createReferralRule: { ruleId: string } }>(
        `mutation($input: ReferralRuleInput!) { createReferralRule(input: $input) { ruleId } }`,
        { input },
        admin,
      )
    ).createReferralRule;
    const withProbe = await inForce();
    expect(withProbe).not.toBe(first);
    expect(withProbe.map((r) => r.name)).toEqual([...first.map((r) => r.name), 'Zz fingerprint probe']);
    expect(await inForce()).toBe(withProbe);
    // Written by hand (as another process or an operator would): no signal but the data itself.
    await hub.db.query(`UPDATE referral_rule SET active = false WHERE rule_id = $1`, [created.ruleId]);
    expect((await inForce()).map((r) => r.name)).toEqual(first.map((r) => r.name));
  });

  it("lists a person's referrals on their record for the organisations that sent or received them, and no one else; a draft stays the sender's", async () => {
    const id = await person();
    // Housing works with the person too (an involvement), so it may open the record and see who referred whom.
    await ok(
      `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
      { input: { personId: id, organisationId: HOUSING(), role: 'PROVIDER' } },
      probation,
    );
    await ok(
      `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
      { input: { personId: id, organisationId: orgs['Forge Skills Training'], role: 'PROVIDER' } },
      probation,
    );
    const trainer = await hub.tokenFor('trainer');
    const sent = (await send(id)).data!.sendReferral;
    const draft = (
      await ok<{ draftReferral: { id: string } }>(
        `mutation($input: SendReferralInput!) { draftReferral(input: $input) { id } }`,
        {
          input: { personId: id, toOrganisationId: HOUSING(), serviceCode: 'finance_and_id', reason: 'Not sent yet', sharedCategories: [] },
        },
        probation,
      )
    ).draftReferral;
    const onRecord = async (token: string) =>
      (
        await ok<{
          person: {
            referrals: { edges: { node: { id: string; state: string; serviceCode: string; toOrganisation: { name: string } } }[] };
          };
        }>(
          `query($id: ID!) { person(id: $id) { referrals { edges { node { id state serviceCode toOrganisation { name } } } } } }`,
          { id },
          token,
        )
      ).person.referrals.edges.map((e) => e.node);
    // Newest first.
    expect((await onRecord(probation)).map((r) => [r.id, r.state])).toEqual([
      [draft.id, 'DRAFT'],
      [sent.id, 'SENT'],
    ]);
    expect(await onRecord(housing)).toEqual([
      { id: sent.id, state: 'SENT', serviceCode: 'accommodation_support', toOrganisation: { name: 'Safe Harbour Housing Trust' } },
    ]);
    // The training provider works with the person but is no party to these referrals.
    expect(await onRecord(trainer)).toEqual([]);
    // The read is audited, as every field of the record.
    const [audited]: { fields: string[] }[] = await hub.db.query(
      `SELECT fields FROM audit_event WHERE person_id = $1 AND action = 'read' AND organisation_id = $2 ORDER BY id DESC LIMIT 1`,
      [id, HOUSING()],
    );
    expect(audited.fields).toContain('Person.referrals');
  });

  describe('scheduled timers', () => {
    const DAY = 86_400_000;
    const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
    const runTask = async (task: string, payload: Record<string, unknown> = {}) => {
      await hub.app.get(JobQueue).add(task, payload);
      await eventually(
        async () => (await rows(`SELECT 1 FROM graphile_worker.jobs WHERE task_identifier = $1`, [task])).length === 0,
        15_000,
        `${task} done`,
      );
    };
    const lapses = (ids: string[]) =>
      rows<{ person_id: string; n: number }>(
        `SELECT person_id, count(*)::int AS n FROM outbox_event WHERE type = 'ete_contact.lapsed' AND person_id = ANY($1::uuid[]) GROUP BY 1`,
        [ids],
      );

    it('are registered on the queue crontab (graphile-worker runs each entry once per tick across processes): retention daily, the ETE-contact sweep hourly', async () => {
      const crontab = hub.app.get(EventHandlerRegistry).crontab();
      expect(crontab).toContain('30 2 * * * audit:retention_run');
      expect(crontab).toContain('15 * * * * referrals:ete_contact_sweep');
      const known = await rows<{ identifier: string }>(`SELECT identifier FROM graphile_worker._private_known_crontabs`);
      expect(known.map((k) => k.identifier)).toEqual(
        expect.arrayContaining(['audit:retention_run', 'referrals:ete_contact_sweep', 'referrals:sla_sweep']),
      );
    });

    it('retention runs as a queue task: an intervention past its period is erased', async () => {
      const id = await person();
      await log(id, 'mental_health_support', { status: 'COMPLETED', occurredAt: daysAgo(10) });
      await hub.db.query(`UPDATE intervention SET occurred_at = now() - interval '7 years' WHERE person_id = $1`, [id]);
      await runTask('audit:retention_run');
      expect(await rows(`SELECT 1 FROM intervention WHERE person_id = $1`, [id])).toEqual([]);
      expect(await rows(`SELECT kind, categories FROM person_erasure WHERE person_id = $1`, [id])).toEqual([
        { kind: 'retention', categories: ['health'] },
      ]);
    });

    it('"no ETE contact in 28 days": the sweep announces each lapse once and the rule refers; the condition is re-checked when the rule runs', async () => {
      const jobcentre = await hub.tokenFor('jobcentre.coach');
      const lapsed = await person();
      const recent = await person();
      const never = await person();
      await log(lapsed, 'cv_cover_letter', { status: 'COMPLETED', occurredAt: daysAgo(40) });
      await log(recent, 'cv_cover_letter', { status: 'COMPLETED', occurredAt: daysAgo(5) });
      await runTask('referrals:ete_contact_sweep');
      expect(await lapses([lapsed, recent, never])).toEqual([{ person_id: lapsed, n: 1 }]);
      const referred = await eventually(
        async () => nonEmpty((await inbox(jobcentre)).filter((r) => r.personId === lapsed)),
        15_000,
        'jobcentre referral',
      );
      expect(referred).toMatchObject([
        { serviceCode: 'job_search_support', state: 'SENT', sharedCategories: expect.arrayContaining(['IDENTITY', 'ETE']) },
      ]);
      expect(referred[0].transitions[0].actor).toBe('client:system.referral-rules');

      // The next sweep finds nothing new (one announcement per lapse, however often it runs).
      await runTask('referrals:ete_contact_sweep');
      expect(await lapses([lapsed, recent, never])).toEqual([{ person_id: lapsed, n: 1 }]);

      // As of 30 days on: the other two have lapsed too. The rule, run now, sees that one of them
      // had an ETE contact 5 days ago and refers only the one who never had one.
      await runTask('referrals:ete_contact_sweep', { now: new Date(Date.now() + 30 * DAY).toISOString() });
      expect((await lapses([lapsed, recent, never])).sort((a, b) => a.person_id.localeCompare(b.person_id))).toEqual(
        [
          { person_id: lapsed, n: 1 },
          { person_id: recent, n: 1 },
          { person_id: never, n: 1 },
        ].sort((a, b) => a.person_id.localeCompare(b.person_id)),
      );
      await eventually(
        async () => nonEmpty((await inbox(jobcentre)).filter((r) => r.personId === never)),
        15_000,
        'referral of the never-contacted',
      );
      await eventually(
        async () =>
          (
            await rows(
              `SELECT 1 FROM event_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.person_id = $1 AND e.type = 'ete_contact.lapsed' AND d.handler = 'referrals.rules'`,
              [recent],
            )
          ).length === 1,
        15_000,
        'lapse of the recent one handled',
      );
      expect((await inbox(jobcentre)).filter((r) => r.personId === recent)).toEqual([]);
    });
  });

  describe('with a second worker process on the same database', () => {
    let second: INestApplicationContext;
    beforeAll(async () => {
      const saved = { ...process.env };
      Object.assign(process.env, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: hub.databaseUrl,
        SEED_DEMO: 'false',
        WORKER_POLL_INTERVAL_MS: '100',
        DATABASE_POOL_SIZE: '5',
      });
      try {
        second = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
      } finally {
        process.env = saved;
      }
      expect(second.get(HubWorker).running).toBe(true);
      expect(hub.app.get(HubWorker).running).toBe(true);
    });
    afterAll(() => second?.close());

    it('handles each event exactly once: N triggering events make exactly N referrals', async () => {
      const N = 12;
      const ids: string[] = [];
      for (let i = 0; i < N; i++) {
        const id = await person();
        await consent(id, 'ACCOMMODATION', HOUSING());
        ids.push(id);
      }
      await Promise.all(ids.map((id) => log(id, 'accommodation_support')));
      await eventually(
        async () => (await rows(`SELECT 1 FROM rule_firing WHERE person_id = ANY($1::uuid[])`, [ids])).length === N,
        30_000,
        'all firings',
      );
      const referrals = await rows<{ person_id: string; n: number }>(
        `SELECT person_id, count(*)::int AS n FROM referral WHERE person_id = ANY($1::uuid[]) GROUP BY person_id`,
        [ids],
      );
      expect(referrals).toHaveLength(N);
      expect(referrals.every((r) => r.n === 1)).toBe(true);
      // Every event of these people went to the queue once and was delivered once per handler.
      await eventually(
        async () => (await rows(`SELECT 1 FROM outbox_event WHERE published_at IS NULL`)).length === 0,
        15_000,
        'outbox drained',
      );
      const deliveries = await rows<{ event_id: string; handler: string; n: number }>(
        `SELECT d.event_id, d.handler, count(*)::int AS n FROM event_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.person_id = ANY($1::uuid[]) GROUP BY 1, 2`,
        [ids],
      );
      expect(deliveries.length).toBeGreaterThanOrEqual(N * 3);
      expect(deliveries.every((d) => d.n === 1)).toBe(true);
      const workers = await rows<{ worker_id: string }>(`SELECT DISTINCT worker_id FROM event_delivery`);
      expect(workers.map((w) => w.worker_id)).toEqual(expect.arrayContaining([expect.any(String)]));
    });
  });

  // A worker does not sign anyone in: it registers no passport strategy, whose registry is one per
  // process, so closing a second application in this process leaves the hub's sign-in as it was.
  it('the hub still accepts its tokens once a worker in the same process has closed', async () => {
    const id = await person();
    expect((await hub.gql(`query($id: ID!) { person(id: $id) { id } }`, { id }, probation)).data).toEqual({ person: { id } });
  });
});
