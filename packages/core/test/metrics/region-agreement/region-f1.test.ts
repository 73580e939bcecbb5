import { describe, expect, it } from 'vitest';
import { GeometryError } from '../../../src/geometry/index.js';
import { AgreementError, regionF1 } from '../../../src/metrics/index.js';
import type { ResultItem } from '../../../src/results/index.js';
import { poly, rect } from './fixtures.js';

// A: cars at (0, 0) and (50, 50), a person at (20, 20). B: a car at (1, 0) — IoU 90/110 = 9/11
// with A's first car —, a car at (80, 80) matching nothing, a person at (25, 20) — IoU 50/150 = ⅓.
const a = [rect('car', 0, 0), rect('car', 50, 50), rect('person', 20, 20)];
const b = [rect('car', 1, 0), rect('car', 80, 80), rect('person', 25, 20)];

describe('regionF1', () => {
  it('matches per label at IoU ≥ 0.5 and reports per-label, micro and macro F1', () => {
    const result = regionF1(a, b);
    // car: 1 match of 2 + 2 → F1 = 2·1/4 = ½; person: 0 of 1 + 1 → F1 0.
    expect(result.labels).toEqual([
      { label: 'car', matched: 1, countA: 2, countB: 2, iouSum: expect.closeTo(9 / 11, 12), f1: 0.5, meanIoU: expect.closeTo(9 / 11, 12) },
      { label: 'person', matched: 0, countA: 1, countB: 1, iouSum: 0, f1: 0, meanIoU: Number.NaN },
    ]);
    // Micro: 2·1/(3 + 3) = ⅓; macro: (½ + 0)/2 = ¼.
    expect(result).toMatchObject({ matched: 1, countA: 3, countB: 3, f1: expect.closeTo(1 / 3, 12), macroF1: 0.25 });
  });

  it('takes the IoU threshold from the options', () => {
    // At 0.3 the persons (IoU ⅓) match too: micro 2·2/6 = ⅔.
    expect(regionF1(a, b, { threshold: 0.3 }).f1).toBeCloseTo(2 / 3, 12);
  });

  it('is symmetric in its two annotators', () => {
    const [ab, ba] = [regionF1(a, b), regionF1(b, a)];
    expect(ba.f1).toBe(ab.f1);
    expect(ba.labels.map((l) => [l.label, l.countA, l.countB])).toEqual(ab.labels.map((l) => [l.label, l.countB, l.countA]));
  });

  it('never matches regions with different labels or on different images', () => {
    expect(regionF1([rect('car', 0, 0)], [rect('truck', 0, 0)]).f1).toBe(0);
    expect(regionF1([rect('car', 0, 0)], [rect('car', 0, 0, 10, 10, { to_name: 'image2' })]).f1).toBe(0);
  });

  it('matches polygons with boxes, and rotated boxes through the image size', () => {
    expect(regionF1([poly('car', [[0, 0], [10, 0], [10, 10], [0, 10]])], [rect('car', 0, 0)]).f1).toBe(1);
    // On a 200 × 100 px image, (50%, 10%) with 10% × 20% turned 90° covers [40, 50]% × [10, 30]%.
    const turned = rect('car', 50, 10, 10, 20, { original_width: 200, original_height: 100 });
    (turned as { value: { rotation?: number } }).value.rotation = 90;
    expect(regionF1([turned], [rect('car', 40, 10, 10, 20)]).f1).toBe(1);
    const sizeless = rect('car', 50, 10, 10, 20);
    (sizeless as { value: { rotation?: number } }).value.rotation = 90;
    expect(() => regionF1([sizeless], [])).toThrow(GeometryError);
  });

  it('counts each label of a multi-label region, and filters by control', () => {
    const both = rect('car', 0, 0);
    (both as { value: { rectanglelabels: string[] } }).value.rectanglelabels = ['car', 'red'];
    expect(regionF1([both], [rect('red', 0, 0)]).labels.map((l) => [l.label, l.matched])).toEqual([['car', 0], ['red', 1]]);
    expect(regionF1([rect('car', 0, 0)], [poly('car', [[0, 0], [10, 0], [10, 10]])], { fromName: 'box' })).toMatchObject({ countA: 1, countB: 0 });
  });

  it('ignores items that are not boxes or polygons, and gives NaN when nobody drew a region', () => {
    const choice = { id: 'c', from_name: 'q', to_name: 'image', type: 'choices', value: { choices: ['ok'] } } as ResultItem;
    const result = regionF1([choice], []);
    expect(result.labels).toEqual([]);
    expect(result.f1).toBeNaN();
    expect(result.macroF1).toBeNaN();
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => regionF1(a, b, { threshold: 0 })).toThrow(AgreementError);
    expect(() => regionF1(a, b, { threshold: 1.5 })).toThrow(/threshold/);
  });
});
