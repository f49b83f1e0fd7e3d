import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { anchors, docFiles, ROOT, relativeLinks } from './support/docs.js';

/**
 * Every relative link in README.md and docs/ resolves: the file or folder exists and the `#anchor`
 * is a heading of that file. Every `docs/….md` the code names (in messages and comments) exists.
 */

const files = docFiles();

function resolveLink(from: string, target: string): { path: string; anchor: string | null } {
  const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
  const path = pathPart === '' ? from : normalize(join(dirname(from), decodeURIComponent(pathPart)));
  return { path, anchor: anchor ?? null };
}

describe('documentation links', () => {
  it('finds the documentation', () => {
    expect(files).toContain('README.md');
    expect(files.length).toBeGreaterThan(10);
  });

  it('keeps README.md an entrance: at most 200 lines', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });

  it.each(files)('every relative link in %s resolves', (file) => {
    const broken: string[] = [];
    for (const { target } of relativeLinks(file)) {
      const { path, anchor } = resolveLink(file, target);
      if (path.startsWith('..')) {
        broken.push(`${target}: outside the repository`);
        continue;
      }
      if (!existsSync(join(ROOT, path))) {
        broken.push(`${target}: no file ${path}`);
        continue;
      }
      if (anchor === null) continue;
      if (statSync(join(ROOT, path)).isDirectory() || !path.endsWith('.md')) {
        broken.push(`${target}: an anchor on something that is not a Markdown file`);
        continue;
      }
      if (!anchors(path).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${path}`);
    }
    expect(broken).toEqual([]);
  });

  it('every docs/ page the code names exists', () => {
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir)).flatMap((name) => {
        if (name === 'node_modules' || name === 'dist') return [];
        const path = join(dir, name);
        return statSync(join(ROOT, path)).isDirectory() ? walk(path) : /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
      });
    const named = ['apps', 'libs', 'test', 'migrations']
      .flatMap(walk)
      .flatMap((file) =>
        [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\bdocs\/[\w./-]+\.md\b/g)].map((m) => ({ file, page: m[0] })),
      );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(({ page }) => !existsSync(join(ROOT, page))).map(({ file, page }) => `${file}: ${page}`)).toEqual([]);
  });

  it.each(files)('every repository path %s names in code spans exists', (file) => {
    // Folders the tests create and git ignores (test/artifacts/) are not in a clone.
    const ignored = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n').filter(Boolean);
    const paths = [
      ...readFileSync(join(ROOT, file), 'utf8').matchAll(/`((?:apps|libs|test|migrations|schema|bench|docs|\.ci)\/[\w./-]*)`/g),
    ]
      .map((m) => m[1])
      .filter((p) => !ignored.includes(p));
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it('can fail: a link to a missing page or heading is found', () => {
    expect(existsSync(join(ROOT, resolveLink('docs/api/README.md', '../nowhere.md').path))).toBe(false);
    expect(anchors('README.md').has('quick-start')).toBe(true);
    expect(anchors('README.md').has('no-such-heading')).toBe(false);
  });
});
