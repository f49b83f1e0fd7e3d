import { HttpException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { ErrorCode, NotFoundError, PayloadTooLargeError, ServiceUnavailableError } from './errors.js';
import { toClientError } from './error-mapping.js';
import { isConcurrentWriteError, isUniqueViolation } from './pg-errors.js';

/** An error as node-postgres throws it, and as TypeORM wraps it. */
const pgError = (code: string, constraint?: string) => Object.assign(new Error(`pg ${code}`), { code, constraint });
const wrapped = (code: string, constraint?: string) => new QueryFailedError('INSERT …', [], pgError(code, constraint));

describe('toClientError', () => {
  it.each([
    ['a hub error keeps its code', new NotFoundError('Person'), ErrorCode.NotFound, 404, false],
    ['a unique violation (driver)', pgError('23505'), ErrorCode.Conflict, 409, false],
    ['a unique violation (TypeORM)', wrapped('23505', 'pk_external_ref'), ErrorCode.Conflict, 409, false],
    ['a deadlock', wrapped('40P01'), ErrorCode.Conflict, 409, false],
    ['a serialisation failure', pgError('40001'), ErrorCode.Conflict, 409, false],
    ['a value that is not a UUID', wrapped('22P02'), ErrorCode.BadUserInput, 400, false],
    ['a number out of range for its column', wrapped('22003'), ErrorCode.BadUserInput, 400, false],
    ['text too long for its column', wrapped('22001'), ErrorCode.BadUserInput, 400, false],
    ['a character the encoding cannot hold', pgError('22P05'), ErrorCode.BadUserInput, 400, false],
    ['a NUL character', wrapped('22021'), ErrorCode.BadUserInput, 400, false],
    ['a body too large', new PayloadTooLargeError('too big'), ErrorCode.PayloadTooLarge, 413, false],
    ['at capacity', new ServiceUnavailableError('busy'), ErrorCode.ServiceUnavailable, 503, false],
    ['a foreign key violation (ours to fix)', wrapped('23503'), ErrorCode.Internal, 500, true],
    ['the database shutting down', pgError('57P01'), ErrorCode.ServiceUnavailable, 503, false],
    [
      'the database refusing connections',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ErrorCode.ServiceUnavailable,
      503,
      false,
    ],
    [
      'a connection lost mid-statement (TypeORM)',
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
      ErrorCode.ServiceUnavailable,
      503,
      false,
    ],
    ['no connection from the pool in time', new Error('timeout exceeded when trying to connect'), ErrorCode.ServiceUnavailable, 503, false],
    ['a transaction whose connection broke (TypeORM)', new QueryRunnerAlreadyReleasedError(), ErrorCode.ServiceUnavailable, 503, false],
    ['a connection exception class', pgError('08006'), ErrorCode.ServiceUnavailable, 503, false],
    ['a statement timeout (driver)', pgError('57014'), ErrorCode.QueryTimeout, 503, false],
    ['a statement timeout (TypeORM)', wrapped('57014'), ErrorCode.QueryTimeout, 503, false],
    ['anything else', new Error('boom: secret detail'), ErrorCode.Internal, 500, true],
    ['an HTTP 404', new HttpException('nothing here', 404), ErrorCode.NotFound, 404, false],
  ])('%s', (_label, err, code, status, internal) => {
    const mapped = toClientError(err);
    expect([mapped.code, mapped.status, mapped.internal]).toEqual([code, status, internal]);
    if (internal) expect(mapped.message).toBe('Something went wrong on our side');
  });

  it('says a collision is to be retried, without the database message', () => {
    const mapped = toClientError(wrapped('23505', 'ix_person_identifier_scheme_value'));
    expect(mapped.details).toEqual({ reason: 'CONCURRENT_WRITE' });
    expect(mapped.message).toMatch(/send the request again/);
    expect(mapped.message).not.toMatch(/23505|ix_person|pg /);
  });
});

describe('PostgreSQL error tests', () => {
  it('tell a collision from other failures, through TypeORM or not', () => {
    expect(['23505', '40P01', '40001', '23503', '22P02', '57P01'].map((c) => isConcurrentWriteError(wrapped(c)))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(isConcurrentWriteError(null)).toBe(false);
    expect(isUniqueViolation(wrapped('23505', 'a'), 'a')).toBe(true);
    expect(isUniqueViolation(wrapped('23505', 'a'), 'b')).toBe(false);
    expect(isUniqueViolation(pgError('23503'))).toBe(false);
  });
});
