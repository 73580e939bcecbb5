import { describe, expect, it } from 'vitest';
import { hungarian, MatchingError } from '../../src/matching/index.js';

describe('hungarian', () => {
  it('finds the known optimum of a 3 × 3 cost matrix', () => {
    // All six assignments: (0,1,2) 4+0+2=6, (0,2,1) 4+5+2=11, (1,0,2) 1+2+2=5,
    // (1,2,0) 1+5+3=9, (2,0,1) 3+2+2=7, (2,1,0) 3+0+3=6. The cheapest is rows → [1, 0, 2] at 5,
    // although the greedy first pick (row 1, col 1 at 0) would lead to 6 at best.
    expect(hungarian([[4, 1, 3], [2, 0, 5], [3, 2, 2]])).toEqual({ rowToCol: [1, 0, 2], total: 5 });
  });

  it('solves the classic 4 × 4 workers-and-jobs example', () => {
    // Optimum 140: worker 0 → job 1 (40), 1 → 0 (30), 2 → 2 (30), 3 → 3 (40).
    const cost = [[82, 40, 91, 90], [30, 40, 60, 55], [80, 70, 30, 60], [40, 90, 80, 40]];
    // Check by brute force over all 24 permutations.
    const perms = (n: number): number[][] => (n === 0 ? [[]] : perms(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])));
    const best = Math.min(...perms(4).map((p) => p.reduce((sum, col, row) => sum + cost[row]![col]!, 0)));
    expect(best).toBe(140);
    expect(hungarian(cost)).toEqual({ rowToCol: [1, 0, 2, 3], total: 140 });
  });

  it('leaves extra columns unused when there are fewer rows', () => {
    // Row 0 takes column 2 (1), row 1 column 0 (2): total 3.
    expect(hungarian([[5, 9, 1], [2, 8, 7]])).toEqual({ rowToCol: [2, 0], total: 3 });
  });

  it('leaves extra rows unassigned (−1) when there are fewer columns', () => {
    // Column 0 takes row 2 (cost 0), column 1 takes row 3 (cost 0); rows 0 and 1 stay out; total 0.
    expect(hungarian([[2, 9], [3, 8], [0, 7], [9, 0]])).toEqual({ rowToCol: [-1, -1, 0, 1], total: 0 });
  });

  it('handles negative costs and empty matrices', () => {
    expect(hungarian([[-1, -5], [-3, -2]])).toEqual({ rowToCol: [1, 0], total: -8 });
    expect(hungarian([])).toEqual({ rowToCol: [], total: 0 });
    expect(hungarian([[], []])).toEqual({ rowToCol: [-1, -1], total: 0 });
  });

  it('breaks ties by the lowest column', () => {
    expect(hungarian([[1, 1], [1, 1]]).rowToCol).toEqual([0, 1]);
  });

  it('rejects ragged and non-finite matrices', () => {
    expect(() => hungarian([[1, 2], [3]])).toThrow(MatchingError);
    expect(() => hungarian([[1, Number.NaN]])).toThrow(/cost\[0\]\[1\]/);
  });
});
