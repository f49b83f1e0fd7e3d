import { HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ErrorCode, type FieldProblem, HubError } from './errors.js';
import { isConcurrentWriteError, isDatabaseUnavailable, isStatementTimeout, isUnstorableValueError } from './pg-errors.js';

/** What a caller is told when PostgreSQL refused one of its values (isUnstorableValueError). */
export const UNSTORABLE_VALUE_MESSAGE =
  'A value is not in a form the hub can store (an identifier that is not a UUID, a NUL or other character text cannot hold, a date or number out of range)';

/** What a 503 asks the caller to wait before trying again (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 5;

export interface ClientError {
  code: string;
  message: string;
  status: number;
  details: Record<string, unknown>;
  /** True when the error is ours to fix: log it with its stack, show the caller nothing of it. */
  internal: boolean;
}

const STATUS_BY_CODE: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.AlreadyExists]: 409,
  [ErrorCode.InvalidState]: 409,
  [ErrorCode.PossibleDuplicate]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.PasswordChangeRequired]: 403,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.QueryTimeout]: 503,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: ErrorCode.BadUserInput,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: ErrorCode.RateLimited,
};

/** Turns anything thrown into what a client may see. Unknown errors never leak their message. */
export function toClientError(err: unknown): ClientError {
  if (err instanceof HubError) {
    return { code: err.code, message: err.message, status: STATUS_BY_CODE[err.code] ?? 400, details: err.details, internal: false };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = CODE_BY_STATUS[status];
    if (code) {
      const body = err.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? err.message);
      return { code, message: Array.isArray(message) ? message.join('; ') : String(message), status, details: {}, internal: false };
    }
    return { code: ErrorCode.Internal, message: 'Something went wrong on our side', status: 500, details: {}, internal: true };
  }
  if (err instanceof GraphQLError && typeof err.extensions?.code === 'string' && err.extensions.code !== ErrorCode.Internal) {
    return { code: err.extensions.code, message: err.message, status: 400, details: {}, internal: false };
  }
  // Input PostgreSQL cannot take as given (an id that is not a UUID, a NUL character, a date or number out of range): the caller's mistake.
  if (isUnstorableValueError(err)) {
    return {
      code: ErrorCode.BadUserInput,
      message: UNSTORABLE_VALUE_MESSAGE,
      status: 400,
      details: { reason: 'UNSTORABLE_VALUE' },
      internal: false,
    };
  }
  // A write that collided with another one at the same moment: nothing was written, and the same request sent again is answered afresh.
  if (isConcurrentWriteError(err)) {
    return {
      code: ErrorCode.Conflict,
      message: 'Another change to the same data was being written at the same time; nothing was written: send the request again',
      status: 409,
      details: { reason: 'CONCURRENT_WRITE' },
      internal: false,
    };
  }
  // A statement cancelled by the database's statement_timeout: the request asked for more work than one request may take.
  if (isStatementTimeout(err)) {
    return {
      code: ErrorCode.QueryTimeout,
      message:
        'The request took longer than the hub allows and was cancelled; nothing of it was written: narrow it (a filter, a smaller page) or try again later',
      status: 503,
      details: {},
      internal: false,
    };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      code: ErrorCode.ServiceUnavailable,
      message:
        'The hub cannot reach its database just now: try again shortly (a write that takes an idempotency key may be sent again with the same key)',
      status: 503,
      details: {},
      internal: false,
    };
  }
  const fastifyError = err as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const code = CODE_BY_STATUS[fastifyError.statusCode] ?? ErrorCode.BadUserInput;
    return { code, message: fastifyError.message ?? 'Bad request', status: fastifyError.statusCode, details: {}, internal: false };
  }
  return { code: ErrorCode.Internal, message: 'Something went wrong on our side', status: 500, details: {}, internal: true };
}

export function fieldProblems(details: Record<string, unknown>): FieldProblem[] | undefined {
  return Array.isArray(details.fields) ? (details.fields as FieldProblem[]) : undefined;
}
