/**
 * The layout rules every lib keeps, checked on the source: each table is read and written only by the
 * lib that declares its entity (others go through that lib's services or its published SQL),
 * resolvers import nothing from TypeORM, and no module needs forwardRef. The imports between libs
 * and apps (the layer order, `@hub/<lib>` only, no cycles) are dependency-cruiser's to check
 * (`npm run lint:deps`, .dependency-cruiser.cjs); its run is part of this suite too.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Jest runs from the repository's root. */
const ROOT = process.cwd();

/** The synthetic population generator writes every table straight from SQL, at national scale (see #9's generator); it is a test-data tool. */
const MAY_WRITE_ANY_TABLE = new Set(['libs/demo/src/population-generator.ts']);

interface Source {
  path: string;
  /** The lib the file belongs to, or null for apps. */
  lib: string | null;
  text: string;
}

function sources(dir: string): Source[] {
  const out: Source[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
        const path = relative(ROOT, full);
        out.push({ path, lib: path.startsWith('libs/') ? path.split('/')[1] : null, text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(join(ROOT, dir));
  return out;
}

const files = [...sources('libs'), ...sources('apps/hub/src'), ...sources('apps/worker/src'), ...sources('apps/cli/src')];

/** Table name → owning lib, and entity class → owning lib, from the `@Entity('table') export class X` declarations. */
function owners(): { tables: Map<string, string>; entities: Map<string, string> } {
  const tables = new Map<string, string>();
  const entities = new Map<string, string>();
  for (const f of files) {
    for (const m of f.text.matchAll(/@Entity\('([a-z_]+)'[^)]*\)[\s\S]*?export class (\w+)/g)) {
      tables.set(m[1], f.lib!);
      entities.set(m[2], f.lib!);
    }
  }
  return { tables, entities };
}

/** Every place a file names a table in SQL or to TypeORM's query builder, or hands an entity class to TypeORM. */
function touches(f: Source, tables: Map<string, string>, entities: Map<string, string>): { what: string; owner: string }[] {
  const found: { what: string; owner: string }[] = [];
  for (const m of f.text.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE|USING)\s+"?([a-z_]+)"?/g)) {
    const owner = tables.get(m[1]);
    if (owner) found.push({ what: `table ${m[1]}`, owner });
  }
  for (const m of f.text.matchAll(
    /\.(?:from|into|update|delete|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect)\(\s*'([a-z_]+)'/g,
  )) {
    const owner = tables.get(m[1]);
    if (owner) found.push({ what: `table ${m[1]}`, owner });
  }
  for (const m of f.text.matchAll(
    /\b(?:getRepository|find|findOne|findOneBy|findOneByOrFail|findBy|exists|existsBy|count|countBy|insert|save|create|update|delete|upsert|createQueryBuilder|forFeature)\(\s*\[?\s*(\w+)/g,
  )) {
    const owner = entities.get(m[1]);
    if (owner) found.push({ what: `entity ${m[1]}`, owner });
  }
  return found;
}

describe('architecture', () => {
  const { tables, entities } = owners();

  it('finds the entities of the libs (the check below has something to check)', () => {
    expect(tables.get('person')).toBe('persons');
    expect(tables.get('intervention')).toBe('interventions');
    expect(tables.get('audit_event')).toBe('audit');
    expect(tables.get('break_glass_grant')).toBe('privacy');
    expect(entities.get('Organisation')).toBe('organisations');
    expect(tables.size).toBeGreaterThan(30);
  });

  it('each table is read and written only by the lib that declares it', () => {
    const foreign: string[] = [];
    for (const f of files) {
      if (MAY_WRITE_ANY_TABLE.has(f.path)) continue;
      for (const t of touches(f, tables, entities)) if (t.owner !== f.lib) foreign.push(`${f.path}: ${t.what} (owned by libs/${t.owner})`);
    }
    expect(foreign).toEqual([]);
  });

  it('the check sees a table named in SQL and an entity handed to TypeORM', () => {
    const probe = (text: string) => touches({ path: 'libs/x/src/x.ts', lib: 'x', text }, tables, entities).map((t) => t.what);
    expect(probe('SELECT 1 FROM involvement i JOIN person p ON p.id = i.person_id')).toEqual(['table involvement', 'table person']);
    expect(probe('m.query(`DELETE FROM job_sustainment WHERE id = $1`)')).toEqual(['table job_sustainment']);
    expect(probe('this.db.getRepository(Organisation).findBy({})')).toEqual(['entity Organisation']);
    expect(probe("m.createQueryBuilder().select('e.id').from('outbox_event', 'e')")).toEqual(['table outbox_event']);
    expect(probe('const from = person.id; // taken from the person')).toEqual([]);
  });

  it('libs reach each other only through @hub/<lib>, never by a relative path into another lib', () => {
    const reaching = files
      .filter((f) => f.lib)
      .flatMap((f) =>
        [...f.text.matchAll(/from '((?:\.\.\/)+[^']*)'/g)].map((m) => ({ f, target: relative(ROOT, join(ROOT, f.path, '..', m[1])) })),
      )
      .filter(({ f, target }) => target.startsWith('libs/') && !target.startsWith(`libs/${f.lib}/`))
      .map(({ f, target }) => `${f.path} → ${target}`);
    expect(reaching).toEqual([]);
  });

  it('the imports keep the layering of docs/architecture.md (dependency-cruiser finds no violation)', () => {
    let violations = '';
    try {
      execFileSync(
        process.execPath,
        [
          'node_modules/dependency-cruiser/bin/dependency-cruise.mjs',
          'apps',
          'libs',
          '--config',
          '.dependency-cruiser.cjs',
          '--output-type',
          'err',
        ],
        { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' },
      );
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      violations = `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message;
    }
    expect(violations).toBe('');
  }, 180_000);

  it('resolvers import nothing from TypeORM, and no module needs forwardRef', () => {
    expect(
      files.filter((f) => f.path.endsWith('.resolver.ts') && /from 'typeorm'|from '@nestjs\/typeorm'/.test(f.text)).map((f) => f.path),
    ).toEqual([]);
    expect(files.filter((f) => /\bforwardRef\(/.test(f.text)).map((f) => f.path)).toEqual([]);
  });
});
