/**
 * The world of the leak canaries: every organisation of the demo world writes person data that
 * carries markers (unique strings) of its own, shares some of it (involvements, consents, referrals,
 * agreements, a break-glass grant) and not the rest. Every marker records what it is and whose it is,
 * so the oracle can say who may see it.
 */
import { randomBytes } from 'node:crypto';
import type { ChildHub } from './child-hub.js';

export type Carrier = 'field' | 'intervention' | 'consent' | 'referral' | 'reason' | 'breakGlass';

export interface Marker {
  value: string;
  /** What the marker was written into, for messages. */
  what: string;
  carrier: Carrier;
  personId: string;
  /** Data category of the field or intervention (lower case, as stored). */
  category: string;
  /** The organisation that wrote it. */
  owner: string;
  /** The consent, referral or grant it belongs to. */
  objectId: string | null;
  /** A reporting dimension (qualification, job sector): a breakdown key of aggregate reports. */
  dimension?: boolean;
}

export interface ActorInfo {
  label: string;
  token: string | null;
  kind: 'user' | 'client' | 'anonymous';
  /** `user:<id>` / `client:<id>` as in audit and break-glass grants. */
  ref: string;
  orgId: string | null;
  orgKind: string | null;
  roles: string[];
  scopes: string[];
}

export interface World {
  orgs: Record<string, { id: string; kind: string }>;
  actors: ActorInfo[];
  markers: Marker[];
  /** Terms a caller might search for (every marked family name, and a few ordinary ones). */
  searchTerms: string[];
  /** Webhook receivers: organisation key -> endpoint id. */
  endpoints: Record<string, string>;
}

const ORG_NAMES: Record<string, string> = {
  probation: 'North West Probation Region',
  prison: 'HMP Millbrook',
  housing: 'Safe Harbour Housing Trust',
  mind: 'Clearview Mental Health',
  training: 'Forge Skills Training',
  employer: 'Northway Construction Ltd',
  jobcentre: 'Jobcentre Plus Riverside',
};
export const ORG_KEYS = Object.keys(ORG_NAMES);

/** Demo users per organisation and role; the missing ones are created by the hub admin. */
const DEMO: Record<string, Partial<Record<string, string>>> = {
  probation: {
    caseworker: 'probation.officer',
    manager: 'probation.manager',
    data_protection_officer: 'probation.dpo',
    org_admin: 'probation.admin',
  },
  prison: { caseworker: 'prison.officer' },
  housing: { caseworker: 'housing.worker', manager: 'housing.manager', org_admin: 'housing.admin' },
  mind: { caseworker: 'mind.worker' },
  training: { caseworker: 'trainer', manager: 'training.manager' },
  employer: { caseworker: 'employer' },
  jobcentre: { caseworker: 'jobcentre.coach' },
};
export const ROLES = ['caseworker', 'manager', 'data_protection_officer', 'org_admin'];
const ALL_SCOPES = ['PEOPLE_READ', 'PEOPLE_WRITE', 'REFERRALS_WRITE', 'SYNC', 'REPORTS_READ'];

export async function buildWorld(hub: ChildHub, webhookUrl: (orgKey: string) => string): Promise<World> {
  const tag = randomBytes(3).toString('hex');
  let n = 0;
  const markers: Marker[] = [];
  /** A new marker: letters and digits only, so it survives every validation and case change. */
  const mark = (label: string) => `Cnry${label}${tag}x${++n}q`;

  async function ok(query: string, variables: Record<string, unknown>, token: string): Promise<any> {
    const res = await hub.gql(query, variables, token);
    if (res.status !== 200 || res.json?.errors)
      throw new Error(`world setup: ${query.slice(0, 80)}: ${res.status} ${res.text.slice(0, 600)}`);
    return res.json.data;
  }

  // Organisations and people.
  const hubAdmin = await hub.login('hub.admin');
  const listed = (await ok('{ organisations { id name kind } }', {}, hubAdmin)).organisations as {
    id: string;
    name: string;
    kind: string;
  }[];
  const orgs: World['orgs'] = {};
  for (const [key, name] of Object.entries(ORG_NAMES)) {
    const o = listed.find((x) => x.name === name)!;
    orgs[key] = { id: o.id, kind: o.kind.toLowerCase() };
  }
  const tokens: Record<string, Record<string, string>> = {};
  const password = `Canary-${tag}-Password`;
  for (const key of ORG_KEYS) {
    tokens[key] = {};
    for (const role of ROLES) {
      let login = DEMO[key][role];
      if (!login) {
        login = `canary.${key}.${role}.${tag}@example.org`;
        await ok(
          'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
          { i: { email: login, name: `Canary ${key} ${role}`, organisationId: orgs[key].id, password, roles: [role.toUpperCase()] } },
          hubAdmin,
        );
        tokens[key][role] = await hub.login(login, password);
      } else {
        tokens[key][role] = await hub.login(login);
      }
    }
  }
  // Webhooks first, so every later event reaches them; then one API client per organisation with every scope.
  const endpoints: Record<string, string> = {};
  const clientTokens: Record<string, string> = {};
  for (const key of ORG_KEYS) {
    const admin = tokens[key].org_admin;
    endpoints[key] = (
      await ok(
        'mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } } }',
        { i: { url: webhookUrl(key), eventTypes: ['*'] } },
        admin,
      )
    ).createWebhookEndpoint.endpoint.id;
    const created = (
      await ok(
        'mutation($i: CreateApiClientInput!) { createApiClient(input: $i) { client { clientId } clientSecret } }',
        { i: { name: `Canary ${key}`, scopes: ALL_SCOPES } },
        admin,
      )
    ).createApiClient;
    const res = await hub.post(
      '/oauth/token',
      { grant_type: 'client_credentials', client_id: created.client.clientId, client_secret: created.clientSecret },
      undefined,
      true,
    );
    if (res.status !== 200) throw new Error(`client token ${key}: ${res.text}`);
    clientTokens[key] = res.json.access_token;
  }

  const cw = (key: string) => tokens[key].caseworker;
  const searchTerms = ['a', 'smith', 'cnry'];

  async function person(
    key: string,
    given: string,
    fields: { offenceSummary?: boolean; healthNotes?: boolean } = {},
  ): Promise<{ id: string; version: number }> {
    const familyName = mark(`${key}Family`);
    const input: Record<string, unknown> = {
      givenName: given,
      familyName,
      dateOfBirth: '1988-04-0' + ((n % 9) + 1),
      region: 'north_west',
      identifiers: [],
      confirmNew: true,
    };
    if (fields.offenceSummary) input.offenceSummary = mark(`${key}Offence`);
    if (fields.healthNotes) input.healthNotes = mark(`${key}Health`);
    const p = (await ok('mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id version } } }', { i: input }, cw(key)))
      .createPerson.person;
    const owner = orgs[key].id;
    markers.push({
      value: familyName,
      what: `${key}'s person familyName`,
      carrier: 'field',
      personId: p.id,
      category: 'identity',
      owner,
      objectId: null,
    });
    if (input.offenceSummary)
      markers.push({
        value: String(input.offenceSummary),
        what: `${key}'s offenceSummary`,
        carrier: 'field',
        personId: p.id,
        category: 'offending',
        owner,
        objectId: null,
      });
    if (input.healthNotes)
      markers.push({
        value: String(input.healthNotes),
        what: `${key}'s healthNotes`,
        carrier: 'field',
        personId: p.id,
        category: 'health',
        owner,
        objectId: null,
      });
    searchTerms.push(familyName);
    return p;
  }

  /**
   * Health notes go into the shared record only from an organisation that may read them back (one
   * with a lawful basis for health data): recorded after the consent that gives it one.
   */
  async function health(key: string, personId: string): Promise<void> {
    const value = mark(`${key}Health`);
    const { version } = (await ok('query($id: ID!) { person(id: $id) { version } }', { id: personId }, cw(key))).person;
    await ok(
      'mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { version } }',
      { i: { id: personId, version, healthNotes: value, reason: 'health notes recorded' } },
      cw(key),
    );
    markers.push({
      value,
      what: `${key}'s healthNotes`,
      carrier: 'field',
      personId,
      category: 'health',
      owner: orgs[key].id,
      objectId: null,
    });
  }

  const CATEGORY: Record<string, string> = {
    mental_health_support: 'health',
    cv_cover_letter: 'ete',
    finance_bank_account: 'finance',
    job_start: 'employment',
    functional_skills_literacy: 'ete',
    accommodation_support: 'accommodation',
    job_search: 'ete',
    family_support: 'family',
    training_forklift: 'ete',
    functional_skills_numeracy: 'ete',
    substance_misuse_support: 'substance_misuse',
    in_work_support: 'employment',
    finance_id_documents: 'finance',
  };
  async function log(key: string, personId: string, typeCode: string, outcome?: 'job' | 'qualification'): Promise<void> {
    const notes = mark(`${key}Note`);
    const input: Record<string, unknown> = { personId, typeCode, status: 'STARTED', occurredAt: '2026-06-01T10:00:00Z', notes };
    const owner = orgs[key].id;
    const category = CATEGORY[typeCode];
    const extra: [string, string, boolean][] = [];
    if (outcome === 'job') {
      input.job = { employer: mark(`${key}Employer`), sector: mark(`${key}Sector`), hoursPerWeek: 30, startDate: '2026-06-01' };
      extra.push([(input.job as any).employer, 'job employer', false], [(input.job as any).sector, 'job sector', true]);
    }
    if (outcome === 'qualification') {
      input.status = 'COMPLETED';
      input.qualification = { qualification: mark(`${key}Qualification`) };
      extra.push([(input.qualification as any).qualification, 'qualification', true]);
    }
    const id = (await ok('mutation($i: LogInterventionInput!) { logIntervention(input: $i) { id } }', { i: input }, cw(key)))
      .logIntervention.id;
    markers.push({ value: notes, what: `${key}'s ${typeCode} notes`, carrier: 'intervention', personId, category, owner, objectId: id });
    for (const [value, what, dimension] of extra)
      markers.push({
        value,
        what: `${key}'s ${typeCode} ${what}`,
        carrier: 'intervention',
        personId,
        category,
        owner,
        objectId: id,
        dimension,
      });
  }

  async function consent(
    key: string,
    personId: string,
    purpose: string,
    to: { organisationId?: string; organisationKind?: string },
  ): Promise<string> {
    const evidenceNote = mark(`${key}Evidence`);
    const id = (
      await ok(
        'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }',
        { i: { personId, purpose, method: 'SIGNED_FORM', personPresent: true, evidenceNote, ...to } },
        cw(key),
      )
    ).grantConsent.id;
    markers.push({
      value: evidenceNote,
      what: `${key}'s consent evidence note`,
      carrier: 'consent',
      personId,
      category: 'identity',
      owner: orgs[key].id,
      objectId: id,
    });
    return id;
  }

  async function referral(key: string, personId: string, toKey: string, serviceCode: string, draft = false): Promise<string> {
    const reason = mark(`${key}Reason`);
    const op = draft ? 'draftReferral' : 'sendReferral';
    const id = (
      await ok(
        `mutation($i: SendReferralInput!) { ${op}(input: $i) { id } }`,
        { i: { personId, toOrganisationId: orgs[toKey].id, serviceCode, reason, sharedCategories: [] } },
        cw(key),
      )
    )[op].id;
    markers.push({
      value: reason,
      what: `${key}'s ${draft ? 'draft ' : ''}referral reason to ${toKey}`,
      carrier: 'referral',
      personId,
      category: 'identity',
      owner: orgs[key].id,
      objectId: id,
    });
    return id;
  }

  // A: probation leads; housing and the jobcentre are involved; charities have consent for health, housing for accommodation.
  const a = await person('probation', 'Ada', { offenceSummary: true });
  for (const key of ['housing', 'jobcentre'])
    await ok(
      'mutation($i: AddInvolvementInput!) { addInvolvement(input: $i) { id } }',
      { i: { personId: a.id, organisationId: orgs[key].id, role: 'PROVIDER' } },
      cw('probation'),
    );
  await consent('probation', a.id, 'ACCOMMODATION', { organisationId: orgs.housing.id });
  await consent('probation', a.id, 'HEALTH', { organisationKind: 'CHARITY' });
  await log('probation', a.id, 'mental_health_support');
  await log('probation', a.id, 'cv_cover_letter');
  await log('probation', a.id, 'finance_bank_account');
  await log('probation', a.id, 'job_start', 'job');
  await log('probation', a.id, 'functional_skills_literacy', 'qualification');
  await log('housing', a.id, 'accommodation_support');
  await log('jobcentre', a.id, 'job_search');
  const reason = mark('probationChangeReason');
  const offence2 = mark('probationOffence');
  await ok(
    'mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { version } }',
    { i: { id: a.id, version: a.version, offenceSummary: offence2, reason } },
    cw('probation'),
  );
  markers.push({
    value: reason,
    what: "probation's change reason",
    carrier: 'reason',
    personId: a.id,
    category: 'identity',
    owner: orgs.probation.id,
    objectId: null,
  });
  markers.push({
    value: offence2,
    what: "probation's updated offenceSummary",
    carrier: 'field',
    personId: a.id,
    category: 'offending',
    owner: orgs.probation.id,
    objectId: null,
  });
  // Housing (a charity, involved, under the consent to charities) records A's health notes.
  await health('housing', a.id);
  await referral('probation', a.id, 'mind', 'mental_health_support');
  await referral('probation', a.id, 'training', 'vocational_training', true);
  // A training manager, unrelated to A, breaks the glass on it.
  const bgReason = mark('trainingBreakGlass');
  const grant = (
    await ok(
      'mutation($i: OpenBreakGlassInput!) { openBreakGlass(input: $i) { id } }',
      { i: { personId: a.id, reason: bgReason, minutes: 240 } },
      tokens.training.manager,
    )
  ).openBreakGlass.id;
  markers.push({
    value: bgReason,
    what: "training's break-glass reason",
    carrier: 'breakGlass',
    personId: a.id,
    category: 'identity',
    owner: orgs.training.id,
    objectId: grant,
  });

  // B: housing's person; training takes a referral (accepted), the employer declines one.
  const b = await person('housing', 'Bea');
  await consent('housing', b.id, 'HEALTH', { organisationId: orgs.housing.id });
  await health('housing', b.id);
  await log('housing', b.id, 'family_support');
  await log('housing', b.id, 'accommodation_support');
  await consent('housing', b.id, 'FAMILY', { organisationId: orgs.probation.id });
  const toTraining = await referral('housing', b.id, 'training', 'vocational_training');
  await ok('mutation($id: ID!) { acceptReferral(id: $id) { id } }', { id: toTraining }, cw('training'));
  await log('training', b.id, 'training_forklift', 'qualification');
  // The employer is party to no referral protocol: Bea consents to be referred to it (no marker: it says nothing of her).
  await ok(
    'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }',
    { i: { personId: b.id, purpose: 'REFERRAL', organisationId: orgs.employer.id, method: 'SIGNED_FORM', personPresent: true } },
    cw('housing'),
  );
  const toEmployer = await referral('housing', b.id, 'employer', 'employment');
  const declined = mark('employerDecline');
  await ok(
    'mutation($i: ReferralReasonInput!) { declineReferral(input: $i) { id } }',
    { i: { referralId: toEmployer, reason: declined } },
    cw('employer'),
  );
  markers.push({
    value: declined,
    what: "employer's decline reason",
    carrier: 'referral',
    personId: b.id,
    category: 'identity',
    owner: orgs.employer.id,
    objectId: toEmployer,
  });

  // C: training's own, shared with nobody (it records no offence details: it could not read them back).
  const c = await person('training', 'Cal');
  await log('training', c.id, 'functional_skills_numeracy');

  // D: the mental health charity's; a consent to probation (as a kind) withdrawn; an open referral to housing.
  const d = await person('mind', 'Dee');
  await consent('mind', d.id, 'HEALTH', { organisationId: orgs.mind.id });
  await health('mind', d.id);
  await log('mind', d.id, 'substance_misuse_support');
  await log('mind', d.id, 'mental_health_support');
  const dConsent = await consent('mind', d.id, 'HEALTH', { organisationKind: 'PROBATION' });
  const withdrawn = mark('mindWithdrawal');
  await ok(
    'mutation($i: WithdrawConsentInput!) { withdrawConsent(input: $i) { id } }',
    { i: { consentId: dConsent, reason: withdrawn } },
    cw('mind'),
  );
  markers.push({
    value: withdrawn,
    what: "mind's consent withdrawal reason",
    carrier: 'consent',
    personId: d.id,
    category: 'identity',
    owner: orgs.mind.id,
    objectId: dConsent,
  });
  await referral('mind', d.id, 'housing', 'accommodation_support');

  // E: the employer's (identity and employment only).
  const e = await person('employer', 'Eli');
  await log('employer', e.id, 'job_start', 'job');
  await log('employer', e.id, 'in_work_support');

  // F: the jobcentre's, referred to probation (open): the agreement lets probation read its ETE data.
  const f = await person('jobcentre', 'Fay');
  await log('jobcentre', f.id, 'job_search');
  await referral('jobcentre', f.id, 'probation', 'supervision');

  // G: the prison's, referred to probation and accepted: the statutory agreement covers everything.
  const g = await person('prison', 'Gus', { offenceSummary: true });
  await log('prison', g.id, 'finance_id_documents');
  const toProbation = await referral('prison', g.id, 'probation', 'supervision');
  await ok('mutation($id: ID!) { acceptReferral(id: $id) { id } }', { id: toProbation }, cw('probation'));

  // Who everyone is, as the hub sees them.
  const actors: ActorInfo[] = [
    { label: 'anonymous', token: null, kind: 'anonymous', ref: 'anonymous', orgId: null, orgKind: null, roles: [], scopes: [] },
  ];
  const viewer = async (label: string, token: string) => {
    const v = (await ok('{ viewer { id kind organisationId roles scopes organisation { kind } } }', {}, token)).viewer;
    const kind = v.kind.toLowerCase() as 'user' | 'client';
    actors.push({
      label,
      token,
      kind,
      ref: `${kind}:${v.id}`,
      orgId: v.organisationId,
      orgKind: v.organisation.kind.toLowerCase(),
      roles: v.roles.map((r: string) => r.toLowerCase()),
      scopes: v.scopes.map((s: string) => s.toLowerCase().replace('_', ':')),
    });
  };
  await viewer('hub admin', hubAdmin);
  for (const key of ORG_KEYS) {
    for (const role of ROLES) await viewer(`${key} ${role}`, tokens[key][role]);
    await viewer(`${key} API client`, clientTokens[key]);
  }
  return { orgs, actors, markers, searchTerms, endpoints };
}
