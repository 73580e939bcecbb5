import { describe, expect, it } from 'vitest';
import { AgreementError, krippendorffAlpha } from '../../../src/metrics/index.js';
import { krippendorffPaperData } from './fixtures.js';

describe('krippendorffAlpha', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('gives the 2011 paper value at the %s level', (level, expected) => {
    const result = krippendorffAlpha(krippendorffPaperData(), { level });
    expect(result.value).toBeCloseTo(expected, 3);
    // Unit 12 has one value and is dropped: 11 units, 40 pairable values, all 4 observers.
    expect(result).toMatchObject({ level, items: 11, raters: 4, pairable: 40 });
  });

  it('defaults to nominal', () => {
    expect(krippendorffAlpha(krippendorffPaperData()).level).toBe('nominal');
  });

  it('gives the paper nominal value with string labels too', () => {
    const strings = krippendorffPaperData().map((row) => row.map((cell) => (cell == null ? cell : `v${cell}`)));
    expect(krippendorffAlpha(strings).value).toBeCloseTo(0.743, 3);
  });

  it('is 1 for perfect agreement and negative for systematic disagreement', () => {
    expect(krippendorffAlpha([['a', 'a'], ['b', 'b']]).value).toBe(1);
    // Coincidences only off the diagonal: o_ab = o_ba = 2, n = 4, α = 1 − 3·4/(2·2·2) = −0.5.
    expect(krippendorffAlpha([['a', 'b'], ['b', 'a']]).value).toBeCloseTo(-0.5, 12);
  });

  it('returns NaN when every pairable value is the same label', () => {
    const result = krippendorffAlpha([[1, 1], [1, null], [1, 1, 1]]);
    expect(result.value).toBeNaN();
    expect(result).toMatchObject({ items: 2, pairable: 5 });
  });

  it('rejects fewer than two raters', () => {
    expect(() => krippendorffAlpha([[1], [2]])).toThrow(/at least two raters, got 1/);
  });

  it('rejects a matrix without a pairable unit', () => {
    expect(() => krippendorffAlpha([[1, null], [null, 2]])).toThrow(AgreementError);
    expect(() => krippendorffAlpha([])).toThrow(AgreementError);
  });

  it('rejects text labels at the interval and ratio levels', () => {
    expect(() => krippendorffAlpha([['a', 'b'], ['a', 'a']], { level: 'interval' })).toThrow(/numeric labels/);
    expect(() => krippendorffAlpha([['a', 'a']], { level: 'ratio' })).toThrow(/numeric labels/);
  });

  it('rejects negative labels at the ratio level', () => {
    expect(() => krippendorffAlpha([[-1, 1], [1, 1]], { level: 'ratio' })).toThrow(/non-negative/);
  });

  it('rejects an unknown level', () => {
    // @ts-expect-error: callers from plain JSON may pass anything
    expect(() => krippendorffAlpha([[1, 1]], { level: 'cardinal' })).toThrow(/unknown level "cardinal"/);
  });

  it('rejects a label that is neither a string nor a finite number', () => {
    expect(() => krippendorffAlpha([[1, Number.NaN]])).toThrow(/item 0, rater 1/);
  });
});
