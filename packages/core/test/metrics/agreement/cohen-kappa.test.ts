import { describe, expect, it } from 'vitest';
import { AgreementError, cohenKappa } from '../../../src/metrics/index.js';
import { ratingsFromTable } from './fixtures.js';

describe('cohenKappa', () => {
  it("gives Wikipedia's 2×2 example: κ = 0.4", () => {
    // p_o = (20 + 15)/50 = 0.7; p_e = (25·30 + 25·20)/50² = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    const ratings = ratingsFromTable(['yes', 'no'], [[20, 5], [10, 15]]);
    expect(cohenKappa(ratings)).toEqual({ value: expect.closeTo(0.4, 12), items: 50, raters: 2, pairable: 100, weights: null });
  });

  // Rater 1 in rows, rater 2 in columns, labels 1 < 2 < 3; N = 20.
  //        1  2  3 | r
  //    1   5  2  0 | 7
  //    2   1  4  1 | 6
  //    3   0  2  5 | 7
  //    c   6  8  6
  // Disagreement weights w_ij; κ = 1 − N·Σ w·o / Σ w·r_i·c_j.
  // Off-diagonal cells are all at distance 1 and hold 2+1+1+2 = 6 items, so N·Σ w·o = 20·6 = 120
  // for every weighting. Products r_i·c_j: at distance 1: 7·8 + 6·6 + 6·6 + 7·8 = 184;
  // at distance 2: 7·6 + 7·6 = 84.
  const table = [
    [5, 2, 0],
    [1, 4, 1],
    [0, 2, 5],
  ];
  const ratings = ratingsFromTable([1, 2, 3], table);

  it('gives the hand-computed unweighted value on a 3×3 table', () => {
    // Σ w·r·c = 184 + 84 = 268; κ = 1 − 120/268 = 37/67 (p_o = 0.7, p_e = 0.33).
    expect(cohenKappa(ratings).value).toBeCloseTo(37 / 67, 12);
  });

  it('gives the hand-computed linear-weighted value on a 3×3 table', () => {
    // Σ w·r·c = 184·1 + 84·2 = 352; κ = 1 − 120/352 = 29/44 ≈ 0.6591.
    expect(cohenKappa(ratings, { weights: 'linear' })).toMatchObject({ value: expect.closeTo(29 / 44, 12), weights: 'linear' });
  });

  it('gives the hand-computed quadratic-weighted value on a 3×3 table', () => {
    // Σ w·r·c = 184·1 + 84·4 = 520; κ = 1 − 120/520 = 10/13 ≈ 0.7692.
    expect(cohenKappa(ratings, { weights: 'quadratic' }).value).toBeCloseTo(10 / 13, 12);
  });

  it('orders numeric labels numerically and text labels lexicographically', () => {
    // Pairs (2,2) (2,9) (9,10) (10,10) (9,9) (2,10) (10,9) (9,2), linear weights.
    // Numeric order 2 < 9 < 10: N·Σ w·o = 8·6 = 48, Σ w·r·c = 56, κ = 1/7.
    // Text order "10" < "2" < "9": N·Σ w·o = 8·7 = 56, Σ w·r·c = 58, κ = 1/29.
    const pairs = [[2, 2], [2, 9], [9, 10], [10, 10], [9, 9], [2, 10], [10, 9], [9, 2]];
    expect(cohenKappa(pairs, { weights: 'linear' }).value).toBeCloseTo(1 / 7, 12);
    const text = pairs.map((row) => row.map(String));
    expect(cohenKappa(text, { weights: 'linear' }).value).toBeCloseTo(1 / 29, 12);
  });

  it('drops items where either rater is missing', () => {
    const withGaps = [...ratings, [1, null], [null, 3], [undefined, undefined], []];
    expect(cohenKappa(withGaps)).toMatchObject({ value: expect.closeTo(37 / 67, 12), items: 20, pairable: 40 });
  });

  it('returns NaN when both raters used one and the same label only', () => {
    expect(cohenKappa([['a', 'a'], ['a', 'a']]).value).toBeNaN();
  });

  it('is −1 when the raters swap two labels and 0 when they agree only by chance', () => {
    expect(cohenKappa([['a', 'b'], ['b', 'a']]).value).toBe(-1);
    expect(cohenKappa([['a', 'b'], ['a', 'b']]).value).toBe(0);
  });

  it('needs exactly two raters', () => {
    expect(() => cohenKappa([['a', 'a', 'a']])).toThrow(/exactly two raters, got 3/);
    expect(() => cohenKappa([['a'], ['b']])).toThrow(/exactly two raters, got 1/);
  });

  it('needs an item rated by both raters', () => {
    expect(() => cohenKappa([['a', null], [null, 'b']])).toThrow(AgreementError);
  });

  it('rejects unknown weights', () => {
    // @ts-expect-error: callers from plain JSON may pass anything
    expect(() => cohenKappa([['a', 'a']], { weights: 'cubic' })).toThrow(/unknown kappa weights "cubic"/);
  });
});
