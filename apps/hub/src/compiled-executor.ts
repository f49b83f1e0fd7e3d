import { createRequire } from 'node:module';
import { type DocumentNode, execute, type ExecutionResult, GraphQLError, type GraphQLSchema } from 'graphql';
import type { CompiledQuery, compileQuery as CompileQuery, isCompiledQuery as IsCompiledQuery } from 'graphql-jit';

// graphql-jit's ES build does not load under Node's resolver; its CommonJS build shares the one `graphql` instance the hub uses.
const jit = createRequire(import.meta.url)('graphql-jit') as { compileQuery: typeof CompileQuery; isCompiledQuery: typeof IsCompiledQuery };

/** What Apollo hands an executor for one operation (the parts used here). */
export interface ExecutorRequest {
  document: DocumentNode;
  operationName?: string | null;
  request: { variables?: Record<string, unknown> | null };
  context: unknown;
}

/**
 * Executes validated operations with graphql-jit: each operation is compiled once into a function
 * that walks its selection set directly, instead of graphql-js interpreting every field of every
 * answer. Resolvers, type resolvers and scalars are the schema's own, so access checks, masks and
 * audit run exactly as before.
 *
 * Anything the compiled path answers without data (a variable that does not coerce, an operation it
 * cannot compile) is answered again by graphql-js, so refusals keep graphql-js's messages and the
 * codes Apollo derives from them.
 */
export class CompiledExecutor {
  private schema: GraphQLSchema | null = null;
  /** Keyed by the parsed document Apollo keeps in its document cache: a document it evicts takes its compiled forms with it. */
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  /** Nest's `transformSchema` hook: remembers the schema the hub serves. */
  readonly useSchema = (schema: GraphQLSchema): GraphQLSchema => {
    this.schema = schema;
    return schema;
  };

  readonly execute = async (req: ExecutorRequest): Promise<ExecutionResult> => {
    const schema = this.requireSchema();
    const variables = req.request.variables ?? {};
    const compiled = this.compile(schema, req.document, req.operationName ?? undefined);
    if (compiled) {
      const result = await compiled.query(undefined, req.context, variables);
      if (result.data !== undefined || !result.errors?.length) return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
    }
    return execute({ schema, document: req.document, contextValue: req.context, variableValues: variables, operationName: req.operationName ?? undefined });
  };

  /** Apollo's gateway interface is its one way to run operations with another executor. */
  gateway() {
    type SchemaListener = (update: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void;
    const listeners = new Set<SchemaListener>();
    return {
      onSchemaLoadOrUpdate: (listener: SchemaListener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      load: async () => {
        const schema = this.requireSchema();
        for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
        return { schema, executor: this.execute };
      },
      stop: async () => listeners.clear(),
    };
  }

  private compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let forms = this.compiled.get(document);
    if (!forms) this.compiled.set(document, (forms = new Map()));
    const key = operationName ?? '';
    let form = forms.get(key);
    if (form === undefined) {
      const made = jit.compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      form = jit.isCompiledQuery(made) ? made : null;
      forms.set(key, form);
    }
    return form;
  }

  private requireSchema(): GraphQLSchema {
    if (!this.schema) throw new Error('the GraphQL schema is not built yet');
    return this.schema;
  }
}

/**
 * graphql-jit's errors are frozen look-alikes of GraphQLError; Apollo's plugins (graphql-armor's
 * suggestion filter among them) rewrite messages, so each becomes a real one with the same content.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const made = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  if (error.locations) (made as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return made;
}
