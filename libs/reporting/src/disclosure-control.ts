/**
 * Statistical disclosure control for aggregate reports. Primary suppression hides any count from 1 to
 * threshold - 1 (zero is not disclosive). Secondary suppression: in a group of cells that add up to a
 * published total, a single hidden cell could be worked out by subtraction, so the smallest other
 * non-zero cell is hidden too (or, when there is none, the total itself).
 */
export interface Cell {
  key: string;
  count: number;
}

export interface ControlledCell {
  key: string;
  count: number | null;
  suppressed: boolean;
}

export const DEFAULT_THRESHOLD = 5;

export function isSmall(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

export function controlCount(count: number, threshold = DEFAULT_THRESHOLD): ControlledCell {
  return isSmall(count, threshold) ? { key: '', count: null, suppressed: true } : { key: '', count, suppressed: false };
}

/** The most cells a report's breakdown has (FunnelStep.breakdown): past it the smallest are added up as one. */
export const BREAKDOWN_MAX = 50;
/** The key of the cell the smallest cells of a long breakdown are added up in. */
export const OTHER_KEY = 'other';

/**
 * A breakdown of at most `max` cells: the largest `max - 1` (by count, then key) as they are, and the
 * rest added up in one `other` cell, so the cells still add up to the same total; in key order.
 */
export function foldCells(cells: Cell[], max = BREAKDOWN_MAX): Cell[] {
  if (cells.length <= max) return cells;
  const bySize = [...cells].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const kept = bySize.slice(0, max - 1).filter((c) => c.key !== OTHER_KEY);
  const keptKeys = new Set(kept.map((c) => c.key));
  const rest = cells.filter((c) => !keptKeys.has(c.key)).reduce((sum, c) => sum + c.count, 0);
  return [...kept.sort((a, b) => a.key.localeCompare(b.key)), { key: OTHER_KEY, count: rest }];
}

/** Controls a breakdown whose cells add up to `total`. Returns the cells and whether the total must be hidden. */
export function controlBreakdown(
  cells: Cell[],
  total: number,
  threshold = DEFAULT_THRESHOLD,
): { cells: ControlledCell[]; totalSuppressed: boolean } {
  const hidden = new Set(cells.filter((c) => isSmall(c.count, threshold)).map((c) => c.key));
  let totalSuppressed = isSmall(total, threshold);
  const additive = cells.reduce((sum, c) => sum + c.count, 0) === total;
  if (hidden.size === 1 && !totalSuppressed && additive) {
    const candidates = cells
      .filter((c) => !hidden.has(c.key) && c.count > 0)
      .sort((a, b) => a.count - b.count || a.key.localeCompare(b.key));
    if (candidates.length) hidden.add(candidates[0].key);
    else totalSuppressed = true;
  }
  return {
    cells: cells.map((c) =>
      hidden.has(c.key) ? { key: c.key, count: null, suppressed: true } : { key: c.key, count: c.count, suppressed: false },
    ),
    totalSuppressed,
  };
}
