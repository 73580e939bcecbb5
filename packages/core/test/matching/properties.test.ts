import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hungarian, matchByIoU } from '../../src/matching/index.js';

/** Greedy matching: highest score first, each row and column once, as COCO's evaluator does. */
function greedyTotal(scores: number[][], threshold: number): number {
  const cells = scores.flatMap((row, i) => row.map((score, j) => ({ score, i, j })));
  cells.sort((a, b) => b.score - a.score);
  const [rows, cols] = [new Set<number>(), new Set<number>()];
  let total = 0;
  for (const { score, i, j } of cells) {
    if (score <= 0 || score < threshold || rows.has(i) || cols.has(j)) continue;
    rows.add(i);
    cols.add(j);
    total += score;
  }
  return total;
}

const scoreMatrix = fc.integer({ min: 0, max: 7 }).chain((cols) =>
  fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: cols, maxLength: cols }), { maxLength: 7 }),
);

describe('matching properties', () => {
  it('Hungarian IoU matching is never worse than greedy matching', () => {
    fc.assert(fc.property(scoreMatrix, fc.double({ min: 0, max: 1, noNaN: true }), (scores, threshold) => {
      const { pairs, total } = matchByIoU(scores, { threshold });
      expect(total).toBeGreaterThanOrEqual(greedyTotal(scores, threshold) - 1e-9);
      // One-to-one, and every pair clears the threshold.
      expect(new Set(pairs.map((p) => p.row)).size).toBe(pairs.length);
      expect(new Set(pairs.map((p) => p.col)).size).toBe(pairs.length);
      for (const p of pairs) expect(p.score).toBeGreaterThanOrEqual(threshold);
    }));
  });

  it('Hungarian assignment costs no more than any permutation (brute force on small matrices)', () => {
    const square = fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }));
    const perms = (n: number): number[][] => (n === 0 ? [[]] : perms(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])));
    fc.assert(fc.property(square, (cost) => {
      const best = Math.min(...perms(cost.length).map((p) => p.reduce((sum, col, row) => sum + cost[row]![col]!, 0)));
      expect(hungarian(cost).total).toBe(best);
    }));
  });

  it("'matches' finds at least as many pairs as 'iou'", () => {
    fc.assert(fc.property(scoreMatrix, (scores) => {
      const most = matchByIoU(scores, { threshold: 0, maximize: 'matches' }).pairs.length;
      expect(most).toBeGreaterThanOrEqual(matchByIoU(scores, { threshold: 0 }).pairs.length);
    }));
  });
});
