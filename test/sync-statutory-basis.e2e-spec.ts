import { ApiClientsService, OrganisationsService, UsersService } from '@hub/organisations';
import { OrganisationKind, Role, Scope } from '@hub/common';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * A probation organisation set up as an operator does it (no demo world: `create-org`, `create-client
 * --scopes sync`, the services the CLI calls) streams people with offending and risk values through
 * POST /sync/people. The values go into the shared record only while the organisation has a lawful basis
 * to read them back (E4, E6 in docs/security.md): a new organisation has none until its statutory
 * sharing agreement is recorded. Then a first load creates people with those values and a second one
 * updates people the first created; ended, the agreement no longer lets the client change them.
 */
describe('bulk people sync for a probation organisation created with the CLI', () => {
  let hub: TestHub;
  let token: string;
  let organisationId: string;
  let officer: string;

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO: 'false' });
    // What `create-org --kind probation --regions …` and `create-client --scopes sync` do.
    const org = await hub.app.get(OrganisationsService).createUnchecked({
      name: 'Sync Probation Region',
      kind: OrganisationKind.PROBATION,
      regions: ['north_west', 'yorkshire_humber'],
      services: [],
      capacity: null,
    });
    organisationId = org.id;
    const { client, clientSecret } = await hub.app
      .get(ApiClientsService)
      .create(null, { organisationId, name: 'Case system loader', scopes: [Scope.SYNC] });
    const res = await hub
      .http()
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret });
    expect(res.status).toBe(200);
    token = res.body.access_token;
    // `create-user --roles data_protection_officer`: the one who records the organisation's agreements.
    await hub.app.get(UsersService).create(null, {
      organisationId,
      email: 'dpo@sync-probation.example',
      name: 'Dana Officer',
      roles: [Role.DATA_PROTECTION_OFFICER],
      regions: [],
      password: 'Statutory-Sharing-Officer-2027',
    });
    officer = await hub.tokenFor('dpo@sync-probation.example', 'Statutory-Sharing-Officer-2027');
  });
  afterAll(() => hub.close());

  const person = (i: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      externalId: `case-${i}`,
      givenName: `Casey${i}`,
      familyName: 'Loader',
      dateOfBirth: `19${70 + (i % 20)}-0${(i % 9) + 1}-1${i % 10}`,
      region: 'north_west',
      identifiers: [{ scheme: 'PNC', value: `${String(i % 100).padStart(2, '0')}/${String(i).padStart(7, '0')}S` }],
      ...extra,
    });

  async function load(key: string, lines: string[]) {
    const res = await hub
      .http()
      .post('/sync/people?system=probation-case-system')
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', key)
      .set('content-type', 'application/x-ndjson')
      .send(lines.join('\n') + '\n');
    if (res.status !== 200) throw new Error(`${key}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as {
      created: number;
      updated: number;
      unchanged: number;
      rejected: number;
      errors: { line: number; code: string; message: string }[];
    };
  }

  const values = async (i: number) =>
    (
      await hub.db.query(
        `SELECT p.offence_summary AS "offenceSummary", p.risk_level AS "riskLevel", p.ogrs_score::float AS "ogrsScore"
           FROM person p JOIN external_ref r ON r.entity_id = p.id WHERE r.system = 'probation-case-system' AND r.external_id = $1`,
        [`case-${i}`],
      )
    )[0] as { offenceSummary: string | null; riskLevel: string | null; ogrsScore: number | null } | undefined;

  it('without a lawful basis for offending or risk data, lines giving them are refused, naming what is missing; the others load', async () => {
    const body = await load('load-no-basis', [
      person(1),
      person(2, { offenceSummary: 'Theft from a shop' }),
      person(3, { riskLevel: 'high' }),
    ]);
    expect(body).toMatchObject({ created: 1, rejected: 2 });
    expect(body.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'FORBIDDEN'],
      [3, 'FORBIDDEN'],
    ]);
    expect(body.errors[0].message).toMatch(/consent or sharing agreement/);
    expect(await values(2)).toBeUndefined();
  });

  it('with its statutory agreement recorded, a first load creates people with offending and risk values and a second updates them', async () => {
    const agreement = await hub.gql<{ createSharingAgreement: { id: string } }>(
      `mutation($input: CreateSharingAgreementInput!) { createSharingAgreement(input: $input) { id } }`,
      {
        input: {
          name: 'Probation statutory sharing',
          partyOrganisationIds: [organisationId],
          purposes: ['ETE', 'ACCOMMODATION', 'HEALTH', 'SUBSTANCE_MISUSE', 'FINANCE', 'FAMILY'],
          categories: ['IDENTITY', 'OFFENDING', 'RISK'],
          lawfulBasis: 'PUBLIC_TASK',
          statutoryReference: 'Offender Management Act 2007 s.14',
          validFrom: new Date(Date.now() - 60_000).toISOString(),
        },
      },
      officer,
    );
    expect(agreement.errors).toBeUndefined();

    const first = await load('load-round-1', [
      person(10, { offenceSummary: 'Burglary', ogrsScore: 42.5 }),
      person(11, { riskLevel: 'medium' }),
      person(12, { offenceSummary: 'Criminal damage', riskLevel: 'low' }),
    ]);
    expect(first).toMatchObject({ created: 3, rejected: 0 });
    expect(await values(10)).toEqual({ offenceSummary: 'Burglary', riskLevel: null, ogrsScore: 42.5 });

    // The next load: people of the first changed, and the one created with nothing sensitive given an offence.
    const second = await load('load-round-2', [
      person(10, { offenceSummary: 'Burglary', ogrsScore: 44 }),
      person(11, { riskLevel: 'high' }),
      person(12, { offenceSummary: 'Criminal damage', riskLevel: 'low' }),
      person(1, { offenceSummary: 'Theft from a shop' }),
      person(13, { riskLevel: 'low' }),
    ]);
    expect(second).toMatchObject({ created: 1, updated: 3, unchanged: 1, rejected: 0 });
    expect(await values(10)).toEqual({ offenceSummary: 'Burglary', riskLevel: null, ogrsScore: 44 });
    expect(await values(11)).toMatchObject({ riskLevel: 'high' });
    expect(await values(1)).toMatchObject({ offenceSummary: 'Theft from a shop' });

    // Ended, the agreement is no basis: the client may no longer change those values.
    const ended = await hub.gql(
      `mutation($input: EndSharingAgreementInput!) { endSharingAgreement(input: $input) { validTo } }`,
      { input: { agreementId: agreement.data!.createSharingAgreement.id, reason: 'Replaced by the next agreement' } },
      officer,
    );
    expect(ended.errors).toBeUndefined();
    const third = await load('load-round-3', [person(11, { riskLevel: 'very_high' }), person(14, { offenceSummary: 'Fraud' })]);
    expect(third).toMatchObject({ created: 0, updated: 0, rejected: 2 });
    expect(await values(11)).toMatchObject({ riskLevel: 'high' });
  });
});
