import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type DocumentNode, type GraphQLSchema, Kind, parse, validate } from 'graphql';
import { PUBLISHED_DEMO_PASSWORD } from '../libs/config/src/security-settings.js';
import { DEMO_USERS } from '../libs/demo/src/demo-world.js';
import { type Block, docFiles, fencedBlocks, ROOT } from './support/docs.js';

/**
 * The examples in README.md and docs/ hold against the code as it is:
 * - every GraphQL operation (```graphql blocks, and operations quoted in ```ts and ```sh blocks) is
 *   parsed and validated against schema/schema.graphql, read at test time;
 * - every ```sh command is checked without running it: `npm run X` names a script, `npm run cli -- X`
 *   a command of apps/cli, each repository path exists (dist/ paths by their TypeScript source), each
 *   environment variable set before a command is one the code reads, and each request to the hub
 *   (curl localhost:3000/…) names a route the hub serves, with its method.
 * Running the examples against a live hub is left to the e2e tests of each feature; here they are held
 * to the schema, the scripts, the files, the configuration and the routes.
 */

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const walk = (dir: string, ext: RegExp): string[] =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir)).flatMap((name) => {
        if (name === 'node_modules' || name === 'dist') return [];
        const path = join(dir, name);
        return statSync(join(ROOT, path)).isDirectory() ? walk(path, ext) : ext.test(name) ? [path] : [];
      })
    : [];

// ---------- what the examples are checked against ----------

const schema: GraphQLSchema = buildSchema(read('schema/schema.graphql'));
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; jest: { projects: { displayName: string }[] } };
const scripts = new Set(Object.keys(pkg.scripts));
const jestProjects = new Set(pkg.jest.projects.map((p) => p.displayName));
const cliCommands = new Set(walk('apps/cli/src', /\.ts$/).flatMap((f) => [...read(f).matchAll(/case '([a-z][\w:-]*)'/g)].map((m) => m[1])));

/** Environment variables the code reads: libs/config's readers, and process.env anywhere in the apps, libs and tests. */
const sources = [...walk('apps', /\.(ts|tsx|mjs)$/), ...walk('libs', /\.ts$/), ...walk('test', /\.ts$/)];
const envRead = new Set<string>([
  ...sources.flatMap((f) =>
    [...read(f).matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)].map((m) => m[1] ?? m[2]),
  ),
  ...walk('libs/config/src', /\.ts$/)
    .filter((f) => !f.endsWith('.spec.ts'))
    .flatMap((f) => [...read(f).matchAll(/\benv\.([A-Z][A-Z0-9_]*)|'([A-Z][A-Z0-9_]{2,})'/g)].map((m) => m[1] ?? m[2])),
]);

/** The hub's HTTP routes: Nest controllers (method, path) and the GraphQL endpoint. */
function hubRoutes(): { method: string; pattern: RegExp; path: string }[] {
  const routes: { method: string; path: string }[] = [
    { method: 'POST', path: '/graphql' },
    { method: 'GET', path: '/graphql' },
  ];
  for (const file of [...walk('apps', /\.controller\.ts$/), ...walk('libs', /\.controller\.ts$/)]) {
    const text = read(file);
    const prefix = /@Controller\(\s*(?:'([^']*)')?\s*\)/.exec(text)?.[1] ?? '';
    for (const m of text.matchAll(/@(Get|Post|Put|Patch|Delete)\(\s*(?:'([^']*)')?\s*\)/g)) {
      routes.push({ method: m[1].toUpperCase(), path: `/${[prefix, m[2] ?? ''].filter(Boolean).join('/')}` });
    }
  }
  return routes.map((r) => ({ ...r, pattern: new RegExp(`^${r.path.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`) }));
}
const routes = hubRoutes();

// ---------- GraphQL ----------

/** Problems with one GraphQL document: each operation validated on its own (with the document's fragments). */
export function graphqlProblems(source: string): string[] {
  let doc: DocumentNode;
  try {
    doc = parse(source);
  } catch (e) {
    return [`does not parse: ${(e as Error).message}`];
  }
  const fragments = doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return doc.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .flatMap((op) =>
      validate(schema, { kind: Kind.DOCUMENT, definitions: [op, ...fragments] }).map(
        (e) => `${e.message} (line ${(e.locations?.[0]?.line ?? 0) + (op.loc?.startToken.line ?? 1) - 1})`,
      ),
    );
}

/** GraphQL operations quoted in code and shell: 'query …', `mutation …`, "{ … }" as a JSON "query" value. */
function quotedOperations(block: Block): string[] {
  const ops: string[] = [];
  for (const m of block.text.matchAll(/(['`])((?:query|mutation|subscription)\b[^'`]*)\1/g)) ops.push(m[2]);
  for (const m of block.text.matchAll(/"query"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) ops.push(JSON.parse(`"${m[1]}"`) as string);
  return ops;
}

// ---------- shell ----------

interface Word {
  text: string;
  quoted: boolean;
}

/** Splits a shell text into simple commands (words with quotes removed) at newlines, ;, &&, ||, |, $( and ). Comments dropped. */
export function shellCommands(text: string): Word[][] {
  const commands: Word[][] = [];
  let words: Word[] = [];
  let word = '';
  let quoted = false;
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push({ text: word, quoted });
    word = '';
    quoted = false;
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  const src = text.replace(/\\\n/g, ' ');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "'" || c === '"') {
      const close = src.indexOf(c, i + 1);
      const end = close === -1 ? src.length : close;
      word += src.slice(i + 1, end);
      quoted = true;
      inWord = true;
      i = end;
    } else if (c === '#' && !inWord) {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl - 1;
    } else if (c === '\n' || c === ';' || c === '|' || c === ')' || (c === '&' && src[i + 1] === '&')) {
      endCommand();
      if ((c === '&' || c === '|') && src[i + 1] === c) i++;
    } else if (c === '$' && src[i + 1] === '(') {
      endCommand();
      i++;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

const REPO_DIRS = ['apps/', 'libs/', 'test/', 'docs/', 'schema/', 'migrations/', 'dist/', 'node_modules/', 'bench/', '.ci/'];

/** A path of the repository named by an example: exists, or (under dist/) its TypeScript source does. */
function pathProblem(path: string): string | null {
  if (path.includes('<') || path.includes('*')) return null; // a pattern such as bench/results/<date>-<commit>.json
  if (existsSync(join(ROOT, path))) return null;
  const source = /^dist\/(.+)\.js$/.exec(path);
  if (source && (existsSync(join(ROOT, `${source[1]}.ts`)) || existsSync(join(ROOT, `${source[1]}.tsx`)))) return null;
  return `no file ${path}`;
}

/** Commands an example may use, beyond npm, npx and node, which are checked in detail. */
const OTHER_COMMANDS = new Set(['curl', 'apt-get', 'openssl', 'git', 'cd', 'export']);
const NPM_BUILTINS = new Set(['ci', 'install']);

/** Problems with one simple command of an example. */
export function commandProblems(command: Word[]): string[] {
  const problems: string[] = [];
  let k = 0;
  for (; k < command.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(command[k].text) && !command[k].quoted; k++) {
    const name = command[k].text.split('=')[0];
    // `NAME=value command`: an environment variable for the command, which the code must read.
    // `NAME=value` alone: a shell variable of the example (a token, an id).
    if (k + 1 < command.length && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(command[k + 1].text) && !envRead.has(name))
      problems.push(`${name} is read nowhere in the code`);
  }
  const [head, ...args] = command.slice(k).map((w) => w.text);
  if (head === undefined) return problems;
  for (const a of args)
    if (REPO_DIRS.some((d) => a.startsWith(d))) problems.push(...[pathProblem(a)].filter((p): p is string => p !== null));
  if (head === 'npm') {
    const [sub, name, sep, cli] = args;
    if (sub === 'run') {
      if (!scripts.has(name)) problems.push(`npm run ${name}: no such script`);
      if (name === 'cli' && sep === '--' && !cliCommands.has(cli)) problems.push(`npm run cli -- ${cli}: no such command in apps/cli`);
    } else if (sub === 'start' || sub === 'test') {
      if (!scripts.has(sub)) problems.push(`npm ${sub}: no such script`);
    } else if (!NPM_BUILTINS.has(sub)) problems.push(`npm ${sub}: not a command the project uses`);
  } else if (head === 'node') {
    const jest = args.findIndex((a) => a.endsWith('jest/bin/jest.js'));
    const projects = jest >= 0 ? args.slice(args.indexOf('--selectProjects') + 1).filter((a) => !a.startsWith('-')) : [];
    if (jest >= 0 && args.includes('--selectProjects'))
      for (const p of projects) if (!jestProjects.has(p)) problems.push(`jest project ${p}: no such project`);
  } else if (head === 'npx') {
    if (!existsSync(join(ROOT, 'node_modules', '.bin', args[0]))) problems.push(`npx ${args[0]}: not installed by the project`);
  } else if (head === 'curl') {
    const url = args.find((a) => /^(https?:\/\/)?(localhost|127\.0\.0\.1):\d+/.test(a));
    if (url) {
      const path = new URL(url.startsWith('http') ? url : `http://${url}`).pathname;
      const method = args.includes('-X')
        ? args[args.indexOf('-X') + 1]
        : args.some((a) => a === '-d' || a === '--data' || a === '--data-binary')
          ? 'POST'
          : 'GET';
      if (!routes.some((r) => r.method === method && r.pattern.test(path)))
        problems.push(`${method} ${path}: the hub serves no such route`);
    }
  } else if (!OTHER_COMMANDS.has(head)) problems.push(`${head}: a command the examples are not checked for`);
  return problems;
}

// ---------- the examples ----------

const blocks = docFiles().flatMap(fencedBlocks);
const graphqlBlocks = blocks.filter((b) => b.lang === 'graphql');
const shellBlocks = blocks.filter((b) => b.lang === 'sh' || b.lang === 'bash' || b.lang === 'shell');
const label = (b: Block) => `${b.file}:${b.line}`;

describe('documentation examples', () => {
  it('finds the examples', () => {
    expect(graphqlBlocks.length).toBeGreaterThan(10);
    expect(shellBlocks.length).toBeGreaterThan(5);
    expect(routes.length).toBeGreaterThan(10);
    expect(cliCommands.has('migrate')).toBe(true);
    expect(envRead.has('DATABASE_URL')).toBe(true);
  });

  it.each(graphqlBlocks.map((b) => [label(b), b] as const))('GraphQL at %s is valid against schema/schema.graphql', (_label, block) => {
    expect(graphqlProblems(block.text)).toEqual([]);
  });

  it.each(blocks.filter((b) => quotedOperations(b).length > 0).map((b) => [label(b), b] as const))(
    'GraphQL quoted at %s is valid against the schema',
    (_label, block) => {
      expect(quotedOperations(block).flatMap(graphqlProblems)).toEqual([]);
    },
  );

  it.each(shellBlocks.map((b) => [label(b), b] as const))(
    'shell at %s names scripts, commands, files, variables and routes that exist',
    (_label, block) => {
      expect(shellCommands(block.text).flatMap(commandProblems)).toEqual([]);
    },
  );

  it('documents every variable libs/config reads, and no variable it does not', () => {
    const doc = read('docs/operations/configuration.md');
    const documented = new Set(
      [...doc.matchAll(/^\| `([A-Z][A-Z0-9_]*)`(?: \/ `([A-Z][A-Z0-9_]*)`)? \|/gm)].flatMap((m) => [m[1], m[2]].filter(Boolean)),
    );
    const configReads = new Set(
      walk('libs/config/src', /\.ts$/)
        .filter((f) => !f.endsWith('.spec.ts'))
        .flatMap((f) =>
          [...read(f).matchAll(/\benv\.([A-Z][A-Z0-9_]*)|\w+\(\s*env\w*,\s*'([A-Z][A-Z0-9_]{2,})'/g)].map((m) => m[1] ?? m[2]),
        ),
    );
    expect(configReads.size).toBeGreaterThan(50);
    expect([...documented].filter((v) => !envRead.has(v))).toEqual([]);
    expect([...configReads].filter((v) => !documented.has(v))).toEqual([]);
  });

  it('names only demo accounts the demo world seeds, with its password', () => {
    const seeded = new Set(DEMO_USERS.map((u) => u.email));
    const text = docFiles().map(read).join('\n');
    const named = new Set(text.match(/[\w.+-]+@demo\.rehab-hub\.example/g));
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((e) => !seeded.has(e))).toEqual([]);
    const passwords = new Set(text.match(/Rehab-Demo-[\w!]+/g));
    expect([...passwords]).toEqual([PUBLISHED_DEMO_PASSWORD]);
  });

  it('can fail: a broken example of each kind is caught', () => {
    expect(graphqlProblems('{ viewer { noSuchField } }')).toHaveLength(1);
    expect(graphqlProblems('{ viewer { name ')[0]).toMatch(/does not parse/);
    const problems = (sh: string) => shellCommands(sh).flatMap(commandProblems);
    expect(problems('npm run no-such-script')).toEqual(['npm run no-such-script: no such script']);
    expect(problems('npm run cli -- no-such-command')).toEqual(['npm run cli -- no-such-command: no such command in apps/cli']);
    expect(problems('NO_SUCH_SETTING=1 npm start')).toEqual(['NO_SUCH_SETTING is read nowhere in the code']);
    expect(problems('node dist/apps/nowhere/main.js')).toEqual(['no file dist/apps/nowhere/main.js']);
    expect(problems("curl -s localhost:3000/no/such/route -d '{}'")).toEqual(['POST /no/such/route: the hub serves no such route']);
    expect(problems('curl -s localhost:3000/auth/login')).toEqual(['GET /auth/login: the hub serves no such route']);
    expect(problems('TOKEN=$(npm run cli -- token --email a@b.example) # a shell variable, then a comment')).toEqual([]);
  });
});
