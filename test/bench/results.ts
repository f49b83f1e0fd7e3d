/**
 * Where a benchmark run's results are kept: `bench/results/<date>-<commit>.json` at the repository's
 * root, committed with the code they measured (history stays in git, not in prose). One file per day
 * and commit; each command (`npm run bench`, the person-read jest bench, `npm run soak`,
 * `npm run scale-out`) writes its own section of it, replacing that section when run again. The file
 * is rewritten after every line, so a run cut short keeps what it measured. docs/benchmarks.md says
 * how to read it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One printed line: the benchmark it belongs to (`a` to `h`, or the command), its text, and its figures by name. */
export interface ResultLine {
  benchmark: string;
  text: string;
  figures: Record<string, number>;
}

export interface ResultsSection {
  command: string;
  startedAt: string;
  finishedAt: string | null;
  /** The BENCH_* and SOAK_* settings the run used (defaults included where the command knows them). */
  settings: Record<string, string | number | boolean>;
  lines: ResultLine[];
}

export interface ResultsFile {
  date: string;
  commit: string;
  /** The working tree had uncommitted changes: the figures are not exactly the commit's. */
  dirty: boolean;
  machine: { cores: number; cpu: string; memoryGb: number; node: string; platform: string };
  sections: Record<string, ResultsSection>;
}

/** The repository's root: the nearest folder above this file with a package.json, dist/ skipped (from test/bench or dist/test/bench alike). */
export function repositoryRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (basename(dir) !== 'dist' && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** `bench/results/<date>-<commit>.json` for today (UTC) and the checked-out commit (`nogit` outside a clone). */
export function resultsPath(
  root = repositoryRoot(),
  date = new Date().toISOString().slice(0, 10),
): { path: string; commit: string; dirty: boolean } {
  const commit = git(root, ['rev-parse', '--short=7', 'HEAD']) ?? 'nogit';
  // Results files themselves do not make the tree dirty: a second command of the same run adds to one.
  const dirty = (git(root, ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results']) ?? '') !== '';
  return { path: join(root, 'bench', 'results', `${date}-${commit}.json`), commit, dirty };
}

/** The benchmark a printed line belongs to: its leading letter (`a. …`), or the command's own name. */
export function benchmarkOf(text: string, command: string): string {
  const m = /^([a-h])\. /.exec(text);
  if (m) return m[1];
  return text.startsWith('#') ? 'info' : command;
}

let current: { path: string; file: ResultsFile; section: ResultsSection } | null = null;

/** Starts this command's section of today's results file (read back if the file exists, so other commands' sections stay). */
export function startResults(command: string, settings: Record<string, string | number | boolean>, root = repositoryRoot()): string {
  const date = new Date().toISOString().slice(0, 10);
  const { path, commit, dirty } = resultsPath(root, date);
  const file: ResultsFile = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as ResultsFile)
    : {
        date,
        commit,
        dirty,
        machine: {
          cores: cpus().length,
          cpu: cpus()[0]?.model ?? 'unknown',
          memoryGb: Math.round(totalmem() / 2 ** 30),
          node: process.version,
          platform: process.platform,
        },
        sections: {},
      };
  file.dirty = file.dirty || dirty;
  const section: ResultsSection = { command, startedAt: new Date().toISOString(), finishedAt: null, settings, lines: [] };
  file.sections[command] = section;
  current = { path, file, section };
  save();
  return path;
}

/** Adds a line to the current section (nothing when no section was started, as in a one-off script). */
export function recordResult(text: string, figures: Record<string, number> = {}): void {
  if (!current) return;
  current.section.lines.push({ benchmark: benchmarkOf(text, current.section.command), text, figures });
  save();
}

/** Marks the current section finished; returns the file's path. */
export function finishResults(): string | null {
  if (!current) return null;
  current.section.finishedAt = new Date().toISOString();
  save();
  const { path } = current;
  current = null;
  return path;
}

function save(): void {
  if (!current) return;
  mkdirSync(dirname(current.path), { recursive: true });
  writeFileSync(current.path, `${JSON.stringify(current.file, null, 2)}\n`);
}

/** The BENCH_* settings of a run as the benchmarks read them (lib.ts's defaults), plus any other BENCH_* set. */
export function benchSettings(defaults: Record<string, string | number | boolean>): Record<string, string | number | boolean> {
  const set = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_') || k.startsWith('SOAK_') || k === 'GRAPHQL_EXECUTOR') as [
      string,
      string,
    ][],
  );
  return { ...defaults, ...set };
}
