import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { RETRY_AFTER_SECONDS, toClientError } from './error-mapping.js';
import { ErrorCode } from './errors.js';

/**
 * One place where errors become answers. REST: `{ error, message, ... }` with the right status.
 * GraphQL: a GraphQLError whose `extensions.code` is set. Internal errors are logged, never shown.
 */
@Catch()
export class HubExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const mapped = toClientError(exception);
    if (mapped.internal) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    // Told to the caller as something to retry; kept in the log too, as a sign of an outage, of contention (or of a missing check).
    else if (mapped.code === ErrorCode.ServiceUnavailable)
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    else if (mapped.details.reason === 'CONCURRENT_WRITE')
      this.logger.warn(`concurrent write refused: ${exception instanceof Error ? exception.message : String(exception)}`);
    if (host.getType<GqlContextType>() === 'graphql') {
      return new GraphQLError(mapped.message, { extensions: { code: mapped.code, ...mapped.details } });
    }
    const reply = host.switchToHttp().getResponse<{
      status(code: number): unknown;
      header(name: string, value: string): unknown;
      removeHeader(name: string): unknown;
      send(body: unknown): unknown;
      sent?: boolean;
    }>();
    if (reply.sent) return;
    // A route may have set its own content type (a CSV download): the error is JSON whatever it was.
    reply.removeHeader('content-disposition');
    reply.status(mapped.status);
    if (mapped.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    // A refusal that says how long to wait (a throttled sign-in) says it in the header too.
    else if (typeof mapped.details.retryAfterSeconds === 'number') reply.header('retry-after', String(mapped.details.retryAfterSeconds));
    // The rest of a body refused as too large is not read: close the connection rather than drain it.
    if (mapped.status === 413) reply.header('connection', 'close');
    reply.header('content-type', 'application/json; charset=utf-8');
    // Refused before GraphQL ran (a body over its limit, JSON that does not parse): answered in GraphQL's shape, coded.
    const url = host.switchToHttp().getRequest<{ url?: string } | undefined>()?.url ?? '';
    if (url === '/graphql' || url.startsWith('/graphql?')) {
      return reply.send(JSON.stringify({ errors: [{ message: mapped.message, extensions: { code: mapped.code, ...mapped.details } }] }));
    }
    reply.send(JSON.stringify({ error: mapped.code, message: mapped.message, ...mapped.details }));
  }
}
