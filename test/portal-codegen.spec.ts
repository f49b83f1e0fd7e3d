/**
 * apps/portal/src/gql/ is generated from schema/schema.graphql and the portal's documents by GraphQL
 * Code Generator (`npm run codegen:portal`) and checked in. This generates it again, with the same
 * configuration but in memory (in a child process: the generator loads its presets as Node modules,
 * which jest's module sandbox cannot), and fails when a checked-in file differs, is missing or is left over.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Jest runs from the repository's root. */
const ROOT = process.cwd();
const OUT = 'apps/portal/src/gql';

const GENERATE = `
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
const { config } = await loadCodegenConfig({ configFilePath: 'apps/portal/codegen.yml' });
const files = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
process.stdout.write(JSON.stringify(files.map((f) => ({ filename: f.filename, content: f.content }))));
`;

function generated(): Map<string, string> {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', GENERATE], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = JSON.parse(out) as { filename: string; content: string }[];
  return new Map(files.map((f) => [f.filename.replace(/^\.\//, ''), f.content]));
}

describe('portal generated types (apps/portal/src/gql)', () => {
  it('match what `npm run codegen:portal` generates from the schema and the documents', () => {
    const expected = generated();
    expect(expected.size).toBeGreaterThan(0);
    const onDisk = readdirSync(join(ROOT, OUT)).map((n) => `${OUT}/${n}`);
    expect(onDisk.sort()).toEqual([...expected.keys()].sort());
    const stale = [...expected].filter(([path, content]) => readFileSync(join(ROOT, path), 'utf8') !== content).map(([path]) => path);
    expect(stale).toEqual([]);
  }, 120_000);
});
