import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';

/**
 * The resolver Nest's code-first schema gives every plain `@Field`, as its source text reads once
 * whitespace is collapsed: it returns the parent's property of that field's name, or the field's
 * default value when the property is undefined.
 */
const NEST_PROPERTY_RESOLVER =
  "(root) => { const value = root[field.name]; return typeof value === 'undefined' ? field.options.defaultValue : value; }";

const collapse = (source: string) => source.replace(/\s+/g, ' ').trim();

/**
 * True when `resolve` is Nest's property resolver for a field named `fieldName` with no default value:
 * it reads exactly that one property of its parent and returns undefined when it is undefined, which is
 * what GraphQL does for a field without a resolver. Only a function with exactly that source is ever
 * called here (on a probe that records what it reads), so no resolver with effects runs.
 */
export function isPlainPropertyResolver(resolve: GraphQLFieldResolver<unknown, unknown> | undefined, fieldName: string): boolean {
  if (typeof resolve !== 'function' || collapse(Function.prototype.toString.call(resolve)) !== NEST_PROPERTY_RESOLVER) return false;
  const read: PropertyKey[] = [];
  const probe = new Proxy({}, { get: (_target, key) => (read.push(key), undefined) });
  try {
    const value = (resolve as (root: unknown) => unknown)(probe);
    return value === undefined && read.length === 1 && read[0] === fieldName;
  } catch {
    return false;
  }
}

/**
 * Takes Nest's property resolvers off the schema's object fields, so GraphQL reads those properties
 * itself: graphql-js without a call per field, and graphql-jit inline in the compiled operation,
 * instead of calling a resolver (with its resolve info, path and closures) for every field of every
 * row. Fields with resolvers of their own (`@ResolveField`), a default value or a property named
 * otherwise keep theirs, so every answer stays the same. Returns how many were taken off.
 */
export function dropPropertyResolvers(schema: GraphQLSchema): number {
  let dropped = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (isPlainPropertyResolver(field.resolve, field.name)) {
        field.resolve = undefined;
        dropped++;
      }
    }
  }
  return dropped;
}
