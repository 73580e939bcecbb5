import { describe, expect, it } from 'vitest';
import { matchByIoU, MatchingError } from '../../src/matching/index.js';

describe('matchByIoU', () => {
  it('maximises total IoU, not the first best pair', () => {
    // Greedy takes (0,0) at 0.9 and then (1,1) at 0 — no second match, total 0.9.
    // Crossing the pairs gives 0.6 + 0.7 = 1.3.
    expect(matchByIoU([[0.9, 0.6], [0.7, 0]])).toEqual({
      pairs: [{ row: 0, col: 1, score: 0.6 }, { row: 1, col: 0, score: 0.7 }],
      total: expect.closeTo(1.3, 12),
    });
  });

  it('never matches a pair under the threshold or at 0', () => {
    // At 0.65 the 0.6 pair is out, so (0,0) alone (0.9) beats (1,0) alone (0.7).
    expect(matchByIoU([[0.9, 0.6], [0.7, 0]], { threshold: 0.65 }).pairs).toEqual([{ row: 0, col: 0, score: 0.9 }]);
    expect(matchByIoU([[0, 0], [0, 0]], { threshold: 0 }).pairs).toEqual([]);
  });

  it("with maximize 'matches' prefers more pairs to a larger total", () => {
    // Total IoU: (0,0) alone = 0.9 > 0.1 + 0.2. Most pairs: (0,1) + (1,0), total 0.3.
    const scores = [[0.9, 0.1], [0.2, 0]];
    expect(matchByIoU(scores, { threshold: 0.05 }).pairs).toHaveLength(1);
    expect(matchByIoU(scores, { threshold: 0.05, maximize: 'matches' })).toEqual({
      pairs: [{ row: 0, col: 1, score: 0.1 }, { row: 1, col: 0, score: 0.2 }],
      total: expect.closeTo(0.3, 12),
    });
  });

  it('matches rectangular and empty matrices', () => {
    expect(matchByIoU([[0.8], [0.9], [0.1]]).pairs).toEqual([{ row: 1, col: 0, score: 0.9 }]);
    expect(matchByIoU([])).toEqual({ pairs: [], total: 0 });
  });

  it('rejects negative scores and bad thresholds', () => {
    expect(() => matchByIoU([[-0.1]])).toThrow(MatchingError);
    expect(() => matchByIoU([[0.5]], { threshold: Number.NaN })).toThrow(/threshold/);
  });
});
