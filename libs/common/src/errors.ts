/**
 * Coded errors. Every error a client sees carries one of these codes in `extensions.code`
 * (GraphQL) or `error` (REST). Messages are written for the caller and never contain
 * personal data or internals.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  AlreadyExists: 'ALREADY_EXISTS',
  InvalidState: 'INVALID_STATE',
  PossibleDuplicate: 'POSSIBLE_DUPLICATE',
  RateLimited: 'RATE_LIMITED',
  /** Signed in with a temporary password: only changing it is allowed. */
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  /** The database cancelled a statement that ran past DATABASE_STATEMENT_TIMEOUT_MS; nothing of it was written. */
  QueryTimeout: 'QUERY_TIMEOUT',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  field: string;
  messages: string[];
}

export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export class NotFoundError extends HubError {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} not found`);
  }
}

export class ValidationError extends HubError {
  constructor(
    readonly fields: FieldProblem[],
    message = 'The input is not valid',
  ) {
    super(ErrorCode.BadUserInput, message, { fields });
  }
}

export class ForbiddenError extends HubError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.Forbidden, message);
  }
}

export class ConflictError extends HubError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.Conflict, message, details);
  }
}

export class AlreadyExistsError extends HubError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.AlreadyExists, message, details);
  }
}

/**
 * Runs the access checks of an operation on a record found by id, and answers any "not found" they
 * raise (the person the record belongs to, say) as that record not found: a record the actor may not
 * know of gets the same answer, code and message, as an id that names nothing, so an answer never
 * tells that another organisation's record exists.
 */
export async function asNotFound<T>(what: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof HubError && err.code === ErrorCode.NotFound) throw new NotFoundError(what);
    throw err;
  }
}

/** A request body (or one line of it) larger than the hub accepts (413). */
export class PayloadTooLargeError extends HubError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.PayloadTooLarge, message, details);
  }
}

/** The hub is at capacity for this kind of work (503 with Retry-After): try again later. */
export class ServiceUnavailableError extends HubError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.ServiceUnavailable, message, details);
  }
}
