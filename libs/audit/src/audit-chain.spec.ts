import { createHash } from 'node:crypto';
import { type ChainRow, detailIntact, digest } from './audit-chain.js';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev: string | null = 'genesis';
  for (let i = 1; i <= n; i++) {
    const row: ChainRow = {
      id: String(i * 2),
      prev_hash: prev,
      hash: '',
      occurred_at: `2026-11-26T10:00:0${i}.000000Z`,
      actor: 'user:1',
      organisation_id: null,
      purpose: 'casework',
      request_id: `r${i}`,
      person_id: null,
      action: 'read',
      categories: ['identity'],
      fields: ['Person.givenName'],
      withheld: [],
      detail: i % 2 ? null : '{"a": 1}',
      detail_digest: i % 2 ? null : createHash('sha256').update('{"a": 1}').digest('hex'),
      break_glass: false,
    };
    row.hash = digest(row);
    prev = i % 3 ? null : row.hash;
    rows.push(row);
  }
  return rows;
}

const intact = (row: ChainRow) => digest(row) === row.hash && detailIntact(row);

describe('audit event digest', () => {
  it('matches the event it was computed from, chained (prev_hash) or not', () => {
    expect(chain(6).every(intact)).toBe(true);
  });

  it('no longer matches when any field changes', () => {
    const fields: [keyof ChainRow, unknown][] = [
      ['id', '99'],
      ['prev_hash', 'other'],
      ['occurred_at', '2026-11-26T11:00:00.000000Z'],
      ['actor', 'user:2'],
      ['purpose', 'reporting'],
      ['person_id', '00000000-0000-4000-8000-000000000001'],
      ['action', 'write'],
      ['fields', ['Person.offenceSummary']],
      ['withheld', ['Person.health']],
      ['detail_digest', 'x'],
      ['break_glass', true],
    ];
    for (const [field, value] of fields) {
      const [row] = chain(1);
      (row as unknown as Record<string, unknown>)[field] = value;
      expect([field, intact(row)]).toEqual([field, false]);
    }
  });

  it('accepts an erased detail (digest kept) and refuses an altered one', () => {
    const rows = chain(4);
    rows[1].detail = null;
    expect(intact(rows[1])).toBe(true);
    rows[3].detail = '{"a": 2}';
    expect(intact(rows[3])).toBe(false);
  });
});
