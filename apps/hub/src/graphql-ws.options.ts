import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  type DocumentNode,
  getOperationAST,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import type { Context, ServerOptions, SubscribePayload } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { AuditService } from '@hub/audit';
import type { BearerAuthenticator } from '@hub/auth';
import { type Actor, AuditBuffer, ErrorCode, type HubContext } from '@hub/common';
import type { HubConfig } from '@hub/config';
import { oversizedError, oversizedString, type StringLimits } from './input-limits.js';
import type { SocketBook } from './socket-book.js';

/** Close codes of the graphql-transport-ws protocol family that the hub uses for its own refusals. */
export const WS_UNAUTHENTICATED = 4401;
/** The actor already holds as many connections as WS_MAX_CONNECTIONS_PER_ACTOR allows. */
export const WS_TOO_MANY_CONNECTIONS = 4429;

interface Connection {
  authorization: string;
  purpose?: string;
}

interface Extra {
  socket: WebSocket;
  hub?: Connection;
}

type WsContext = Context<Record<string, unknown> | undefined, Extra>;

export interface GraphqlWsDeps {
  bearer: BearerAuthenticator;
  audit: AuditService;
  validationRules: ValidationRule[];
  maxTokens: number;
  formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
  /** The served schema (for the size of the strings an operation carries). */
  schema: () => GraphQLSchema;
  limits: HubConfig['subscriptions'];
  strings: StringLimits;
  /** Connections by address and by actor (shared with the server that accepts them). */
  book: SocketBook<WebSocket>;
}

const coded = (message: string, code: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { ...extensions, code } });
/** Field suggestions would reveal the schema to someone guessing: cut them, as on HTTP. */
const withoutSuggestions = (message: string) => message.replace(/\s*Did you mean .*$/s, '');

function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  const given = params?.authorization ?? params?.Authorization;
  if (typeof given === 'string') return given;
  return typeof params?.token === 'string' ? `Bearer ${params.token}` : undefined;
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws, protocol graphql-transport-ws) at /graphql.
 * The connection is authenticated once with the bearer token in `connectionParams.authorization`
 * (refused: close code 4401), each subscription again by the hub's guard, and the subscriber again
 * before every event it is sent (an expired or revoked token closes the connection with 4401). Only
 * subscriptions are served here; the same limits (tokens, depth, aliases, cost) apply as over HTTP;
 * every error carries `extensions.code`; reads of person data are audited per event, failing closed.
 */
export function graphqlWsOptions(deps: GraphqlWsDeps): Partial<ServerOptions<Record<string, unknown> | undefined, Extra>> {
  const logger = new Logger('Subscriptions');
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((e) => deps.formatError({ ...e.toJSON(), message: withoutSuggestions(e.message) }));

  return {
    // A connection that has not sent connection_init by then is closed (4408): nobody holds a socket open unsigned.
    connectionInitWaitTimeout: deps.limits.connectionInitTimeoutMs,

    onConnect: async (ctx: WsContext) => {
      const authorization = authorizationOf(ctx.connectionParams);
      const actor = await deps.bearer.authenticate(authorization).catch((err: Error) => {
        logger.warn(`token check failed: ${err.message}`);
        return null;
      });
      if (!actor || !authorization) {
        ctx.extra.socket.close(WS_UNAUTHENTICATED, 'UNAUTHENTICATED: a valid access token is required in connectionParams.authorization');
        return false;
      }
      if (!deps.book.signIn(ctx.extra.socket, `${actor.kind}:${actor.id}`)) {
        ctx.extra.socket.close(
          WS_TOO_MANY_CONNECTIONS,
          `RATE_LIMITED: at most ${deps.limits.maxConnectionsPerActor} connections at once per user or client`,
        );
        return false;
      }
      const purpose = ctx.connectionParams?.purpose;
      ctx.extra.hub = { authorization: authorization.trim(), purpose: typeof purpose === 'string' ? purpose : undefined };
      return true;
    },

    onSubscribe: (ctx: WsContext, _id: string, payload: SubscribePayload) => {
      // graphql-ws has already entered this one in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length > deps.limits.maxSubscriptionsPerConnection) {
        return [
          coded(
            `At most ${deps.limits.maxSubscriptionsPerConnection} subscriptions at once on one connection: complete one, or open another connection`,
            ErrorCode.RateLimited,
          ),
        ];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: deps.maxTokens });
      } catch (err) {
        return [coded((err as Error).message, 'GRAPHQL_PARSE_FAILED')];
      }
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return [coded('Name the operation to run', 'GRAPHQL_VALIDATION_FAILED')];
      if (operation.operation !== 'subscription') {
        return [coded('Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql', ErrorCode.BadUserInput)];
      }
      const oversized = oversizedString(deps.schema(), document, payload.operationName, payload.variables, deps.strings);
      if (oversized) {
        const { http: _http, ...extensions } = oversizedError(oversized).extensions;
        return [coded(oversizedError(oversized).message, ErrorCode.BadUserInput, extensions)];
      }
      return undefined;
    },

    validate: (schema: GraphQLSchema, document: DocumentNode) =>
      validate(schema, document, [...specifiedRules, ...deps.validationRules]).map((e) =>
        coded(withoutSuggestions(e.message), String(e.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED')),
      ),

    context: (ctx: WsContext): HubContext => {
      const connection = ctx.extra.hub!;
      const hub: HubContext = {
        req: {
          id: `ws-${randomUUID()}`,
          headers: { authorization: connection.authorization, ...(connection.purpose ? { 'x-purpose': connection.purpose } : {}) },
        },
        loaders: new Map(),
        withheld: new Set(),
        audit: new AuditBuffer(),
      };
      hub.req.live = {
        refresh: async (): Promise<Actor | null> => {
          const actor = await deps.bearer.authenticate(connection.authorization).catch(() => null);
          if (!actor) {
            ctx.extra.socket.close(
              WS_UNAUTHENTICATED,
              'UNAUTHENTICATED: the access token expired or was revoked; reconnect with a new one',
            );
            return null;
          }
          actor.purpose = hub.req.user?.purpose ?? actor.purpose;
          actor.requestId = hub.req.id ?? '';
          hub.req.user = actor;
          // Per event: no loader cache or withheld list carries over from the last one.
          hub.loaders.clear();
          hub.withheld?.clear();
          return actor;
        },
      };
      return hub;
    },

    onNext: async (_ctx: WsContext, _id: string, _payload: SubscribePayload, args, result) => {
      const hub = args.contextValue as HubContext;
      const actor = hub.req.user;
      const entries = hub.audit?.drain() ?? [];
      if (actor && entries.length) {
        try {
          await deps.audit.appendReads(actor, entries);
        } catch (err) {
          logger.error(`audit write failed for subscription ${actor.requestId}: ${(err as Error).message}`);
          return { errors: [{ message: 'Something went wrong on our side', extensions: { code: ErrorCode.Internal } }] };
        }
      }
      const withheld = hub.withheld?.size ? { withheld: [...hub.withheld].sort() } : undefined;
      if (!result.errors?.length && !withheld) return undefined;
      return {
        data: result.data,
        ...(result.errors?.length ? { errors: format(result.errors) } : {}),
        ...(withheld || result.extensions ? { extensions: { ...result.extensions, ...withheld } } : {}),
      };
    },

    onError: (_ctx: WsContext, _id: string, _payload: SubscribePayload, errors: readonly GraphQLError[]) => format(errors),
  };
}
