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
  type Report = { referralReport: { from: string; to: string; scope: string; direction: string | null; suppressionThreshold: number; total: Row; services: Row[] } };

  const act = (who: string, mutation: string, variables: Record<string, unknown>) => world.ok<Record<string, { id: string }>>(who, mutation, variables);
  const send = async (personId: string, serviceCode: string) =>
    (
      await act('probation.officer', `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`, {
        input: { personId, toOrganisationId: housing, serviceCode, reason: 'Needs support', sharedCategories: [] },
      })
    ).sendReferral.id;
  const step = (name: string, id: string) => act('housing.worker', `mutation($id: ID!) { ${name}(id: $id) { id } }`, { id });
  const withReason = (who: string, name: string, referralId: string) => act(who, `mutation($input: ReferralReasonInput!) { ${name}(input: $input) { id } }`, { input: { referralId, reason: 'No longer needed' } });
  /** Moves a step of the referral to `hours` after its sending (the test's clock). */
  const at = (id: string, action: string, hours: number) =>
    world.hub.db.query(`UPDATE referral_transition SET at = $2::timestamptz + make_interval(hours => $3) WHERE referral_id = $1 AND action = $4`, [id, SENT_AT, hours, action]);

  beforeAll(async () => {
    world = await startAuditWorld();
    housing = world.orgs['Safe Harbour Housing Trust'];
    const person = await world.person('Report', false);
    const ids: string[] = [];
    // Accommodation support (answer due in 72 hours): 15 sent.
    for (let i = 0; i < 10; i++) {
      const id = await send(person, 'accommodation_support');
      ids.push(id);
      await step('acceptReferral', id);
      await at(id, 'accept', i < 8 ? 10 : 80); // two answered late
      if (i < 6) {
        await step('startReferral', id);
        await at(id, 'start', (i < 8 ? 10 : 80) + 48);
        if (i < 5) {
          await step('completeReferral', id);
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
    await world.hub.db.query(`UPDATE referral_transition SET at = $2 WHERE referral_id = ANY($1::uuid[]) AND action = 'send'`, [ids, SENT_AT]);
    // One sent outside the period: never counted.
    const later = await send(person, 'accommodation_support');
    await world.hub.db.query(`UPDATE referral SET sent_at = '2026-03-01T09:00:00Z' WHERE id = $1`, [later]);
  });
  afterAll(() => world.hub.close());

  const accommodation = {
    serviceCode: 'accommodation_support',
    sent: 15,
    accepted: 10,
    declined: 5,
    withdrawnBeforeAnswer: 0,
    awaitingAnswer: 0,
    answeredInTime: 13,
    awaitingAnswerPastDue: 0,
    started: 6,
    startedInTime: 6,
    acceptedNotStartedPastDue: null, // 4: suppressed
    completed: 5,
    withdrawnAfterAcceptance: 0,
    medianHoursToAnswer: 10, // 8 at 10 h, 5 at 20 h, 2 at 80 h
    medianHoursToStart: 48,
    suppressed: ['acceptedNotStartedPastDue'],
  };
  const finance = {
    serviceCode: 'finance_and_id',
    sent: 7,
    accepted: 0,
    declined: 0,
    withdrawnBeforeAnswer: null, // 1: suppressed
    awaitingAnswer: null, // 6, hidden too: otherwise 7 - 6 would give the 1 away
    answeredInTime: 0,
    awaitingAnswerPastDue: 6,
    started: 0,
    startedInTime: 0,
    acceptedNotStartedPastDue: 0,
    completed: 0,
    withdrawnAfterAcceptance: 0,
    medianHoursToAnswer: null,
    medianHoursToStart: null,
    suppressed: ['withdrawnBeforeAnswer', 'awaitingAnswer'],
  };
  const total = {
    serviceCode: null,
    sent: 22,
    accepted: 10,
    declined: null, // the smallest other outcome, hidden so the withdrawn 1 cannot be worked out
    withdrawnBeforeAnswer: null,
    awaitingAnswer: 6,
    answeredInTime: 13,
    awaitingAnswerPastDue: 6,
    started: 6,
    startedInTime: 6,
    acceptedNotStartedPastDue: null,
    completed: 5,
    withdrawnAfterAcceptance: 0,
    medianHoursToAnswer: 10,
    medianHoursToStart: 48,
    suppressed: ['declined', 'withdrawnBeforeAnswer', 'acceptedNotStartedPastDue'],
  };

  it("gives the receiving manager its organisation's referrals by service: answered, in time, started, completed, at risk; small counts suppressed", async () => {
    const report = (await world.ok<Report>('housing.manager', REPORT, { input: PERIOD })).referralReport;
    expect(report).toMatchObject({ ...PERIOD, scope: `organisation ${housing}`, direction: 'RECEIVED', suppressionThreshold: 5 });
    expect(report.services).toEqual([accommodation, finance]);
    expect({ ...report.total, suppressed: [...(report.total.suppressed as string[])].sort() }).toEqual({ ...total, suppressed: [...total.suppressed].sort() });
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

    const code = async (who: string, input: Record<string, unknown>) => (await world.gql(who, REPORT, { input })).errors?.[0].extensions?.code;
    expect(await code('housing.worker', PERIOD)).toBe('FORBIDDEN');
    expect(await code('housing.manager', { ...PERIOD, organisationId: world.orgs['North West Probation Region'] })).toBe('FORBIDDEN');
    expect(await code('housing.manager', { from: '2026-02-01', to: '2026-01-01' })).toBe('BAD_USER_INPUT');
    expect(await code('housing.manager', { ...PERIOD, threshold: 2 })).toBe('BAD_USER_INPUT');
  });

  it('a higher threshold hides more; running the report is recorded', async () => {
    const before = Number((await world.hub.db.query(`SELECT count(*) FROM outbox_event WHERE type = 'report.run' AND payload->>'report' = 'referrals'`))[0].count);
    const report = (await world.ok<Report>('housing.manager', REPORT, { input: { ...PERIOD, threshold: 8 } })).referralReport;
    expect(report.suppressionThreshold).toBe(8);
    // finance_and_id's 7 sent is now small: its row goes, and with it, by subtraction from the total, the smallest other service's.
    expect(report.services.map((r) => [r.serviceCode, r.sent])).toEqual([
      ['accommodation_support', null],
      ['finance_and_id', null],
    ]);
    expect(report.total).toMatchObject({ sent: 22, started: null, completed: null, medianHoursToStart: null, medianHoursToAnswer: 10 });
    const after = Number((await world.hub.db.query(`SELECT count(*) FROM outbox_event WHERE type = 'report.run' AND payload->>'report' = 'referrals'`))[0].count);
    expect(after).toBe(before + 1);
  });

  it('is a CSV file too, with the same numbers', async () => {
    const token = await world.hub.tokenFor('housing.manager');
    const res = await world.hub.http().get('/reports/referrals.csv').query(PERIOD).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = res.text.trimEnd().split('\r\n').map((l) => l.split(','));
    expect(header.slice(0, 3)).toEqual(['service', 'sent', 'accepted']);
    const byService = Object.fromEntries(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    expect(Object.keys(byService)).toEqual(['all', 'accommodation_support', 'finance_and_id']);
    expect(byService.accommodation_support).toMatchObject({ sent: '15', answeredInTime: '13', acceptedNotStartedPastDue: '', medianHoursToAnswer: '10', suppressed: 'acceptedNotStartedPastDue' });
    expect(byService.finance_and_id).toMatchObject({ sent: '7', awaitingAnswer: '', awaitingAnswerPastDue: '6' });
    const refused = await world.hub.http().get('/reports/referrals.csv').query(PERIOD).set('authorization', `Bearer ${await world.hub.tokenFor('housing.worker')}`);
    expect(refused.status).toBe(403);
  });
});
