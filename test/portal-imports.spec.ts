/**
 * The portal's modules import each other without a circle, and no screen imports the root (app.tsx):
 * shared things (router, session, layout, flash) live in modules the screens and the root both import.
 * Read from the sources with the TypeScript compiler's own import scanner.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Jest runs from the repository's root. */
const SRC = join(process.cwd(), 'apps/portal/src');

/** Every .ts/.tsx file under `dir`, as paths relative to SRC. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [relative(SRC, full)] : [];
  });
}

/** The portal files `file` imports (relative imports only; packages are outside the graph). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true);
  const out: string[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const base = resolve(join(SRC, dirname(file)), ref.fileName.replace(/\.js$/, ''));
    const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
      (p) => existsSync(p) && /\.tsx?$/.test(p),
    );
    if (found) out.push(relative(SRC, found));
  }
  return out;
}

/** The first import circle found in `graph` (as the list of files around it), or null. */
export function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

const graph = new Map(files(SRC).map((f) => [f, importsOf(f)]));

describe('portal imports', () => {
  it('reads the portal sources', () => {
    expect(graph.get('app.tsx')).toEqual(expect.arrayContaining(['screens/person/person-page.tsx', 'router.tsx']));
  });

  it('finds a circle when there is one (the check can fail)', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toBeNull();
  });

  it('has no import circle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('has no screen importing the root (app.tsx)', () => {
    const offenders = [...graph].filter(([f, deps]) => f !== 'main.tsx' && deps.includes('app.tsx')).map(([f]) => f);
    expect(offenders).toEqual([]);
  });
});
