import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * docs/security.md is the threat model: every row must name a test that exists, and every file of the
 * security suite must hold up at least one row. A row whose test was renamed or removed, or a test
 * nobody can find from the threat model, fails here.
 */
const doc = readFileSync(resolve('docs/security.md'), 'utf8');
const table = doc.slice(doc.indexOf('## Threats by channel'));
const rows = table
  .split('\n')
  .filter((line) => /^\| [A-Z]\d+ \|/.test(line))
  .map((line) => {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    const tests = cells[cells.length - 2] ?? '';
    return { id: cells[1], tests: [...tests.matchAll(/`([^`]+\.(?:spec|e2e-spec|sec-spec|rel-spec)\.ts)`/g)].map((m) => m[1]) };
  });

describe('docs/security.md', () => {
  it('has rows, each with its own id', () => {
    expect(rows.length).toBeGreaterThan(30);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it.each(rows.map((r) => [r.id, r.tests] as const))('row %s names a test file that exists', (_id, tests) => {
    expect(tests.length).toBeGreaterThan(0);
    for (const path of tests) expect(existsSync(resolve(path)) ? path : `missing: ${path}`).toBe(path);
  });

  it('names every file of the security suite', () => {
    const named = new Set(rows.flatMap((r) => r.tests));
    const files = readdirSync(resolve('test/security'))
      .filter((f) => f.endsWith('.sec-spec.ts'))
      .map((f) => `test/security/${f}`);
    expect(files.filter((f) => !named.has(f))).toEqual([]);
  });
});
