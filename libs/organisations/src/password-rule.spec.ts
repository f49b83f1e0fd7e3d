import { contextWords, passwordProblems, requireAcceptablePassword } from './password-rule.js';

const RULE = { minLength: 12, minScore: 3 };
const context = contextWords('housing.worker@demo.rehab-hub.example', 'Hollie Caseworker', 'Safe Harbour Housing Trust');

describe('password rule', () => {
  it('refuses short, common, published and self-describing passwords', () => {
    expect(passwordProblems('short', context, RULE)[0]).toMatch(/at least 12/);
    expect(passwordProblems('password1234', context, RULE)[0]).toMatch(/too easy to guess/);
    expect(passwordProblems('qwertyuiop123', context, RULE)[0]).toMatch(/too easy to guess/);
    expect(passwordProblems('Rehab-Demo-2026!', context, RULE)[0]).toMatch(/published/);
    expect(passwordProblems('Housing.Worker2026!', context, RULE)[0]).toMatch(/name, email or organisation/);
    expect(passwordProblems('HollieCaseworker1!', context, RULE)[0]).toMatch(/name, email or organisation/);
  });

  it('accepts a long passphrase and a random password', () => {
    expect(passwordProblems('correct horse battery staple', context, RULE)).toEqual([]);
    expect(passwordProblems('Tq8#vR2!mZp4xL', context, RULE)).toEqual([]);
  });

  it('answers a coded error naming the field', () => {
    expect(() => requireAcceptablePassword('password1234', context, RULE, 'newPassword')).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        details: expect.objectContaining({ reason: 'WEAK_PASSWORD', fields: [expect.objectContaining({ field: 'newPassword' })] }),
      }),
    );
  });
});
