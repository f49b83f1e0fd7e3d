import { startTestHub, type TestHub } from './support/hub.js';

const SCHEDULE = 'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }';
const NEXT = `mutation($id: ID!) { scheduleNextMeeting(meetingId: $id) { id startsAt title place recurrence followsMeetingId invitedOrganisationIds organiser } }`;
const ADD = 'mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }';
const MEETING = 'query($id: ID!) { meeting(id: $id) { id agenda { personId reason position } } }';

interface Next {
  id: string;
  startsAt: string;
  title: string;
  place: string | null;
  recurrence: string | null;
  followsMeetingId: string | null;
  invitedOrganisationIds: string[];
  organiser: boolean;
}

/**
 * A recurring panel's next meeting: scheduled by its organiser at the same time in London a month on
 * (across the change to summer time), with the same invitees and its agenda carried over; asked
 * again, the same meeting; refused for a meeting that does not recur, to an invitee, and NOT_FOUND
 * to an organisation that is not part of it, as for no meeting.
 */
describe('a recurring meeting’s next meeting', () => {
  let hub: TestHub;
  const orgs: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    for (const o of (await hub.db.query('SELECT id, name FROM organisation')) as { id: string; name: string }[]) orgs[o.name] = o.id;
  });
  afterAll(() => hub.close());

  const gql = async <T>(who: string, query: string, variables: Record<string, unknown>) =>
    hub.gql<T>(query, variables, await hub.tokenFor(who));
  const ok = async <T>(who: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await gql<T>(who, query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  async function person(name: string): Promise<string> {
    const created = await ok<{ createPerson: { person: { id: string } } }>(
      'probation.officer',
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
      { input: { givenName: name, familyName: 'Series', dateOfBirth: '1986-04-07', region: 'north_west', confirmNew: true } },
    );
    return created.createPerson.person.id;
  }

  async function meeting(recurrence: string | null, startsAt: string): Promise<string> {
    const input = {
      title: 'Resettlement panel',
      startsAt,
      place: 'Probation office, room 2',
      recurrence,
      invitedOrganisationIds: [orgs['Safe Harbour Housing Trust']],
    };
    return (await ok<{ scheduleMeeting: { id: string } }>('probation.officer', SCHEDULE, { input })).scheduleMeeting.id;
  }

  it('is a month on at the same time in London, with the same invitees and the agenda carried over, once', async () => {
    // 10:00 GMT on 20 March 2027; the clocks go forward on the 28th, so the next is 10:00 BST (09:00 UTC).
    const first = await meeting('MONTHLY', '2027-03-20T10:00:00Z');
    const people = [await person('Ada'), await person('Bram')];
    for (const [k, personId] of people.entries())
      await ok('probation.officer', ADD, { input: { meetingId: first, personId, reason: `Review ${k + 1}` } });

    const { scheduleNextMeeting: next } = await ok<{ scheduleNextMeeting: Next }>('probation.officer', NEXT, { id: first });
    expect(next).toMatchObject({
      startsAt: '2027-04-20T09:00:00.000Z',
      title: 'Resettlement panel',
      place: 'Probation office, room 2',
      recurrence: 'MONTHLY',
      followsMeetingId: first,
      invitedOrganisationIds: [orgs['Safe Harbour Housing Trust']],
      organiser: true,
    });
    const agenda = (await ok<{ meeting: { agenda: unknown[] } }>('probation.officer', MEETING, { id: next.id })).meeting.agenda;
    expect(agenda).toEqual([
      { personId: people[0], reason: 'Review 1', position: 1 },
      { personId: people[1], reason: 'Review 2', position: 2 },
    ]);
    const again = await ok<{ scheduleNextMeeting: Next }>('probation.officer', NEXT, { id: first });
    expect(again.scheduleNextMeeting.id).toBe(next.id);
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM meeting WHERE follows_meeting_id = $1`, [first])).toEqual([{ n: 1 }]);
    // Each scheduling and each carried person went through the outbox, as when done by hand.
    expect(
      await hub.db.query(`SELECT type, count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 GROUP BY type ORDER BY type`, [
        next.id,
      ]),
    ).toEqual([
      { type: 'meeting.agenda_item_added', n: 2 },
      { type: 'meeting.scheduled', n: 1 },
    ]);
    // The series goes on from the new meeting.
    const third = await ok<{ scheduleNextMeeting: Next }>('probation.officer', NEXT, { id: next.id });
    expect(third.scheduleNextMeeting).toMatchObject({ startsAt: '2027-05-20T09:00:00.000Z', followsMeetingId: next.id });
  });

  it('asked twice at once, schedules one meeting and answers both with it', async () => {
    const first = await meeting('FORTNIGHTLY', '2027-06-02T13:00:00Z');
    await ok('probation.officer', ADD, { input: { meetingId: first, personId: await person('Cora'), reason: 'Review' } });
    const answers = await Promise.all([1, 2, 3].map(() => gql<{ scheduleNextMeeting: Next }>('probation.officer', NEXT, { id: first })));
    expect(answers.map((a) => a.errors ?? null)).toEqual([null, null, null]);
    expect(new Set(answers.map((a) => a.data!.scheduleNextMeeting.id)).size).toBe(1);
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM meeting WHERE follows_meeting_id = $1`, [first])).toEqual([{ n: 1 }]);
  });

  it('picks a series up after a pause at its first date from today, inviting again only the named staff still taking part', async () => {
    const users = (await hub.db.query(`SELECT id, email FROM user_account`)) as { id: string; email: string }[];
    const userId = (prefix: string) => users.find((u) => u.email.startsWith(`${prefix}@`))!.id;
    const past = new Date(Date.now() - 20 * 86_400_000);
    past.setUTCSeconds(0, 0);
    const input = {
      title: 'Weekly check-in',
      startsAt: past.toISOString(),
      recurrence: 'WEEKLY',
      invitedOrganisationIds: [orgs['Safe Harbour Housing Trust']],
      invitedUserIds: [userId('housing.worker'), userId('housing.manager')],
    };
    const series = (await ok<{ scheduleMeeting: { id: string } }>('probation.officer', SCHEDULE, { input })).scheduleMeeting.id;
    await hub.db.query(`UPDATE user_account SET active = false WHERE id = $1`, [userId('housing.manager')]);
    try {
      const { scheduleNextMeeting: next } = await ok<{ scheduleNextMeeting: Next & { invitedUserIds: string[] } }>(
        'probation.officer',
        NEXT.replace('organiser }', 'organiser invitedUserIds }'),
        { id: series },
      );
      const startsAt = new Date(next.startsAt).getTime();
      // Three weeks on from 20 days ago: the first date of the series from today, within a week, same weekday.
      expect(startsAt).toBeGreaterThanOrEqual(Date.now() - 60_000);
      expect(startsAt).toBeLessThan(Date.now() + 7 * 86_400_000);
      expect(Math.round((startsAt - past.getTime()) / 86_400_000) % 7).toBe(0);
      expect(next.invitedUserIds).toEqual([userId('housing.worker')]);
    } finally {
      await hub.db.query(`UPDATE user_account SET active = true WHERE id = $1`, [userId('housing.manager')]);
    }
  });

  it('is refused for a meeting that does not recur, to an invitee, and NOT_FOUND to others as for no meeting', async () => {
    const once = await meeting(null, '2027-02-10T14:00:00Z');
    const refused = await gql('probation.officer', NEXT, { id: once });
    expect(refused.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    const recurring = await meeting('WEEKLY', '2027-02-10T14:00:00Z');
    const invitee = await gql('housing.worker', NEXT, { id: recurring });
    expect(invitee.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const outsider = await gql('mind.worker', NEXT, { id: recurring });
    const nothing = await gql('mind.worker', NEXT, { id: '00000000-0000-4000-8000-000000000000' });
    expect(outsider.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(outsider.errors?.[0].message).toBe(nothing.errors?.[0].message);
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM meeting WHERE follows_meeting_id = ANY($1)`, [[once, recurring]])).toEqual([
      { n: 0 },
    ]);
  });
});
