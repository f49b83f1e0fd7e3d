/**
 * Every query the portal sends stays within the hub's query cost limit (GRAPHQL_MAX_COST, 12000 by
 * default), counted by the same rule the hub runs at validation. Page sizes written in the query are
 * counted here; those passed as variables the hub counts per request (the portal's lists ask for 50),
 * and it counts a list that is not a page (Person.consents, ...) as its hard maximum, where this counts one.
 * Moving a list's fields into a named fragment, for one, counts them a level deeper and can cross it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { buildSchema, parse, validate } from 'graphql';

/** Jest runs from the repository's root. */
const ROOT = process.cwd();
const MAX_COST = 12000;

const schema = buildSchema(readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8'));
const generated = readFileSync(join(ROOT, 'apps/portal/src/gql/graphql.ts'), 'utf8');
const documents = [...generated.matchAll(/export const (\w+)Document = new TypedDocumentString\(`([\s\S]*?)`/g)].map((m) => ({
  name: m[1],
  text: m[2],
}));

function cost(text: string): number {
  let found = Number.NaN;
  const rule = costLimitRule({ maxCost: Number.MAX_SAFE_INTEGER, ignoreIntrospection: true, onAccept: [(_ctx, { n }) => (found = n)] });
  const errors = validate(schema, parse(text), [rule]);
  if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  return found;
}

describe('portal queries and the query cost limit', () => {
  it('reads the generated documents', () => {
    expect(documents.map((d) => d.name)).toEqual(expect.arrayContaining(['PersonRecord', 'PersonReferrals', 'People']));
  });

  it('counts a page of 100 as a hundred items (the check can fail)', () => {
    const one = cost('query($id: ID!) { person(id: $id) { referrals(first: 1) { edges { node { id state } } } } }');
    expect(cost('query($id: ID!) { person(id: $id) { referrals(first: 100) { edges { node { id state } } } } }')).toBeGreaterThan(50 * one);
  });

  it.each(documents.map((d) => [d.name, d.text]))('%s costs at most the limit', (_name, text) => {
    expect(cost(text)).toBeLessThanOrEqual(MAX_COST);
  });
});
