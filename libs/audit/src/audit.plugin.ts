import { Logger } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, type HubContext } from '@hub/common';
import type { AuditService } from './audit.service.js';

/**
 * Writes the audit events a GraphQL request collected (reads, denials) in one INSERT before its
 * response leaves (shared with requests ending at the same time, see AuditService.appendReads). Fails closed: if the audit cannot be written, the caller gets an error, not the data.
 */
export function auditPlugin(audit: AuditService): ApolloServerPlugin<HubContext> {
  const logger = new Logger('Audit');
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const entries = contextValue.audit?.drain() ?? [];
          const actor = contextValue.req.user;
          if (entries.length === 0 || !actor) return;
          try {
            await audit.appendReads(actor, entries);
          } catch (err) {
            logger.error(`audit write failed for request ${actor.requestId}: ${(err as Error).message}`);
            if (response.body.kind === 'single') {
              response.body.singleResult = { data: null, errors: [{ message: 'Something went wrong on our side', extensions: { code: ErrorCode.Internal } }] } as never;
            }
          }
        },
      };
    },
  };
}
