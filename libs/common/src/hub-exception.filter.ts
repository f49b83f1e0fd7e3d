import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { toClientError } from './error-mapping.js';

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
    if (host.getType<GqlContextType>() === 'graphql') {
      return new GraphQLError(mapped.message, { extensions: { code: mapped.code, ...mapped.details } });
    }
    const reply = host.switchToHttp().getResponse<{ status(code: number): { send(body: unknown): void }; sent?: boolean }>();
    if (reply.sent) return;
    reply.status(mapped.status).send({ error: mapped.code, message: mapped.message, ...mapped.details });
  }
}
