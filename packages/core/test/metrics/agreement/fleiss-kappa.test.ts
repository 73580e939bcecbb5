import { describe, expect, it } from 'vitest';
import { fleissKappa } from '../../../src/metrics/index.js';
import { FLEISS_WIKIPEDIA_COUNTS, ratingsFromCounts } from './fixtures.js';

describe('fleissKappa', () => {
  it("gives Wikipedia's worked example: κ ≈ 0.210", () => {
    const result = fleissKappa(ratingsFromCounts(FLEISS_WIKIPEDIA_COUNTS));
    expect(result.value).toBeCloseTo(0.21, 3);
    expect(result).toMatchObject({ items: 10, raters: 14, pairable: 140 });
  });

  it('does not care which rater gave which rating', () => {
    const shuffled = ratingsFromCounts(FLEISS_WIKIPEDIA_COUNTS).map((row, i) => [...row.slice(i), ...row.slice(0, i)]);
    expect(fleissKappa(shuffled).value).toBeCloseTo(0.21, 3);
  });

  it('accepts missing cells as long as every item has the same number of ratings', () => {
    // Three raters, two ratings per item. P̄ = (1 + 0 + 1)/3 = 2/3; p_a = 3/6, p_b = 3/6,
    // P̄e = 1/2, κ = (2/3 − 1/2)/(1/2) = 1/3.
    const result = fleissKappa([['a', 'a', null], [null, 'a', 'b'], ['b', null, 'b']]);
    expect(result.value).toBeCloseTo(1 / 3, 12);
    expect(result).toMatchObject({ items: 3, raters: 3, pairable: 6 });
  });

  it('skips items nobody rated', () => {
    expect(fleissKappa([['a', 'a'], [null, null], ['b', 'b']])).toMatchObject({ value: 1, items: 2 });
  });

  it('rejects items with different numbers of ratings, naming them', () => {
    expect(() => fleissKappa([['a', 'a', 'b'], ['a', null, 'b']])).toThrow(
      /same number of ratings on every item: item 0 has 3, item 1 has 2/,
    );
  });

  it('rejects one rating per item and fewer than two raters', () => {
    expect(() => fleissKappa([['a', null], [null, 'b']])).toThrow(/two ratings per item/);
    expect(() => fleissKappa([['a'], ['b']])).toThrow(/at least two raters/);
    expect(() => fleissKappa([[null, null]])).toThrow(/at least one rated item/);
  });

  it('returns NaN when every rating is the same label', () => {
    expect(fleissKappa([['a', 'a'], ['a', 'a']]).value).toBeNaN();
  });
});
