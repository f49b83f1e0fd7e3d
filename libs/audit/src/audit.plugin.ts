import { Logger } from '@nestjs/common';
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { type FieldNode, Kind, valueFromASTUntyped } from 'graphql';
import { ErrorCode, type HubContext } from '@hub/common';
import type { AuditService } from './audit.service.js';

const DENIED: string[] = [ErrorCode.NotFound, ErrorCode.Forbidden];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person a root field was about, from its arguments: `personId`, `input.personId`, or `id` of `person`. */
function personOf(field: FieldNode, variables: Record<string, unknown>): string | null {
  const args = Object.fromEntries((field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)])) as Record<
    string,
    unknown
  >;
  const input = args.input as Record<string, unknown> | undefined;
  const candidate = args.personId ?? input?.personId ?? (field.name.value === 'person' ? args.id : undefined);
  return typeof candidate === 'string' && UUID.test(candidate) ? candidate : null;
}

/** Each root field refused with NOT_FOUND or FORBIDDEN is a denial: one `deny` event, with the person when the arguments name one. */
function recordDenials(ctx: GraphQLRequestContextWillSendResponse<HubContext>): void {
  const { contextValue, errors, operation, request } = ctx;
  if (!errors?.length || !operation) return;
  for (const error of errors) {
    const code = error.extensions?.code;
    const root = error.path?.[0];
    if (typeof code !== 'string' || !DENIED.includes(code) || typeof root !== 'string') continue;
    const field = operation.selectionSet.selections.find(
      (s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === root,
    );
    if (!field) continue;
    contextValue.audit?.add({
      action: 'deny',
      personId: personOf(field, request.variables ?? {}),
      detail: { field: field.name.value, code },
    });
  }
}

/**
 * Writes the audit events a GraphQL request collected (reads, denials) in one INSERT before its
 * response leaves (shared with requests ending at the same time, see AuditService.appendReads).
 * Fails closed: if the audit cannot be written, the caller gets an error, not the data.
 */
export function auditPlugin(audit: AuditService): ApolloServerPlugin<HubContext> {
  const logger = new Logger('Audit');
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const { contextValue, response } = requestContext;
          const actor = contextValue.req.user;
          if (!actor) return;
          recordDenials(requestContext);
          const entries = contextValue.audit?.drain() ?? [];
          if (entries.length === 0) return;
          try {
            await audit.appendReads(actor, entries);
          } catch (err) {
            logger.error(`audit write failed for request ${actor.requestId}: ${(err as Error).message}`);
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                data: null,
                errors: [{ message: 'Something went wrong on our side', extensions: { code: ErrorCode.Internal } }],
              };
            }
          }
        },
      };
    },
  };
}
