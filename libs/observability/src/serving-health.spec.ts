import { starvedFor } from './serving-health.js';

describe('starvedFor', () => {
  const full = { total: 20, idle: 0, waiting: 3, max: 20 };
  it('counts from when requests began to wait, or from the last connection handed out, whichever is later', () => {
    expect(starvedFor(full, 1_000, 500, 9_000)).toBe(8_000);
    expect(starvedFor(full, 1_000, 4_000, 9_000)).toBe(5_000);
  });
  it('is not starved with nobody waiting, an idle connection, or connections still to open (a database that is down)', () => {
    expect(starvedFor({ ...full, waiting: 0 }, 1_000, 0, 9_000)).toBe(0);
    expect(starvedFor({ ...full, idle: 1 }, 1_000, 0, 9_000)).toBe(0);
    expect(starvedFor({ ...full, total: 4 }, 1_000, 0, 9_000)).toBe(0);
  });
});
