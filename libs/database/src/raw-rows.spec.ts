import { Column, DataSource, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { hydrate, idsRelation, statementName } from './raw-rows.js';

describe('prepared statement names', () => {
  it('are stable per text, distinct between texts, and stop at a bound so connections never hold unboundedly many', () => {
    const first = statementName('SELECT 1 AS spec_probe');
    expect(first).toMatch(/^hub_[0-9a-f]{24}$/);
    expect(statementName('SELECT 1 AS spec_probe')).toBe(first);
    expect(statementName('SELECT 2 AS spec_probe')).not.toBe(first);
    const names = Array.from({ length: 400 }, (_, i) => statementName(`SELECT ${i} AS spec_bound`));
    const named = names.filter((n) => n !== undefined);
    expect(named.length).toBeLessThanOrEqual(200);
    expect(new Set(named).size).toBe(named.length);
    expect(names.at(-1)).toBeUndefined();
    // A text named before the bound keeps its name.
    expect(statementName('SELECT 1 AS spec_probe')).toBe(first);
  });
});

@Entity('hydration_probe')
class HydrationProbe {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'date' }) day: string;
  @Column({ type: 'numeric' }) score: string;
  @Column({ type: 'double precision' }) ratio: number;
  @Column({ type: 'jsonb' }) detail: { kind: string };
  @Column({ type: 'text', array: true }) tags: string[];
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ type: 'text', transformer: { from: (v: string | null) => (v === null ? null : v.toUpperCase()), to: (v: string) => v } })
  code: string;
  @VersionColumn() version: number;
}

describe('hydrate', () => {
  it('gives what TypeORM hydrates column by column, for values as node-postgres parses them', async () => {
    const db = new DataSource({ type: 'postgres', entities: [HydrationProbe] });
    await (db as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    const row = {
      p_id: '2b0f4a52-7d4c-4c1e-9a64-0e2b1b8c7f11',
      p_name: 'Smith',
      p_note: null,
      p_at: new Date('2026-01-02T03:04:05Z'),
      p_day: new Date('2026-03-04T00:00:00'),
      p_score: '12.50',
      p_ratio: 0.25,
      p_detail: { kind: 'job' },
      p_tags: ['a', 'b'],
      p_active: true,
      p_code: 'abc',
      p_version: 3,
    };
    const meta = db.getMetadata(HydrationProbe);
    const expected = meta.create() as HydrationProbe;
    for (const column of meta.columns)
      column.setEntityValue(expected, db.driver.prepareHydratedValue(row[`p_${column.databaseName}` as keyof typeof row], column));
    const got = hydrate(db, HydrationProbe, row, 'p_');
    expect(got).toBeInstanceOf(HydrationProbe);
    expect(got).toEqual(expected);
    expect(got.day).toBe('2026-03-04'); // went through the driver
    expect(got.code).toBe('ABC'); // and through the transformer
    expect(got.at).toBe(row.p_at); // as parsed
    // Columns absent from the row stay unset.
    expect(Object.keys(hydrate(db, HydrationProbe, { p_id: row.p_id }, 'p_'))).toEqual(['id']);
  });
});

describe('idsRelation', () => {
  it('passes one id as a scalar and several as an array, under the same alias and column', () => {
    expect(idsRelation(['a'], 'p', 'ids')).toEqual({ from: '(SELECT CAST(:ids AS uuid) AS id) AS p', parameters: { ids: 'a' } });
    expect(idsRelation(['a', 'b'], 'p', 'ids')).toEqual({ from: 'unnest(CAST(:ids AS uuid[])) AS p(id)', parameters: { ids: ['a', 'b'] } });
  });
});
