import { type GqlResult, startTestHub, type TestHub } from './hub.js';

/** A hub for the audit and erasure tests, with no background worker (exact audit counts), and helpers acting as the demo users. */
export interface AuditWorld {
  hub: TestHub;
  /** Organisation id by name. */
  orgs: Record<string, string>;
  /** The audit's actor reference (`user:<id>`) by the demo user's name (the part of the email before @). */
  users: Record<string, string>;
  gql<T = Record<string, unknown>>(
    who: string,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  /** As gql, failing on any error; the data. */
  ok<T = Record<string, unknown>>(
    who: string,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<T>;
  /** A person led by probation, with housing involved (no consent: housing sees identity only). */
  person(name: string, involveHousing?: boolean): Promise<string>;
}

export async function startAuditWorld(): Promise<AuditWorld> {
  const hub = await startTestHub({ WORKER_MODE: 'off' }); // exact audit counts: no background worker writing beside the test
  const o: { id: string; name: string }[] = await hub.db.query('SELECT id, name FROM organisation');
  const orgs = Object.fromEntries(o.map((r) => [r.name, r.id]));
  const u: { id: string; email: string }[] = await hub.db.query('SELECT id, email FROM user_account');
  const users = Object.fromEntries(u.map((r) => [r.email.split('@')[0], `user:${r.id}`]));
  const world: AuditWorld = {
    hub,
    orgs,
    users,
    gql: async <T>(who: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
      hub.gql<T>(query, variables, await hub.tokenFor(who), headers),
    async ok<T>(who: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
      const res = await world.gql<T>(who, query, variables, headers);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    },
    async person(name, involveHousing = true) {
      const created = await world.ok<{ createPerson: { person: { id: string } } }>(
        'probation.officer',
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        {
          input: {
            givenName: name,
            familyName: 'Audit',
            dateOfBirth: '1990-02-02',
            identifiers: [],
            confirmNew: true,
            offenceSummary: 'Burglary',
            healthNotes: 'Asthma',
          },
        },
      );
      const id = created.createPerson.person.id;
      if (involveHousing) {
        await world.ok('probation.officer', `mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }`, {
          input: { personId: id, organisationId: orgs['Safe Harbour Housing Trust'], role: 'PROVIDER' },
        });
      }
      return id;
    },
  };
  return world;
}

/**
 * Checks statements against the schema: the base tables with a column naming a person (`person_id`,
 * a merge's `survivor_id` and `merged_id`, or an external id's `entity_id`) that no statement names after one of `verbs` (a regex
 * alternation, e.g. `DELETE FROM|UPDATE`) and `listed` does not excuse (`missed`), and the tables
 * `listed` names that no longer hold a person column (`gone`).
 */
export async function personTablesMissed(
  hub: TestHub,
  statements: string[],
  verbs: string,
  listed: Record<string, string>,
): Promise<{ missed: string[]; gone: string[] }> {
  const rows: { table_name: string }[] = await hub.db.query(
    `SELECT DISTINCT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name IN ('person_id', 'survivor_id', 'merged_id', 'entity_id') ORDER BY 1`,
  );
  const tables = rows.map((r) => r.table_name);
  const named = (table: string) => statements.some((sql) => new RegExp(`\\b(?:${verbs})\\s+${table}\\b`).test(sql));
  return { missed: tables.filter((t) => !listed[t] && !named(t)), gone: Object.keys(listed).filter((t) => !tables.includes(t)) };
}
