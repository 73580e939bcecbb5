import { describe, expect, it } from 'vitest';
import { AgreementError, spanF1 } from '../../../src/metrics/index.js';
import { span } from './fixtures.js';

// A: PER [0, 5), PER [10, 15), ORG [20, 30). B: PER [0, 5) (exact), PER [11, 15) (IoU 4/5),
// ORG [22, 28) (IoU 6/10), LOC [40, 45) (A has none).
const a = [span('PER', 0, 5), span('PER', 10, 15), span('ORG', 20, 30)];
const b = [span('PER', 0, 5), span('PER', 11, 15), span('ORG', 22, 28), span('LOC', 40, 45)];

describe('spanF1', () => {
  it('counts exact matches by default', () => {
    const result = spanF1(a, b);
    // PER: 1 match of 2 + 2 → ½; ORG: 0 → 0; LOC: 0 of 0 + 1 → 0. Micro: 2·1/(3 + 4) = 2/7.
    expect(result.labels.map((l) => [l.label, l.matched, l.f1])).toEqual([['LOC', 0, 0], ['ORG', 0, 0], ['PER', 1, 0.5]]);
    expect(result.f1).toBeCloseTo(2 / 7, 12);
    expect(result.macroF1).toBeCloseTo(0.5 / 3, 12);
  });

  it('counts any overlap in the overlap variant', () => {
    // PER 2 of 2 + 2 → 1; ORG 1 of 1 + 1 → 1; LOC 0. Micro: 2·3/7 = 6/7.
    const result = spanF1(a, b, { match: 'overlap' });
    expect(result.f1).toBeCloseTo(6 / 7, 12);
    // Mean span IoU of the three pairs: (1 + 0.8 + 0.6)/3 = 0.8.
    expect(result.meanIoU).toBeCloseTo(0.8, 12);
  });

  it('applies a span IoU threshold in the overlap variant', () => {
    // ORG's 0.6 falls short of 0.7; PER's 0.8 clears it. Micro: 2·2/7 = 4/7.
    expect(spanF1(a, b, { match: 'overlap', threshold: 0.7 }).f1).toBeCloseTo(4 / 7, 12);
  });

  it('uses each span once, also when one is repeated', () => {
    // A has [0, 5) twice, B once: 1 match, F1 = 2·1/3.
    expect(spanF1([span('PER', 0, 5), span('PER', 0, 5)], [span('PER', 0, 5)]).f1).toBeCloseTo(2 / 3, 12);
    expect(spanF1([span('PER', 0, 5), span('PER', 0, 5)], [span('PER', 0, 5)], { match: 'overlap' }).matched).toBe(1);
  });

  it('does not count spans that only touch, nor spans on different texts', () => {
    expect(spanF1([span('PER', 0, 5)], [span('PER', 5, 9)], { match: 'overlap' }).matched).toBe(0);
    expect(spanF1([span('PER', 0, 5)], [span('PER', 0, 5, 'other')]).matched).toBe(0);
  });

  it('rejects an unknown variant and a threshold on exact matching', () => {
    expect(() => spanF1(a, b, { match: 'fuzzy' as 'exact' })).toThrow(AgreementError);
    expect(() => spanF1(a, b, { threshold: 0.5 })).toThrow(/only applies to match "overlap"/);
    expect(() => spanF1(a, b, { match: 'overlap', threshold: 0 })).toThrow(/threshold/);
  });
});
