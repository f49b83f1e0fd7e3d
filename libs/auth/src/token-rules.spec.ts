import { firstAcceptedIat, issuedBeforeInvalidation, tokenTimeProblem } from './token-rules.js';

const RULES = { now: 1_000_000, skewSeconds: 5, maxLifetimeSeconds: 3600 };

describe('token rules', () => {
  it('requires exp and iat, refuses a future iat and a lifetime past the maximum', () => {
    expect(tokenTimeProblem({ iat: 1_000_000, exp: 1_000_900 }, RULES)).toBeNull();
    expect(tokenTimeProblem({ iat: 1_000_004, exp: 1_000_900 }, RULES)).toBeNull(); // within the skew
    expect(tokenTimeProblem({ iat: 1_000_000 }, RULES)).toMatch(/no expiry/);
    expect(tokenTimeProblem({ exp: 1_000_900 }, RULES)).toMatch(/issued/);
    expect(tokenTimeProblem({ iat: 1_000_006, exp: 1_000_900 }, RULES)).toMatch(/future/);
    expect(tokenTimeProblem({ iat: 1_000_000, exp: 1_000_000 + 3601 }, RULES)).toMatch(/longer/);
    expect(tokenTimeProblem({ iat: 1_000_000, exp: 1_000_000 + 10 * 365 * 86400 }, RULES)).toMatch(/longer/);
    expect(tokenTimeProblem({ iat: '1000000', exp: 1_000_900 }, RULES)).toMatch(/issued/);
    expect(tokenTimeProblem({ iat: 1_000_000, exp: 999_999 }, RULES)).toMatch(/before/);
  });

  it('refuses tokens issued up to the millisecond of an invalidation, and accepts the ones after it', () => {
    const at = new Date(1_000_000_500);
    expect(firstAcceptedIat(at)).toBe(1_000_000.501);
    expect(issuedBeforeInvalidation(1_000_000, at)).toBe(true); // a partner's whole second, before
    expect(issuedBeforeInvalidation(1_000_000.5, at)).toBe(true); // the same millisecond
    expect(issuedBeforeInvalidation(1_000_000.501, at)).toBe(false);
    expect(issuedBeforeInvalidation(1_000_001, null, at)).toBe(false);
    expect(issuedBeforeInvalidation(1_000_000, null, undefined)).toBe(false);
    // A token issued just after an invalidation dies with the next one, even within the same second.
    const next = new Date(1_000_000_900);
    expect(issuedBeforeInvalidation(firstAcceptedIat(at), next)).toBe(true);
  });
});
