import { buildSchema, parse } from 'graphql';
import { oversizedError, oversizedString } from './input-limits.js';

const schema = buildSchema(`
  input Filter { region: String, ids: [ID!], search: String, nested: Filter }
  type Query {
    people(search: String, after: String, filter: Filter): [String]
    person(id: ID!): String
  }
`);
const limits = { maxString: 50, maxId: 20, maxSearch: 10 };
const check = (query: string, variables?: Record<string, unknown>) => oversizedString(schema, parse(query), undefined, variables, limits);
const long = (n: number) => 'x'.repeat(n);

describe('oversizedString (the size of every string an operation carries)', () => {
  it('lets strings within their limits through', () => {
    expect(check(`{ people(search: "${long(10)}", after: "${long(50)}") }`)).toBeNull();
    expect(check(`query($f: Filter) { people(filter: $f) }`, { f: { region: long(50), ids: [long(20)], search: long(10) } })).toBeNull();
  });

  it('holds a search term to its tighter limit, as a literal, a variable or an input field', () => {
    expect(check(`{ people(search: "${long(11)}") }`)).toEqual({ name: 'search', limit: 10 });
    expect(check(`query($term: String) { people(search: $term) }`, { term: long(11) })).toEqual({ name: 'search', limit: 10 });
    expect(check(`query($f: Filter) { people(filter: $f) }`, { f: { nested: { search: long(11) } } })).toEqual({
      name: 'search',
      limit: 10,
    });
    expect(check(`{ people(filter: { search: "${long(11)}" }) }`)).toEqual({ name: 'search', limit: 10 });
  });

  it('holds IDs and every other string to theirs, in lists and nested input objects too', () => {
    expect(check(`{ person(id: "${long(21)}") }`)).toEqual({ name: 'id', limit: 20 });
    expect(check(`query($f: Filter) { people(filter: $f) }`, { f: { ids: ['a', long(21)] } })).toEqual({ name: 'ids', limit: 20 });
    expect(check(`query($f: Filter) { people(filter: $f) }`, { f: { region: long(51) } })).toEqual({ name: 'region', limit: 50 });
    expect(check(`{ people(after: "${long(51)}") }`)).toEqual({ name: 'after', limit: 50 });
    // A field the type does not have is measured all the same (graphql refuses it later).
    expect(check(`query($f: Filter) { people(filter: $f) }`, { f: { unknown: long(51) } })).toEqual({ name: 'unknown', limit: 50 });
    expect(check(`query($x: String = "${long(51)}") { people(after: $x) }`)).not.toBeNull();
  });

  it('answers with a coded client error naming the place and the limit', () => {
    const error = oversizedError({ name: 'search', limit: 10 });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search', maxLength: 10 });
    expect(error.message).toBe('"search" is longer than 10 characters');
  });
});
