import { statementName } from './raw-rows.js';

describe('prepared statement names', () => {
  it('are stable per text, distinct between texts, and stop at a bound so connections never hold unboundedly many', () => {
    const first = statementName('SELECT 1 AS spec_probe');
    expect(first).toMatch(/^hub_[0-9a-f]{24}$/);
    expect(statementName('SELECT 1 AS spec_probe')).toBe(first);
    expect(statementName('SELECT 2 AS spec_probe')).not.toBe(first);
    const names = Array.from({ length: 400 }, (_, i) => statementName(`SELECT ${i} AS spec_bound`));
    const named = names.filter((n) => n !== undefined);
    expect(named.length).toBeLessThanOrEqual(200);
    expect(new Set(named).size).toBe(named.length);
    expect(names.at(-1)).toBeUndefined();
    // A text named before the bound keeps its name.
    expect(statementName('SELECT 1 AS spec_probe')).toBe(first);
  });
});
