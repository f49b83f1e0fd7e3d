// Builds the portal into dist/portal with `vite build` when its sources are newer than the last build
// (or always with --force). Run by `npm run build` (apps/build.mjs imports it) and by itself for
// `npm run build:portal`. Vite strips the types without checking them: the portal's TypeScript is
// checked with its own tsconfig by `npm run typecheck`, which `npm test` runs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = fileURLToPath(new URL('../../dist/portal/index.html', import.meta.url));

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'build.mjs'].map((p) => join(here, p));
const lock = fileURLToPath(new URL('../../package-lock.json', import.meta.url));
const stale = process.argv.includes('--force') || !existsSync(out) || Math.max(...inputs.map(newest), newest(lock)) > statSync(out).mtimeMs;
if (stale) {
  const bin = (name) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));
  execFileSync(bin('vite'), ['build', '--config', join(here, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
  console.log('portal: built into dist/portal');
} else {
  console.log('portal: up to date (dist/portal)');
}
