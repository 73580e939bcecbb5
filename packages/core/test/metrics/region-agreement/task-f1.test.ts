import { describe, expect, it } from 'vitest';
import { AgreementError, regionF1, spanF1, taskF1 } from '../../../src/metrics/index.js';
import { rect, span } from './fixtures.js';

describe('taskF1', () => {
  it('sums the counts of every annotator pair and averages the pairwise F1', () => {
    const annotations = [
      { annotator: 'ann', result: [rect('car', 0, 0)] },
      { annotator: 'bob', result: [rect('car', 1, 0)] },
      { annotator: 'cat', result: [] },
    ];
    const result = taskF1(annotations, (a, b) => regionF1(a, b));
    // ann–bob: 1 match of 1 + 1 → 1; ann–cat: 0 of 1 + 0 → 0; bob–cat: 0 of 1 + 0 → 0.
    expect(result.pairs.map((p) => [...p.annotators, p.result.f1])).toEqual([['ann', 'bob', 1], ['ann', 'cat', 0], ['bob', 'cat', 0]]);
    // Micro: matched 1, countA 1 + 1 + 1, countB 1 + 0 + 0 → 2·1/4 = ½. Mean pair F1 = ⅓.
    expect(result).toMatchObject({ matched: 1, countA: 3, countB: 1, f1: 0.5, meanPairF1: expect.closeTo(1 / 3, 12) });
  });

  it('skips pairs where neither drew anything in the mean, and works for spans', () => {
    const annotations = [
      { annotator: 'ann', result: [span('PER', 0, 5)] },
      { annotator: 'bob', result: [] },
      { annotator: 'cat', result: [] },
    ];
    const result = taskF1(annotations, (a, b) => spanF1(a, b));
    // ann–bob 0, ann–cat 0, bob–cat NaN (skipped): mean 0.
    expect(result.pairs[2]!.result.f1).toBeNaN();
    expect(result.meanPairF1).toBe(0);
  });

  it('needs at least two annotations', () => {
    expect(() => taskF1([{ annotator: 'ann', result: [] }], (a, b) => regionF1(a, b))).toThrow(AgreementError);
  });
});
