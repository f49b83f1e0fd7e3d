/**
 * The benchmarks build their baselines' SQL from the hub's own fragments; a change to a fragment's
 * shape must not first show up as a crash in the middle of `npm run bench`.
 */
import { postgraphileSetupSql } from './bench/postgraphile-rls.js';

describe('benchmark SQL', () => {
  it("PostGraphile's row-level security is built from the hub's access rule, open referrals and merges included", () => {
    const sql = postgraphileSetupSql('secret');
    expect(sql).toContain('CREATE POLICY');
    expect(sql).toContain('FROM referral rr WHERE rr.to_organisation_id');
    expect(sql).toContain('merged_into_id');
  });
});
