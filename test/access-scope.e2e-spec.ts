import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type Actor, OrganisationKind, type Purpose, Role, SUPPORT_AREAS } from '../libs/common/src/index.js';
import { AccessService } from '../libs/access/src/access.service.js';
import { ACCESS_CASES, CASE_ACTOR_ID, CASE_REGION, CASE_TEAM_ID, caseActor } from '../libs/access/src/access-cases.js';
import { type AccessAction, DATA_CATEGORIES, type DataCategory } from '../libs/access/src/data-category.js';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * The policy has two forms: the object check (facts loaded, pure decide) and the SQL scope used by
 * every list. Both are run here against a real database, on the access table and on generated worlds.
 */
describe('access: object check and SQL scope agree', () => {
  let hub: TestHub;
  let access: AccessService;

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO: 'false' });
    access = hub.app.get(AccessService);
  });
  afterAll(() => hub.close());

  async function org(kind: OrganisationKind): Promise<string> {
    const id = randomUUID();
    await hub.db.query(`INSERT INTO organisation (id, name, kind, version) VALUES ($1, $2, $3, 1)`, [id, `org ${id}`, kind]);
    return id;
  }

  async function person(region = 'north_west'): Promise<string> {
    const id = randomUUID();
    await hub.db.query(
      `INSERT INTO person (id, given_name, family_name, normalised_name, date_of_birth, region, created_by_organisation_id, version) VALUES ($1, 'T', 'P', 't p', '1990-01-01', $2, $1, 1)`,
      [id, region],
    );
    return id;
  }

  async function allocate(personId: string, organisationId: string, to: { owner?: string; team?: string }, ended = false) {
    await hub.db.query(
      `INSERT INTO allocation (person_id, organisation_id, case_owner_id, team_id, reason, allocated_by, ended_at) VALUES ($1, $2, $3, $4, 'test', 'test', $5)`,
      [personId, organisationId, to.owner ?? null, to.team ?? null, ended ? new Date() : null],
    );
  }

  async function restrict(
    personId: string,
    kind: 'restriction' | 'exclusion',
    userIds: string[],
    allowsBreakGlass = false,
    lifted = false,
  ) {
    await hub.db.query(
      `INSERT INTO case_restriction (person_id, organisation_id, kind, user_ids, reason, review_on, allows_break_glass, placed_by, lifted_at)
       VALUES ($1, $1, $2, $3, 'test', current_date + 30, $4, 'test', $5)`,
      [personId, kind, userIds, allowsBreakGlass, lifted ? new Date() : null],
    );
  }

  async function grant(personId: string, userId: string) {
    await hub.db.query(
      `INSERT INTO break_glass_grant (person_id, actor, organisation_id, reason, purpose, expires_at) VALUES ($1, $2, $1, 'test', 'casework', now() + interval '1 hour')`,
      [personId, `user:${userId}`],
    );
  }

  async function involve(personId: string, organisationId: string, active = true) {
    await hub.db.query(
      `INSERT INTO involvement (person_id, organisation_id, role, started_at, ended_at, source, created_by) VALUES ($1, $2, 'provider', now() - interval '10 days', $3, 'test', 'test')`,
      [personId, organisationId, active ? null : new Date(Date.now() - 86_400_000)],
    );
  }

  async function consent(
    personId: string,
    to: { organisationId?: string; kind?: string },
    categories: string[],
    state: 'in_force' | 'withdrawn' | 'expired' = 'in_force',
    purpose = 'ete',
  ) {
    await hub.db.query(
      `INSERT INTO consent (person_id, purpose, categories, organisation_id, organisation_kind, method, given_at, expires_at, withdrawn_at, recorded_by_organisation_id, recorded_by)
       VALUES ($1, $7, $2, $3, $4, 'verbal', now() - interval '5 days', $5, $6, $1, 'test')`,
      [
        personId,
        categories,
        to.organisationId ?? null,
        to.kind ?? null,
        state === 'expired' ? new Date(Date.now() - 86_400_000) : null,
        state === 'withdrawn' ? new Date(Date.now() - 3_600_000) : null,
        purpose,
      ],
    );
  }

  async function agreement(
    parties: { organisationIds?: string[]; kinds?: string[] },
    categories: string[],
    inForce = true,
    purposes = ['ete'],
  ) {
    await hub.db.query(
      `INSERT INTO sharing_agreement (name, party_organisation_ids, party_kinds, purposes, categories, lawful_basis, valid_from, valid_to, created_by)
       VALUES ('test', $1, $2, $5, $3, 'public_task', now() - interval '30 days', $4, 'test')`,
      [parties.organisationIds ?? [], parties.kinds ?? [], categories, inForce ? null : new Date(Date.now() - 86_400_000), purposes],
    );
  }

  /** Rows (one per person x category x owner) and which of them the SQL scope lets the actor see. */
  async function sqlVisible(
    actor: Actor,
    action: AccessAction,
    rows: { personId: string; category: string; owner: string }[],
  ): Promise<Set<string>> {
    const ids = rows.map(() => randomUUID());
    await hub.db.query(
      `INSERT INTO intervention (id, person_id, organisation_id, recorded_by, type_code, data_category, status, occurred_at, version)
       SELECT unnest($1::uuid[]), unnest($2::uuid[]), unnest($3::uuid[]), 'test', 'test', unnest($4::text[]), 'completed', now(), 1`,
      [ids, rows.map((r) => r.personId), rows.map((r) => r.owner), rows.map((r) => r.category)],
    );
    // Both forms of the scope: against the caseload (lists) and row by row (bulk loads).
    const [seen, seenPerRow] = await Promise.all(
      [false, true].map(async (perRow) => {
        const scope = access.scope(actor, action, {
          person: 'i.person_id',
          category: 'i.data_category',
          owner: 'i.organisation_id',
          perRow,
        });
        const visible: { id: string }[] = await hub.db
          .createQueryBuilder()
          .select('i.id', 'id')
          .from('intervention', 'i')
          .where('i.id = ANY(:ids)', { ids })
          .andWhere(scope.where, scope.parameters)
          .getRawMany();
        return new Set(visible.map((v) => v.id));
      }),
    );
    expect([...seenPerRow].sort()).toEqual([...seen].sort());
    await hub.db.query('DELETE FROM intervention WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.filter((_r, i) => seen.has(ids[i])).map((r) => `${r.personId}/${r.category}/${r.owner}`));
  }

  it.each(ACCESS_CASES.map((k) => [k.name, k] as const))('table, through the database: %s', async (_name, k) => {
    const orgId = await org(k.kind);
    const other = await org(OrganisationKind.CHARITY);
    const p = await person(k.inRegion ? CASE_REGION : 'north_west');
    const basisFor = k.basisFor ?? 'ete';
    if (k.related) await involve(p, orgId);
    if (k.consented.length) await consent(p, { organisationId: orgId }, k.consented, 'in_force', basisFor);
    if (k.agreed.length) await agreement({ organisationIds: [orgId] }, k.agreed, true, [basisFor]);
    if (k.allocated) await allocate(p, orgId, k.allocated === 'me' ? { owner: CASE_ACTOR_ID } : { team: CASE_TEAM_ID });
    if (k.restriction)
      await restrict(p, 'restriction', k.restriction === 'listed' ? [CASE_ACTOR_ID] : [randomUUID()], k.restriction === 'unlisted_yields');
    if (k.excluded) await restrict(p, 'exclusion', [CASE_ACTOR_ID]);
    if (k.breakGlass) await grant(p, CASE_ACTOR_ID);
    const actor = caseActor(k, orgId);
    const owner = k.own ? orgId : other;
    const facts = await access.factsFor(actor, p);
    expect(access.decide(actor, k.action, k.category, facts, owner).allowed).toBe(k.allowed);
    const sql = await sqlVisible(actor, k.action, [{ personId: p, category: k.category, owner }]);
    expect(sql.size === 1).toBe(k.allowed);
  });

  it('property: on generated people, consents, agreements, allocations, teams, regions, restrictions, grants, purposes and actors, the object check equals the SQL scope', async () => {
    const kinds = [
      OrganisationKind.PROBATION,
      OrganisationKind.CHARITY,
      OrganisationKind.EMPLOYER,
      OrganisationKind.TRAINING_PROVIDER,
      OrganisationKind.JOBCENTRE,
    ];
    const roleSets = [
      [Role.CASEWORKER],
      [Role.MANAGER],
      [Role.DATA_PROTECTION_OFFICER],
      [Role.ORG_ADMIN],
      [Role.HUB_ADMIN],
      [Role.COMMISSIONER],
    ];
    const category = fc.constantFrom(...DATA_CATEGORIES);
    const area = fc.constantFrom(...SUPPORT_AREAS);
    const world = fc.record({
      orgKinds: fc.array(fc.constantFrom(...kinds), { minLength: 2, maxLength: 4 }),
      people: fc.integer({ min: 1, max: 3 }),
      involvements: fc.array(fc.record({ org: fc.nat(), person: fc.nat(), active: fc.boolean() }), { maxLength: 6 }),
      consents: fc.array(
        fc.record({
          org: fc.nat(),
          person: fc.nat(),
          toKind: fc.boolean(),
          categories: fc.uniqueArray(category, { minLength: 1, maxLength: 4 }),
          state: fc.constantFrom('in_force', 'withdrawn', 'expired') as fc.Arbitrary<'in_force' | 'withdrawn' | 'expired'>,
          purpose: area,
        }),
        { maxLength: 6 },
      ),
      agreements: fc.array(
        fc.record({
          org: fc.nat(),
          toKind: fc.boolean(),
          categories: fc.uniqueArray(category, { minLength: 1, maxLength: 4 }),
          inForce: fc.boolean(),
          purposes: fc.uniqueArray(area, { minLength: 1, maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
      regions: fc.array(fc.constantFrom('london', 'north_west', null), { minLength: 3, maxLength: 3 }),
      allocations: fc.array(
        fc.record({ person: fc.nat(), org: fc.nat(), to: fc.constantFrom('me', 'team', 'other', 'other_team'), ended: fc.boolean() }),
        { maxLength: 4 },
      ),
      restrictions: fc.array(
        fc.record({
          person: fc.nat(),
          kind: fc.constantFrom('restriction', 'exclusion') as fc.Arbitrary<'restriction' | 'exclusion'>,
          namesActor: fc.boolean(),
          allowsBreakGlass: fc.boolean(),
          lifted: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      grants: fc.array(fc.nat(), { maxLength: 2 }),
      actor: fc.record({
        org: fc.nat(),
        roles: fc.constantFrom(...roleSets),
        action: fc.constantFrom('read', 'write'),
        teamScoped: fc.boolean(),
        regions: fc.subarray(['london', 'north_west']),
        purpose: fc.constantFrom<Purpose>('casework', 'safeguarding', ...SUPPORT_AREAS),
      }),
    });
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        // Kinds are made unique to this run so agreements to a kind do not leak between runs.
        const orgIds = await Promise.all(w.orgKinds.map((k) => org(k)));
        const people = await Promise.all(Array.from({ length: w.people }, (_x, i) => person(w.regions[i] ?? undefined)));
        const pick = <T>(list: T[], n: number) => list[n % list.length];
        const actorId = randomUUID();
        const teamId = randomUUID();
        const allocated = new Set<string>();
        for (const a of w.allocations) {
          const [p, o] = [pick(people, a.person), pick(orgIds, a.org)];
          if (!a.ended && allocated.has(`${p}/${o}`)) continue; // one allocation in force per person and organisation
          if (!a.ended) allocated.add(`${p}/${o}`);
          const to = { me: { owner: actorId }, team: { team: teamId }, other: { owner: randomUUID() }, other_team: { team: randomUUID() } }[
            a.to
          ];
          await allocate(p, o, to, a.ended);
        }
        for (const r of w.restrictions)
          await restrict(
            pick(people, r.person),
            r.kind,
            r.namesActor ? [actorId, randomUUID()] : [randomUUID()],
            r.allowsBreakGlass,
            r.lifted,
          );
        for (const g of w.grants) await grant(pick(people, g), actorId);
        for (const inv of w.involvements) await involve(pick(people, inv.person), pick(orgIds, inv.org), inv.active);
        for (const c of w.consents) {
          const i = c.org % orgIds.length;
          await consent(
            pick(people, c.person),
            c.toKind ? { kind: w.orgKinds[i] } : { organisationId: orgIds[i] },
            c.categories,
            c.state,
            c.purpose,
          );
        }
        for (const a of w.agreements) {
          const i = a.org % orgIds.length;
          // Agreements to a kind would reach other runs' organisations of that kind: name the organisations of this run.
          const parties = a.toKind ? orgIds.filter((_id, j) => w.orgKinds[j] === w.orgKinds[i]) : [orgIds[i]];
          await agreement({ organisationIds: parties }, a.categories, a.inForce, a.purposes);
        }
        const actorIndex = w.actor.org % orgIds.length;
        const actor: Actor = {
          kind: 'user',
          id: actorId,
          displayName: 'a',
          organisationId: orgIds[actorIndex],
          organisationKind: w.orgKinds[actorIndex],
          organisationRegions: [],
          regions: w.actor.regions,
          teamIds: [teamId],
          ...(w.actor.teamScoped ? { visibility: 'team_and_region' as const } : {}),
          roles: w.actor.roles,
          scopes: [],
          purpose: w.actor.purpose,
          requestId: 't',
        };
        const facts = await access.facts(actor, people);
        const rows: { personId: string; category: DataCategory; owner: string }[] = [];
        for (const p of people)
          for (const c of DATA_CATEGORIES)
            for (const owner of [orgIds[actorIndex], orgIds[(actorIndex + 1) % orgIds.length]])
              rows.push({ personId: p, category: c, owner });
        const expected = new Set(
          rows
            .filter((r) => access.decide(actor, w.actor.action, r.category, facts.get(r.personId)!, r.owner).allowed)
            .map((r) => `${r.personId}/${r.category}/${r.owner}`),
        );
        const actual = await sqlVisible(actor, w.actor.action, rows);
        expect([...actual].sort()).toEqual([...expected].sort());
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });
});
