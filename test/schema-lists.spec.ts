import { readFileSync } from 'node:fs';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import { loadConfig } from '@hub/config';
import { type ListBound, listBounds } from '../apps/hub/src/list-bounds.js';
import { withLiteralPageSizes } from '../apps/hub/src/page-cost.js';

/** The checked-in contract (test/schema.e2e-spec.ts fails when it is not what the server serves). */
const SDL = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
const config = loadConfig({ NODE_ENV: 'test' });
const bounds = listBounds(config);

/** A `first` argument with a default and a documented maximum ("How many (at most 500)"), enforced by pageSize. */
function pageMax(field: GraphQLField<unknown, unknown>): number | null {
  const first = field.args.find((a) => a.name === 'first');
  const max = first?.description?.match(/at most ([\d,]+)/)?.[1];
  return first && typeof first.defaultValue === 'number' && max ? Number(max.replace(/,/g, '')) : null;
}

/**
 * Every list field of an output type that is neither a page nor bounded: not a list of enum values,
 * no bounded `first`, not the items of a type every field returning it pages (a connection's edges,
 * a ChangePage's changes), and not in the registry of bounded lists (apps/hub/src/list-bounds.ts).
 */
function unboundedLists(schema: GraphQLSchema, registry: ReadonlyMap<string, ListBound>): string[] {
  const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && (isObjectType(t) || isInterfaceType(t)));
  const returning = new Map<string, GraphQLField<unknown, unknown>[]>();
  for (const t of types) {
    if (!isObjectType(t) && !isInterfaceType(t)) continue;
    for (const f of Object.values(t.getFields())) {
      const named = getNamedType(f.type).name;
      returning.set(named, [...(returning.get(named) ?? []), f]);
    }
  }
  const paged = (typeName: string) =>
    (returning.get(typeName) ?? []).length > 0 &&
    (returning.get(typeName) ?? []).every((f) => pageMax(f) !== null && !isListType(getNullableType(f.type)));
  const problems: string[] = [];
  for (const t of types) {
    if (!isObjectType(t) && !isInterfaceType(t)) continue;
    for (const f of Object.values(t.getFields())) {
      if (!isListType(getNullableType(f.type))) continue;
      const coordinate = `${t.name}.${f.name}`;
      if (isEnumType(getNamedType(f.type))) continue;
      if (pageMax(f) !== null) continue;
      if (paged(t.name)) continue;
      const bound = registry.get(coordinate);
      if (!bound || !Number.isInteger(bound.max) || bound.max < 1 || !bound.why) problems.push(coordinate);
    }
  }
  return problems.sort();
}

const cost = (schema: GraphQLSchema, query: string, variables: Record<string, unknown> | null = null) => {
  const { document } = withLiteralPageSizes(schema, parse(query), variables, bounds);
  let found = NaN;
  const errors = validate(schema, document, [
    costLimitRule({ maxCost: 1e12, ignoreIntrospection: true, onAccept: [(_context, { n }) => (found = n)] }),
  ]);
  expect(errors).toEqual([]);
  return found;
};

describe('every list of the schema is a page or has a hard maximum', () => {
  const schema = buildSchema(SDL);

  it('no list field is unbounded', () => {
    expect(unboundedLists(schema, bounds)).toEqual([]);
  });

  it('a list field added without a page or a bound is caught, and a page or a bound lets it through', () => {
    const grown = buildSchema(`${SDL}\nextend type Person { notes: [String!]! alerts(first: Int = 10): [TimelineEntry!]! }\n`);
    expect(unboundedLists(grown, bounds)).toEqual(['Person.alerts', 'Person.notes']);
    const paged = buildSchema(`${SDL}\nextend type Person { alerts("""How many (at most 50)""" first: Int = 10): [TimelineEntry!]! }\n`);
    expect(unboundedLists(paged, bounds)).toEqual([]);
    expect(
      unboundedLists(grown, new Map([...bounds, ['Person.notes', { max: 5, why: 'test' }], ['Person.alerts', { max: 5, why: 'test' }]])),
    ).toEqual([]);
  });

  it('a connection returned without a bounded first is caught', () => {
    const grown = buildSchema(`${SDL}\nextend type Query { allPeople: PersonConnection! }\n`);
    expect(unboundedLists(grown, bounds)).toContain('PersonConnection.edges');
  });

  it('the registry names only list fields that exist', () => {
    for (const coordinate of bounds.keys()) {
      const [type, field] = coordinate.split('.');
      const t = schema.getType(type);
      const f = t && (isObjectType(t) || isInterfaceType(t)) ? t.getFields()[field] : undefined;
      expect([coordinate, f && isListType(getNullableType(f.type))]).toEqual([coordinate, true]);
    }
  });

  it('the page of a person history, referrals and users is a connection', () => {
    const person = schema.getType('Person');
    const query = schema.getType('Query');
    if (!isObjectType(person) || !isObjectType(query)) throw new Error('no Person or Query');
    expect(getNamedType(person.getFields().history.type).name).toBe('PersonChangeConnection');
    expect(pageMax(person.getFields().history)).toBe(500);
    expect(getNamedType(person.getFields().referrals.type).name).toBe('ReferralConnection');
    expect(pageMax(person.getFields().referrals)).toBe(500);
    expect(getNamedType(query.getFields().users.type).name).toBe('UserConnection');
    expect(pageMax(query.getFields().users)).toBe(500);
  });
});

describe('the query cost limit counts bounded lists at their maximum', () => {
  const schema = buildSchema(SDL);

  it('a list that is not a page costs its maximum of items', () => {
    const one = cost(schema, 'query($id: ID!) { person(id: $id) { consents { id purpose } } }');
    // consents counted as LIST_PER_PERSON_MAX items of (object + 2 scalars at depth factor 1.5)
    expect(one).toBeGreaterThanOrEqual(config.lists.perPersonMax * (2 + 1.5 * 2));
    const page = cost(schema, '{ people(first: 20) { edges { node { consents { id purpose } } } } }');
    expect(page).toBeGreaterThan(20 * config.lists.perPersonMax * 5);
  });

  it('the history page costs its page size, given, defaulted or from a variable', () => {
    const given = cost(
      schema,
      'query($id: ID!) { person(id: $id) { history(first: 500) { edges { node { action changes { field newValue } } } } } }',
    );
    const defaulted = cost(
      schema,
      'query($id: ID!) { person(id: $id) { history { edges { node { action changes { field newValue } } } } } }',
    );
    const variable = cost(
      schema,
      'query($id: ID!, $n: Int) { person(id: $id) { history(first: $n) { edges { node { action changes { field newValue } } } } } }',
      { n: 500 },
    );
    expect(variable).toBe(given);
    expect(defaulted).toBeLessThan(given);
    expect(given).toBeGreaterThan(config.graphql.maxCost);
  });

  it('a mutation answer bounded by its input is not multiplied', () => {
    const sync = cost(
      schema,
      'mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { externalId id status code message } } }',
    );
    expect(sync).toBeLessThan(config.graphql.maxCost);
  });
});
