import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
  isInputObjectType,
  buildClientSchema,
  type IntrospectionQuery,
  getIntrospectionQuery,
} from 'graphql';
import pg from 'pg';
import { DEMO_PASSWORD, gql, signIn, startHubAsUser, type StartedHub } from './support/started-hub.js';

/**
 * Channels out of the hub and the answers it gives: CSV files (formula injection), webhooks (where the
 * hub may connect, what the delivery log tells), and the not-found answers of every operation that
 * takes an id (whether a record of another organisation exists must not show).
 */

/** Id-taking operations left out of the oracle test, with the reason. */
const EXEMPT: Record<string, string> = {
  organisation: 'organisations are a public directory: every user lists them (organisations), to refer to them',
  eteFunnel: 'aggregate reports name organisations from the public directory; an organisation id is not a secret',
  eteFunnelByRegion: 'aggregate reports name organisations from the public directory; an organisation id is not a secret',
  referralReport: 'aggregate reports name organisations from the public directory; an organisation id is not a secret',
  reoffendingAnalysis: 'aggregate reports name organisations from the public directory; an organisation id is not a secret',
  organisationOutcomes: 'aggregate reports name organisations from the public directory; an organisation id is not a secret',
  createSharingAgreement: 'party organisations come from the public directory',
  endSharingAgreement: 'sharing agreements are listed to every user (sharingAgreements): their ids are not secret',
  openBreakGlass:
    'break-glass opens any record by design, for managers and data protection officers: its use is audited and reported to the lead organisation',
  syncConsents: 'records name people by external id within the client organisation own system; organisations are public',
  syncInvolvements: 'records name people by external id within the client organisation own system; organisations are public',
  identityProvider:
    'takes an organisation id (a public directory); an org admin reads only its own organisation provider (FORBIDDEN otherwise, which tells nothing the directory does not)',
  setIdentityProvider: 'takes an organisation id (a public directory); an org admin sets only its own organisation provider',
  removeIdentityProvider: 'takes an organisation id (a public directory); an org admin removes only its own organisation provider',
};

describe('channels: CSV files, webhooks and not-found answers', () => {
  let hub: StartedHub;
  let db: pg.Client;
  const tokens: Record<string, string> = {};
  const token = async (who: string) => (tokens[who] ??= await signIn(hub, who));
  const one = async (sql: string, params: unknown[] = []) => {
    const rows = (await db.query(sql, params)).rows as { id: string }[];
    if (!rows.length) throw new Error(`no fixture for: ${sql}`);
    return rows[0].id;
  };

  beforeAll(async () => {
    hub = await startHubAsUser({ env: { WEBHOOK_URL_POLICY: 'public-https' } });
    // The hub's own embedded PostgreSQL, read only to find ids of records (as an attacker might learn an id elsewhere).
    const password = (await readFile(join(hub.dataDir, 'pg-password'), 'utf8')).trim();
    const port = Number((await readFile(join(hub.dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[3]);
    db = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'hub' });
    await db.connect();
  }, 180_000);
  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await hub?.stop();
  });

  it('writes a sector entered as a formula into the commissioners CSV as text, not as a formula', async () => {
    const officer = await token('probation.officer');
    const person = await gql<{ createPerson: { person: { id: string } } }>(
      hub,
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
      { input: { givenName: 'Formula', familyName: 'Sector', dateOfBirth: '1990-01-01', region: 'north_west', confirmNew: true } },
      officer,
    );
    expect(person.errors).toBeUndefined();
    const personId = person.data!.createPerson.person.id;
    const sector = '=HYPERLINK("http://x","y")';
    const today = new Date().toISOString().slice(0, 10);
    const logged = await gql(
      hub,
      'mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }',
      {
        input: {
          personId,
          typeCode: 'job_start',
          status: 'COMPLETED',
          occurredAt: today,
          job: { employer: 'Acme', sector, hoursPerWeek: 30, startDate: today },
        },
      },
      officer,
    );
    expect(logged.errors).toBeUndefined();
    const commissioner = await token('commissioner');
    const from = `${new Date().getUTCFullYear() - 1}-01-01`;
    const to = `${new Date().getUTCFullYear() + 1}-01-01`;
    let csv = '';
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const res = await fetch(`${hub.url}/reports/ete-funnel.csv?from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${commissioner}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      csv = await res.text();
      if (csv.includes('HYPERLINK')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    for (const line of csv.split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  describe('webhooks under WEBHOOK_URL_POLICY=public-https', () => {
    const CREATE = 'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }';

    it.each([
      'https://127.0.0.1/hook',
      'https://10.0.0.1/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://2130706433/hook',
      'https://localhost/hook',
      'https://localhost./hook',
      'http://receiver.example.org/hook',
    ])('refuses an endpoint at %s with BAD_USER_INPUT naming the rule', async (url) => {
      const res = await gql(hub, CREATE, { input: { url, eventTypes: ['*'] } }, await token('probation.admin'));
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/webhook URLs must (use https|reach a public internet address)|url must be a URL address/);
      const updated = await gql(
        hub,
        'mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { id } }',
        { input: { id: randomUUID(), url } },
        await token('probation.admin'),
      );
      expect(updated.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('accepts https to a public name, and its delivery log says only that it could not deliver', async () => {
      const admin = await token('probation.admin');
      const created = await gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
        hub,
        CREATE,
        { input: { url: 'https://receiver.invalid/hook', eventTypes: ['*'] } },
        admin,
      );
      expect(created.errors).toBeUndefined();
      const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
      // An event for it: a new person of the probation service.
      await gql(
        hub,
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input: { givenName: 'Webhook', familyName: 'Trigger', dateOfBirth: '1991-02-03', confirmNew: true } },
        await token('probation.officer'),
      );
      let attempts: { statusCode: number | null; error: string | null }[] = [];
      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline && !attempts.length) {
        const res = await gql<{ webhookDeliveries: { edges: { node: { attempts: typeof attempts } }[] } }>(
          hub,
          'query($id: ID!) { webhookDeliveries(endpointId: $id, first: 5) { edges { node { attempts { statusCode error } } } } }',
          { id: endpointId },
          admin,
        );
        attempts = res.data?.webhookDeliveries.edges.flatMap((e) => e.node.attempts) ?? [];
        if (!attempts.length) await new Promise((r) => setTimeout(r, 500));
      }
      expect(attempts.length).toBeGreaterThan(0);
      for (const a of attempts) expect(a).toEqual({ statusCode: null, error: 'could not deliver' });
    });
  });

  describe('not-found answers do not tell whether another organisation record exists', () => {
    it('withdrawConsent: another organisation consent and a random id get the same answer', async () => {
      const mind = await one(`SELECT id FROM organisation WHERE name = 'Clearview Mental Health'`);
      const consentId = await one(
        `SELECT c.id FROM consent c WHERE c.organisation_id IS DISTINCT FROM $1 AND c.recorded_by_organisation_id <> $1
            AND NOT EXISTS (SELECT 1 FROM involvement i WHERE i.person_id = c.person_id AND i.organisation_id = $1)
            AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.person_id = c.person_id AND (r.to_organisation_id = $1 OR r.from_organisation_id = $1))`,
        [mind],
      );
      const worker = await token('mind.worker');
      const q = 'mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id } }';
      const theirs = await gql(hub, q, { input: { consentId, reason: 'probe' } }, worker);
      const random = await gql(hub, q, { input: { consentId: randomUUID(), reason: 'probe' } }, worker);
      expect(theirs.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(pick(theirs)).toEqual(pick(random));
    });

    it('every id-taking operation of the schema answers the same for another organisation record and a random id', async () => {
      const cases = await oracleCases();
      const introspection = await gql<IntrospectionQuery>(hub, getIntrospectionQuery(), {}, await token('hub.admin'));
      const schema = buildClientSchema(introspection.data!);
      const idTaking = [...Object.values(schema.getQueryType()!.getFields()), ...Object.values(schema.getMutationType()!.getFields())]
        .filter((f) => takesId(f))
        .map((f) => f.name);
      const uncovered = idTaking.filter((name) => !(name in cases) && !(name in EXEMPT));
      expect(uncovered).toEqual([]);
      const differing: Record<string, unknown> = {};
      for (const name of idTaking.filter((n) => n in cases)) {
        const c = cases[name];
        const actor = await token(c.as);
        const theirs = pick(await gql(hub, c.query, c.vars(c.existing), actor));
        const random = pick(await gql(hub, c.query, c.vars(randomUUID()), actor));
        if (JSON.stringify(theirs) !== JSON.stringify(random) || theirs.code === undefined) differing[name] = { as: c.as, theirs, random };
      }
      expect(differing).toEqual({});
    });

    /** The operations, each with an actor of another organisation and an id of a record it has no part in. */
    async function oracleCases(): Promise<
      Record<string, { as: string; existing: string; query: string; vars: (id: string) => Record<string, unknown> }>
    > {
      const org = async (name: string) => one(`SELECT id FROM organisation WHERE name = $1`, [name]);
      const mind = await org('Clearview Mental Health');
      const probation = await org('North West Probation Region');
      const housing = await org('Safe Harbour Housing Trust');
      // A person the mental health charity has no part in.
      const notMind = `NOT EXISTS (SELECT 1 FROM involvement i WHERE i.person_id = p.id AND i.organisation_id = '${mind}')
                       AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.person_id = p.id AND (r.to_organisation_id = '${mind}' OR r.from_organisation_id = '${mind}'))
                       AND NOT EXISTS (SELECT 1 FROM intervention v WHERE v.person_id = p.id AND v.organisation_id = '${mind}')`;
      const person = await one(`SELECT p.id FROM person p WHERE ${notMind} ORDER BY p.id LIMIT 1`);
      const other = await one(`SELECT p.id FROM person p WHERE ${notMind} AND p.id <> $1 ORDER BY p.id LIMIT 1`, [person]);
      const referral = await one(`SELECT r.id FROM referral r JOIN person p ON p.id = r.person_id WHERE ${notMind}`);
      const intervention = await one(`SELECT v.id FROM intervention v JOIN person p ON p.id = v.person_id WHERE ${notMind}`);
      const involvement = await one(`SELECT i.id FROM involvement i JOIN person p ON p.id = i.person_id WHERE ${notMind}`);
      const consent = await one(`SELECT c.id FROM consent c JOIN person p ON p.id = c.person_id WHERE ${notMind}`);
      const task = await one(`SELECT t.id FROM task t WHERE t.organisation_id <> $1`, [mind]);
      const sustainment = await one(`SELECT s.id FROM job_sustainment s JOIN person p ON p.id = s.person_id WHERE ${notMind}`);
      const user = await one(`SELECT id FROM user_account WHERE organisation_id = $1`, [probation]);
      const rule = await one(`SELECT id FROM referral_rule LIMIT 1`);

      // Fixtures made through the API by the owners: a webhook endpoint with a delivery, an API client, a legal hold, a break-glass grant, a merge.
      const probationAdmin = await token('probation.admin');
      const endpoint = (
        await gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
          hub,
          'mutation { createWebhookEndpoint(input: { url: "https://receiver.invalid/other", eventTypes: ["*"] }) { endpoint { id } } }',
          {},
          probationAdmin,
        )
      ).data!.createWebhookEndpoint.endpoint.id;
      const client = await gql<{ createApiClient: { client: { id: string } } }>(
        hub,
        'mutation { createApiClient(input: { name: "oracle probe", scopes: [PEOPLE_READ] }) { client { id } } }',
        {},
        probationAdmin,
      );
      const apiClient = client.data!.createApiClient.client.id;
      const dpo = await token('probation.dpo');
      const held = await gql<{ placeLegalHold: { id: string } }>(
        hub,
        'mutation($p: ID!) { placeLegalHold(input: { personId: $p, reason: "litigation" }) { id } }',
        { p: person },
        dpo,
      );
      const hold = held.data?.placeLegalHold.id ?? (await one(`SELECT id FROM legal_hold LIMIT 1`));
      const glass = await gql<{ openBreakGlass: { id: string } }>(
        hub,
        'mutation($p: ID!) { openBreakGlass(input: { personId: $p, reason: "emergency contact needed" }) { id } }',
        { p: person },
        await token('housing.manager'),
      );
      expect(glass.errors).toBeUndefined();
      const grant = glass.data!.openBreakGlass.id;
      const delivery = await eventuallyId(`SELECT id FROM webhook_delivery WHERE endpoint_id = '${endpoint}'`, async () => {
        await gql(
          hub,
          'mutation { createPerson(input: { givenName: "Oracle", familyName: "Probe", dateOfBirth: "1980-05-05", confirmNew: true }) { person { id } } }',
          {},
          await token('probation.officer'),
        );
      });
      const officer = await token('probation.officer');
      const newPerson = async (givenName: string) =>
        (
          await gql<{ createPerson: { person: { id: string } } }>(
            hub,
            'mutation($g: String!) { createPerson(input: { givenName: $g, familyName: "Twin", dateOfBirth: "1985-06-07", region: "north_west", confirmNew: true }) { person { id } } }',
            { g: givenName },
            officer,
          )
        ).data!.createPerson.person.id;
      const merged = await gql<{ mergePeople: { id: string } }>(
        hub,
        'mutation($a: ID!, $b: ID!) { mergePeople(input: { survivorId: $a, duplicateId: $b, reason: "same person" }) { id } }',
        { a: await newPerson('Merged'), b: await newPerson('Duplicate') },
        officer,
      );
      expect(merged.errors).toBeUndefined();
      const merge = merged.data!.mergePeople.id;
      // A data protection officer of another organisation, made by the hub admin.
      const mindDpo = `oracle.dpo.${Date.now()}@demo.rehab-hub.example`;
      const made = await gql(
        hub,
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        {
          input: {
            email: mindDpo,
            name: 'Oracle DPO',
            organisationId: mind,
            roles: ['DATA_PROTECTION_OFFICER'],
            regions: ['north_west'],
            password: DEMO_PASSWORD,
          },
        },
        await token('hub.admin'),
      );
      expect(made.errors).toBeUndefined();

      // Caseworker-level access: a person the housing trust has no part in, a probation team and restriction.
      const notHousing = await one(
        `SELECT p.id FROM person p WHERE NOT EXISTS (SELECT 1 FROM involvement i WHERE i.person_id = p.id AND i.organisation_id = $1)
            AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.person_id = p.id AND (r.to_organisation_id = $1 OR r.from_organisation_id = $1))
            AND NOT EXISTS (SELECT 1 FROM break_glass_grant g WHERE g.person_id = p.id) ORDER BY p.id LIMIT 1`,
        [housing],
      );
      const team = (
        await gql<{ createTeam: { id: string } }>(hub, 'mutation { createTeam(input: { name: "Oracle team" }) { id } }', {}, probationAdmin)
      ).data!.createTeam.id;
      const housingUser = await one(`SELECT id FROM user_account WHERE organisation_id = $1 LIMIT 1`, [housing]);
      const placed = await gql<{ placeRestriction: { id: string } }>(
        hub,
        'mutation($p: ID!, $u: ID!, $d: String!) { placeRestriction(input: { personId: $p, kind: EXCLUSION, userIds: [$u], reason: "probe", reviewOn: $d }) { id } }',
        { p: notHousing, u: user, d: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) },
        await token('probation.manager'),
      );
      expect(placed.errors).toBeUndefined();
      const restriction = placed.data!.placeRestriction.id;

      // An appointment and a case note of probation's, about a person the charity has no part in.
      const diarised = await newPerson('Diarised');
      const booked = await gql<{ bookAppointment: { id: string } }>(
        hub,
        'mutation($p: ID!, $s: String!) { bookAppointment(input: { personId: $p, serviceCode: "cv_cover_letter", startsAt: $s, durationMinutes: 30, mode: PHONE }) { id } }',
        { p: diarised, s: new Date(Date.now() + 86_400_000).toISOString() },
        officer,
      );
      expect(booked.errors).toBeUndefined();
      const appointment = booked.data!.bookAppointment.id;
      const noted = await gql<{ writeCaseNote: { id: string } }>(
        hub,
        'mutation($p: ID!) { writeCaseNote(input: { personId: $p, dataCategory: ETE, body: "Oracle note" }) { id } }',
        { p: diarised },
        officer,
      );
      expect(noted.errors).toBeUndefined();
      const caseNote = noted.data!.writeCaseNote.id;

      // A panel of probation's that does not invite the charity: a person on its agenda, a note, an action.
      const panel = await gql<{ scheduleMeeting: { id: string } }>(
        hub,
        'mutation($s: String!, $h: ID!) { scheduleMeeting(input: { title: "Oracle panel", startsAt: $s, invitedOrganisationIds: [$h] }) { id } }',
        { s: new Date(Date.now() + 86_400_000).toISOString(), h: housing },
        officer,
      );
      expect(panel.errors).toBeUndefined();
      const meeting = panel.data!.scheduleMeeting.id;
      const listed = await gql<{ addAgendaItem: { id: string } }>(
        hub,
        'mutation($m: ID!, $p: ID!) { addAgendaItem(input: { meetingId: $m, personId: $p, reason: "Oracle review" }) { id } }',
        { m: meeting, p: diarised },
        officer,
      );
      expect(listed.errors).toBeUndefined();
      const agendaItem = listed.data!.addAgendaItem.id;
      const acted = await gql<{ assignMeetingAction: { id: string } }>(
        hub,
        'mutation($i: ID!, $o: ID!, $d: String!) { assignMeetingAction(input: { agendaItemId: $i, ownerOrganisationId: $o, title: "Oracle action", dueOn: $d }) { id } }',
        { i: agendaItem, o: probation, d: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) },
        officer,
      );
      expect(acted.errors).toBeUndefined();
      const meetingAction = acted.data!.assignMeetingAction.id;

      const w = 'mind.worker';
      const reasonInput = (field: string) => (id: string) => ({ input: { [field]: id, reason: 'probe' } });
      return {
        person: { as: w, existing: person, query: 'query($id: ID!) { person(id: $id) { id } }', vars: (id) => ({ id }) },
        linkUserIdentity: {
          as: 'housing.admin',
          existing: user,
          query: 'mutation($input: LinkUserIdentityInput!) { linkUserIdentity(input: $input) { id } }',
          vars: (id) => ({ input: { userId: id, subject: 'oracle-probe' } }),
        },
        unlinkUserIdentity: {
          as: 'housing.admin',
          existing: user,
          query: 'mutation($id: ID!) { unlinkUserIdentity(userId: $id) { id } }',
          vars: (id) => ({ id }),
        },
        allocatePerson: {
          as: 'housing.manager',
          existing: notHousing,
          query: 'mutation($input: AllocatePersonInput!) { allocatePerson(input: $input) { id } }',
          vars: (id) => ({ input: { personId: id, teamId: randomUUID(), reason: 'probe' } }),
        },
        placeRestriction: {
          as: 'housing.manager',
          existing: notHousing,
          query: 'mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id } }',
          vars: (id) => ({
            input: {
              personId: id,
              kind: 'RESTRICTION',
              userIds: [housingUser],
              reason: 'probe',
              reviewOn: new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10),
            },
          }),
        },
        liftRestriction: {
          as: 'housing.manager',
          existing: restriction,
          query: 'mutation($input: LiftRestrictionInput!) { liftRestriction(input: $input) { id } }',
          vars: reasonInput('restrictionId'),
        },
        addTeamMember: {
          as: 'housing.admin',
          existing: team,
          query: 'mutation($t: ID!, $u: ID!) { addTeamMember(input: { teamId: $t, userId: $u }) { id } }',
          vars: (id) => ({ t: id, u: housingUser }),
        },
        removeTeamMember: {
          as: 'housing.admin',
          existing: team,
          query: 'mutation($t: ID!, $u: ID!) { removeTeamMember(input: { teamId: $t, userId: $u }) { id } }',
          vars: (id) => ({ t: id, u: housingUser }),
        },

        explainAccess: {
          as: w,
          existing: person,
          query: 'query($id: ID!) { explainAccess(personId: $id) { allowed } }',
          vars: (id) => ({ id }),
        },
        auditProof: {
          as: mindDpo,
          // An event of another organisation about a person the charity has no part in.
          existing: await one(
            `SELECT a.id::text FROM audit_event a WHERE a.person_id = $1 AND a.organisation_id IS DISTINCT FROM $2 ORDER BY a.id LIMIT 1`,
            [person, mind],
          ),
          query: 'query($id: ID!) { auditProof(eventId: $id) { leafIndex } }',
          vars: (id) => ({ id }),
        },
        personAccessLog: {
          as: mindDpo,
          existing: person,
          query: 'query($id: ID!) { personAccessLog(personId: $id) { id } }',
          vars: (id) => ({ id }),
        },
        legalHolds: {
          as: mindDpo,
          existing: person,
          query: 'query($id: ID!) { legalHolds(personId: $id) { id } }',
          vars: (id) => ({ id }),
        },
        accessSearch: {
          as: mindDpo,
          existing: person,
          query: 'query($input: AccessSearchInput!) { accessSearch(input: $input) { edges { node { id } } } }',
          vars: (id) => ({ input: { from: new Date(Date.now() - 86_400_000).toISOString(), personId: id } }),
        },
        referral: { as: w, existing: referral, query: 'query($id: ID!) { referral(id: $id) { id } }', vars: (id) => ({ id }) },
        acceptReferral: {
          as: w,
          existing: referral,
          query: 'mutation($id: ID!) { acceptReferral(id: $id) { id } }',
          vars: (id) => ({ id }),
        },
        startReferral: { as: w, existing: referral, query: 'mutation($id: ID!) { startReferral(id: $id) { id } }', vars: (id) => ({ id }) },
        completeReferral: {
          as: w,
          existing: referral,
          query: 'mutation($input: CompleteReferralInput!) { completeReferral(input: $input) { id } }',
          vars: (id) => ({ input: { referralId: id, outcome: 'ACHIEVED' } }),
        },
        referralPreview: {
          as: w,
          existing: person,
          query: 'query($input: ReferralPreviewInput!) { referralPreview(input: $input) { receiverSees } }',
          vars: (id) => ({ input: { personId: id, toOrganisationId: housing } }),
        },
        sendDraftReferral: {
          as: w,
          existing: referral,
          query: 'mutation($id: ID!) { sendDraftReferral(id: $id) { id } }',
          vars: (id) => ({ id }),
        },
        declineReferral: {
          as: w,
          existing: referral,
          query: 'mutation($input: ReferralReasonInput!) { declineReferral(input: $input) { id } }',
          vars: reasonInput('referralId'),
        },
        withdrawReferral: {
          as: w,
          existing: referral,
          query: 'mutation($input: ReferralReasonInput!) { withdrawReferral(input: $input) { id } }',
          vars: reasonInput('referralId'),
        },
        completeTask: { as: w, existing: task, query: 'mutation($id: ID!) { completeTask(id: $id) { id } }', vars: (id) => ({ id }) },
        assignTask: {
          as: w,
          existing: person,
          query: 'mutation($input: AssignTaskInput!) { assignTask(input: $input) { id } }',
          vars: (id) => ({
            input: {
              personId: id,
              assigneeUserId: housingUser,
              title: 'probe',
              description: '',
              dueOn: new Date().toISOString().slice(0, 10),
            },
          }),
        },
        addInvolvement: {
          as: w,
          existing: person,
          query: 'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }',
          vars: (id) => ({ input: { personId: id, organisationId: mind, role: 'PROVIDER' } }),
        },
        endInvolvement: {
          as: w,
          existing: involvement,
          query: 'mutation($input: EndInvolvementInput!) { endInvolvement(input: $input) { id } }',
          vars: reasonInput('involvementId'),
        },
        draftReferral: {
          as: w,
          existing: person,
          query: 'mutation($input: SendReferralInput!) { draftReferral(input: $input) { id } }',
          vars: (id) => ({
            input: {
              personId: id,
              toOrganisationId: housing,
              serviceCode: 'accommodation_support',
              reason: 'probe',
              sharedCategories: ['IDENTITY'],
            },
          }),
        },
        sendReferral: {
          as: w,
          existing: person,
          query: 'mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }',
          vars: (id) => ({
            input: {
              personId: id,
              toOrganisationId: housing,
              serviceCode: 'accommodation_support',
              reason: 'probe',
              sharedCategories: ['IDENTITY'],
            },
          }),
        },
        grantConsent: {
          as: w,
          existing: person,
          query: 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
          vars: (id) => ({ input: { personId: id, organisationId: mind, purpose: 'HEALTH', method: 'VERBAL', personPresent: true } }),
        },
        withdrawConsent: {
          as: w,
          existing: consent,
          query: 'mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id } }',
          vars: reasonInput('consentId'),
        },
        logIntervention: {
          as: w,
          existing: person,
          query: 'mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }',
          vars: (id) => ({ input: { personId: id, typeCode: 'mental_health_support', status: 'COMPLETED', occurredAt: '2026-01-02' } }),
        },
        updateIntervention: {
          as: w,
          existing: intervention,
          query: 'mutation($input: UpdateInterventionInput!) { updateIntervention(input: $input) { id } }',
          vars: (id) => ({ input: { id, version: 1, notes: 'probe' } }),
        },
        bookAppointment: {
          as: w,
          existing: diarised,
          query: 'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
          vars: (id) => ({
            input: {
              personId: id,
              serviceCode: 'mental_health_support',
              startsAt: '2030-01-02T10:00:00Z',
              durationMinutes: 30,
              mode: 'PHONE',
            },
          }),
        },
        recordAppointmentOutcome: {
          as: w,
          existing: appointment,
          query: 'mutation($input: RecordAppointmentOutcomeInput!) { recordAppointmentOutcome(input: $input) { id } }',
          vars: (id) => ({ input: { appointmentId: id, version: 1, status: 'CANCELLED', cancelledBy: 'PERSON' } }),
        },
        logContactAttempt: {
          as: w,
          existing: diarised,
          query: 'mutation($input: LogContactAttemptInput!) { logContactAttempt(input: $input) { id } }',
          vars: (id) => ({
            input: {
              personId: id,
              serviceCode: 'mental_health_support',
              channel: 'PHONE',
              result: 'NO_ANSWER',
              occurredAt: '2026-01-02T10:00:00Z',
            },
          }),
        },
        writeCaseNote: {
          as: w,
          existing: diarised,
          query: 'mutation($input: WriteCaseNoteInput!) { writeCaseNote(input: $input) { id } }',
          vars: (id) => ({ input: { personId: id, dataCategory: 'HEALTH', body: 'probe' } }),
        },
        meeting: { as: w, existing: meeting, query: 'query($id: ID!) { meeting(id: $id) { id } }', vars: (id) => ({ id }) },
        meetingMinutes: {
          as: w,
          existing: meeting,
          query: 'query($id: ID!) { meetingMinutes(meetingId: $id) { content } }',
          vars: (id) => ({ id }),
        },
        scheduleMeeting: {
          as: w,
          // A user of an organisation the meeting would not invite: the same answer as a user that is not there.
          existing: user,
          query: 'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
          vars: (id) => ({
            input: {
              title: 'Probe',
              startsAt: new Date(Date.now() + 86_400_000).toISOString(),
              invitedOrganisationIds: [],
              invitedUserIds: [id],
            },
          }),
        },
        addAgendaItem: {
          as: w,
          existing: meeting,
          query: 'mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }',
          vars: (id) => ({ input: { meetingId: id, personId: diarised, reason: 'probe' } }),
        },
        scheduleNextMeeting: {
          as: w,
          existing: meeting,
          query: 'mutation($id: ID!) { scheduleNextMeeting(meetingId: $id) { id } }',
          vars: (id) => ({ id }),
        },
        recordMeetingAttendance: {
          as: w,
          existing: meeting,
          query: 'mutation($input: RecordAttendanceInput!) { recordMeetingAttendance(input: $input) { attended } }',
          vars: (id) => ({ input: { meetingId: id, organisationId: mind, attended: true } }),
        },
        writeMeetingNote: {
          as: w,
          existing: agendaItem,
          query: 'mutation($input: WriteMeetingNoteInput!) { writeMeetingNote(input: $input) { id } }',
          vars: (id) => ({ input: { agendaItemId: id, kind: 'NOTE', dataCategory: 'ETE', body: 'probe' } }),
        },
        assignMeetingAction: {
          as: w,
          existing: agendaItem,
          query: 'mutation($input: AssignMeetingActionInput!) { assignMeetingAction(input: $input) { id } }',
          vars: (id) => ({ input: { agendaItemId: id, ownerOrganisationId: mind, title: 'probe', dueOn: '2030-01-01' } }),
        },
        completeMeetingAction: {
          as: w,
          existing: meetingAction,
          query: 'mutation($input: CompleteMeetingActionInput!) { completeMeetingAction(input: $input) { id } }',
          vars: (id) => ({ input: { actionId: id } }),
        },
        correctCaseNote: {
          as: w,
          existing: caseNote,
          query: 'mutation($input: CorrectCaseNoteInput!) { correctCaseNote(input: $input) { id } }',
          vars: (id) => ({ input: { noteId: id, version: 1, body: 'probe', reason: 'probe' } }),
        },
        updatePerson: {
          as: w,
          existing: person,
          query: 'mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }',
          vars: (id) => ({ input: { id, version: 1, reason: 'probe', region: 'north_west' } }),
        },
        recordOgrsAssessment: {
          as: w,
          existing: person,
          query: 'mutation($input: RecordOgrsInput!) { recordOgrsAssessment(input: $input) { personId } }',
          vars: (id) => ({ input: { personId: id, score: 40, assessedOn: '2026-01-02' } }),
        },
        recordReconviction: {
          as: w,
          existing: person,
          query: 'mutation($input: RecordReconvictionInput!) { recordReconviction(input: $input) { personId } }',
          vars: (id) => ({ input: { personId: id, convictedOn: '2026-01-02' } }),
        },
        recordSustainment: {
          as: w,
          existing: sustainment,
          query: 'mutation($input: RecordSustainmentInput!) { recordSustainment(input: $input) { id } }',
          vars: (id) => ({ input: { sustainmentId: id, sustained: true } }),
        },
        mergePeople: {
          as: w,
          existing: person,
          query: 'mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }',
          vars: (id) => ({ input: { survivorId: id, duplicateId: id === person ? other : randomUUID(), reason: 'probe' } }),
        },
        unmergePerson: {
          as: mindDpo,
          existing: merge,
          query: 'mutation($input: UnmergePersonInput!) { unmergePerson(input: $input) { id } }',
          vars: reasonInput('mergeId'),
        },
        erasePerson: {
          as: mindDpo,
          existing: person,
          query: 'mutation($input: PersonReasonInput!) { erasePerson(input: $input) { id } }',
          vars: reasonInput('personId'),
        },
        placeLegalHold: {
          as: mindDpo,
          existing: person,
          query: 'mutation($input: PersonReasonInput!) { placeLegalHold(input: $input) { id } }',
          vars: reasonInput('personId'),
        },
        releaseLegalHold: {
          as: mindDpo,
          existing: hold,
          query: 'mutation($id: ID!) { releaseLegalHold(holdId: $id) { id } }',
          vars: (id) => ({ id }),
        },
        subjectAccessExport: {
          as: mindDpo,
          existing: person,
          query: 'mutation($id: ID!) { subjectAccessExport(personId: $id) { personId } }',
          vars: (id) => ({ id }),
        },
        reviewBreakGlass: {
          as: mindDpo,
          existing: grant,
          query: 'mutation($input: ReviewBreakGlassInput!) { reviewBreakGlass(input: $input) { id } }',
          vars: (id) => ({ input: { grantId: id, note: 'probe' } }),
        },
        webhookDeliveries: {
          as: 'housing.admin',
          existing: endpoint,
          query: 'query($id: ID!) { webhookDeliveries(endpointId: $id) { edges { node { id } } } }',
          vars: (id) => ({ id }),
        },
        rotateWebhookSecret: {
          as: 'housing.admin',
          existing: endpoint,
          query: 'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
          vars: (id) => ({ id }),
        },
        updateWebhookEndpoint: {
          as: 'housing.admin',
          existing: endpoint,
          query: 'mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { id } }',
          vars: (id) => ({ input: { id, active: false } }),
        },
        replayWebhookDelivery: {
          as: 'housing.admin',
          existing: delivery,
          query: 'mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }',
          vars: (id) => ({ id }),
        },
        revokeApiClient: {
          as: 'housing.admin',
          existing: apiClient,
          query: 'mutation($id: ID!) { revokeApiClient(id: $id) { id } }',
          vars: (id) => ({ id }),
        },
        rotateApiClientSecret: {
          as: 'housing.admin',
          existing: apiClient,
          query: 'mutation($id: ID!) { rotateApiClientSecret(id: $id) { clientSecret } }',
          vars: (id) => ({ id }),
        },
        apiClients: {
          as: 'housing.admin',
          existing: probation,
          query: 'query($id: ID) { apiClients(organisationId: $id) { id } }',
          vars: (id) => ({ id }),
        },
        createApiClient: {
          as: 'housing.admin',
          existing: probation,
          query: 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { clientSecret } }',
          vars: (id) => ({ input: { organisationId: id, name: 'probe', scopes: ['PEOPLE_READ'] } }),
        },
        users: {
          as: 'housing.admin',
          existing: probation,
          query: 'query($id: ID) { users(organisationId: $id, first: 1) { edges { node { id } } } }',
          vars: (id) => ({ id }),
        },
        createUser: {
          as: 'housing.admin',
          existing: probation,
          query: 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
          vars: (id) => ({
            input: {
              organisationId: id,
              email: `probe.${randomUUID()}@demo.rehab-hub.example`,
              name: 'Probe',
              roles: ['CASEWORKER'],
              regions: [],
            },
          }),
        },
        updateUser: {
          as: 'housing.admin',
          existing: user,
          query: 'mutation($input: UpdateUserInput!) { updateUser(input: $input) { id } }',
          vars: (id) => ({ input: { id, name: 'Probe' } }),
        },
        resetUserPassword: {
          as: 'housing.admin',
          existing: user,
          query: 'mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { id } }',
          vars: (id) => ({ input: { userId: id, temporaryPassword: 'Temporary-Gravel-Owl-5530' } }),
        },
        updateOrganisation: {
          as: 'housing.admin',
          existing: probation,
          query: 'mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }',
          vars: (id) => ({ input: { id, version: 1, capacity: 5 } }),
        },
        ruleFirings: {
          as: 'housing.admin',
          existing: rule,
          query: 'query($id: ID!) { ruleFirings(ruleId: $id) { edges { node { id } } } }',
          vars: (id) => ({ id }),
        },
        dryRunReferralRule: {
          as: 'housing.admin',
          existing: rule,
          query: 'query($input: DryRunReferralRuleInput!) { dryRunReferralRule(input: $input) { matched } }',
          vars: (id) => ({
            input: {
              ruleId: id,
              days: 1,
              name: 'probe',
              active: true,
              conditions: '{}',
              cooldownDays: 1,
              matchRegion: true,
              serviceCode: 'employment',
              triggerEvent: 'person.created',
            },
          }),
        },
        updateReferralRule: {
          as: 'housing.admin',
          existing: rule,
          query: 'mutation($input: UpdateReferralRuleInput!) { updateReferralRule(input: $input) { id } }',
          vars: (id) => ({
            input: {
              ruleId: id,
              version: 1,
              name: 'probe',
              active: true,
              conditions: '{}',
              cooldownDays: 1,
              matchRegion: true,
              serviceCode: 'employment',
              triggerEvent: 'person.created',
            },
          }),
        },
      };
    }

    async function eventuallyId(sql: string, poke: () => Promise<void>): Promise<string> {
      await poke();
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const rows = (await db.query(sql)).rows as { id: string }[];
        if (rows.length) return rows[0].id;
        await new Promise((r) => setTimeout(r, 300));
      }
      throw new Error(`no fixture for: ${sql}`);
    }
  });

  it('is alive and ready afterwards', async () => {
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });
});

/** What an answer tells: its error code and message (or that it had none). */
function pick(res: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code?: unknown; message?: string } {
  const e = res.errors?.[0];
  return e ? { code: e.extensions?.code, message: e.message } : {};
}

function takesId(field: GraphQLField<unknown, unknown>): boolean {
  const has = (type: GraphQLInputType, seen: Set<string>): boolean => {
    const t = getNamedType(type);
    if (t.name === 'ID') return true;
    if (!isInputObjectType(t) || seen.has(t.name)) return false;
    seen.add(t.name);
    return Object.values(t.getFields()).some((f) => has(f.type, seen));
  };
  return field.args.some((a) => has(a.type, new Set()));
}
