import { EventHandlerRegistry } from '@hub/events';
import { CONSENT_RENEWAL_TASK } from '@hub/referrals';
import { eventually, nodes, type Page, startTestHub, type TestHub } from './support/hub.js';

/** A consent about to run out asks for its renewal: a task for the organisation that recorded it. */
describe('consent renewal', () => {
  let hub: TestHub;
  let probation: string;
  let housing: string;
  const DAY = 86_400_000;
  const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();

  beforeAll(async () => {
    hub = await startTestHub();
    probation = await hub.tokenFor('probation.officer');
    [{ id: housing }] = await hub.db.query(`SELECT id FROM organisation WHERE name = 'Safe Harbour Housing Trust'`);
  });
  afterAll(() => hub.close());

  const sweep = (now?: string) => hub.app.get(EventHandlerRegistry).taskList().get(CONSENT_RENEWAL_TASK)!(now ? { now } : {});
  const grant = async (input: Record<string, unknown>) => {
    const res = await hub.gql<{ grantConsent: { id: string; expiresAt: string | null } }>(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id expiresAt } }`,
      { input: { method: 'SIGNED_FORM', personPresent: true, ...input } },
      probation,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.grantConsent;
  };
  interface TaskRow {
    kind: string;
    title: string;
    detail: string;
    dueAt: string | null;
    personId: string;
    status: string;
  }
  const tasksOf = async (personId: string, status: 'OPEN' | 'DONE') => {
    const res = await hub.gql<{ tasks: Page<TaskRow> }>(
      `query($s: TaskStatus) { tasks(status: $s, first: 100) { edges { node { kind title detail dueAt personId status } } } }`,
      { s: status },
      probation,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return nodes(res.data!.tasks).filter((t) => t.personId === personId && t.kind === 'CONSENT_EXPIRING');
  };

  it('raises one task per consent expiring within 14 days, for the organisation that recorded it; a renewal or a withdrawal closes it', async () => {
    const person = (
      await hub.gql<{ createPerson: { person: { id: string } } }>(
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        { input: { givenName: 'Rene', familyName: 'Wal', dateOfBirth: '1990-10-10', identifiers: [], confirmNew: true } },
        probation,
      )
    ).data!.createPerson.person.id;
    const soon = await grant({ personId: person, purpose: 'ETE', organisationKind: 'TRAINING_PROVIDER', expiresAt: inDays(10) });
    const later = await grant({ personId: person, purpose: 'ACCOMMODATION', organisationId: housing, expiresAt: inDays(30) });
    const gone = await grant({ personId: person, purpose: 'FINANCE', organisationKind: 'JOBCENTRE', expiresAt: inDays(5) });
    await hub.gql(
      `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id } }`,
      { input: { consentId: gone.id, reason: 'Changed their mind' } },
      probation,
    );
    await grant({ personId: person, purpose: 'HEALTH', organisationKind: 'HEALTH' }); // no expiry: never asked

    await sweep();
    const open = await tasksOf(person, 'OPEN');
    expect(open).toEqual([
      expect.objectContaining({
        kind: 'CONSENT_EXPIRING',
        status: 'OPEN',
        dueAt: soon.expiresAt,
        title: expect.stringMatching(/^Consent for ETE ends on \d{1,2} \w+ \d{4}$/),
      }),
    ]);
    expect(open[0].detail).toMatch(/share data with every training provider for ETE/);
    // Once per consent, however often the sweep runs.
    await sweep();
    expect(await tasksOf(person, 'OPEN')).toHaveLength(1);

    // Twenty days on, the accommodation consent is within 14 days of its end too.
    await sweep(inDays(20));
    expect((await tasksOf(person, 'OPEN')).map((t) => t.dueAt).sort()).toEqual([soon.expiresAt, later.expiresAt].sort());

    // A new consent of the same purpose and recipient renews it: its task is done by itself.
    await grant({ personId: person, purpose: 'ETE', organisationKind: 'TRAINING_PROVIDER', expiresAt: inDays(365) });
    await eventually(async () => (await tasksOf(person, 'OPEN')).length === 1, 15_000, 'renewed task closed');
    expect((await tasksOf(person, 'OPEN'))[0].dueAt).toBe(later.expiresAt);
    // The person withdraws the other: nothing left to renew.
    await hub.gql(
      `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id } }`,
      { input: { consentId: later.id, reason: 'Moved on' } },
      probation,
    );
    await eventually(async () => (await tasksOf(person, 'OPEN')).length === 0, 15_000, 'withdrawn task closed');
    expect(await tasksOf(person, 'DONE')).toHaveLength(2);
    const closedBy: { closed_by: string }[] = await hub.db.query(
      `SELECT closed_by FROM task WHERE person_id = $1 AND kind = 'consent_expiring' ORDER BY closed_by`,
      [person],
    );
    expect(closedBy.map((t) => t.closed_by)).toEqual(['system:consent.granted', 'system:consent.withdrawn']);
  });

  it('asks nothing for a consent renewed before the sweep came to it', async () => {
    const person = (
      await hub.gql<{ createPerson: { person: { id: string } } }>(
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        { input: { givenName: 'Early', familyName: 'Renewer', dateOfBirth: '1991-11-11', identifiers: [], confirmNew: true } },
        probation,
      )
    ).data!.createPerson.person.id;
    await grant({ personId: person, purpose: 'FAMILY', organisationKind: 'CHARITY', expiresAt: inDays(10) });
    await grant({ personId: person, purpose: 'FAMILY', organisationKind: 'CHARITY', expiresAt: inDays(400) });
    // Another recipient is another consent: still asked for.
    const other = await grant({ personId: person, purpose: 'FAMILY', organisationId: housing, expiresAt: inDays(10) });
    await sweep();
    // The grant events are handled after the sweep asked for C's renewal: its own grant does not close its task.
    const handled = `SELECT 1 FROM event_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.person_id = $1 AND e.type = 'consent.granted' AND d.handler = 'referrals.consent_renewal'`;
    await eventually(async () => (await hub.db.query(handled, [person])).length === 3, 15_000, 'grant events handled');
    expect((await tasksOf(person, 'OPEN')).map((t) => t.dueAt)).toEqual([other.expiresAt]);
  });
});
