import { eventually, nodes, type Page, startTestHub, type TestHub } from './support/hub.js';

/**
 * A referral shares at least who the person is with the receiver, so it needs a lawful basis of its
 * own: the person's consent to be referred (or to the data it shares going to the receiver), or a
 * sharing agreement both organisations are party to. Without one it is refused (or, made by a rule,
 * not sent and the reason recorded); a manager may override the consent gate for safeguarding, with a
 * reason that is kept, audited, told to the lead's data protection officers and in the subject access export.
 *
 * The demo world's referral protocol joins probation, prisons, charities and training providers; the
 * employer (Northway Construction) is not party to it, so a referral to it needs the person's consent.
 */
const REFERRAL = `id state basis basisId safeguardingReason transitions { action fromState toState reason actor }`;
interface Referral {
  id: string;
  state: string;
  basis: string | null;
  basisId: string | null;
  safeguardingReason: string | null;
  transitions: { action: string; fromState: string | null; toState: string; reason: string | null; actor: string }[];
}
interface Task {
  kind: string;
  personId: string | null;
  referralId: string | null;
  forRole: string;
  title: string;
  detail: string;
}

const SEND = `mutation($input: SendReferralInput!) { sendReferral(input: $input) { ${REFERRAL} } }`;
const TASKS = `{ tasks(first: 100) { edges { node { kind personId referralId forRole title detail } } } }`;

describe('the lawful basis of a referral', () => {
  let hub: TestHub;
  let orgs: Record<string, string>;
  const EMPLOYER = () => orgs['Northway Construction Ltd'];
  const PROBATION = () => orgs['North West Probation Region'];

  beforeAll(async () => {
    hub = await startTestHub();
    const res = await hub.gql<{ organisations: { id: string; name: string }[] }>(
      `{ organisations { id name } }`,
      {},
      await hub.tokenFor('probation.officer'),
    );
    orgs = Object.fromEntries(res.data!.organisations.map((o) => [o.name, o.id]));
  });
  afterAll(() => hub.close());

  async function ok<T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await hub.gql<T>(query, variables, await hub.tokenFor(who));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }
  const gql = async <T>(who: string, query: string, variables: Record<string, unknown> = {}) =>
    hub.gql<T>(query, variables, await hub.tokenFor(who));
  const rows = <T>(sql: string, params: unknown[] = []) => hub.db.query(sql, params) as Promise<T[]>;

  let seq = 0;
  async function person(): Promise<string> {
    seq++;
    const data = await ok<{ createPerson: { person: { id: string } } }>(
      'probation.officer',
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: `Basis${seq}`,
          familyName: `Person${seq}`,
          dateOfBirth: '1988-04-01',
          region: 'north_west',
          identifiers: [],
          confirmNew: true,
        },
      },
    );
    return data.createPerson.person.id;
  }

  const toEmployer = (personId: string, extra: Record<string, unknown> = {}) => ({
    input: {
      personId,
      toOrganisationId: EMPLOYER(),
      serviceCode: 'employment',
      reason: 'Ready for a labouring job',
      sharedCategories: [],
      ...extra,
    },
  });
  const referralsOf = (personId: string) =>
    rows<{ id: string; state: string }>(`SELECT id, state FROM referral WHERE person_id = $1`, [personId]);

  it('without consent to be referred or an agreement of both, sendReferral is refused (FORBIDDEN, NO_REFERRAL_BASIS) and nothing is made; a draft cannot be sent either', async () => {
    const id = await person();
    const refused = await gql<{ sendReferral: Referral }>('probation.officer', SEND, toEmployer(id));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_REFERRAL_BASIS' });
    expect(refused.errors?.[0].message).toMatch(/No lawful basis to refer this person to Northway Construction Ltd/);
    expect(await referralsOf(id)).toEqual([]);

    // A draft shares nothing, so it may be kept; sending it needs the basis.
    const draft = await ok<{ draftReferral: { id: string; basis: string | null } }>(
      'probation.officer',
      `mutation($input: SendReferralInput!) { draftReferral(input: $input) { id basis } }`,
      toEmployer(id),
    );
    expect(draft.draftReferral.basis).toBeNull();
    const send = await gql('probation.officer', `mutation($id: ID!) { sendDraftReferral(id: $id) { id } }`, { id: draft.draftReferral.id });
    expect(send.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_REFERRAL_BASIS' });
    expect(await referralsOf(id)).toEqual([{ id: draft.draftReferral.id, state: 'draft' }]);
  });

  it('with the person’s consent to be referred (purpose REFERRAL) it is sent, on that consent; a draft too', async () => {
    const id = await person();
    // A consent to be referred covers identity only.
    const wide = await gql('probation.officer', `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`, {
      input: {
        personId: id,
        purpose: 'REFERRAL',
        categories: ['HEALTH'],
        organisationId: EMPLOYER(),
        method: 'SIGNED_FORM',
        personPresent: true,
      },
    });
    expect(wide.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'categories' }] });

    const draft = await ok<{ draftReferral: { id: string } }>(
      'probation.officer',
      `mutation($input: SendReferralInput!) { draftReferral(input: $input) { id } }`,
      toEmployer(id, { reason: 'Drafted before consent' }),
    );
    const granted = await ok<{ grantConsent: { id: string; categories: string[] } }>(
      'probation.officer',
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id categories } }`,
      { input: { personId: id, purpose: 'REFERRAL', organisationKind: 'EMPLOYER', method: 'SIGNED_FORM', personPresent: true } },
    );
    expect(granted.grantConsent.categories).toEqual(['IDENTITY']);

    const sent = (await ok<{ sendReferral: Referral }>('probation.officer', SEND, toEmployer(id))).sendReferral;
    expect(sent).toMatchObject({ state: 'SENT', basis: 'CONSENT', basisId: granted.grantConsent.id, safeguardingReason: null });
    expect(sent.transitions.map((t) => t.action)).toEqual(['create', 'send']);
    const fromDraft = await ok<{ sendDraftReferral: Referral }>(
      'probation.officer',
      `mutation($id: ID!) { sendDraftReferral(id: $id) { ${REFERRAL} } }`,
      {
        id: draft.draftReferral.id,
      },
    );
    expect(fromDraft.sendDraftReferral).toMatchObject({ state: 'SENT', basis: 'CONSENT', basisId: granted.grantConsent.id });

    // Withdrawn, the consent is no basis from the next request on.
    await ok('probation.officer', `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id } }`, {
      input: { consentId: granted.grantConsent.id, reason: 'Changed their mind' },
    });
    const after = await gql('probation.officer', SEND, toEmployer(id));
    expect(after.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_REFERRAL_BASIS' });
  });

  it('a consent to the receiver for the data the referral shares is consent to be referred to it', async () => {
    const id = await person();
    await ok('probation.officer', `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`, {
      input: { personId: id, purpose: 'ETE', organisationId: EMPLOYER(), method: 'VERBAL', personPresent: true },
    });
    // Identity only: the ETE consent is not about it.
    expect((await gql('probation.officer', SEND, toEmployer(id))).errors?.[0].extensions).toMatchObject({ reason: 'NO_REFERRAL_BASIS' });
    const sent = (await ok<{ sendReferral: Referral }>('probation.officer', SEND, toEmployer(id, { sharedCategories: ['EMPLOYMENT'] })))
      .sendReferral;
    expect(sent).toMatchObject({ state: 'SENT', basis: 'CONSENT' });
  });

  it('with a sharing agreement in force to which both organisations are party it is sent, on that agreement; ended, it is no basis', async () => {
    const id = await person();
    const agreement = await ok<{ createSharingAgreement: { id: string } }>(
      'hub.admin',
      `mutation($input: CreateSharingAgreementInput!) { createSharingAgreement(input: $input) { id } }`,
      {
        input: {
          name: 'Probation and Northway work placements',
          partyOrganisationIds: [PROBATION(), EMPLOYER()],
          partyKinds: [],
          purposes: ['REFERRAL'],
          categories: ['IDENTITY'],
          lawfulBasis: 'LEGITIMATE_INTERESTS',
          validFrom: new Date(Date.now() - 60_000).toISOString(),
        },
      },
    );
    const agreementId = agreement.createSharingAgreement.id;
    try {
      const sent = (await ok<{ sendReferral: Referral }>('probation.officer', SEND, toEmployer(id))).sendReferral;
      expect(sent).toMatchObject({ state: 'SENT', basis: 'AGREEMENT', basisId: agreementId });
    } finally {
      await ok('hub.admin', `mutation($input: EndSharingAgreementInput!) { endSharingAgreement(input: $input) { id } }`, {
        input: { agreementId, reason: 'Placements ended' },
      });
    }
    const after = await gql('probation.officer', SEND, toEmployer(id, { reason: 'Another try' }));
    expect(after.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_REFERRAL_BASIS' });

    // The demo world's protocol: probation and the housing charity are both party to it.
    const other = await person();
    const housing = await ok<{ sendReferral: Referral }>('probation.officer', SEND, {
      input: {
        personId: other,
        toOrganisationId: orgs['Safe Harbour Housing Trust'],
        serviceCode: 'accommodation_support',
        reason: 'Needs a tenancy',
        sharedCategories: [],
      },
    });
    expect(housing.sendReferral).toMatchObject({ state: 'SENT', basis: 'AGREEMENT' });
  });

  it('a caseworker cannot override the consent gate (FORBIDDEN); nor can anyone override when a basis exists, or on a draft', async () => {
    const id = await person();
    const override = { safeguardingOverride: { reason: 'At risk of exploitation by a former associate; must be placed away this week' } };
    const caseworker = await gql('probation.officer', SEND, toEmployer(id, override));
    expect(caseworker.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(caseworker.errors?.[0].message).toBe('Only a manager may override the consent gate for safeguarding');
    expect(await referralsOf(id)).toEqual([]);

    const draft = await gql(
      'probation.manager',
      `mutation($input: SendReferralInput!) { draftReferral(input: $input) { id } }`,
      toEmployer(id, override),
    );
    expect(draft.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'safeguardingOverride' }] });
    const short = await gql('probation.manager', SEND, toEmployer(id, { safeguardingOverride: { reason: 'urgent' } }));
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    const covered = await gql('probation.manager', SEND, {
      input: {
        personId: id,
        toOrganisationId: orgs['Safe Harbour Housing Trust'],
        serviceCode: 'accommodation_support',
        reason: 'Needs a tenancy',
        sharedCategories: [],
        ...override,
      },
    });
    expect(covered.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'safeguardingOverride' }] });
    expect(await referralsOf(id)).toEqual([]);
  });

  it('a manager’s safeguarding override sends it: recorded on the referral and in its steps, audited, a task for the lead’s data protection officers, in the subject access export', async () => {
    const id = await person();
    const reason = 'At risk of exploitation by a former associate; must be placed away this week';
    const sent = (await ok<{ sendReferral: Referral }>('probation.manager', SEND, toEmployer(id, { safeguardingOverride: { reason } })))
      .sendReferral;
    expect(sent).toMatchObject({ state: 'SENT', basis: 'SAFEGUARDING_OVERRIDE', basisId: null, safeguardingReason: reason });
    expect(sent.transitions.map((t) => [t.action, t.fromState, t.toState, t.reason])).toEqual([
      ['create', null, 'DRAFT', null],
      ['safeguarding_override', 'DRAFT', 'DRAFT', reason],
      ['send', 'DRAFT', 'SENT', null],
    ]);
    // The receiver sees what it was sent on.
    const received = await ok<{ referral: { basis: string; safeguardingReason: string } }>(
      'employer',
      `query($id: ID!) { referral(id: $id) { basis safeguardingReason } }`,
      { id: sent.id },
    );
    expect(received.referral).toEqual({ basis: 'SAFEGUARDING_OVERRIDE', safeguardingReason: reason });

    // Audited: the override's event, by the manager, in the transaction of the referral.
    const audited = await rows<{ actor: string; detail: { event: string; aggregateId: string } }>(
      `SELECT actor, detail FROM audit_event WHERE person_id = $1 AND detail->>'event' = 'referral.safeguarding_override'`,
      [id],
    );
    expect(audited).toEqual([{ actor: expect.stringMatching(/^user:/), detail: expect.objectContaining({ aggregateId: sent.id }) }]);

    // Told to the lead's data protection officers (a task addressed to their role), not to its caseworkers.
    const dpoTasks = nodes((await ok<{ tasks: Page<Task> }>('probation.dpo', TASKS)).tasks).filter((t) => t.personId === id);
    expect(dpoTasks).toEqual([
      {
        kind: 'SAFEGUARDING_OVERRIDE_REVIEW',
        personId: id,
        referralId: sent.id,
        forRole: 'data_protection_officer',
        title: 'Review a referral sent without consent for safeguarding (employment)',
        detail: expect.stringContaining(reason),
      },
    ]);
    expect(nodes((await ok<{ tasks: Page<Task> }>('probation.officer', TASKS)).tasks).filter((t) => t.personId === id)).toEqual([]);

    // In the person's subject access export: the referral's basis and reason, and the step.
    const exported = await ok<{ subjectAccessExport: { json: string; document: string } }>(
      'probation.dpo',
      `mutation($id: ID!) { subjectAccessExport(personId: $id) { json document } }`,
      { id },
    );
    const data = JSON.parse(exported.subjectAccessExport.json) as {
      referrals: { id: string; basis: string; safeguarding_reason: string }[];
      referralSteps: { referral_id: string; action: string; reason: string | null }[];
    };
    expect(data.referrals).toEqual([expect.objectContaining({ id: sent.id, basis: 'safeguarding_override', safeguarding_reason: reason })]);
    expect(data.referralSteps).toEqual(
      expect.arrayContaining([expect.objectContaining({ referral_id: sent.id, action: 'safeguarding_override', reason })]),
    );
    expect(exported.subjectAccessExport.document).toContain(reason);
  });

  it('a rule does not refer without a basis for the referral: it records why and asks the lead to seek consent to be referred; with the consent it refers', async () => {
    const rule = await ok<{ createReferralRule: { ruleId: string } }>(
      'hub.admin',
      `mutation($input: ReferralRuleInput!) { createReferralRule(input: $input) { ruleId } }`,
      {
        input: {
          name: 'Test: job search started -> construction employer',
          triggerEvent: 'intervention.logged',
          conditions: '{"all":[{"fact":"event.typeCode","operator":"equal","value":"job_search"}]}',
          serviceCode: 'employment',
          consentPurpose: null,
          cooldownDays: 30,
          matchRegion: false,
        },
      },
    );
    const log = (personId: string) =>
      ok('probation.officer', `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`, {
        input: { personId, typeCode: 'job_search', status: 'STARTED', occurredAt: new Date().toISOString() },
      });
    const firings = (personId: string) =>
      rows<{ outcome: string; detail: string; task_id: string | null; referral_id: string | null }>(
        `SELECT outcome, detail, task_id, referral_id FROM rule_firing WHERE person_id = $1 AND rule_id = $2 ORDER BY fired_at`,
        [personId, rule.createReferralRule.ruleId],
      );

    const id = await person();
    await log(id);
    const [firing] = await eventually(
      async () => {
        const f = await firings(id);
        return f.length ? f : null;
      },
      20_000,
      'the rule decides',
    );
    expect(firing).toMatchObject({ outcome: 'no_referral_basis', referral_id: null, task_id: expect.any(String) });
    expect(firing.detail).toMatch(/they have not agreed to be referred and no information sharing agreement of .* covers it/);
    expect(await referralsOf(id)).toEqual([]);
    const task = nodes((await ok<{ tasks: Page<Task> }>('probation.officer', TASKS)).tasks).filter((t) => t.personId === id);
    expect(task).toEqual([
      expect.objectContaining({
        kind: 'SEEK_CONSENT',
        forRole: 'caseworker',
        title: 'Ask the person whether they agree to be referred to Northway Construction Ltd for employment',
      }),
    ]);

    // With the consent to be referred in force, the next event refers.
    await ok('probation.officer', `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`, {
      input: { personId: id, purpose: 'REFERRAL', organisationId: EMPLOYER(), method: 'SIGNED_FORM', personPresent: true },
    });
    await log(id);
    const both = await eventually(
      async () => {
        const f = await firings(id);
        return f.length === 2 ? f : null;
      },
      20_000,
      'the rule decides again',
    );
    expect(both[1]).toMatchObject({ outcome: 'referred', referral_id: expect.any(String) });
    const [referral] = await rows<{ basis: string; state: string }>(`SELECT basis, state FROM referral WHERE id = $1`, [
      both[1].referral_id,
    ]);
    expect(referral).toEqual({ basis: 'consent', state: 'sent' });
  });
});
