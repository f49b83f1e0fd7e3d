import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

/**
 * Compares the entities with the database (migrated to head) and writes the difference as a
 * reversible migration into migrations/, registering it in migrations/index.ts.
 */
export async function generateMigration(db: DataSource, name: string, root: string): Promise<string | null> {
  const sql = await db.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) return null;
  const timestamp = Date.now();
  const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${timestamp}`;
  const file = `${timestamp}-${name}`;
  const up = sql.upQueries.map(
    (q) => `    await queryRunner.query(${quote(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
  );
  const down = sql.downQueries
    .reverse()
    .map((q) => `    await queryRunner.query(${quote(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`);
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.join('\n')}
  }
}
`;
  await writeFile(join(root, 'migrations', `${file}.ts`), body);
  const indexPath = join(root, 'migrations', 'index.ts');
  const index = await readFile(indexPath, 'utf8');
  const importLine = `import { ${className} } from './${file}.js';`;
  const updated = index
    .replace(/^(\/\/.*\n)/, `$1${importLine}\n`)
    .replace(/export const MIGRATIONS: Function\[\] = \[([\s\S]*?)\];/, (_m, list: string) => {
      const items = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      items.push(className);
      return `export const MIGRATIONS: Function[] = [\n  ${items.join(',\n  ')},\n];`;
    });
  await writeFile(indexPath, updated);
  return file;
}
