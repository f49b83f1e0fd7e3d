import { createHash } from 'node:crypto';
import { type ChainRow, checkChain, digest, GENESIS } from './audit-chain.js';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS;
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
    prev = row.hash;
    rows.push(row);
  }
  return rows;
}

describe('audit chain', () => {
  it('accepts an intact chain, with gaps in ids', () => {
    expect(checkChain(chain(5), { id: null, hash: GENESIS })).toBeNull();
  });

  it('names an altered event', () => {
    const rows = chain(5);
    rows[2].fields = ['Person.offenceSummary'];
    expect(checkChain(rows, { id: null, hash: GENESIS })).toEqual({ kind: 'altered', eventId: rows[2].id });
  });

  it('accepts an erased detail (digest kept) and names an altered one', () => {
    const rows = chain(4);
    rows[1].detail = null;
    expect(checkChain(rows, { id: null, hash: GENESIS })).toBeNull();
    rows[3].detail = '{"a": 2}';
    expect(checkChain(rows, { id: null, hash: GENESIS })).toEqual({ kind: 'altered', eventId: rows[3].id });
  });

  it('names where an event was removed, including the first', () => {
    const rows = chain(5);
    expect(checkChain([...rows.slice(0, 2), ...rows.slice(3)], { id: null, hash: GENESIS })).toEqual({
      kind: 'removed',
      afterEventId: rows[1].id,
      beforeEventId: rows[3].id,
    });
    expect(checkChain(rows.slice(1), { id: null, hash: GENESIS })).toEqual({
      kind: 'removed',
      afterEventId: null,
      beforeEventId: rows[1].id,
    });
  });

  it('finds a rewritten event whose hash was recomputed, by the broken link after it', () => {
    const rows = chain(4);
    rows[1].actor = 'user:2';
    rows[1].hash = digest(rows[1]);
    expect(checkChain(rows, { id: null, hash: GENESIS })).toEqual({ kind: 'removed', afterEventId: rows[1].id, beforeEventId: rows[2].id });
  });
});
