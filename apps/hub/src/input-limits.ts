import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  getNamedType,
  getOperationAST,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  type ObjectFieldNode,
  type ArgumentNode,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { ErrorCode, type HubContext } from '@hub/common';

/** The longest string values a GraphQL operation may carry, in characters. */
export interface StringLimits {
  /** Any String (or other scalar written as a string) in an argument, an input field or a variable. */
  maxString: number;
  /** An ID: identifiers and cursors. */
  maxId: number;
  /** A search term: an argument or input field named `search`. */
  maxSearch: number;
}

/** The name of an argument or input field that holds a search term: its values get the tighter limit. */
export const SEARCH_TERM = 'search';

interface Oversized {
  name: string;
  limit: number;
}

function limitFor(limits: StringLimits, name: string, typeName: string | undefined): number {
  if (name === SEARCH_TERM) return Math.min(limits.maxSearch, limits.maxString);
  if (typeName === 'ID') return Math.min(limits.maxId, limits.maxString);
  return limits.maxString;
}

/** Walks a variable's value along its input type; every string in it is measured against its place's limit. */
function walkValue(
  value: unknown,
  type: GraphQLInputType | undefined,
  name: string,
  limits: StringLimits,
  found: Oversized[],
  depth = 0,
): void {
  if (value === null || value === undefined || found.length || depth > 64) return;
  if (type && isNonNullType(type)) {
    walkValue(value, type.ofType, name, limits, found, depth);
    return;
  }
  if (Array.isArray(value)) {
    const item = type && isListType(type) ? type.ofType : type;
    for (const v of value) walkValue(v, item, name, limits, found, depth + 1);
    return;
  }
  if (type && isListType(type)) {
    walkValue(value, type.ofType, name, limits, found, depth);
    return;
  }
  if (typeof value === 'string') {
    const limit = limitFor(limits, name, type ? getNamedType(type).name : undefined);
    if (value.length > limit) found.push({ name, limit });
    return;
  }
  if (typeof value === 'object') {
    // An input object: each field by its own type; anything else (a JSON scalar, an unknown field) by the general limit.
    const fields = type && isInputObjectType(type) ? type.getFields() : undefined;
    for (const [key, v] of Object.entries(value as Record<string, unknown>))
      walkValue(v, fields?.[key]?.type, fields ? key : name, limits, found, depth + 1);
  }
}

/**
 * Strings longer than their limit anywhere in the operation: literals in arguments and input fields,
 * variable values (along their declared types) and variable defaults. One rule for HTTP and WebSocket;
 * it runs after validation, before anything is executed. Returns the first one found, or null.
 */
export function oversizedString(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: StringLimits,
): Oversized | null {
  const found: Oversized[] = [];
  const typeInfo = new TypeInfo(schema);
  const places: string[] = [];
  const enter = (node: ArgumentNode | ObjectFieldNode) => void places.push(node.name.value);
  const leave = () => void places.pop();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: { enter, leave },
      ObjectField: { enter, leave },
      StringValue(node) {
        if (found.length) return;
        const name = places[places.length - 1] ?? '';
        const type = typeInfo.getInputType();
        const limit = limitFor(limits, name, type ? getNamedType(type).name : undefined);
        if (node.value.length > limit) found.push({ name, limit });
      },
      Variable(node) {
        if (found.length || !variables) return;
        const name = places[places.length - 1];
        // A variable in an argument or field: measured as that place (its name, its type).
        if (name !== undefined) walkValue(variables[node.name.value], typeInfo.getInputType() ?? undefined, name, limits, found);
      },
    }),
  );
  if (found.length) return found[0];
  // Variables by their declarations too (one used nowhere with a name, or a list of them).
  const operation = getOperationAST(document, operationName);
  for (const definition of operation?.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    walkValue(variables?.[definition.variable.name.value], type, definition.variable.name.value, limits, found);
    if (found.length) return found[0];
  }
  return null;
}

/** The coded refusal of an operation carrying a string longer than allowed. */
export function oversizedError(found: Oversized): GraphQLError {
  return new GraphQLError(`"${found.name}" is longer than ${found.limit} characters`, {
    extensions: {
      code: ErrorCode.BadUserInput,
      reason: 'INPUT_TOO_LONG',
      field: found.name,
      maxLength: found.limit,
      http: { status: 400 },
    },
  });
}

/** Refuses, before execution, an HTTP GraphQL operation that carries a string longer than allowed. */
export function inputLimitsPlugin(limits: StringLimits): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const found = oversizedString(schema, document, request.operationName, request.variables, limits);
          if (found) throw oversizedError(found);
        },
      };
    },
  };
}
