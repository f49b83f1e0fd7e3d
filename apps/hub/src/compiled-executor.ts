import { type DocumentNode, execute, type ExecutionResult, GraphQLError, type GraphQLSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** What Apollo hands an executor for one operation (the parts used here). */
export interface ExecutorRequest {
  document: DocumentNode;
  operationName?: string | null;
  request: { variables?: Record<string, unknown> | null };
  context: unknown;
}

/** Which path answered an operation: its compiled form, or graphql-js's interpreter. */
export type ExecutionPath = 'compiled' | 'interpreted';

export interface CompiledExecutorOptions {
  /** Told which path answered each operation (the hub counts them in its metrics). */
  onExecute?: (path: ExecutionPath) => void;
}

/** An operation is compiled on this arrival (compiling costs more than one interpreted run). */
const COMPILE_ON_ARRIVAL = 2;

/**
 * Executes validated operations with graphql-jit: an operation the hub keeps receiving is compiled
 * once into a function that walks its selection set directly, instead of graphql-js interpreting
 * every field of every answer. Resolvers, type resolvers and scalars are the schema's own, so access
 * checks, masks and audit run exactly as before.
 *
 * An operation seen fewer than COMPILE_ON_ARRIVAL times runs on graphql-js: a client sending ever new
 * operations cannot make the hub compile each one. Anything the compiled path answers without data
 * (a variable that does not coerce, an operation it cannot compile) is answered again by graphql-js,
 * so refusals keep graphql-js's messages and the codes Apollo derives from them.
 */
export class CompiledExecutor {
  private schema: GraphQLSchema | null = null;
  /**
   * Keyed by the parsed document Apollo keeps in its document cache (the same object for the same
   * query text): a document it evicts takes its count and compiled forms with it.
   */
  private readonly seen = new WeakMap<DocumentNode, Map<string, number | CompiledQuery | null>>();

  constructor(private readonly options: CompiledExecutorOptions = {}) {}

  /** Nest's `transformSchema` hook: remembers the schema the hub serves. */
  readonly useSchema = (schema: GraphQLSchema): GraphQLSchema => {
    this.schema = schema;
    return schema;
  };

  readonly execute = async (req: ExecutorRequest): Promise<ExecutionResult> => {
    const schema = this.requireSchema();
    const variables = req.request.variables ?? {};
    const operationName = req.operationName ?? undefined;
    const compiled = this.compiledForm(schema, req.document, operationName);
    if (compiled) {
      const result = await compiled.query(undefined, req.context, variables);
      if (result.data !== undefined || !result.errors?.length) {
        this.options.onExecute?.('compiled');
        return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
      }
    }
    this.options.onExecute?.('interpreted');
    return execute({ schema, document: req.document, contextValue: req.context, variableValues: variables, operationName });
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

  /** The operation's compiled form once it has been seen often enough; null before, or if it does not compile. */
  private compiledForm(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let forms = this.seen.get(document);
    if (!forms) this.seen.set(document, (forms = new Map<string, number | CompiledQuery | null>()));
    const key = operationName ?? '';
    const known = forms.get(key) ?? 0;
    if (typeof known !== 'number') return known;
    if (known + 1 < COMPILE_ON_ARRIVAL) {
      forms.set(key, known + 1);
      return null;
    }
    const made = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
    const form = isCompiledQuery(made) ? made : null;
    forms.set(key, form);
    return form;
  }

  private requireSchema(): GraphQLSchema {
    if (!this.schema) throw new Error('the GraphQL schema is not built yet');
    return this.schema;
  }
}

/**
 * graphql-jit's errors are look-alikes of GraphQLError whose properties cannot be written; Apollo's
 * plugins (graphql-armor's suggestion filter among them) rewrite messages, so each becomes a real one
 * with the same content.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const made = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  if (error.locations) (made as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return made;
}
