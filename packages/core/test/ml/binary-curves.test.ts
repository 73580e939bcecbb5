import { describe, expect, it } from 'vitest';
import { MlError, averagePrecision, precisionRecallCurve, rocAuc, rocCurve } from '../../src/ml/index.js';

// scikit-learn's documented example: y_true = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8].
const positives = [false, false, true, true];
const scores = [0.1, 0.4, 0.35, 0.8];

describe('ROC', () => {
  it("matches scikit-learn's roc_curve and roc_auc_score examples", () => {
    expect(rocCurve(positives, scores)).toEqual({ fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], thresholds: [Infinity, 0.8, 0.4, 0.35, 0.1] });
    expect(rocAuc(positives, scores)).toBe(0.75);
  });

  it('counts tied scores as half right and equals the Mann–Whitney probability', () => {
    expect(rocAuc([true, false], [0.5, 0.5])).toBe(0.5);
    // Pairs (pos, neg): (0.9, 0.2) ✓, (0.9, 0.6) ✓, (0.6, 0.2) ✓, (0.6, 0.6) tie → 3.5 / 4.
    expect(rocAuc([true, true, false, false], [0.9, 0.6, 0.2, 0.6])).toBe(0.875);
    expect(rocAuc([true, false], [0.1, 0.9])).toBe(0);
  });

  it('gives null AUC and refuses a curve without both classes', () => {
    expect(rocAuc([true, true], [0.1, 0.2])).toBeNull();
    expect(() => rocCurve([false], [0.3])).toThrow(MlError);
  });
});

describe('precision–recall', () => {
  it("matches scikit-learn's precision_recall_curve and average_precision_score examples", () => {
    const c = precisionRecallCurve(positives, scores);
    expect(c.precision.map((p) => Number(p.toFixed(8)))).toEqual([0.5, 0.66666667, 0.5, 1, 1]);
    expect(c.recall).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(c.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect(averagePrecision(positives, scores)).toBeCloseTo(0.8333333333333333, 15);
  });

  it('is 1 for a perfect ranking and null without positives', () => {
    expect(averagePrecision([true, false, true, false], [0.9, 0.1, 0.8, 0.2])).toBe(1);
    expect(averagePrecision([false, false], [0.9, 0.1])).toBeNull();
  });

  it('rejects mismatched lengths and NaN scores', () => {
    expect(() => averagePrecision([true], [0.1, 0.2])).toThrow(/differ in length/);
    expect(() => rocAuc([true, false], [Number.NaN, 1])).toThrow(/scores\[0\]/);
  });
});
