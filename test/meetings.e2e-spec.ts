import { randomUUID } from 'node:crypto';
import { AccessService, DataCategory } from '@hub/access';
import type { Actor } from '@hub/common';
import { MeetingActionsService } from '@hub/meetings';
import { UsersService } from '@hub/organisations';
import { LiveEvents } from '@hub/events';
import { RetentionService } from '@hub/privacy';
import { eventually, startTestHub, type TestHub } from './support/hub.js';
import { subscribe, type Subscriber, wsUrl } from './support/subscriptions.js';

/**
 * A multi-agency panel: probation organises, housing, the mental health charity and the employer are
 * invited; five people on its agenda, one of them with no basis for the employer (no consent to it, no
 * agreement of it with probation), whom the employer never sees: not in the meeting, its minutes, its
 * actions, the change feed. Notes are read under each organisation's own access; actions become tasks
 * of their owners, one goes overdue, others are completed; each organisation's minutes hold exactly
 * what that organisation may read.
 */
describe('multi-agency meetings', () => {
  let hub: TestHub;
  let orgs: Record<string, string>;
  let users: Record<string, string>;
  const DAY = 86_400_000;
  const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const o: { id: string; name: string }[] = await hub.db.query('SELECT id, name FROM organisation');
    orgs = Object.fromEntries(o.map((r) => [r.name, r.id]));
    const u: { id: string; email: string }[] = await hub.db.query('SELECT id, email FROM user_account');
    users = Object.fromEntries(u.map((r) => [r.email.split('@')[0], r.id]));
  });
  const open: Subscriber<unknown>[] = [];
  afterAll(async () => {
    for (const sub of open) await sub.close();
    await hub?.close();
  });

  /** Subscribes to meeting actions and waits until the hub serves the subscription. */
  async function listen(who: string): Promise<Subscriber<{ meetingActionChanged: { id: string; status: string } }>> {
    const live = hub.app.get(LiveEvents);
    const before = live.listeners;
    const sub = subscribe<{ meetingActionChanged: { id: string; status: string } }>(
      wsUrl(hub.app.getHttpServer()),
      await hub.tokenFor(who),
      'subscription { meetingActionChanged { id status personLabel } }',
    );
    open.push(sub as Subscriber<unknown>);
    await sub.connected;
    await eventually(async () => live.listeners > before || sub.refused.length > 0, 10_000, `${who} subscribed`);
    return sub;
  }

  const PROBATION = () => orgs['North West Probation Region'];
  const HOUSING = () => orgs['Safe Harbour Housing Trust'];
  const MIND = () => orgs['Clearview Mental Health'];
  const EMPLOYER = () => orgs['Northway Construction Ltd'];
  const STAFF: Record<string, string> = {
    [`probation`]: 'probation.officer',
    housing: 'housing.worker',
    mind: 'mind.worker',
    employer: 'employer',
  };

  const gql = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) =>
    hub.gql<T>(query, variables, await hub.tokenFor(who));
  const ok = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await gql<T>(who, query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

  /** A person led by probation, housing and the charity involved (and the employer unless `employer` is false), with consents. */
  async function person(name: string, employer: boolean): Promise<string> {
    const id = (
      await ok<{ createPerson: { person: { id: string } } }>(
        'probation.officer',
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input: { givenName: name, familyName: 'Panel', dateOfBirth: '1987-05-06', region: 'north_west', confirmNew: true } },
      )
    ).createPerson.person.id;
    for (const org of [HOUSING(), MIND(), ...(employer ? [EMPLOYER()] : [])])
      await ok('probation.officer', 'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }', {
        input: { personId: id, organisationId: org, role: 'PROVIDER' },
      });
    const consent = (organisationId: string, purpose: string) =>
      ok('probation.officer', 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        input: { personId: id, organisationId, purpose, method: 'VERBAL', personPresent: true },
      });
    if (employer) await consent(EMPLOYER(), 'ETE');
    await consent(MIND(), 'HEALTH');
    return id;
  }

  const MEETING = `query($id: ID!) { meeting(id: $id) { id organiser invitedOrganisationIds
      agenda { id personId personLabel reason position uncoveredOrganisationIds }
      notes { id agendaItemId kind organisationId dataCategory body }
      actions { id agendaItemId ownerOrganisationId title status overdue dueOn }
      carriedActions { id personId title overdue }
      attendance { organisationId userId attended } } }`;
  interface Item {
    id: string;
    personId: string;
    personLabel: string;
    reason: string | null;
    position: number;
    uncoveredOrganisationIds: string[];
  }
  interface Detail {
    organiser: boolean;
    agenda: Item[];
    notes: { id: string; agendaItemId: string; organisationId: string; dataCategory: string; body: string }[];
    actions: { id: string; agendaItemId: string; ownerOrganisationId: string; status: string; overdue: boolean }[];
    carriedActions: { id: string; personId: string; overdue: boolean }[];
    attendance: unknown[];
  }
  const meetingAs = async (who: string, id: string) => (await ok<{ meeting: Detail }>(who, MEETING, { id })).meeting;
  const minutesAs = async (who: string, id: string, format = 'JSON') =>
    (
      await ok<{ meetingMinutes: { content: string; filename: string } }>(
        who,
        'query($id: ID!, $f: MinutesFormat) { meetingMinutes(meetingId: $id, format: $f) { content filename } }',
        { id, f: format },
      )
    ).meetingMinutes;
  async function feed(who: string): Promise<{ type: string; personId: string | null; entityId: string; payload: string }[]> {
    const out: { type: string; personId: string | null; entityId: string; payload: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { changes: { changes: typeof out; endCursor: string | null; hasMore: boolean } } = await ok(
        who,
        'query($after: String) { changes(after: $after, first: 200) { changes { type personId entityId payload } endCursor hasMore } }',
        { after },
      );
      out.push(...page.changes.changes);
      if (!page.changes.hasMore) return out;
      after = page.changes.endCursor;
    }
  }
  const actorOf = async (who: string, organisationId: string): Promise<Actor> =>
    (await hub.app.get(UsersService).caseworkerActors(organisationId, { userIds: [users[who]] }, 1))[0];

  const NOTE = 'mutation($input: WriteMeetingNoteInput!) { writeMeetingNote(input: $input) { id dataCategory } }';
  const ASSIGN = 'mutation($input: AssignMeetingActionInput!) { assignMeetingAction(input: $input) { id status overdue dueOn } }';
  const COMPLETE = 'mutation($input: CompleteMeetingActionInput!) { completeMeetingAction(input: $input) { id status completedAt } }';

  const ADD = 'mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id personId uncoveredOrganisationIds } }';
  type Live = Subscriber<{ meetingActionChanged: { id: string; status: string } }>;
  // The panel, built up by the tests below in turn.
  let people: string[];
  let hidden: string;
  let meetingId: string;
  let items: { id: string; personId: string; uncoveredOrganisationIds: string[] }[];
  let eveItem: (typeof items)[number];
  let notes: Record<
    'probationHealth' | 'probationEte' | 'mindHealth' | 'housingEve' | 'probationEve',
    readonly [string, string, string, string]
  >;
  let employerLive: Live;
  let mindLive: Live;
  let mindAction: string;
  let housingLate: string;
  let employerAction: string;
  let eveAction: string;

  it('schedules a panel of four organisations with five people on its agenda, telling the organiser who is not covered', async () => {
    people = [];
    for (const [i, name] of ['Ada', 'Ben', 'Cal', 'Dee'].entries()) people[i] = await person(name, true);
    hidden = await person('Eve', false);
    people.push(hidden);

    const scheduled = (
      await ok<{ scheduleMeeting: { id: string; organiser: boolean } }>(
        'probation.officer',
        'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id organiser } }',
        {
          input: {
            title: 'Monthly resettlement panel',
            startsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
            place: 'Probation office, room 2',
            recurrence: 'MONTHLY',
            invitedOrganisationIds: [HOUSING(), MIND(), EMPLOYER()],
            invitedUserIds: [users['housing.worker'], users['mind.worker']],
          },
        },
      )
    ).scheduleMeeting;
    expect(scheduled.organiser).toBe(true);
    meetingId = scheduled.id;

    // Only the organiser runs the meeting; a stranger to it does not know it exists.
    expect(code(await gql('housing.worker', ADD, { input: { meetingId, personId: people[0], reason: 'Housing ends soon' } }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await gql('trainer', MEETING, { id: meetingId }))).toBe('NOT_FOUND');
    expect(code(await gql('probation.officer', MEETING, { id: randomUUID() }))).toBe('NOT_FOUND');

    items = [];
    for (const p of people)
      items.push(
        (
          await ok<{ addAgendaItem: (typeof items)[number] }>('probation.officer', ADD, {
            input: { meetingId, personId: p, reason: 'Review of the plan' },
          })
        ).addAgendaItem,
      );
    // The organiser is told which invitee the basis does not cover: the employer, for Eve only.
    expect(items.map((i) => i.uncoveredOrganisationIds)).toEqual([[], [], [], [], [EMPLOYER()]]);
    eveItem = items[4];

    for (const [org, who] of [
      [PROBATION(), 'probation.officer'],
      [HOUSING(), 'housing.worker'],
      [MIND(), 'mind.worker'],
      [EMPLOYER(), null],
    ] as const)
      await ok('probation.officer', 'mutation($input: RecordAttendanceInput!) { recordMeetingAttendance(input: $input) { attended } }', {
        input: { meetingId, organisationId: org, userId: who ? users[who] : null, attended: true },
      });

    // What each agency brings, in a data category.
    notes = {
      probationHealth: ['probation.officer', items[0].id, 'HEALTH', 'Low mood since release'],
      probationEte: ['probation.officer', items[0].id, 'EMPLOYMENT', 'Keen on a CSCS card'],
      mindHealth: ['mind.worker', items[0].id, 'HEALTH', 'Attending weekly sessions'],
      housingEve: ['housing.worker', eveItem.id, 'ACCOMMODATION', 'Eve is in temporary accommodation'],
      probationEve: ['probation.officer', eveItem.id, 'IDENTITY', 'Eve changed her phone number'],
    } as const;
    for (const [who, agendaItemId, dataCategory, body] of Object.values(notes))
      await ok(who, NOTE, { input: { agendaItemId, kind: 'NOTE', dataCategory, body } });
    await ok('probation.officer', NOTE, {
      input: { agendaItemId: items[1].id, kind: 'DECISION', dataCategory: 'EMPLOYMENT', body: 'Refer Ben to a CSCS course' },
    });
    // The employer cannot write on Eve: to it she is not on the agenda.
    expect(code(await gql('employer', NOTE, { input: { agendaItemId: eveItem.id, kind: 'NOTE', dataCategory: 'ETE', body: 'x' } }))).toBe(
      'NOT_FOUND',
    );
  });

  it('gives actions that become tasks of their owners, emailed, completed by their owners only, and one found overdue', async () => {
    employerLive = await listen('employer');
    mindLive = await listen('mind.worker');

    // Actions: the employer may not own one about Eve (it is not shown her).
    expect(
      code(
        await gql('probation.officer', ASSIGN, {
          input: { agendaItemId: eveItem.id, ownerOrganisationId: EMPLOYER(), title: 'Offer Eve a trial', dueOn: day(7) },
        }),
      ),
    ).toBe('NOT_FOUND');
    const assign = async (item: number, owner: string, ownerUser: string | null, title: string, dueOn: string) =>
      (
        await ok<{ assignMeetingAction: { id: string } }>('probation.officer', ASSIGN, {
          input: {
            agendaItemId: items[item].id,
            ownerOrganisationId: owner,
            ownerUserId: ownerUser ? users[ownerUser] : null,
            title,
            dueOn,
          },
        })
      ).assignMeetingAction.id;
    mindAction = await assign(0, MIND(), 'mind.worker', 'Book Ada a review', day(14));
    housingLate = await assign(1, HOUSING(), null, 'Find Ben a tenancy', day(-1));
    employerAction = await assign(2, EMPLOYER(), 'employer', 'Offer Cal a trial shift', day(7));
    eveAction = await assign(4, HOUSING(), 'housing.worker', 'Move Eve to a tenancy', day(10));

    // Each action is a task of its owner.
    const TASKS = '{ tasks(first: 100) { edges { node { id kind title personId status } } } }';
    const tasksOf = async (who: string) =>
      (
        await ok<{ tasks: { edges: { node: { kind: string; title: string; personId: string; status: string } }[] } }>(who, TASKS)
      ).tasks.edges.map((e) => e.node);
    expect((await tasksOf('mind.worker')).filter((t) => t.kind === 'MEETING_ACTION').map((t) => t.title)).toEqual(['Book Ada a review']);
    expect(
      (await tasksOf('housing.worker'))
        .filter((t) => t.kind === 'MEETING_ACTION')
        .map((t) => t.title)
        .sort(),
    ).toEqual(['Find Ben a tenancy', 'Move Eve to a tenancy']);

    // Its named owner is told by email (a sentence and a link to "My actions", through the notifications lib).
    await eventually(async () => {
      const rows: { kind: string; path: string }[] = await hub.db.query('SELECT kind, path FROM notification WHERE user_id = $1', [
        users['mind.worker'],
      ]);
      return rows.some((r) => r.kind === 'meeting_action' && r.path === '/meetings/actions');
    });

    // Completed by its owner (its task closes); not by another invitee, which gets NOT_FOUND.
    expect(code(await gql('employer', COMPLETE, { input: { actionId: mindAction } }))).toBe('NOT_FOUND');
    expect(code(await gql('employer', COMPLETE, { input: { actionId: eveAction } }))).toBe('NOT_FOUND');
    expect(
      (
        await ok<{ completeMeetingAction: { status: string } }>('mind.worker', COMPLETE, {
          input: { actionId: mindAction, note: 'Booked' },
        })
      ).completeMeetingAction.status,
    ).toBe('DONE');
    expect((await tasksOf('mind.worker')).filter((t) => t.kind === 'MEETING_ACTION')).toEqual([]);
    expect(code(await gql('mind.worker', COMPLETE, { input: { actionId: mindAction } }))).toBe('INVALID_STATE');
    await ok('employer', COMPLETE, { input: { actionId: employerAction } });

    // The sweep finds Ben's action overdue: a task reaches its owner, and the action says so.
    expect(await hub.app.get(MeetingActionsService).overdueSweep(new Date())).toBe(1);
    expect(await hub.app.get(MeetingActionsService).overdueSweep(new Date())).toBe(0);
    expect((await tasksOf('housing.worker')).filter((t) => t.kind === 'MEETING_ACTION_OVERDUE').map((t) => [t.title, t.personId])).toEqual([
      ['Overdue: Find Ben a tenancy', people[1]],
    ]);
    const housingActions = (
      await ok<{ myMeetingActions: { id: string; overdue: boolean }[] }>(
        'housing.worker',
        '{ myMeetingActions { id overdue personLabel } }',
      )
    ).myMeetingActions;
    expect(housingActions.map((a) => [a.id, a.overdue])).toEqual([
      [housingLate, true],
      [eveAction, false],
    ]);
  });

  it('never shows the employer the person it has no basis for: not in the meeting, its minutes, its actions, the feed', async () => {
    // The employer never sees Eve: not in the meeting, not in its minutes, not in its actions, not in the feed.
    const employerView = await meetingAs('employer', meetingId);
    expect(employerView.agenda.map((i) => i.personId)).toEqual(people.slice(0, 4));
    expect(employerView.agenda.every((i) => i.uncoveredOrganisationIds.length === 0)).toBe(true);
    for (const format of ['JSON', 'MARKDOWN']) {
      const m = await minutesAs('employer', meetingId, format);
      expect(m.content).not.toContain('Eve');
      expect(m.content).toContain('Ada Panel');
    }
    const employerActions = await ok<{ myMeetingActions: { personId: string }[] }>(
      'employer',
      '{ myMeetingActions(status: null) { personId } }',
    );
    expect(employerActions.myMeetingActions.map((a) => a.personId)).toEqual([people[2]]);
    const employerFeed = await feed('employer');
    expect(employerFeed.filter((e) => e.personId === hidden || e.entityId === eveAction || e.entityId === eveItem.id)).toEqual([]);
    expect(employerFeed.some((e) => e.payload.includes(eveItem.id) || e.payload.includes(eveAction))).toBe(false);
    expect(employerFeed.filter((e) => e.type === 'meeting.scheduled' && e.entityId === meetingId)).toHaveLength(1);
    expect(employerFeed.filter((e) => e.type.startsWith('meeting.action')).map((e) => e.entityId)).toEqual([
      employerAction,
      employerAction,
    ]);
    // Tasks are their organisation's own: the employer hears of its own, never of housing's or mind's
    // (about people it works with too).
    const taskEvents = employerFeed.filter((e) => e.type.startsWith('task.'));
    expect(taskEvents.length).toBeGreaterThan(0);
    expect(taskEvents.filter((e) => !((JSON.parse(e.payload) as { parties?: string[] }).parties ?? []).includes(EMPLOYER()))).toEqual([]);
    // Housing hears of its own actions only, not of the employer's or mind's.
    const housingFeed = await feed('housing.worker');
    expect([...new Set(housingFeed.filter((e) => e.type.startsWith('meeting.action')).map((e) => e.entityId))].sort()).toEqual(
      [housingLate, eveAction].sort(),
    );
    expect(housingFeed.filter((e) => e.type === 'meeting.action_overdue').map((e) => e.entityId)).toEqual([housingLate]);
  });

  it('shows each organisation exactly the notes its own access lets it read, on the page and in its minutes', async () => {
    // Each organisation's page and minutes hold exactly the notes its own access lets it read, of the people shown it.
    const access = hub.app.get(AccessService);
    const allNotes: {
      id: string;
      person_id: string;
      organisation_id: string;
      data_category: string;
      body: string;
      agenda_item_id: string;
    }[] = await hub.db.query(
      'SELECT id, person_id, organisation_id, data_category, body, agenda_item_id FROM meeting_note WHERE meeting_id = $1',
      [meetingId],
    );
    for (const [key, who] of Object.entries(STAFF)) {
      const orgId = { probation: PROBATION(), housing: HOUSING(), mind: MIND(), employer: EMPLOYER() }[key]!;
      const actor = await actorOf(who, orgId);
      const facts = await access.facts(actor, people);
      const shownItems = new Set((await meetingAs(who, meetingId)).agenda.map((i) => i.id));
      const expected = allNotes
        .filter((n) => shownItems.has(n.agenda_item_id))
        .filter((n) => access.decide(actor, 'read', n.data_category as DataCategory, facts.get(n.person_id)!, n.organisation_id).allowed)
        .map((n) => n.body)
        .sort();
      const view = await meetingAs(who, meetingId);
      expect({ who, notes: view.notes.map((n) => n.body).sort() }).toEqual({ who, notes: expected });
      const minutes = JSON.parse((await minutesAs(who, meetingId)).content) as { agenda: { person: string; notes: { body: string }[] }[] };
      expect({ who, notes: minutes.agenda.flatMap((i) => i.notes.map((n) => n.body)).sort() }).toEqual({ who, notes: expected });
      for (const n of allNotes.filter((x) => !expected.includes(x.body)))
        expect({ who, leaked: (await minutesAs(who, meetingId, 'MARKDOWN')).content.includes(n.body) }).toEqual({ who, leaked: false });
    }
    // Never more because it is a meeting: housing does not read the charity's health note, the charity not probation's ETE note.
    const byBody = (v: Detail) => v.notes.map((n) => n.body);
    expect(byBody(await meetingAs('housing.worker', meetingId))).not.toContain(notes.mindHealth[3]);
    expect(byBody(await meetingAs('housing.worker', meetingId))).toContain(notes.housingEve[3]);
    expect(byBody(await meetingAs('mind.worker', meetingId))).toEqual(
      expect.arrayContaining([notes.mindHealth[3], notes.probationHealth[3], notes.probationEve[3]]),
    );
    expect(byBody(await meetingAs('mind.worker', meetingId))).not.toContain(notes.probationEte[3]);
    expect(byBody(await meetingAs('employer', meetingId)).sort()).toEqual([notes.probationEte[3], 'Refer Ben to a CSCS course'].sort());
  });

  it('tells each party of its actions live, and completes an action when its task is marked done', async () => {
    // Live: each hears of the actions it is a party to, as it may read them; the employer never of Eve's.
    const heard = (sub: Live) => sub.messages.map((m) => `${m.data?.meetingActionChanged.id}:${m.data?.meetingActionChanged.status}`);
    await eventually(async () => heard(employerLive).length >= 2 && heard(mindLive).length >= 2, 15_000, 'live action events');
    // (Each is re-read when it arrives: an assignment heard after the completion reads as done.)
    const ids = (sub: Live) => new Set(heard(sub).map((h) => h.split(':')[0]));
    expect(ids(employerLive)).toEqual(new Set([employerAction]));
    expect(heard(employerLive).at(-1)).toBe(`${employerAction}:DONE`);
    expect(ids(mindLive)).toEqual(new Set([mindAction]));
    await eventually(async () => {
      const rows: unknown[] = await hub.db.query(
        `SELECT 1 FROM audit_event WHERE actor = $1 AND person_id = $2 AND 'Subscription.meetingActionChanged' = ANY(fields)`,
        [`user:${users.employer}`, people[2]],
      );
      return rows.length > 0;
    });

    // Marking the action's task done in the task list completes the action.
    const eveTask = (
      await ok<{ tasks: { edges: { node: { id: string; title: string } }[] } }>(
        'housing.worker',
        '{ tasks(first: 100) { edges { node { id title } } } }',
      )
    ).tasks.edges.find((e) => e.node.title === 'Move Eve to a tenancy')!.node;
    await ok('housing.worker', 'mutation($id: ID!) { completeTask(id: $id) { id } }', { id: eveTask.id });
    await eventually(async () => {
      const open = (await ok<{ myMeetingActions: { id: string }[] }>('housing.worker', '{ myMeetingActions { id } }')).myMeetingActions;
      return !open.some((a) => a.id === eveAction);
    });
    expect(heard(employerLive).some((h) => h.startsWith(eveAction))).toBe(false);
  });

  it('opens the next meeting with the open actions, reads the basis fresh, and audits every read', async () => {
    // The next meeting opens with the open actions of its people.
    const next = (
      await ok<{ scheduleMeeting: { id: string } }>(
        'probation.officer',
        'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
        {
          input: {
            title: 'Monthly resettlement panel',
            startsAt: new Date(Date.now() + 30 * DAY).toISOString(),
            invitedOrganisationIds: [HOUSING()],
          },
        },
      )
    ).scheduleMeeting;
    await ok('probation.officer', ADD, { input: { meetingId: next.id, personId: people[1], reason: 'Follow up' } });
    const carried = (await meetingAs('probation.officer', next.id)).carriedActions;
    expect(carried.map((c) => [c.id, c.overdue])).toEqual([[housingLate, true]]);
    // The employer is not invited to it.
    expect(code(await gql('employer', MEETING, { id: next.id }))).toBe('NOT_FOUND');

    // An action the employer owns about Cal, due tomorrow: once his consent lapses, it is neither tasked nor reminded again.
    const lapsing = (
      await ok<{ assignMeetingAction: { id: string } }>('probation.officer', ASSIGN, {
        input: { agendaItemId: items[2].id, ownerOrganisationId: EMPLOYER(), title: 'Call Cal about the trial', dueOn: day(1) },
      })
    ).assignMeetingAction.id;

    // The basis is read fresh: once Cal's consent to the employer is withdrawn, the employer is no longer shown him.
    const [calConsent]: { id: string }[] = await hub.db.query('SELECT id FROM consent WHERE person_id = $1 AND organisation_id = $2', [
      people[2],
      EMPLOYER(),
    ]);
    await ok('probation.officer', 'mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id } }', {
      input: { consentId: calConsent.id, reason: 'Cal withdrew his consent' },
    });
    expect((await meetingAs('employer', meetingId)).agenda.map((i) => i.personId)).toEqual([people[0], people[1], people[3]]);
    expect((await minutesAs('employer', meetingId, 'MARKDOWN')).content).not.toContain('Cal Panel');
    expect((await meetingAs('probation.officer', meetingId)).agenda[2].uncoveredOrganisationIds).toEqual([EMPLOYER()]);
    // Past its day: the overdue sweep closes the employer's task for it and raises no overdue task.
    await hub.app.get(MeetingActionsService).overdueSweep(new Date(Date.now() + 3 * DAY));
    const lapsed: { kind: string; status: string }[] = await hub.db.query(`SELECT kind, status FROM task WHERE source_key LIKE $1 || '%'`, [
      `meeting-action:${lapsing}`,
    ]);
    expect(lapsed.map((t) => [t.kind, t.status])).toEqual([['meeting_action', 'done']]);
    // What the others are shown: the reason a person is on the agenda is the organiser's; places are counted among what each is shown.
    const employerNow = await meetingAs('employer', meetingId);
    expect(employerNow.agenda.map((i) => i.position)).toEqual([1, 2, 3]);
    expect(employerNow.agenda.every((i) => i.reason === null)).toBe(true);
    expect((await meetingAs('probation.officer', meetingId)).agenda.every((i) => typeof i.reason === 'string')).toBe(true);

    // Every read of the meeting's people is audited.
    const audited: { person_id: string }[] = await hub.db.query(
      `SELECT DISTINCT person_id FROM audit_event
        WHERE actor = $1 AND action = 'read' AND person_id = ANY($2::uuid[]) AND fields && ARRAY['Query.meeting', 'Query.meetingMinutes']`,
      [`user:${users.employer}`, people],
    );
    expect(audited.map((a) => a.person_id).sort()).toEqual(people.slice(0, 4).sort());
  });

  it('keeps done actions, and agenda items with nothing left on them, for the identity period from the meeting; open actions while open', async () => {
    // The panel met long ago; its notes are recent (their own categories' periods apply to them).
    await hub.db.query(`UPDATE meeting SET starts_at = '2010-01-05' WHERE id = $1`, [meetingId]);
    await hub.db.query(`UPDATE meeting_agenda_item SET created_at = '2010-01-05' WHERE meeting_id = $1`, [meetingId]);
    await hub.db.query(
      `UPDATE meeting_action SET created_at = '2010-01-05', completed_at = CASE WHEN status = 'done' THEN '2010-01-20'::timestamptz END WHERE meeting_id = $1`,
      [meetingId],
    );
    const actionsBefore: { id: string; status: string }[] = await hub.db.query(
      'SELECT id, status FROM meeting_action WHERE meeting_id = $1',
      [meetingId],
    );
    const done = actionsBefore.filter((a) => a.status === 'done').map((a) => a.id);
    expect(done.length).toBeGreaterThan(0);
    expect(actionsBefore.length).toBeGreaterThan(done.length);
    const bare: { id: string }[] = await hub.db.query(
      `SELECT i.id FROM meeting_agenda_item i WHERE i.meeting_id = $1
          AND NOT EXISTS (SELECT 1 FROM meeting_note n WHERE n.agenda_item_id = i.id)
          AND NOT EXISTS (SELECT 1 FROM meeting_action a WHERE a.agenda_item_id = i.id AND a.status <> 'done')`,
      [meetingId],
    );
    const report = await hub.app.get(RetentionService).run();
    expect(report.expired.meetingActions).toEqual({ identity: done.length });
    const actionsAfter: { id: string }[] = await hub.db.query('SELECT id FROM meeting_action WHERE meeting_id = $1 ORDER BY id', [
      meetingId,
    ]);
    expect(actionsAfter.map((a) => a.id)).toEqual(
      actionsBefore
        .filter((a) => a.status !== 'done')
        .map((a) => a.id)
        .sort(),
    );
    const itemsAfter: { id: string }[] = await hub.db.query('SELECT id FROM meeting_agenda_item WHERE meeting_id = $1', [meetingId]);
    expect(itemsAfter.map((i) => i.id).filter((id) => bare.some((b) => b.id === id))).toEqual([]);
    expect(report.expired.meetingAgendaItems?.identity ?? 0).toBe(bare.length);
    expect(itemsAfter.length).toBeGreaterThan(0);
  });
});
