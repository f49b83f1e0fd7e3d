import type { ApolloServerPlugin } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { HubContext } from '@hub/common';
import type { ListBound } from './list-bounds.js';

const PAGE_ARGS = new Set(['first', 'last']);
const MAX_TEXTS = 1000;

interface Verdict {
  problem: GraphQLError | null;
  fromVariables: boolean;
}

const asCount = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);

/**
 * The document with every page size as a literal, as the query cost limit counts only literals: the
 * variable's value where one is given, and the argument's default (from the schema) where the query
 * gives none or leaves it out. `variables` null: only the sizes left out (those given as variables
 * come with each request). Returns whether any page size is given as a variable.
 */
export function withLiteralPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null,
  bounds: ReadonlyMap<string, ListBound> = new Map(),
): { document: DocumentNode; fromVariables: boolean } {
  const typeInfo = new TypeInfo(schema);
  let fromVariables = false;
  // A variable's own default (`query($n: Int = 500)`) applies when the request gives no value.
  const declared = new Map<string, number | null>();
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of d.variableDefinitions ?? [])
      declared.set(v.variable.name.value, v.defaultValue?.kind === Kind.INT ? Number(v.defaultValue.value) : null);
  }
  const valueOf = (name: string) => (variables && name in variables ? asCount(variables[name]) : (declared.get(name) ?? null));
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        const def = typeInfo.getFieldDef();
        const arg = def?.args.find((a) => PAGE_ARGS.has(a.name));
        if (!arg) {
          // A list that is not a page counts as its hard maximum of items, as a page counts as its size.
          const bound = def && node.selectionSet ? bounds.get(`${typeInfo.getParentType()?.name}.${def.name}`) : undefined;
          if (!bound || bound.counted === false) return undefined;
          const literal: ArgumentNode = {
            kind: Kind.ARGUMENT,
            name: { kind: Kind.NAME, value: 'first' },
            value: { kind: Kind.INT, value: String(bound.max) },
          };
          return { ...node, arguments: [...(node.arguments ?? []), literal] };
        }
        const given = node.arguments?.find((a) => a.name.value === arg.name);
        if (given && given.value.kind !== Kind.VARIABLE) return undefined; // a literal: counted already
        if (given?.value.kind === Kind.VARIABLE) {
          fromVariables = true;
          if (!variables) return undefined; // counted per request, with the request's variables
        }
        const value = (given?.value.kind === Kind.VARIABLE ? valueOf(given.value.name.value) : null) ?? asCount(arg.defaultValue);
        if (value === null) return undefined;
        const literal: ArgumentNode = {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: arg.name },
          value: { kind: Kind.INT, value: String(value) },
        };
        return { ...node, arguments: [...(node.arguments ?? []).filter((a) => a !== given), literal] };
      },
    }),
  );
  return { document: rewritten, fromVariables };
}

/** The cost limit's refusal, or null: the same rule and configuration as the one run at validation. */
function costProblem(schema: GraphQLSchema, document: DocumentNode, maxCost: number): GraphQLError | null {
  try {
    const errors = validate(schema, document, [costLimitRule({ maxCost, ignoreIntrospection: true })]);
    return errors[0] ?? null;
  } catch (err) {
    if (err instanceof GraphQLError) return err;
    throw err;
  }
}

/**
 * The query cost limit (graphql-armor) multiplies a list's cost by its `first` or `last` only when it
 * is written in the query. A page size passed as a variable, or left to its default, counted as one
 * item: `people(first: $n) { … interventions { … } }` cost as little as one person with one
 * intervention. This plugin counts them as they will run: once per document for the defaults, and
 * per request when a page size is a variable, refusing as validation does (GRAPHQL_VALIDATION_FAILED).
 * A list that is not a page (list-bounds.ts) counts as its hard maximum of items.
 */
export function pageCostPlugin(maxCost: number, bounds: ReadonlyMap<string, ListBound> = new Map()): ApolloServerPlugin<HubContext> {
  /**
   * Per query text (bounded: past MAX_TEXTS new texts are checked each time, as a hub serves few), and
   * per parsed document otherwise: the refusal its defaults alone cause, and whether its variables matter.
   */
  const byText = new Map<string, Verdict>();
  const byDocument = new WeakMap<DocumentNode, Verdict>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          let verdict = (request.query !== undefined ? byText.get(request.query) : undefined) ?? byDocument.get(document);
          if (!verdict) {
            const defaults = withLiteralPageSizes(schema, document, null, bounds);
            verdict = {
              problem: defaults.document === document ? null : costProblem(schema, defaults.document, maxCost),
              fromVariables: defaults.fromVariables,
            };
            if (request.query !== undefined && byText.size < MAX_TEXTS) byText.set(request.query, verdict);
            else byDocument.set(document, verdict);
          }
          const problem =
            verdict.problem ??
            (verdict.fromVariables
              ? costProblem(schema, withLiteralPageSizes(schema, document, request.variables ?? {}, bounds).document, maxCost)
              : null);
          if (problem)
            throw new GraphQLError(problem.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
        },
      };
    },
  };
}
