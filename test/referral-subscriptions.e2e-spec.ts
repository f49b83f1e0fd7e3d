import { JobQueue, LiveEvents } from '../libs/events/src/index.js';
import { eventually, nodes, type Page, startTestHub, type TestHub } from './support/hub.js';
import { subscribe, type Subscriber, wsUrl } from './support/subscriptions.js';

const RECEIVED = `subscription { referralReceived { id personId serviceCode state fromOrganisationId toOrganisationId ruleId person { id givenName familyName } } }`;
const INBOX_CHANGED = `subscription { referralInboxChanged { id personId state } }`;
const TASK_RAISED = `subscription { taskRaised { id kind personId forRole detail } }`;

interface Referral {
  id: string;
  personId: string;
  serviceCode: string;
  state: string;
  ruleId: string | null;
  person: { id: string; givenName: string; familyName: string } | null;
}
interface Task {
  id: string;
  kind: string;
  personId: string;
  forRole: string;
  detail: string;
}

const nonEmpty = <T>(list: T[]): T[] | null => (list.length ? list : null);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The receiving side of automatic referrals: logging "CSCS card gained" for a demo person refers
 * them to the construction employer, which sees it in its inbox and on its graphql-ws subscription;
 * nobody else hears of it; without consent the lead caseworkers get a consent task, live too.
 */
describe('referral subscriptions (graphql-ws)', () => {
  let hub: TestHub;
  let url: string;
  let orgs: Record<string, string>;
  const open: Subscriber<unknown>[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO_PEOPLE: 'true' });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = wsUrl(hub.app.getHttpServer());
    const res = await hub.gql<{ organisations: { id: string; name: string }[] }>(
      `{ organisations { id name } }`,
      {},
      await hub.tokenFor('probation.officer'),
    );
    orgs = Object.fromEntries(res.data!.organisations.map((o) => [o.name, o.id]));
    // The demo people's own events (their job starts refer them for in-work support) settle first,
    // so that every notification below comes from this test's writes.
    await eventually(
      async () => {
        const [{ pending }] = await hub.db.query(
          `SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL) + (SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier LIKE 'events:deliver%') AS pending`,
        );
        return Number(pending) === 0;
      },
      150_000,
      'demo events handled',
    );
  }, 180_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(() => hub.close());

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const res = await hub.gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  /** Subscribes and waits until the hub serves the subscription (so no event can slip past it). */
  async function listen<T>(who: string, query: string): Promise<Subscriber<T>> {
    const live = hub.app.get(LiveEvents);
    const before = live.listeners;
    const sub = subscribe<T>(url, await hub.tokenFor(who), query);
    open.push(sub);
    await sub.connected;
    await eventually(async () => live.listeners > before || sub.refused.length > 0 || sub.messages.length > 0, 10_000, `${who} subscribed`);
    return sub;
  }

  const data = <T>(sub: Subscriber<T>) => sub.messages.map((m) => m.data);
  const inbox = async (who: string) =>
    nodes(
      (
        await ok<{ referralInbox: Page<Referral> }>(
          `{ referralInbox(first: 100) { edges { node { id personId serviceCode state ruleId } } } }`,
          {},
          await hub.tokenFor(who),
        )
      ).referralInbox,
    );
  const rows = <T>(sql: string, params: unknown[] = []) => hub.db.query(sql, params) as Promise<T[]>;
  const cscs = (personId: string) => ({
    input: {
      personId,
      typeCode: 'training_cscs',
      status: 'COMPLETED',
      occurredAt: new Date().toISOString(),
      qualification: { qualification: 'CSCS Labourer card' },
    },
  });
  const LOG = `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`;

  it('CSCS card gained, with consent: exactly one referral to the employer, in its inbox and on its subscription; others hear nothing; a replay makes nothing new', async () => {
    // Sofia Marsh (demo): led by probation, trained by Forge Skills, consent for ETE to employers.
    const found = await ok<{ people: { edges: { node: { id: string } }[] } }>(
      `{ people(search: "Marsh", first: 5) { edges { node { id } } } }`,
      {},
      await hub.tokenFor('trainer'),
    );
    const sofia = found.people.edges[0].node.id;
    const employer = await listen<{ referralReceived: Referral }>('employer', RECEIVED);
    const employerInbox = await listen<{ referralInboxChanged: Referral }>('employer', INBOX_CHANGED);
    const housing = await listen<{ referralReceived: Referral }>('housing.worker', RECEIVED);
    const mind = await listen<{ referralInboxChanged: Referral }>('mind.worker', INBOX_CHANGED);

    await ok(LOG, cscs(sofia), await hub.tokenFor('trainer'));

    const [message] = await eventually(async () => nonEmpty(data(employer)), 20_000, 'the employer hears of the referral');
    const referral = message!.referralReceived;
    expect(referral).toMatchObject({
      personId: sofia,
      serviceCode: 'employment',
      state: 'SENT',
      toOrganisationId: orgs['Northway Construction Ltd'],
      fromOrganisationId: orgs['North West Probation Region'],
      ruleId: expect.any(String),
    });
    // The open referral lets the employer see who it is asked to help (identity only).
    expect(referral.person).toEqual({ id: sofia, givenName: 'Sofia', familyName: 'Marsh' });
    await eventually(async () => nonEmpty(data(employerInbox)), 10_000, 'inbox change');
    expect(data(employerInbox)).toEqual([{ referralInboxChanged: { id: referral.id, personId: sofia, state: 'SENT' } }]);

    // (Her seeded job start already referred her for in-work support: only the employment referral is new.)
    const cscsReferrals = async () => (await inbox('employer')).filter((r) => r.personId === sofia && r.serviceCode === 'employment');
    const visible = await cscsReferrals();
    expect(visible).toEqual([{ id: referral.id, personId: sofia, serviceCode: 'employment', state: 'SENT', ruleId: referral.ruleId }]);
    // The reading of the person's name on the subscription is audited like a query's.
    await eventually(
      async () =>
        (
          await rows(`SELECT 1 FROM audit_event WHERE action = 'read' AND person_id = $1 AND organisation_id = $2`, [
            sofia,
            orgs['Northway Construction Ltd'],
          ])
        ).length > 0,
      10_000,
      'audited read',
    );

    // Replay the triggering event through the whole pipeline: nothing new anywhere.
    const [event] = await rows<{ id: string }>(
      `SELECT id FROM outbox_event WHERE person_id = $1 AND type = 'outcome.recorded' AND payload->>'typeCode' = 'training_cscs'`,
      [sofia],
    );
    await hub.db.query(`DELETE FROM event_delivery WHERE event_id = $1`, [event.id]);
    await hub.app.get(JobQueue).add('events:deliver', { eventId: event.id });
    await eventually(
      async () => (await rows(`SELECT 1 FROM event_delivery WHERE event_id = $1 AND handler = 'referrals.rules'`, [event.id])).length === 1,
      15_000,
      'replay delivered',
    );
    await pause(1000);
    expect(await cscsReferrals()).toHaveLength(1);
    expect(await rows(`SELECT count(*)::int AS n FROM referral WHERE person_id = $1 AND service_code = 'employment'`, [sofia])).toEqual([
      { n: 1 },
    ]);
    expect(await rows(`SELECT outcome FROM rule_firing WHERE event_id = $1`, [event.id])).toEqual([{ outcome: 'referred' }]);
    expect(data(employer)).toHaveLength(1);
    expect(housing.messages).toEqual([]);
    expect(mind.messages).toEqual([]);
  });

  it('without consent: no referral, a consent task for the lead, live to the lead caseworkers only', async () => {
    const probation = await hub.tokenFor('probation.officer');
    const created = await ok<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: 'Dean',
          familyName: 'Noconsent',
          dateOfBirth: '1991-02-03',
          region: 'north_west',
          identifiers: [],
          confirmNew: true,
        },
      },
      probation,
    );
    const id = created.createPerson.person.id;
    const lead = await listen<{ taskRaised: Task }>('probation.officer', TASK_RAISED);
    const otherTasks = await listen<{ taskRaised: Task }>('housing.worker', TASK_RAISED);
    const employer = await listen<{ referralReceived: Referral }>('employer', RECEIVED);

    await ok(LOG, cscs(id), probation);

    const [message] = await eventually(async () => nonEmpty(data(lead)), 20_000, 'the lead hears of the task');
    expect(message!.taskRaised).toMatchObject({
      kind: 'SEEK_CONSENT',
      personId: id,
      forRole: 'caseworker',
      detail: expect.stringMatching(/Northway Construction Ltd .* not consented to share education, training and employment information/),
    });
    expect(await rows(`SELECT outcome FROM rule_firing WHERE person_id = $1`, [id])).toEqual([{ outcome: 'consent_missing' }]);
    await pause(500);
    expect(await rows(`SELECT 1 FROM referral WHERE person_id = $1`, [id])).toEqual([]);
    expect(employer.messages).toEqual([]);
    expect(otherTasks.messages).toEqual([]);
    expect(data(lead)).toHaveLength(1);
  });

  it('refuses a connection without a valid token (4401), and anything but a subscription, with coded errors', async () => {
    const anonymous = subscribe(url, null, TASK_RAISED);
    const forged = subscribe(url, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyOngifQ.c2lnbmF0dXJl', TASK_RAISED);
    open.push(anonymous, forged);
    await eventually(async () => anonymous.closedWith !== null && forged.closedWith !== null, 10_000, 'refused');
    expect([anonymous.closedWith, forged.closedWith]).toEqual([4401, 4401]);
    expect(anonymous.messages).toEqual([]);

    const token = await hub.tokenFor('housing.worker');
    const query = subscribe(url, token, `{ referralInbox { edges { node { id } } } }`);
    const unknown = subscribe(url, token, `subscription { referralRecieved { id } }`);
    const broken = subscribe(url, token, `subscription { taskRaised { id `);
    open.push(query, unknown, broken);
    await eventually(async () => query.refused.length && unknown.refused.length && broken.refused.length, 10_000, 'refusals');
    expect(query.refused[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknown.refused[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unknown.refused[0].message).not.toMatch(/Did you mean/);
    expect(broken.refused[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('a subscription over plain HTTP is refused with a code', async () => {
    const res = await hub.gql(TASK_RAISED, {}, await hub.tokenFor('housing.worker'));
    expect(res.errors?.[0].extensions?.code).toEqual(expect.any(String));
    expect(res.data ?? null).toBeNull();
  });
});
