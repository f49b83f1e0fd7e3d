import { DEFAULT_RETENTION_DAYS, retentionPolicy } from './retention-policy.js';

describe('retention policy', () => {
  it('overrides the defaults per category', () => {
    const policy = retentionPolicy({ health: 100 });
    expect(policy.health).toBe(100);
    expect(policy.identity).toBe(DEFAULT_RETENTION_DAYS.identity);
  });

  it('refuses unknown categories', () => {
    expect(() => retentionPolicy({ healthy: 100 })).toThrow(/healthy/);
  });
});
