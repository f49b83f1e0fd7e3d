/** The project's documentation as the docs tests read it: the Markdown files, their headings' anchors, links and fenced blocks. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve('.');

/** README.md, every Markdown file under docs/, and the results folder's README. */
export function docFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.md') ? [path] : [];
    });
  return ['README.md', ...walk(join(ROOT, 'docs')).map((p) => relative(ROOT, p)), 'bench/results/README.md'].filter((p) =>
    existsSync(join(ROOT, p)),
  );
}

export const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

export interface Block {
  file: string;
  line: number;
  lang: string;
  text: string;
}

/** Fenced blocks (``` with an info string, indented or not), with the line each starts on. */
export function fencedBlocks(file: string): Block[] {
  const lines = read(file).split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++)
      body.push(lines[j].slice(Math.min(indent, lines[j].length - lines[j].trimStart().length)));
    blocks.push({ file, line: i + 1, lang: open[2], text: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** The text outside fenced blocks and inline code, where links live. */
export function prose(file: string): string {
  return read(file)
    .replace(/^\s*```[\s\S]*?^\s*```\s*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2 ... */
export function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const text = read(file).replace(/^\s*```[\s\S]*?^\s*```\s*$/gm, '');
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = m[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

export interface Link {
  file: string;
  target: string;
}

/** Relative links of a file (external URLs and mail addresses left out). */
export function relativeLinks(file: string): Link[] {
  return [...prose(file).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1])
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t))
    .map((target) => ({ file, target }));
}
