import { describe, expect, it } from 'vitest';
import { MlError, classificationReport } from '../../src/ml/index.js';

const s = (xs: number[]) => xs.map(String);

describe('classificationReport', () => {
  it("matches scikit-learn's classification_report example", () => {
    // sklearn.metrics.classification_report docs: y_true = [0, 1, 2, 2, 2], y_pred = [0, 0, 2, 2, 1].
    const r = classificationReport(s([0, 1, 2, 2, 2]), s([0, 0, 2, 2, 1]));
    expect(r.labels).toEqual(['0', '1', '2']);
    expect(r.perClass['0']).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    expect(r.perClass['1']).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.perClass['2']?.precision).toBe(1);
    expect(r.perClass['2']?.recall).toBeCloseTo(2 / 3, 15);
    expect(r.perClass['2']?.f1).toBeCloseTo(0.8, 15);
    expect(r.accuracy).toBe(0.6);
    // Printed there as macro 0.50 0.56 0.49 and weighted 0.70 0.60 0.61.
    expect(r.macro.precision).toBeCloseTo(0.5, 15);
    expect(r.macro.recall).toBeCloseTo(5 / 9, 15);
    expect(r.macro.f1).toBeCloseTo((2 / 3 + 0.8) / 3, 15);
    expect(r.weighted.precision).toBeCloseTo(0.7, 15);
    expect(r.weighted.recall).toBeCloseTo(0.6, 15);
    expect(r.weighted.f1).toBeCloseTo((2 / 3 + 3 * 0.8) / 5, 15);
    expect(r.micro.f1).toBeCloseTo(0.6, 15);
    expect(r.support).toBe(5);
  });

  it("matches scikit-learn's f1_score, precision_score and recall_score examples", () => {
    // y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1].
    const r = classificationReport(s([0, 1, 2, 0, 1, 2]), s([0, 2, 1, 0, 0, 1]));
    expect(r.macro.f1).toBeCloseTo(0.26666666666666666, 15);
    expect(r.micro.f1).toBeCloseTo(0.3333333333333333, 15);
    expect(r.weighted.f1).toBeCloseTo(0.26666666666666666, 15);
    expect(r.labels.map((l) => r.perClass[l]?.f1)).toEqual([0.8, 0, 0]);
    expect(r.macro.precision).toBeCloseTo(0.2222222222222222, 15);
    expect(r.micro.precision).toBeCloseTo(0.3333333333333333, 15);
    expect(r.weighted.precision).toBeCloseTo(0.2222222222222222, 15);
    expect(r.macro.recall).toBeCloseTo(0.3333333333333333, 15);
  });

  it("matches scikit-learn's confusion_matrix examples", () => {
    expect(classificationReport(s([2, 0, 2, 2, 0, 1]), s([0, 0, 2, 2, 0, 2])).confusion).toEqual([[2, 0, 0], [0, 0, 1], [1, 0, 2]]);
    const r = classificationReport(['cat', 'ant', 'cat', 'cat', 'ant', 'bird'], ['ant', 'ant', 'cat', 'cat', 'ant', 'cat'], { labels: ['ant', 'bird', 'cat'] });
    expect(r.confusion).toEqual([[2, 0, 0], [0, 0, 1], [1, 0, 2]]);
  });

  it('reports only the given labels, in their order, and keeps accuracy over all items', () => {
    // Labels ['b', 'a'] leave 'c' out: the c→a item still counts as a wrong 'a' prediction.
    const r = classificationReport(['a', 'b', 'c', 'a'], ['a', 'b', 'a', 'b'], { labels: ['b', 'a'] });
    expect(r.labels).toEqual(['b', 'a']);
    expect(r.confusion).toEqual([[1, 0], [1, 1]]);
    expect(r.perClass.a).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.accuracy).toBe(0.5);
    // Micro over the given labels: 2 right of 4 predicted as a or b, 2 right of 3 truly a or b.
    expect(r.micro.precision).toBe(0.5);
    expect(r.micro.recall).toBeCloseTo(2 / 3, 15);
  });

  it('gives zeros, not NaN, for a label never predicted nor true', () => {
    const r = classificationReport(['a', 'a'], ['a', 'a'], { labels: ['a', 'z'] });
    expect(r.perClass.z).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r.macro.f1).toBe(0.5);
    expect(r.weighted.f1).toBe(1);
  });

  it('keeps a label called __proto__ as an ordinary key', () => {
    const r = classificationReport(['__proto__', 'x'], ['__proto__', 'x']);
    expect(Object.keys(r.perClass)).toEqual(['__proto__', 'x']);
    expect(r.perClass.__proto__).toMatchObject({ f1: 1 });
  });

  it('rejects lists of different length, empty lists and duplicate labels', () => {
    expect(() => classificationReport(['a'], ['a', 'b'])).toThrow(/differ in length/);
    expect(() => classificationReport([], [])).toThrow(MlError);
    expect(() => classificationReport(['a'], ['a'], { labels: ['a', 'a'] })).toThrow(/distinct/);
  });
});
