import { DEMO_USERS } from '../libs/demo/src/demo-world.js';
import { startTestHub, type TestHub } from './support/hub.js';

const FIELDS = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'region',
  'releaseDate',
  'offenceSummary',
  'ogrsScore',
  'riskLevel',
  'healthNotes',
  'stage',
] as const;
const PERSON = `query($id: ID!) { person(id: $id) { id version ${FIELDS.join(' ')} } }`;
const EXPLAIN = `query($id: ID!, $field: String!) { explainAccess(personId: $id, field: $field, write: true) { allowed reason } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version } }`;
const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { outcome person { id healthNotes withheldFields } } }`;

/**
 * Explaining a write and enforcing it are one decision (libs/access decideFieldChange): for every demo
 * user (every role and kind of organisation), demo people with different partners and consents, and
 * every field of the record, explainAccess(write: true) says allowed exactly when updatePerson accepts
 * the field. The update gives each field its current value, so nothing changes whichever way it goes.
 */
describe('changing a field of the shared record: explained as enforced, never written blind', () => {
  let hub: TestHub;
  const tokens = new Map<string, string>();
  const people: Record<string, unknown>[] = [];
  let probation: string;

  beforeAll(async () => {
    hub = await startTestHub({ WORKER_MODE: 'off', SEED_DEMO_PEOPLE: 'true' });
    for (const u of DEMO_USERS) tokens.set(u.email, await hub.tokenFor(u.email));
    probation = tokens.get(DEMO_USERS.find((u) => u.email.startsWith('probation.officer@'))!.email)!;
    for (const ref of ['sofia marsh', 'carl bennett', 'tony hargreaves', 'paula okafor']) {
      const found = await hub.gql<{ people: { edges: { node: { id: string } }[] } }>(
        `query($s: String!) { people(search: $s, first: 1) { edges { node { id } } } }`,
        { s: ref },
        probation,
      );
      const id = found.data!.people.edges[0].node.id;
      people.push((await hub.gql<{ person: Record<string, unknown> }>(PERSON, { id }, probation)).data!.person);
    }
  });
  afterAll(() => hub.close());

  it('explainAccess(write) == updatePerson, for every role, organisation, person and field', async () => {
    const mismatches: string[] = [];
    let allowed = 0;
    let refused = 0;
    for (const u of DEMO_USERS) {
      const token = tokens.get(u.email)!;
      for (const p of people) {
        const answers = await Promise.all(
          FIELDS.map(async (field) => ({
            field,
            explained: await hub.gql<{ explainAccess: { allowed: boolean; reason: string } }>(EXPLAIN, { id: p.id, field }, token),
            updated: await hub.gql(
              UPDATE,
              { input: { id: p.id, version: p.version, reason: 'explain vs enforce', [field]: p[field] } },
              token,
            ),
          })),
        );
        for (const { field, explained, updated } of answers) {
          const enforced = !updated.errors;
          if (updated.errors) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(updated.errors[0].extensions?.code);
          if (explained.data?.explainAccess.allowed !== enforced)
            mismatches.push(
              `${u.email} ${String(p.id).slice(0, 8)} ${field}: explained ${JSON.stringify(explained.data?.explainAccess)}, enforced ${enforced}`,
            );
          if (enforced) allowed++;
          else refused++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The table is not trivial: both answers occur.
    expect(allowed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    // Hundreds of requests in a row: on a loaded two-core machine this outlasts the default minute.
  }, 240_000);

  it('a training provider is told it may not change risk, offending or health, as updatePerson refuses', async () => {
    const trainer = tokens.get(DEMO_USERS.find((u) => u.email.startsWith('trainer@'))!.email)!;
    for (const field of ['riskLevel', 'offenceSummary', 'healthNotes']) {
      const explained = await hub.gql<{ explainAccess: { allowed: boolean; reason: string } }>(
        EXPLAIN,
        { id: people[0].id, field },
        trainer,
      );
      expect(explained.data!.explainAccess).toEqual({ allowed: false, reason: 'NO_LAWFUL_BASIS' });
    }
  });

  it('a charity may not put into the shared record what it could not read back; once it may read health, it writes and sees it', async () => {
    const mind = tokens.get(DEMO_USERS.find((u) => u.email.startsWith('mind.worker@'))!.email)!;
    const input = {
      givenName: 'Robin',
      familyName: 'Ashdown',
      dateOfBirth: '1991-07-07',
      identifiers: [{ scheme: 'PNC', value: '91/070707R' }],
      confirmNew: true,
    };
    const refused = await hub.gql(CREATE, { input: { ...input, healthNotes: 'Panic attacks' } }, mind);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toMatch(/may not record healthNotes/);
    // Nothing half-written: the identifier is still free.
    const created = await hub.gql<{
      createPerson: { outcome: string; person: { id: string; healthNotes: string | null; withheldFields: string[] } };
    }>(CREATE, { input }, mind);
    expect(created.data!.createPerson.outcome).toBe('CREATED');
    const id = created.data!.createPerson.person.id;
    expect(created.data!.createPerson.person.withheldFields).toContain('healthNotes');
    const version = async () =>
      (await hub.gql<{ person: { version: number } }>(`query($id: ID!) { person(id: $id) { version } }`, { id }, mind)).data!.person
        .version;
    const write = await hub.gql(
      UPDATE,
      { input: { id, version: await version(), reason: 'assessment', healthNotes: 'Panic attacks' } },
      mind,
    );
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The person consents to share health data with the charity: it may now write it and reads back what it wrote.
    const orgs = await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, mind);
    const mindId = orgs.data!.organisations.find((o) => o.name === 'Clearview Mental Health')!.id;
    const consent = await hub.gql<{ grantConsent: { id: string } }>(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
      { input: { personId: id, purpose: 'HEALTH', organisationId: mindId, method: 'SIGNED_FORM', personPresent: true } },
      mind,
    );
    expect(consent.errors).toBeUndefined();
    const written = await hub.gql(
      UPDATE,
      { input: { id, version: await version(), reason: 'assessment', healthNotes: 'Panic attacks' } },
      mind,
    );
    expect(written.errors).toBeUndefined();
    const page = await hub.gql<{ person: { healthNotes: string | null } }>(
      `query($id: ID!) { person(id: $id) { healthNotes } }`,
      { id },
      mind,
    );
    expect(page.data!.person.healthNotes).toBe('Panic attacks');
    // Consent withdrawn: the shared field is withheld from it as from any reader; its own change, a row of its own, stays visible in the history.
    const withdrawn = await hub.gql(
      `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { status } }`,
      { input: { consentId: consent.data!.grantConsent.id, reason: 'asked to stop' } },
      mind,
    );
    expect(withdrawn.errors).toBeUndefined();
    const after = await hub.gql<{
      person: {
        healthNotes: string | null;
        withheldFields: string[];
        history: { edges: { node: { changes: { field: string; newValue: string | null; withheld: boolean }[] } }[] };
      };
    }>(
      `query($id: ID!) { person(id: $id) { healthNotes withheldFields history(first: 20) { edges { node { changes { field newValue withheld } } } } } }`,
      { id },
      mind,
    );
    expect(after.errors).toBeUndefined();
    expect(after.data!.person.healthNotes).toBeNull();
    expect(after.data!.person.withheldFields).toContain('healthNotes');
    const own = after.data!.person.history.edges.flatMap((e) => e.node.changes).find((c) => c.field === 'healthNotes');
    expect(own).toEqual({ field: 'healthNotes', newValue: JSON.stringify('Panic attacks'), withheld: false });
  });
});
