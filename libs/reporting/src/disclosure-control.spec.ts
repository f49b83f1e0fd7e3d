import fc from 'fast-check';
import { controlBreakdown, controlCount, foldCells, OTHER_KEY } from './disclosure-control.js';

describe('disclosure control', () => {
  it('hides counts from 1 to 4, not 0 or 5', () => {
    expect(controlCount(0)).toMatchObject({ count: 0, suppressed: false });
    expect(controlCount(1)).toMatchObject({ count: null, suppressed: true });
    expect(controlCount(4)).toMatchObject({ count: null, suppressed: true });
    expect(controlCount(5)).toMatchObject({ count: 5, suppressed: false });
  });

  it('hides a second cell when one small cell could be recovered from the total', () => {
    const { cells, totalSuppressed } = controlBreakdown(
      [
        { key: 'construction', count: 20 },
        { key: 'cleaning', count: 2 },
        { key: 'retail', count: 9 },
      ],
      31,
    );
    expect(totalSuppressed).toBe(false);
    expect(cells).toEqual([
      { key: 'construction', count: 20, suppressed: false },
      { key: 'cleaning', count: null, suppressed: true },
      { key: 'retail', count: null, suppressed: true },
    ]);
  });

  it('hides the total when the small cell is alone', () => {
    expect(controlBreakdown([{ key: 'cleaning', count: 3 }], 3).totalSuppressed).toBe(true);
    expect(
      controlBreakdown(
        [
          { key: 'cleaning', count: 3 },
          { key: 'retail', count: 0 },
        ],
        3,
      ).totalSuppressed,
    ).toBe(true);
  });

  it('property: no hidden cell of an additive breakdown can be recovered from the published cells and total', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 8 }), (counts) => {
        const cells = counts.map((count, i) => ({ key: `k${i}`, count }));
        const total = counts.reduce((a, b) => a + b, 0);
        const out = controlBreakdown(cells, total);
        const hidden = out.cells.filter((c) => c.suppressed);
        // Every published small count is gone.
        for (const c of out.cells) if (!c.suppressed) expect(c.count === 0 || (c.count ?? 0) >= 5).toBe(true);
        // With the total published, exactly one hidden cell would be recoverable by subtraction.
        if (!out.totalSuppressed && !(total > 0 && total < 5)) expect(hidden.length === 1).toBe(false);
      }),
    );
  });

  it('property: a long breakdown is folded to at most its maximum of cells, adding up to the same total', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 0, maxLength: 40 }), fc.integer({ min: 2, max: 10 }), (counts, max) => {
        const cells = counts.map((count, i) => ({ key: `k${String(i).padStart(2, '0')}`, count }));
        const folded = foldCells(cells, max);
        expect(folded.length).toBeLessThanOrEqual(max);
        expect(folded.reduce((a, c) => a + c.count, 0)).toBe(counts.reduce((a, b) => a + b, 0));
        if (cells.length <= max) expect(folded).toEqual(cells);
        else expect(folded.at(-1)!.key).toBe(OTHER_KEY);
      }),
    );
  });
});
