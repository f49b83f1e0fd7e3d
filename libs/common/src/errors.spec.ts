import { asNotFound, ErrorCode, ForbiddenError, HubError, NotFoundError } from './errors.js';

describe('asNotFound', () => {
  it('answers a "not found" of an access check as the record asked for', async () => {
    await expect(asNotFound('Consent', async () => Promise.reject(new NotFoundError('Person')))).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      message: 'Consent not found',
    });
  });

  it('passes on what the check returns, and other errors as they are', async () => {
    expect(await asNotFound('Consent', async () => 7)).toBe(7);
    await expect(asNotFound('Consent', async () => Promise.reject(new ForbiddenError('no')))).rejects.toBeInstanceOf(ForbiddenError);
    const broken = new Error('connection lost');
    await expect(asNotFound('Consent', async () => Promise.reject(broken))).rejects.toBe(broken);
    await expect(asNotFound('Consent', async () => Promise.reject(new HubError(ErrorCode.Conflict, 'x')))).rejects.toMatchObject({
      code: ErrorCode.Conflict,
    });
  });
});
