import { NotificationsService } from '../libs/notifications/src/notifications.service.js';
import { eventually, startTestHub, type TestHub } from './support/hub.js';
import { smtpServer } from './support/smtp-server.js';
import { DEMO_DOMAIN } from '../libs/demo/src/demo-world.js';

const at = (who: string) => `${who}@${DEMO_DOMAIN}`;
const PORTAL = 'http://portal.test';

/**
 * Email notifications over a real SMTP server: who gets what (a link and one sentence, never a
 * name), each user's choices, the access policy asked again when an email goes, retries and failure.
 */
describe('email notifications', () => {
  const smtp = smtpServer();
  let port: number;
  let hub: TestHub;
  let orgs: Record<string, string>;
  let users: Record<string, string>;
  const mailTo = (who: string) => smtp.received.filter((m) => m.to.includes(at(who)));

  beforeAll(async () => {
    port = await smtp.start();
    hub = await startTestHub({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: PORTAL, MAIL_MAX_ATTEMPTS: '2' });
    const res = await hub.gql<{ organisations: { id: string; name: string }[] }>(
      `{ organisations { id name } }`,
      {},
      await hub.tokenFor('probation.officer'),
    );
    orgs = Object.fromEntries(res.data!.organisations.map((o) => [o.name, o.id]));
    const rows: { id: string; email: string }[] = await hub.db.query('SELECT id, email FROM user_account');
    users = Object.fromEntries(rows.map((r) => [r.email.split('@')[0], r.id]));
  });
  afterAll(async () => {
    await hub.close();
    await smtp.stop();
  });

  async function ok<T>(query: string, variables: Record<string, unknown>, who: string): Promise<T> {
    const res = await hub.gql<T>(query, variables, await hub.tokenFor(who));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  let seq = 0;
  async function person(): Promise<string> {
    seq++;
    const data = await ok<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: `Mailtest${seq}`,
          familyName: `Zephyrine${seq}`,
          dateOfBirth: '1990-01-01',
          region: 'north_west',
          identifiers: [],
          confirmNew: true,
        },
      },
      'probation.officer',
    );
    return data.createPerson.person.id;
  }

  async function refer(personId: string): Promise<string> {
    const data = await ok<{ sendReferral: { id: string } }>(
      `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`,
      {
        input: {
          personId,
          toOrganisationId: orgs['Safe Harbour Housing Trust'],
          serviceCode: 'accommodation_support',
          reason: 'Needs a tenancy',
          sharedCategories: [],
        },
      },
      'probation.officer',
    );
    return data.sendReferral.id;
  }

  const assign = async (who: string, input: Record<string, unknown>) =>
    hub.gql<{ assignTask: { id: string } }>(
      `mutation($input: AssignTaskInput!) { assignTask(input: $input) { id kind title assignedTo assignedByMe } }`,
      {
        input: {
          title: 'Ring about the tenancy',
          description: 'They asked for a call back.',
          dueOn: new Date().toISOString().slice(0, 10),
          ...input,
        },
      },
      await hub.tokenFor(who),
    );

  const notificationsOf = (userId: string): Promise<{ kind: string; status: string; attempts: unknown[]; reason: string | null }[]> =>
    hub.db.query('SELECT kind, status, attempts, reason FROM notification WHERE user_id = $1 ORDER BY created_at, id', [userId]);

  it('emails the receiving caseworkers when a referral arrives, and the sender when it is answered: a link, never a name', async () => {
    const id = await person();
    await refer(id);
    const [worker] = await eventually(
      async () => (mailTo('housing.worker').length ? mailTo('housing.worker') : null),
      20_000,
      'email to the housing worker',
    );
    await eventually(async () => mailTo('housing.manager').length > 0, 20_000, 'email to the housing manager');
    expect(worker.raw).toMatch(/Subject: Rehab Hub: New referral for your organisation/);
    expect(worker.raw).toContain(`${PORTAL}/referrals`);
    for (const word of ['Mailtest', 'Zephyrine', 'accommodation', 'tenancy', id]) expect(worker.raw).not.toContain(word);
    // Nobody outside the receiving organisation hears of it; the sender's own organisation neither.
    expect(smtp.received.filter((m) => m.to.some((to) => !to.startsWith('housing.')))).toEqual([]);

    const referralId = (await hub.db.query('SELECT id FROM referral WHERE person_id = $1', [id]))[0].id as string;
    await ok(
      `mutation($input: ReferralReasonInput!) { declineReferral(input: $input) { id } }`,
      { input: { referralId, reason: 'No capacity this month' } },
      'housing.worker',
    );
    const [answered] = await eventually(
      async () => (mailTo('probation.officer').length ? mailTo('probation.officer') : null),
      20_000,
      'answer email',
    );
    expect(answered.raw).toMatch(/Subject: Rehab Hub: A referral you sent has been answered/);
    expect(answered.raw).toContain(`${PORTAL}/referrals/sent`);
    expect(answered.raw).not.toContain('capacity');
    // The record of what was sent, readable by its recipient.
    const sent = await ok<{ notificationsSent: { edges: { node: { kind: string; status: string; path: string } }[] } }>(
      `{ notificationsSent(first: 5) { edges { node { kind status path } } } }`,
      {},
      'probation.officer',
    );
    expect(sent.notificationsSent.edges.map((e) => e.node)).toEqual([
      { kind: 'REFERRAL_ANSWERED', status: 'sent', path: '/referrals/sent' },
    ]);
  });

  it('sends nothing of a kind a user turned off, or anything when they chose none', async () => {
    const settings = await ok<{ updateNotificationSettings: { delivery: string; kinds: { kind: string; enabled: boolean }[] } }>(
      `mutation($input: NotificationSettingsInput!) { updateNotificationSettings(input: $input) { delivery kinds { kind enabled } emailConfigured } }`,
      { input: { delivery: 'IMMEDIATE', disabledKinds: ['REFERRAL_RECEIVED'] } },
      'housing.manager',
    );
    expect(settings.updateNotificationSettings.kinds.find((k) => k.kind === 'REFERRAL_RECEIVED')!.enabled).toBe(false);
    const managerBefore = mailTo('housing.manager').length;
    const workerBefore = mailTo('housing.worker').length;
    await refer(await person());
    await eventually(async () => mailTo('housing.worker').length > workerBefore, 20_000, 'email to the housing worker');
    await hub.app.get(NotificationsService).digestSweep();
    expect(mailTo('housing.manager')).toHaveLength(managerBefore);
    // Not even recorded: the worker's notification (of the same event) was the only one made.
    expect((await notificationsOf(users['housing.manager'])).filter((n) => n.kind === 'referral_received')).toHaveLength(1);
    // The change is audited like every write.
    const [audit] = await hub.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'notification_settings.updated' OR detail->>'event' = 'notification_settings.updated'`,
    );
    expect(audit.n).toBeGreaterThan(0);
  });

  it('assigns a task to a colleague, who is emailed; refuses an assignee who may not see the person with NOT_FOUND', async () => {
    const id = await person();
    const res = await assign('probation.officer', { personId: id, assigneeUserId: users['probation.manager'] });
    expect(res.errors).toBeUndefined();
    const [mail] = await eventually(
      async () => (mailTo('probation.manager').length ? mailTo('probation.manager') : null),
      20_000,
      'task email',
    );
    expect(mail.raw).toMatch(/Subject: Rehab Hub: You have been assigned a task/);
    expect(mail.raw).toContain(`${PORTAL}/tasks`);
    for (const word of ['Ring about', 'call back', 'Mailtest']) expect(mail.raw).not.toContain(word);
    const mine = await ok<{ tasks: { edges: { node: { id: string; title: string; assignedTo: string } }[] } }>(
      `{ tasks(first: 20, assignedToMe: true) { edges { node { id title assignedTo } } } }`,
      {},
      'probation.manager',
    );
    expect(mine.tasks.edges.map((e) => e.node)).toEqual([
      { id: res.data!.assignTask.id, title: 'Ring about the tenancy', assignedTo: 'Martin Manager' },
    ]);

    // The officer is excluded from a record: nobody may assign them a task about it, and the answer is a missing person's.
    const excluded = await person();
    await ok(
      `mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id } }`,
      {
        input: {
          personId: excluded,
          kind: 'EXCLUSION',
          userIds: [users['probation.officer']],
          reason: 'Related to the officer',
          reviewOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        },
      },
      'probation.manager',
    );
    const refused = await assign('probation.manager', { personId: excluded, assigneeUserId: users['probation.officer'] });
    const missing = await assign('probation.manager', {
      personId: '00000000-0000-4000-8000-000000000000',
      assigneeUserId: users['probation.officer'],
    });
    expect(refused.errors?.[0]).toMatchObject({ message: missing.errors?.[0].message, extensions: { code: 'NOT_FOUND' } });
    // A colleague of another organisation is not one.
    expect(
      (await assign('probation.manager', { personId: id, assigneeUserId: users['housing.worker'] })).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    // Limits on what is written.
    expect(
      (await assign('probation.officer', { personId: id, assigneeUserId: users['probation.manager'], description: 'x'.repeat(2001) }))
        .errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await assign('probation.officer', { personId: id, assigneeUserId: users['probation.manager'], dueOn: '2020-01-01' })).errors?.[0]
        .extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it("lists whom a task may be assigned to (the organisation's active caseworkers and managers), and names who assigned a task", async () => {
    const listed = await ok<{ colleagues: { id: string; name: string }[] }>('{ colleagues { id name } }', {}, 'probation.officer');
    // Not the admins, the commissioner or the data protection officer, nor another organisation's staff.
    expect(listed.colleagues).toEqual([
      { id: users['probation.manager'], name: 'Martin Manager' },
      { id: users['probation.officer'], name: 'Priya Officer' },
    ]);
    const refused = await hub.gql('{ colleagues { id } }', {}, await hub.tokenFor('probation.dpo'));
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const id = await person();
    // To the manager (the officer's own emails are counted by the next test).
    const res = await assign('probation.officer', { personId: id, assigneeUserId: users['probation.manager'], title: 'Check the address' });
    expect(res.errors).toBeUndefined();
    const seen = await ok<{ tasks: { edges: { node: { id: string; kind: string; assignedBy: string | null; assignedByMe: boolean } }[] } }>(
      `{ tasks(first: 100) { edges { node { id kind assignedBy assignedByMe } } } }`,
      {},
      'probation.manager',
    );
    const nodes = seen.tasks.edges.map((e) => e.node);
    expect(nodes.find((t) => t.id === res.data!.assignTask.id)).toMatchObject({ assignedBy: 'Priya Officer', assignedByMe: false });
  });

  it('sends nothing to a recipient who may no longer see the person when the email is due (a daily digest)', async () => {
    await ok(
      `mutation($input: NotificationSettingsInput!) { updateNotificationSettings(input: $input) { delivery } }`,
      { input: { delivery: 'DAILY_DIGEST', disabledKinds: [] } },
      'probation.officer',
    );
    const id = await person();
    const before = mailTo('probation.officer').length;
    expect((await assign('probation.manager', { personId: id, assigneeUserId: users['probation.officer'] })).errors).toBeUndefined();
    await eventually(
      async () => (await notificationsOf(users['probation.officer'])).some((n) => n.status === 'digest'),
      20_000,
      'digest queued',
    );
    await ok(
      `mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id } }`,
      {
        input: {
          personId: id,
          kind: 'EXCLUSION',
          userIds: [users['probation.officer']],
          reason: 'A conflict of interest',
          reviewOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        },
      },
      'probation.manager',
    );
    expect(await hub.app.get(NotificationsService).sendDigest(users['probation.officer'])).toBe('withheld');
    expect(mailTo('probation.officer')).toHaveLength(before);
    const withheld = (await notificationsOf(users['probation.officer'])).filter((n) => n.kind === 'task_assigned');
    expect(withheld.map((n) => [n.status, n.reason])).toEqual([['withheld', 'the recipient may no longer see what it is about']]);
  });

  it('retries when the SMTP server is down, then records the email as failed', async () => {
    await smtp.stop();
    const id = await person();
    expect((await assign('probation.officer', { personId: id, assigneeUserId: users['probation.manager'] })).errors).toBeUndefined();
    const failed = await eventually(
      async () => (await notificationsOf(users['probation.manager'])).find((n) => n.status === 'failed'),
      30_000,
      'failed after retries',
    );
    // MAIL_MAX_ATTEMPTS=2: the first attempt and one retry, each recorded.
    expect(failed.attempts).toHaveLength(2);
    expect(failed.reason).toBe('ESOCKET');
    await smtp.start(port);
  });
});
