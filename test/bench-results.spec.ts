import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchmarkOf, finishResults, recordResult, type ResultsFile, startResults } from './bench/results.js';

/** A benchmark run's results land in bench/results/<date>-<commit>.json, one section per command. */
describe('benchmark results file', () => {
  it('records each command in its own section of bench/results/<date>-<commit>.json', () => {
    const root = mkdtempSync(join(tmpdir(), 'bench-results-'));
    const path = startResults('bench', { BENCH_PEOPLE: 20000 }, root);
    recordResult('# npm run bench: header');
    recordResult('a. person page ...', { throughputRatio: 0.32 });
    finishResults();
    startResults('soak', { SOAK_MINUTES: 1 }, root);
    recordResult('soak: passed', { errors: 0 });
    finishResults();

    const date = new Date().toISOString().slice(0, 10);
    // Outside a git clone the commit is named `nogit`.
    expect(readdirSync(join(root, 'bench', 'results'))).toEqual([`${date}-nogit.json`]);
    expect(path).toBe(join(root, 'bench', 'results', `${date}-nogit.json`));
    const file = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
    expect(file.date).toBe(date);
    expect(file.machine.cores).toBeGreaterThan(0);
    expect(Object.keys(file.sections)).toEqual(['bench', 'soak']);
    expect(file.sections.bench.lines.map((l) => [l.benchmark, l.figures])).toEqual([
      ['info', {}],
      ['a', { throughputRatio: 0.32 }],
    ]);
    expect(file.sections.bench.finishedAt).not.toBeNull();
    expect(file.sections.soak.settings).toEqual({ SOAK_MINUTES: 1 });
  });

  it('names the benchmark of a line by its letter, else by the command', () => {
    expect(benchmarkOf('d. eteFunnel over all 20000 people', 'bench')).toBe('d');
    expect(benchmarkOf('person reads/s: audit on 144', 'person-read')).toBe('person-read');
    expect(benchmarkOf('# done in 1011 s', 'bench')).toBe('info');
  });

  it('records nothing when no section was started', () => {
    expect(() => recordResult('a. stray line')).not.toThrow();
    expect(finishResults()).toBeNull();
  });
});
