import { nodes, type Page, startTestHub, type TestHub } from './support/hub.js';

/**
 * The referral journey as a caseworker lives it: before sending, a preview of what the receiver would
 * see (the access policy's answer), the basis, and whether the receiver already works with the person;
 * accepting never adds a second involvement for an organisation already involved; completing says
 * what came of it and keeps the referral in the lists' history; the lists count, filter and name
 * contacts; tasks and automatic referrals read in plain words, old rows too.
 */
describe('the referral journey', () => {
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

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const res = await hub.gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }
  const code = async (query: string, variables: Record<string, unknown>, token: string) =>
    (await hub.gql(query, variables, token)).errors?.[0].extensions?.code;

  let seq = 0;
  async function person(): Promise<string> {
    seq++;
    const data = await ok<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: `Journey${seq}`,
          familyName: `Person${seq}`,
          dateOfBirth: '1991-02-03',
          region: 'north_west',
          identifiers: [],
          confirmNew: true,
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

  async function send(personId: string, sharedCategories: string[] = [], personAgreed: boolean | null = null): Promise<string> {
    const data = await ok<{ sendReferral: { id: string } }>(
      `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`,
      {
        input: {
          personId,
          toOrganisationId: HOUSING(),
          serviceCode: 'accommodation_support',
          reason: 'Needs a tenancy',
          sharedCategories,
          personAgreed,
        },
      },
      probation,
    );
    return data.sendReferral.id;
  }
  const step = (name: string, id: string) => ok(`mutation($id: ID!) { ${name}(id: $id) { id } }`, { id }, housing);

  const PREVIEW = `query($input: ReferralPreviewInput!) { referralPreview(input: $input) {
    receiverName receiverSees youMayShare basis basisId alreadyWorksWith worksWithAs worksWithSince openReferralsFromYou } }`;
  const preview = async (personId: string, sharedCategories: string[] = []) =>
    (
      await ok<{ referralPreview: Record<string, unknown> }>(
        PREVIEW,
        { input: { personId, toOrganisationId: HOUSING(), sharedCategories } },
        probation,
      )
    ).referralPreview;

  it('previews what the receiver would see (through the access policy), the basis, and whether it already works with the person', async () => {
    const id = await person();
    // The demo's sharing agreement of probation and housing is the basis until the person consents.
    expect(await preview(id)).toEqual({
      receiverName: 'Safe Harbour Housing Trust',
      receiverSees: ['IDENTITY'],
      youMayShare: [],
      basis: 'AGREEMENT',
      basisId: expect.any(String),
      alreadyWorksWith: false,
      worksWithAs: null,
      worksWithSince: null,
      openReferralsFromYou: 0,
    });
    const agreed = (await preview(id)).basisId;
    expect(await hub.db.query(`SELECT 1 FROM sharing_agreement WHERE id = $1`, [agreed])).toHaveLength(1);
    await consent(id, 'ACCOMMODATION', HOUSING());
    const [consentRow] = (await hub.db.query(`SELECT id FROM consent WHERE person_id = $1`, [id])) as { id: string }[];
    // Sharing only identity, the agreement is still the basis; sharing accommodation, the person's consent is (confirm it with them).
    expect(await preview(id)).toMatchObject({ basis: 'AGREEMENT', basisId: agreed });
    const before = await preview(id, ['ACCOMMODATION']);
    expect(before).toMatchObject({ basis: 'CONSENT', basisId: consentRow.id, alreadyWorksWith: false });
    expect(before.receiverSees).toEqual(['ACCOMMODATION', 'IDENTITY']);
    expect(before.youMayShare).toEqual(['ACCOMMODATION']);
    // The same categories the hub lets the sender share when sending: the preview is the policy's answer, not another rule.
    const refused = await hub.gql(
      `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`,
      {
        input: {
          personId: id,
          toOrganisationId: HOUSING(),
          serviceCode: 'accommodation_support',
          reason: 'Needs a tenancy',
          sharedCategories: ['HEALTH'],
        },
      },
      probation,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const r = await send(id, ['ACCOMMODATION']);
    expect(await preview(id)).toMatchObject({ alreadyWorksWith: false, openReferralsFromYou: 1 });
    await step('acceptReferral', r);
    expect(await preview(id)).toMatchObject({ alreadyWorksWith: true, worksWithAs: 'PROVIDER', worksWithSince: expect.any(String) });

    // Refused plainly: your own organisation, a person you may not see, a malformed id.
    expect(await code(PREVIEW, { input: { personId: id, toOrganisationId: orgs['North West Probation Region'] } }, probation)).toBe(
      'BAD_USER_INPUT',
    );
    const stranger = await person();
    expect(await code(PREVIEW, { input: { personId: stranger, toOrganisationId: orgs['North West Probation Region'] } }, housing)).toBe(
      'NOT_FOUND',
    );
    expect(await code(PREVIEW, { input: { personId: 'nope', toOrganisationId: HOUSING() } }, probation)).toBe('BAD_USER_INPUT');
  });

  it('accepting a second referral keeps one involvement for an organisation already working with the person', async () => {
    const id = await person();
    await consent(id, 'REFERRAL', HOUSING());
    const first = await send(id);
    await step('acceptReferral', first);
    const second = await send(id);
    await step('acceptReferral', second);
    const involvements = await ok<{ person: { involvements: { organisationId: string; role: string }[] } }>(
      `query($id: ID!) { person(id: $id) { involvements { organisationId role } } }`,
      { id },
      housing,
    );
    expect(involvements.person.involvements.filter((i) => i.organisationId === HOUSING())).toEqual([
      { organisationId: HOUSING(), role: 'PROVIDER' },
    ]);
    const added = (await hub.db.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE person_id = $1 AND type = 'person.involvement_added'`,
      [id],
    )) as { n: number }[];
    // The housing trust's, once.
    expect(added[0].n).toBe(1);
    // Both referrals were accepted, each with its step recorded.
    const steps = (await hub.db.query(
      `SELECT count(*)::int AS n FROM referral_transition WHERE referral_id = ANY($1::uuid[]) AND action = 'accept'`,
      [[first, second]],
    )) as { n: number }[];
    expect(steps[0].n).toBe(2);
  });

  it('completing says what came of it (a required outcome, an optional note) and keeps it in both sides’ history, counted and filtered', async () => {
    const id = await person();
    await consent(id, 'REFERRAL', HOUSING());
    const r = await send(id);
    await step('acceptReferral', r);
    await step('startReferral', r);
    const COMPLETE = `mutation($input: CompleteReferralInput!) { completeReferral(input: $input) { state outcome outcomeNote transitions { action reason } } }`;
    // No outcome, an unknown one, or a note too long: refused, nothing recorded.
    expect(await code(COMPLETE, { input: { referralId: r } }, housing)).toBeDefined();
    expect(await code(COMPLETE, { input: { referralId: r, outcome: 'MAYBE' } }, housing)).toBeDefined();
    expect(await code(COMPLETE, { input: { referralId: r, outcome: 'ACHIEVED', note: 'x'.repeat(2001) } }, housing)).toBe('BAD_USER_INPUT');
    // The sender cannot complete it.
    expect(await code(COMPLETE, { input: { referralId: r, outcome: 'ACHIEVED' } }, probation)).toBe('FORBIDDEN');
    const done = await ok<{
      completeReferral: { state: string; outcome: string; outcomeNote: string; transitions: { action: string; reason: string | null }[] };
    }>(COMPLETE, { input: { referralId: r, outcome: 'PARTLY_ACHIEVED', note: '  Tenancy found; deposit still owed  ' } }, housing);
    expect(done.completeReferral).toMatchObject({
      state: 'COMPLETED',
      outcome: 'PARTLY_ACHIEVED',
      outcomeNote: 'Tenancy found; deposit still owed',
    });
    expect(done.completeReferral.transitions.at(-1)).toEqual({
      action: 'complete',
      reason: 'Partly achieved: Tenancy found; deposit still owed',
    });
    const event = (await hub.db.query(`SELECT payload FROM outbox_event WHERE aggregate_id = $1 AND type = 'referral.completed'`, [r])) as {
      payload: Record<string, unknown>;
    }[];
    expect(event).toHaveLength(1);
    expect(JSON.stringify(event[0].payload)).not.toContain('deposit');

    // The history: finished referrals, both sides, paged, filtered by service.
    const history = `query($s: [ReferralState!], $svc: String) {
      inbox: referralInbox(states: $s, serviceCode: $svc, first: 50) { edges { node { id outcome } } }
      sent: sentReferrals(states: $s, serviceCode: $svc, first: 50) { edges { node { id outcome } } } }`;
    const finished = ['COMPLETED', 'DECLINED', 'WITHDRAWN'];
    const seen = await ok<{ inbox: Page<{ id: string }>; sent: Page<{ id: string }> }>(
      history,
      { s: finished, svc: 'accommodation_support' },
      housing,
    );
    expect(nodes(seen.inbox).map((x) => x.id)).toContain(r);
    const theirs = await ok<{ inbox: Page<{ id: string }>; sent: Page<{ id: string }> }>(history, { s: finished, svc: null }, probation);
    expect(nodes(theirs.sent)).toContainEqual({ id: r, outcome: 'PARTLY_ACHIEVED' });
    const other = await ok<{ inbox: Page<{ id: string }> }>(history, { s: finished, svc: 'mental_health_support' }, housing);
    expect(nodes(other.inbox).map((x) => x.id)).not.toContain(r);
    expect(await code(history, { s: finished, svc: 'Not A Code!' }, housing)).toBe('BAD_USER_INPUT');

    // Counts per state, as the lists count them; another service's are apart.
    const COUNTS = `query($d: ReferralDirection!, $svc: String) { referralCounts(direction: $d, serviceCode: $svc) { state count } }`;
    const counts = async (token: string, d: string, svc: string | null = null) =>
      Object.fromEntries(
        (await ok<{ referralCounts: { state: string; count: number }[] }>(COUNTS, { d, svc }, token)).referralCounts.map((c) => [
          c.state,
          c.count,
        ]),
      );
    const received = await counts(housing, 'RECEIVED');
    const [db] = (await hub.db.query(
      `SELECT count(*) FILTER (WHERE state = 'completed')::int AS completed, count(*) FILTER (WHERE state = 'sent')::int AS sent FROM referral WHERE to_organisation_id = $1`,
      [HOUSING()],
    )) as { completed: number; sent: number }[];
    expect(received).toMatchObject({ COMPLETED: db.completed, SENT: db.sent });
    expect(received.DRAFT).toBeUndefined();
    expect((await counts(probation, 'SENT')).COMPLETED).toBeGreaterThanOrEqual(1);
    expect((await counts(housing, 'RECEIVED', 'mental_health_support')).COMPLETED).toBe(0);
  });

  it('names a contact on each side: the person who sent it and the person who accepted it', async () => {
    const id = await person();
    await consent(id, 'REFERRAL', HOUSING());
    const r = await send(id, [], true);
    // The sender's confirmation that the person agreed is kept with the send step.
    const steps = (await hub.db.query(`SELECT action, reason FROM referral_transition WHERE referral_id = $1 ORDER BY id`, [r])) as {
      action: string;
      reason: string | null;
    }[];
    expect(steps).toEqual([
      { action: 'create', reason: null },
      { action: 'send', reason: 'The sender confirmed that the person agreed to this referral' },
    ]);
    const CONTACTS = `query($id: ID!) { referral(id: $id) { automatic sentBy { name email organisationName } acceptedBy { name email organisationName } } }`;
    const users = (await hub.db.query(
      `SELECT email, name FROM user_account WHERE email LIKE 'probation.officer@%' OR email LIKE 'housing.worker@%'`,
    )) as {
      email: string;
      name: string;
    }[];
    const officer = users.find((u) => u.email.startsWith('probation.officer'))!;
    const worker = users.find((u) => u.email.startsWith('housing.worker'))!;
    const before = await ok<{ referral: Record<string, unknown> }>(CONTACTS, { id: r }, housing);
    expect(before.referral).toEqual({
      automatic: false,
      sentBy: { name: officer.name, email: officer.email, organisationName: 'North West Probation Region' },
      acceptedBy: null,
    });
    await step('acceptReferral', r);
    const after = await ok<{ referral: Record<string, unknown> }>(CONTACTS, { id: r }, probation);
    expect(after.referral.acceptedBy).toEqual({ name: worker.name, email: worker.email, organisationName: 'Safe Harbour Housing Trust' });
  });

  it('reads tasks and automatic referrals stored before the plain words in plain words', async () => {
    const id = await person();
    await consent(id, 'REFERRAL', HOUSING());
    const r = await send(id);
    const [rule] = (await hub.db.query(`SELECT rule_id FROM referral_rule LIMIT 1`)) as { rule_id: string }[];
    await hub.db.query(
      `UPDATE referral SET rule_id = $2, rule_version = 1, reason = 'ETE → housing (after intervention.logged)' WHERE id = $1`,
      [r, rule.rule_id],
    );
    const read = await ok<{ referral: { reason: string; automatic: boolean; sentBy: unknown } }>(
      `query($id: ID!) { referral(id: $id) { reason automatic sentBy { name } } }`,
      { id: r },
      housing,
    );
    expect(read.referral).toEqual({
      automatic: true,
      sentBy: null,
      reason:
        'Sent automatically by the hub on behalf of North West Probation Region (not by a person) because work with the person was logged: North West Probation Region asked the hub to refer people in this situation for accommodation support.',
    });

    const [org] = (await hub.db.query(`SELECT organisation_id FROM user_account WHERE email LIKE 'probation.officer@%'`)) as {
      organisation_id: string;
    }[];
    const sustainment = '4b7c1a2e-1111-4222-8333-944455556666';
    await hub.db.query(
      `INSERT INTO task (organisation_id, for_role, person_id, kind, title, detail, status, source_key)
       VALUES ($1, 'caseworker', $2, 'seek_consent', 'Seek consent (accommodation) to refer for accommodation_support',
               'Rule "ETE → housing" (v1) would refer this person to Safe Harbour Housing Trust for accommodation_support after intervention.logged, but no consent for accommodation is in force for it or any other eligible receiver.', 'open', $3),
              ($1, 'caseworker', $2, 'sustainment_check', '4-week in-work check', $4, 'open', $5)`,
      [org.organisation_id, id, `legacy:${id}`, `Job start 4 weeks ago (sustainment ${sustainment})`, `legacy2:${id}`],
    );
    const tasks = nodes(
      (
        await ok<{ tasks: Page<{ personId: string; title: string; detail: string; kind: string }> }>(
          `{ tasks(first: 500) { edges { node { personId kind title detail } } } }`,
          {},
          probation,
        )
      ).tasks,
    ).filter((t) => t.personId === id);
    const seek = tasks.find((t) => t.kind === 'SEEK_CONSENT')!;
    expect(seek.title).toBe(
      'Ask the person whether they agree to share accommodation information, to refer them for accommodation support',
    );
    expect(seek.detail).toBe(
      'The hub would have referred this person automatically to Safe Harbour Housing Trust for accommodation support, because work with the person was logged, but the person has not consented to share accommodation information for it or any other eligible receiver.',
    );
    const check = tasks.find((t) => t.kind === 'SUSTAINMENT_CHECK')!;
    expect(check.detail).toBe('Job start 4 weeks ago');
    for (const t of tasks)
      expect(`${t.title} ${t.detail}`).not.toMatch(/Rule "|\(v\d+\)|intervention\.logged|_support|[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});
