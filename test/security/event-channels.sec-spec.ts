import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { gql, SECURITY_SHORT, signIn, startHubAsUser, type StartedHub } from './support/started-hub.js';

/**
 * Event channels (change feed, webhooks) carry no value the person page withholds from the same actor
 * at the same moment. The leak this closes: `person.stage_changed` carried the ETE stage to every
 * organisation related to the person, also to those that may not read ETE data (a housing charity),
 * while the person page withheld `stage` from them.
 */
describe('event channels pass every payload through the field policy of the person page', () => {
  let hub: StartedHub;
  let receiver: Server;
  let receiverUrl: string;
  const received: { type: string; personId: string | null; payload: Record<string, unknown>; withheldFields?: string[] }[] = [];
  const tokens: Record<string, string> = {};
  const orgs = new Map<string, string>();
  let personId: string;

  const OBSERVERS = ['housing.worker', 'mind.worker', 'trainer', 'employer', 'jobcentre.coach', 'prison.officer'];
  const ORG_OF: Record<string, string> = {
    'housing.worker': 'Safe Harbour Housing Trust',
    'mind.worker': 'Clearview Mental Health',
    trainer: 'Forge Skills Training',
    employer: 'Northway Construction Ltd',
    'jobcentre.coach': 'Jobcentre Plus Riverside',
    'prison.officer': 'HMP Millbrook',
  };
  const STAGES = ['FINDING_YOUR_FEET', 'TAKING_STEPS', 'SETTING_ACTIONS', 'READY_AND_SEARCHING', 'READY_FOR_INTERVIEW', 'ADAPTING_TO_WORK'];

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const res = await gql<T>(hub, query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  const page = (token: string) =>
    ok<{ person: { stage: string | null; withheldFields: string[] } }>(
      `query($id: ID!) { person(id: $id) { stage withheldFields } }`,
      { id: personId },
      token,
    );
  const feed = async (token: string) =>
    (
      await ok<{ changes: { changes: { type: string; personId: string | null; payload: string; withheldFields: string[] }[] } }>(
        `{ changes(types: ["person.stage_changed"], first: 500) { changes { type personId payload withheldFields } } }`,
        {},
        token,
      )
    ).changes.changes.map((c) => ({ ...c, payload: JSON.parse(c.payload) as Record<string, unknown> }));
  const version = async () =>
    (
      await ok<{ person: { version: number } }>(
        `query($id: ID!) { person(id: $id) { version } }`,
        { id: personId },
        tokens['probation.officer'],
      )
    ).person.version;
  const setStage = async (stage: string) =>
    ok(
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version } }`,
      { input: { id: personId, version: await version(), reason: 'review', stage } },
      tokens['probation.officer'],
    );

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        try {
          received.push(JSON.parse(body));
        } catch {
          /* a body that is not JSON fails the assertions below */
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    hub = await startHubAsUser();
    for (const who of ['probation.officer', 'housing.admin', ...OBSERVERS]) tokens[who] = await signIn(hub, who);
    for (const o of (
      await ok<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, tokens['probation.officer'])
    ).organisations)
      orgs.set(o.name, o.id);
    // A demo person the housing charity works with, under an accommodation consent only: it may not read ETE data.
    const found = await ok<{ people: { edges: { node: { id: string } }[] } }>(
      `{ people(search: "carl bennett", first: 1) { edges { node { id } } } }`,
      {},
      tokens['probation.officer'],
    );
    personId = found.people.edges[0].node.id;
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    await new Promise((done) => receiver?.close(done));
  });

  it('a stage change by probation reaches the housing charity, by webhook and change feed, without the stage', async () => {
    const housingPage = await page(tokens['housing.worker']);
    expect(housingPage.person.withheldFields).toContain('stage');
    const hook = await gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      hub,
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } secret } }`,
      { input: { url: receiverUrl, eventTypes: ['person.stage_changed'] } },
      tokens['housing.admin'],
    );
    expect(hook.errors).toBeUndefined();
    await setStage('READY_FOR_INTERVIEW');

    const deadline = Date.now() + 30_000;
    while (!received.some((r) => r.personId === personId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const delivered = received.find((r) => r.type === 'person.stage_changed' && r.personId === personId);
    expect(delivered).toBeDefined();
    expect(delivered!.payload).toEqual({ from: null, to: null });
    expect(delivered!.withheldFields).toEqual(['from', 'to']);
    expect(JSON.stringify(delivered)).not.toMatch(/ready_for_interview/i);

    const housingFeed = (await feed(tokens['housing.worker'])).filter((c) => c.personId === personId);
    expect(housingFeed.length).toBeGreaterThan(0);
    for (const c of housingFeed) {
      expect(c.payload).toEqual({ from: null, to: null });
      expect(c.withheldFields).toEqual(['from', 'to']);
    }
    // The training provider, under an ETE consent, reads the stage on the page and in the feed alike.
    const trainerFeed = (await feed(tokens.trainer)).filter((c) => c.personId === personId);
    expect(trainerFeed.at(-1)!.payload).toMatchObject({ to: 'ready_for_interview' });
    expect((await page(tokens.trainer)).person.stage).toBe('READY_FOR_INTERVIEW');
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });

  it('a referral event tells only its parties who referred to whom for what, as only they see the referral', async () => {
    const sent = await gql(
      hub,
      `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`,
      {
        input: {
          personId,
          toOrganisationId: orgs.get('Safe Harbour Housing Trust'),
          serviceCode: 'accommodation_support',
          reason: 'Needs a tenancy',
          sharedCategories: [],
        },
      },
      tokens['probation.officer'],
    );
    expect(sent.errors).toBeUndefined();
    const referralEvents = async (token: string) =>
      (
        await ok<{ changes: { changes: { personId: string | null; payload: string; withheldFields: string[] }[] } }>(
          `{ changes(types: ["referral.sent"], first: 500) { changes { personId payload withheldFields } } }`,
          {},
          token,
        )
      ).changes.changes
        .filter((c) => c.personId === personId || c.personId === null)
        .map((c) => ({ ...c, payload: JSON.parse(c.payload) as Record<string, unknown> }));
    const housing = await referralEvents(tokens['housing.worker']);
    expect(housing.at(-1)!.payload).toMatchObject({
      serviceCode: 'accommodation_support',
      toOrganisationId: orgs.get('Safe Harbour Housing Trust'),
    });
    // The training provider works with the person too, but is no party: it learns nothing of the referral.
    const trainer = await referralEvents(tokens.trainer);
    expect(trainer.length).toBeGreaterThan(0);
    for (const c of trainer) {
      expect(c.payload.serviceCode ?? null).toBeNull();
      expect(c.payload.toOrganisationId ?? null).toBeNull();
      expect(c.withheldFields).toEqual(expect.arrayContaining(['serviceCode', 'toOrganisationId', 'fromOrganisationId', 'parties']));
    }
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });

  it('a consent event tells its terms only to those the consents list shows them to (lead, recipient, recorder)', async () => {
    const granted = await gql(
      hub,
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
      {
        input: { personId, purpose: 'HEALTH', organisationId: orgs.get('Clearview Mental Health'), method: 'VERBAL', personPresent: true },
      },
      tokens['probation.officer'],
    );
    expect(granted.errors).toBeUndefined();
    const consentEvents = async (token: string) =>
      (
        await ok<{ changes: { changes: { personId: string | null; payload: string }[] } }>(
          `{ changes(types: ["consent.granted"], first: 500) { changes { personId payload } } }`,
          {},
          token,
        )
      ).changes.changes
        .filter((c) => c.personId === personId)
        .map((c) => JSON.parse(c.payload) as Record<string, unknown>);
    expect((await consentEvents(tokens['probation.officer'])).some((p) => p.purpose === 'health')).toBe(true);
    // The training provider works with the person and sees the event, but not that a health consent went to a mental health charity.
    const trainer = await consentEvents(tokens.trainer);
    expect(trainer.length).toBeGreaterThan(0);
    expect(trainer.filter((p) => p.purpose === 'health' || p.organisationId === orgs.get('Clearview Mental Health'))).toEqual([]);
    expect(trainer.some((p) => p.purpose === null && p.organisationId === null)).toBe(true);
    // What it is the recipient of (its own ETE consent), it sees, as on the consents list.
    expect(trainer.some((p) => p.organisationId === orgs.get('Forge Skills Training'))).toBe(true);
  });

  it('property: after any sequence of consents, withdrawals, involvements and stage changes, the feed withholds the stage exactly when the page does', async () => {
    const granted: { id: string; org: string }[] = [];
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('consent' as const),
        who: fc.constantFrom(...OBSERVERS),
        purpose: fc.constantFrom('ETE', 'HEALTH', 'ACCOMMODATION'),
      }),
      fc.record({ kind: fc.constant('withdraw' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('involve' as const), who: fc.constantFrom(...OBSERVERS) }),
      fc.record({ kind: fc.constant('stage' as const), stage: fc.constantFrom(...STAGES) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === 'consent') {
            const r = await gql<{ grantConsent: { id: string } }>(
              hub,
              `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
              { input: { personId, purpose: s.purpose, organisationId: orgs.get(ORG_OF[s.who]), method: 'VERBAL', personPresent: true } },
              tokens['probation.officer'],
            );
            if (r.data) granted.push({ id: r.data.grantConsent.id, org: s.who });
          } else if (s.kind === 'withdraw' && granted.length) {
            const [c] = granted.splice(s.index % granted.length, 1);
            await gql(
              hub,
              `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { status } }`,
              { input: { consentId: c.id, reason: 'asked to stop' } },
              tokens['probation.officer'],
            );
          } else if (s.kind === 'involve') {
            await gql(
              hub,
              `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`,
              { input: { personId, organisationId: orgs.get(ORG_OF[s.who]), role: 'PROVIDER' } },
              tokens['probation.officer'],
            );
          } else if (s.kind === 'stage') {
            await setStage(s.stage);
          }
        }
        // The same moment: nothing is written between an observer's page and its feed.
        for (const who of OBSERVERS) {
          const seen = await gql<{ person: { withheldFields: string[] } | null }>(
            hub,
            `query($id: ID!) { person(id: $id) { withheldFields } }`,
            { id: personId },
            tokens[who],
          );
          const pageWithholds = !seen.data?.person || seen.data.person.withheldFields.includes('stage');
          for (const c of (await feed(tokens[who])).filter((e) => e.personId === personId || e.personId === null)) {
            const carries = c.payload.from != null || c.payload.to != null;
            if (pageWithholds || c.personId === null) expect({ who, carries }).toEqual({ who, carries: false });
            else expect({ who, withheld: c.withheldFields }).toEqual({ who, withheld: [] });
          }
        }
      }),
      { numRuns: SECURITY_SHORT ? 3 : 12 },
    );
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 600_000);
});
