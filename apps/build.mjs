// Compiles the hub, the worker and the CLI (apps/, libs/, migrations/) into dist/ with SWC, then the
// portal (apps/portal/build.mjs). Run by `npm run build`, so by `npm start` and every test script.
//
// Transpile only: each file is compiled on its own, types are not checked here. `npm run typecheck`
// checks them (tsc --noEmit, the whole project and the portal) and `npm test` runs it first, so a
// type error still fails the tests and CI. Only files whose source is newer than their output are
// compiled again; outputs whose source is gone are removed. `--force` compiles everything.
//
// The output is what `tsc -p apps/tsconfig.build.json` followed by tsc-alias gives: the same layout
// (dist/apps/hub/src/main.js ...), ES modules, `@hub/<lib>` rewritten to the relative path of
// libs/<lib>/src/index.js, and the decorator metadata (design:type, design:paramtypes) Nest,
// TypeORM and the code-first GraphQL schema read.
//
// One difference is made good here: compiling one file at a time, SWC cannot know that a type
// imported from another file is an enum, and writes the enum object as its design:type where tsc
// writes String (or Number). Nest's ValidationPipe would then validate an enum argument as if it were a
// class, so an imported enum of this project is written as tsc writes it (see enumKinds below).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
// Loaded only when something is to be compiled: a start with nothing changed does not pay for it.
let swc;
const swcVersion = JSON.parse(readFileSync(require.resolve('@swc/core/package.json'), 'utf8')).version;

/** The folders compiled, relative to the root; apps/portal is the portal's own build. */
const SOURCES = ['apps', 'libs', 'migrations'];
const SKIP = [join(root, 'apps', 'portal')];

const options = (file) => ({
  filename: file,
  cwd: root,
  swcrc: false,
  configFile: false,
  sourceMaps: true,
  sourceFileName: relative(dirname(outputOf(file)), file),
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    target: 'es2022',
    baseUrl: root,
    paths: { '@hub/*': ['./libs/*/src/index.ts'] },
    keepClassNames: true,
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  // resolveFully: the aliases become relative paths ending in index.js, as Node's ES modules need.
  module: { type: 'es6', resolveFully: true },
});

function outputOf(file) {
  return join(dist, relative(root, file)).replace(/\.ts$/, '.js');
}

function sources(dir, found = []) {
  if (SKIP.includes(dir) || !existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, found);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

function outputs(dir, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) outputs(path, found);
    else if (entry.name.endsWith('.js') || entry.name.endsWith('.js.map')) found.push(path);
  }
  return found;
}

/** Every enum the project declares, by name: 'String' or 'Number' as tsc writes it for design:type, or 'Object'. */
function enumKinds(files) {
  const kinds = {};
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^export enum (\w+) \{([^}]*)\}/gm)) {
      const body = m[2].replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      const values = body
        .split(',')
        .map((member) => member.trim())
        .filter(Boolean)
        .map((member) => member.split('=')[1]?.trim());
      const strings = values.every((v) => v !== undefined && /^['"`]/.test(v));
      const numbers = values.every((v) => v === undefined || /^-?\d/.test(v));
      if (m[1] in kinds) throw new Error(`two enums are named ${m[1]}: apps/build.mjs tells them apart by name`);
      kinds[m[1]] = strings ? 'String' : numbers ? 'Number' : 'Object';
    }
  }
  return kinds;
}

/** `typeof E === "undefined" ? Object : E` -> String, for each enum E this file imports from the project. */
function enumMetadata(code, kinds) {
  const local = new Map();
  for (const m of code.matchAll(/^import \{([^}]*)\} from "(\.[^"]*)";$/gm)) {
    for (const part of m[1].split(',')) {
      const [imported, as] = part.trim().split(/\s+as\s+/);
      if (imported in kinds) local.set(as ?? imported, kinds[imported]);
    }
  }
  return code.replace(/typeof (\w+) === "undefined" \? Object : \1\b/g, (whole, name) => local.get(name) ?? whole);
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : -1);

async function compile(file) {
  const out = outputOf(file);
  swc ??= require('@swc/core');
  const { code, map } = await swc.transformFile(file, options(file));
  // The replacement is as long as or shorter than what it replaces, on the same line: the map stays right.
  await mkdir(dirname(out), { recursive: true });
  await writeFile(`${out}.map`, map);
  await writeFile(out, `${enumMetadata(code, kinds)}\n//# sourceMappingURL=${basename(out)}.map\n`);
}

const started = Date.now();
const files = SOURCES.flatMap((dir) => sources(join(root, dir)));
const kinds = enumKinds(files);
// A change of this script, of SWC or of an enum's kind compiles everything again.
const stampPath = join(dist, '.swc-build');
const stamp = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(swcVersion)
  .update(JSON.stringify(kinds))
  .digest('hex');
const force = process.argv.includes('--force') || !existsSync(stampPath) || readFileSync(stampPath, 'utf8') !== stamp;
const stale = force ? files : files.filter((file) => mtime(file) > mtime(outputOf(file)));
// Outputs of sources that were removed or renamed would still be importable: remove them.
const expected = new Set(files.flatMap((file) => [outputOf(file), `${outputOf(file)}.map`]));
const orphans = SOURCES.flatMap((dir) => outputs(join(dist, dir))).filter((path) => !expected.has(path));
await Promise.all(orphans.map((path) => rm(path, { force: true })));

// A few at a time: SWC works on its own threads.
const queue = [...stale];
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) await compile(file);
  }),
);
await mkdir(dist, { recursive: true });
await writeFile(stampPath, stamp);
const removed = orphans.length ? `, ${orphans.length} stale outputs removed` : '';
console.log(
  stale.length
    ? `hub: compiled ${stale.length} of ${files.length} files into dist/ in ${Date.now() - started} ms (SWC, types not checked: npm run typecheck)${removed}`
    : `hub: up to date (dist/)${removed}`,
);

// In this process (it reads --force from the same arguments): a second node would cost its start-up.
await import('./portal/build.mjs');
