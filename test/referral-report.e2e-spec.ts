import { type AuditWorld, startAuditWorld } from './support/audit-world.js';

/** The referral report: what became of the referrals sent in a period, by service, with small counts suppressed. */
describe('the referral report', () => {
  let world: AuditWorld;
  let housing: string;
  const SENT_AT = '2026-01-05T09:00:00Z';
  const PERIOD = { from: '2026-01-01', to: '2026-02-01' };

  const REPORT = `query($input: ReferralReportInput!) { referralReport(input: $input) { from to scope direction suppressionThreshold
    total { ...row } services { ...row } } }
    fragment row on ReferralReportRow { serviceCode sent accepted declined withdrawnBeforeAnswer awaitingAnswer answeredInTime awaitingAnswerPastDue
      started startedInTime acceptedNotStartedPastDue completed withdrawnAfterAcceptance medianHoursToAnswer medianHoursToStart suppressed }`;
  type Row = Record<string, number | string | string[] | null>;
  interface Report {
    referralReport: {
      from: string;
      to: string;
      scope: string;
      direction: string | null;
      suppressionThreshold: number;
      total: Row;
      services: Row[];
    };
  }

  const act = (who: string, mutation: string, variables: Record<string, unknown>) =>
    world.ok<Record<string, { id: string }>>(who, mutation, variables);
  const send = async (personId: string, serviceCode: string) =>
    (
      await act('probation.officer', `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`, {
        input: { personId, toOrganisationId: housing, serviceCode, reason: 'Needs support', sharedCategories: [] },
      })
    ).sendReferral.id;
  const step = (name: string, id: string) => act('housing.worker', `mutation($id: ID!) { ${name}(id: $id) { id } }`, { id });
  const withReason = (who: string, name: string, referralId: string) =>
    act(who, `mutation($input: ReferralReasonInput!) { ${name}(input: $input) { id } }`, {
      input: { referralId, reason: 'No longer needed' },
    });
  /** Moves a step of the referral to `hours` after its sending (the test's clock). */
  const at = (id: string, action: string, hours: number) =>
    world.hub.db.query(
      `UPDATE referral_transition SET at = $2::timestamptz + make_interval(hours => $3) WHERE referral_id = $1 AND action = $4`,
      [id, SENT_AT, hours, action],
    );

  beforeAll(async () => {
    world = await startAuditWorld();
    housing = world.orgs['Safe Harbour Housing Trust'];
    const person = await world.person('Report', false);
    const ids: string[] = [];
    // Accommodation support (answer due in 72 hours): 20 sent.
    for (let i = 0; i < 15; i++) {
      const id = await send(person, 'accommodation_support');
      ids.push(id);
      await step('acceptReferral', id);
      await at(id, 'accept', i < 12 ? 10 : 80); // three answered late
      if (i < 10) {
        await step('startReferral', id);
        await at(id, 'start', (i < 12 ? 10 : 80) + 48);
        if (i < 5) {
          await act('housing.worker', `mutation($id: ID!) { completeReferral(input: { referralId: $id, outcome: ACHIEVED }) { id } }`, {
            id,
          });
          await at(id, 'complete', 200);
        }
      }
    }
    for (let i = 0; i < 5; i++) {
      const id = await send(person, 'accommodation_support');
      ids.push(id);
      await withReason('housing.worker', 'declineReferral', id);
      await at(id, 'decline', 20);
    }
    // Finance and ID (answer due in 120 hours): 6 never answered, 1 withdrawn before an answer.
    for (let i = 0; i < 6; i++) ids.push(await send(person, 'finance_and_id'));
    const withdrawn = await send(person, 'finance_and_id');
    ids.push(withdrawn);
    await withReason('probation.officer', 'withdrawReferral', withdrawn);
    await at(withdrawn, 'withdraw', 30);
    await world.hub.db.query(`UPDATE referral SET sent_at = $2 WHERE id = ANY($1::uuid[])`, [ids, SENT_AT]);
    await world.hub.db.query(`UPDATE referral_transition SET at = $2 WHERE referral_id = ANY($1::uuid[]) AND action = 'send'`, [
      ids,
      SENT_AT,
    ]);
    // One sent outside the period: never counted.
    const later = await send(person, 'accommodation_support');
    await world.hub.db.query(`UPDATE referral SET sent_at = '2026-03-01T09:00:00Z' WHERE id = $1`, [later]);
  });
  afterAll(() => world.hub.close());

  const accommodation = {
    serviceCode: 'accommodation_support',
    sent: 20,
    accepted: 15,
    declined: 5,
    withdrawnBeforeAnswer: 0,
    awaitingAnswer: 0,
    answeredInTime: 17,
    awaitingAnswerPastDue: 0,
    started: 10,
    startedInTime: 10,
    acceptedNotStartedPastDue: 5, // accepted in January, never started
    completed: 5,
    withdrawnAfterAcceptance: 0,
    medianHoursToAnswer: 10, // 12 at 10 h, 5 at 20 h, 3 at 80 h
    medianHoursToStart: 48,
    suppressed: [],
  };
  const EVERY_MEASURE = [
    'sent',
    'accepted',
    'declined',
    'withdrawnBeforeAnswer',
    'awaitingAnswer',
    'answeredInTime',
    'awaitingAnswerPastDue',
    'started',
    'startedInTime',
    'acceptedNotStartedPastDue',
    'completed',
    'withdrawnAfterAcceptance',
    'medianHoursToAnswer',
    'medianHoursToStart',
  ];
  const withheld = (serviceCode: string | null) => ({
    serviceCode,
    ...Object.fromEntries(EVERY_MEASURE.map((m) => [m, null])),
    suppressed: EVERY_MEASURE,
  });
  // Finance and ID: 6 awaiting an answer and 1 withdrawn before one. The 1 is small, and its row's other
  // counts (sent, awaiting, past due) would give it away: the row is withheld whole.
  const finance = withheld('finance_and_id');
  // The total holds the same 1 withdrawn: withheld whole too (or the finance row could be worked out from it).
  const total = withheld(null);

  it("gives the receiving manager its organisation's referrals by service: answered, in time, started, completed, at risk; small counts suppressed", async () => {
    const report = (await world.ok<Report>('housing.manager', REPORT, { input: PERIOD })).referralReport;
    expect(report).toMatchObject({ ...PERIOD, scope: `organisation ${housing}`, direction: 'RECEIVED', suppressionThreshold: 5 });
    expect(report.services).toEqual([accommodation, finance]);
    expect(report.total).toEqual(total);
  });

  it('gives the sender the same referrals as sent; all organisations to hub admins and commissioners; nothing to caseworkers or for another organisation', async () => {
    const sent = (await world.ok<Report>('probation.manager', REPORT, { input: { ...PERIOD, direction: 'SENT' } })).referralReport;
    expect(sent.direction).toBe('SENT');
    expect(sent.services).toEqual([accommodation, finance]);
    const received = (await world.ok<Report>('probation.manager', REPORT, { input: PERIOD })).referralReport;
    expect(received.services).toEqual([]);
    expect(received.total).toMatchObject({ sent: 0, accepted: 0, suppressed: [] });

    const all = (await world.ok<Report>('commissioner', REPORT, { input: PERIOD })).referralReport;
    expect(all).toMatchObject({ scope: 'all organisations', direction: null });
    expect(all.services).toEqual([accommodation, finance]);
    const one = (await world.ok<Report>('hub.admin', REPORT, { input: { ...PERIOD, organisationId: housing } })).referralReport;
    expect(one.services).toEqual([accommodation, finance]);

    const code = async (who: string, input: Record<string, unknown>) =>
      (await world.gql(who, REPORT, { input })).errors?.[0].extensions?.code;
    expect(await code('housing.worker', PERIOD)).toBe('FORBIDDEN');
    expect(await code('housing.manager', { ...PERIOD, organisationId: world.orgs['North West Probation Region'] })).toBe('FORBIDDEN');
    expect(await code('housing.manager', { from: '2026-02-01', to: '2026-01-01' })).toBe('BAD_USER_INPUT');
    expect(await code('housing.manager', { ...PERIOD, threshold: 2 })).toBe('BAD_USER_INPUT');
  });

  it('a higher threshold hides more; running the report is recorded', async () => {
    const before = Number(
      (await world.hub.db.query(`SELECT count(*) FROM outbox_event WHERE type = 'report.run' AND payload->>'report' = 'referrals'`))[0]
        .count,
    );
    const report = (await world.ok<Report>('housing.manager', REPORT, { input: { ...PERIOD, threshold: 8 } })).referralReport;
    expect(report.suppressionThreshold).toBe(8);
    // At 8, accommodation's 5 declined (and 5 completed, 5 not started) are small: its row goes too.
    expect(report.services).toEqual([withheld('accommodation_support'), finance]);
    expect(report.total).toEqual(total);
    const after = Number(
      (await world.hub.db.query(`SELECT count(*) FROM outbox_event WHERE type = 'report.run' AND payload->>'report' = 'referrals'`))[0]
        .count,
    );
    expect(after).toBe(before + 1);
  });

  it("counts days in Europe/London: a referral sent at 00:30 on 1 July (BST) is July's, not June's", async () => {
    const person = await world.person('Summer', false);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await send(person, 'accommodation_support'));
    await world.hub.db.query(`UPDATE referral SET sent_at = '2026-06-30T23:30:00Z' WHERE id = ANY($1::uuid[])`, [ids]);
    const june = (await world.ok<Report>('hub.admin', REPORT, { input: { from: '2026-06-01', to: '2026-07-01' } })).referralReport;
    expect(june.total.sent).toBe(0);
    const july = (await world.ok<Report>('hub.admin', REPORT, { input: { from: '2026-07-01', to: '2026-08-01' } })).referralReport;
    expect(july.services).toEqual([
      expect.objectContaining({
        serviceCode: 'accommodation_support',
        sent: 5,
        awaitingAnswer: 5,
        awaitingAnswerPastDue: 5,
        suppressed: [],
      }),
    ]);
  });

  it('is a CSV file too, with the same numbers', async () => {
    const token = await world.hub.tokenFor('housing.manager');
    const res = await world.hub.http().get('/reports/referrals.csv').query(PERIOD).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = res.text
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(header.slice(0, 3)).toEqual(['service', 'sent', 'accepted']);
    const byService = Object.fromEntries(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    expect(Object.keys(byService)).toEqual(['all', 'accommodation_support', 'finance_and_id']);
    expect(byService.accommodation_support).toMatchObject({
      sent: '20',
      answeredInTime: '17',
      acceptedNotStartedPastDue: '5',
      medianHoursToAnswer: '10',
      suppressed: '',
    });
    expect(byService.finance_and_id).toMatchObject({ sent: '', awaitingAnswer: '', awaitingAnswerPastDue: '', medianHoursToAnswer: '' });
    expect(byService.all).toMatchObject({ sent: '', accepted: '' });
    const refused = await world.hub
      .http()
      .get('/reports/referrals.csv')
      .query(PERIOD)
      .set('authorization', `Bearer ${await world.hub.tokenFor('housing.worker')}`);
    expect(refused.status).toBe(403);
  });
});
