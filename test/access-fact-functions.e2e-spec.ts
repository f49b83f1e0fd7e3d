import { AccessService, FACT_FUNCTIONS, type FactFunction } from '@hub/access';
import { type Actor, CaseVisibilityRule, OrganisationKind, Role } from '@hub/common';
import { namedQuery } from '@hub/database';
import { OPEN_STATES, ReferralState } from '@hub/referrals';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * The access policy's facts are SQL functions owned by the libs that own the facts; their declarations in
 * libs/access/src/fact-functions.ts are the contract. Each must exist as declared, and be inlinable
 * (LANGUAGE sql, STABLE, not STRICT, not SECURITY DEFINER, no SET), so that PostgreSQL plans the policy's
 * statements as if the SQL were written in place: a function it could not inline would be run row by row.
 */
describe('access fact functions', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO: 'false', WORKER_MODE: 'off' });
  });
  afterAll(() => hub.close());

  const functions = Object.values(FACT_FUNCTIONS) as FactFunction[];
  const ARG = { uuid: `'00000000-0000-0000-0000-000000000000'::uuid`, text: `'x'::text` } as const;

  it.each(functions.map((f) => [f.name, f]))('%s exists as declared and is inlined', async (_name, f) => {
    const rows: {
      args: string;
      result: string;
      lang: string;
      volatile: string;
      strict: boolean;
      secdef: boolean;
      config: string[] | null;
    }[] = await hub.db.query(
      `SELECT pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result, l.lanname AS lang,
                p.provolatile AS volatile, p.proisstrict AS strict, p.prosecdef AS secdef, p.proconfig AS config
           FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public' AND p.proname = $1`,
      [f.name],
    );
    expect(rows).toEqual([{ args: f.arguments, result: f.result, lang: 'sql', volatile: 's', strict: false, secdef: false, config: null }]);
    const args = f.arguments.split(', ').map((a) => ARG[a.split(' ')[1] as keyof typeof ARG]);
    const plan: { 'QUERY PLAN': string }[] = await hub.db.query(`EXPLAIN (COSTS OFF) SELECT * FROM ${f.name}(${args.join(', ')})`);
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/Function Scan on access_/);
  });

  it('a function the planner cannot inline is seen (the check can fail)', async () => {
    await hub.db.query(`CREATE FUNCTION access_probe_strict(o uuid) RETURNS TABLE(x uuid) LANGUAGE sql STABLE STRICT AS 'SELECT $1'`);
    try {
      const plan: { 'QUERY PLAN': string }[] = await hub.db.query(`EXPLAIN (COSTS OFF) SELECT * FROM access_probe_strict(${ARG.uuid})`);
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Function Scan on access_probe_strict/);
    } finally {
      await hub.db.query(`DROP FUNCTION access_probe_strict(uuid)`);
    }
  });

  it('the referral functions count exactly the open states of the referrals lib', async () => {
    for (const f of [FACT_FUNCTIONS.referralRelationship, FACT_FUNCTIONS.referralPeople]) {
      const [{ def }]: { def: string }[] = await hub.db.query(`SELECT pg_get_functiondef($1::regproc) AS def`, [f.name]);
      for (const state of Object.values(ReferralState)) {
        expect({ state, counted: def.includes(`'${state}'`) }).toEqual({ state, counted: OPEN_STATES.includes(state) });
      }
    }
  });

  it('the policy as the hub compiles it (list scope, per-row scope, facts) calls no function the planner could not inline', async () => {
    const access = hub.app.get(AccessService);
    const actor: Actor = {
      kind: 'user',
      id: '00000000-0000-0000-0000-0000000000aa',
      displayName: 'Plan',
      organisationId: '00000000-0000-0000-0000-0000000000bb',
      organisationKind: OrganisationKind.PROBATION,
      organisationRegions: [],
      roles: [Role.CASEWORKER],
      teamIds: ['00000000-0000-0000-0000-0000000000cc'],
      regions: ['london'],
      visibility: CaseVisibilityRule.TEAM_AND_REGION,
      scopes: [],
      purpose: 'casework',
      requestId: 'plan',
    };
    const list = access.scope(actor, 'read', { person: 'i.person_id', category: 'i.data_category', owner: 'i.organisation_id' });
    const perRow = access.scope(actor, 'read', { person: 'p.id', category: `'identity'`, perRow: true });
    const facts = access.factsSql(actor, 'p.id');
    const statements: [string, Record<string, unknown>][] = [
      [`SELECT i.id FROM intervention i WHERE ${list.where}`, list.parameters],
      [`SELECT p.id FROM person p WHERE ${perRow.where}`, perRow.parameters],
      [`SELECT p.id, ${facts.columns} FROM person p`, facts.parameters],
    ];
    for (const [sql, parameters] of statements) {
      const plan = await namedQuery<{ 'QUERY PLAN': string }>(hub.db, `EXPLAIN (COSTS OFF) ${sql}`, parameters);
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(/involvement/);
      // unnest is a function scan of its own (the categories); no fact function may be one.
      expect(text).not.toMatch(/Function Scan on access_/);
    }
  });
});
