import { describe, expect, it } from 'vitest';
import { percentAgreement } from '../../../src/metrics/index.js';
import { krippendorffPaperData } from './fixtures.js';

describe('percentAgreement', () => {
  it('is the share of items two raters labelled alike', () => {
    expect(percentAgreement([['a', 'a'], ['a', 'b'], ['b', 'b'], ['c', 'b']]).value).toBe(0.5);
  });

  it('averages pairwise agreement over items with two or more ratings', () => {
    // Paper data: units 2 and 8 have 3 of 4 alike (6 of 12 ordered pairs agree), unit 6 has none,
    // the other 8 pairable units agree fully: (8 + 0.5 + 0.5 + 0)/11 = 9/11. Unit 12 is dropped.
    const result = percentAgreement(krippendorffPaperData());
    expect(result.value).toBeCloseTo(9 / 11, 12);
    expect(result).toMatchObject({ items: 11, raters: 4, pairable: 40 });
  });

  it('treats 1 and "1" as different labels', () => {
    expect(percentAgreement([[1, '1']]).value).toBe(0);
  });

  it('rejects input without an item rated twice', () => {
    expect(() => percentAgreement([['a', null], [null, 'b']])).toThrow(/at least one item with two or more ratings/);
    expect(() => percentAgreement([['a'], ['b']])).toThrow(/at least two raters/);
  });
});
