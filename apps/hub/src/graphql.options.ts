import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';
import { auditPlugin, type AuditService } from '@hub/audit';
import { unwrapResolverError } from '@apollo/server/errors';
import { AuditBuffer, ErrorCode, type HubContext, HubError, RETRY_AFTER_SECONDS, toClientError } from '@hub/common';
import type { HubConfig } from '@hub/config';
import type { HubMetrics } from '@hub/observability';
import { CompiledExecutor } from './compiled-executor.js';
import { inputLimitsPlugin } from './input-limits.js';
import { listBounds } from './list-bounds.js';
import { pageCostPlugin } from './page-cost.js';
import { dropPropertyResolvers } from './property-resolvers.js';

/**
 * Last line of defence: every error has a code, nothing internal or no stack leaves the server. An
 * error thrown by a field resolver (Person.history, Person.interventions …) does not pass through
 * Nest's exception filter (field resolvers run without enhancers): its HubError is mapped here, so a
 * page too large is BAD_USER_INPUT there too, not an internal error.
 */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const original = error === undefined ? undefined : unwrapResolverError(error);
  if (original instanceof HubError) {
    const mapped = toClientError(original);
    formatted = { ...formatted, message: mapped.message, extensions: { ...formatted.extensions, code: mapped.code, ...mapped.details } };
  }
  const code = formatted.extensions?.code;
  const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  if (typeof code !== 'string' || code === ErrorCode.Internal) {
    return {
      message: 'Something went wrong on our side',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.Internal },
    };
  }
  return { ...formatted, extensions };
}

/**
 * Operations by type and outcome. `countExecutions`: when the compiled executor is off, every
 * execution is graphql-js's (with it on, the executor counts its own paths).
 */
function metricsPlugin(metrics: HubMetrics, countExecutions: boolean): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          if (countExecutions) metrics.graphqlExecutions.inc({ path: 'interpreted' });
        },
        async willSendResponse({ operation, errors }) {
          metrics.graphqlOperations.inc({ type: operation?.operation ?? 'invalid', outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}

/** A request without a valid token answers 401, like every other route. */
function unauthenticatedPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (errors?.some((e) => e.extensions?.code === ErrorCode.Unauthenticated)) response.http.status = 401;
          // Nothing answered because the database is out of reach: 503, to be retried, as REST answers.
          const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
          if (errors?.length && !data && errors.every((e) => e.extensions?.code === ErrorCode.ServiceUnavailable)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
          // A request refused before execution (syntax, validation, limits) is the client's error, never a 500.
          const clientCodes = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', ErrorCode.BadUserInput];
          if (
            (response.http.status ?? 200) >= 500 &&
            errors?.length &&
            errors.every((e) => clientCodes.includes(String(e.extensions?.code)))
          )
            response.http.status = 400;
        },
      };
    },
  };
}

/**
 * Reports the fields withheld from this answer by the access policy in `extensions.withheld`, and the
 * lists cut at their hard maximum in `extensions.truncated`.
 */
function withheldPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind === 'single' && contextValue.withheld?.size) {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              withheld: [...contextValue.withheld].sort(),
            };
          }
          if (response.body.kind === 'single' && contextValue.truncated?.size) {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              truncated: [...contextValue.truncated].sort(),
            };
          }
        },
      };
    },
  };
}

/** The operation limits (depth, aliases, cost, tokens, directives), the same over HTTP and WebSocket. */
export function graphqlProtection(config: HubConfig) {
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: config.graphql.maxAliases },
    costLimit: { maxCost: config.graphql.maxCost, ignoreIntrospection: true },
    maxTokens: { n: config.graphql.maxTokens },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: true },
  });
  return armor.protect();
}

export function graphqlOptions(config: HubConfig, metrics: HubMetrics, audit: AuditService): ApolloDriverConfig {
  const protection = graphqlProtection(config);
  // Apollo runs operations through a gateway's executor when one is given (validation, plugins and error formatting stay Apollo's).
  const compiled =
    config.graphql.executor === 'compiled' ? new CompiledExecutor({ onExecute: (path) => metrics.graphqlExecutions.inc({ path }) }) : null;
  return {
    // Plain fields are read as properties, not through a resolver each (see property-resolvers.ts).
    transformSchema: (schema) => {
      dropPropertyResolvers(schema);
      return compiled ? compiled.useSchema(schema) : schema;
    },
    ...(compiled ? { gateway: compiled.gateway() as never } : {}),
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: config.graphql.introspection,
    playground: false,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    preserveHttpStatusForExecutionErrors: false,
    csrfPrevention: true,
    // Apollo ships CommonJS and ESM typings of the same classes; the cast bridges the two.
    plugins: [
      ...protection.plugins,
      pageCostPlugin(config.graphql.maxCost, listBounds(config)),
      inputLimitsPlugin({
        maxString: config.input.maxStringLength,
        maxId: config.input.maxIdLength,
        maxSearch: config.input.maxSearchLength,
      }),
      metricsPlugin(metrics, !compiled),
      withheldPlugin(),
      auditPlugin(audit),
      unauthenticatedPlugin(),
      // The hub sends no cache hints (answers are per actor and audited); without this Apollo adds a hook to every field resolved.
      ApolloServerPluginCacheControlDisabled(),
      config.graphql.explorer ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ] as unknown as ApolloDriverConfig['plugins'],
    validationRules: protection.validationRules,
    context: (req: HubContext['req']): Omit<HubContext, 'req'> & { req: HubContext['req'] } => ({
      req,
      loaders: new Map(),
      withheld: new Set(),
      truncated: new Set(),
      audit: new AuditBuffer(),
    }),
    formatError,
    // Subscriptions (graphql-ws on the same path) are served by the hub's own WebSocket server, held
    // to its limits before anything is buffered: see subscription-server.ts.
  };
}
