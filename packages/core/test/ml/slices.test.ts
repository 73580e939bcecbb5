import { describe, expect, it } from 'vitest';
import { classificationSlices, sliceGap, sliceValue } from '../../src/ml/index.js';

describe('sliceValue', () => {
  it('reads a task-data field by dotted path and turns it into text', () => {
    const data = { region: 'north', meta: { device: 'ios', age: 31, vip: true, tags: ['a'] }, empty: null };
    expect(sliceValue(data, 'region')).toBe('north');
    expect(sliceValue(data, 'meta.device')).toBe('ios');
    expect(sliceValue(data, 'meta.age')).toBe('31');
    expect(sliceValue(data, 'meta.vip')).toBe('true');
    expect(sliceValue(data, 'meta.tags')).toBe('["a"]');
    expect(sliceValue(data, 'empty')).toBeNull();
    expect(sliceValue(data, 'missing.deep')).toBeNull();
    // Only own fields: a prototype property is not task data.
    expect(sliceValue({}, 'toString')).toBeNull();
  });
});

describe('classificationSlices', () => {
  const items = [
    // north: 4 of 4 right; south: 1 of 4 right; null slice: 1 item.
    ...[['a', 'a'], ['b', 'b'], ['a', 'a'], ['b', 'b']].map(([t, p]) => ({ yTrue: t!, yPred: p!, slice: 'north' })),
    ...[['a', 'b'], ['b', 'a'], ['a', 'a'], ['b', 'a']].map(([t, p]) => ({ yTrue: t!, yPred: p!, slice: 'south' })),
    { yTrue: 'a', yPred: 'b', slice: null },
  ];

  it('computes metrics per slice and the gap between the best and worst', () => {
    const r = classificationSlices(items);
    expect(r.slices.map((s) => [s.slice, s.support, s.report.accuracy])).toEqual([['north', 4, 1], ['south', 4, 0.25], [null, 1, 0]]);
    expect(r.gaps.accuracy).toEqual({ best: { slice: 'north', value: 1 }, worst: { slice: null, value: 0 }, gap: 1 });
    // Every slice reports the same labels, even one where a label never occurs.
    expect(r.slices[2]?.report.labels).toEqual(['a', 'b']);
  });

  it('leaves slices under minSupport out of the gaps', () => {
    const r = classificationSlices(items, { minSupport: 2 });
    expect(r.gaps.accuracy?.gap).toBe(0.75);
    expect(r.gaps.accuracy?.worst.slice).toBe('south');
    // south: a → P 1/3 (1 of 3 predicted a), R 1/2, F1 0.4; b → F1 0 → macro F1 0.2.
    expect(r.gaps.macroF1?.worst).toEqual({ slice: 'south', value: expect.closeTo(0.2, 15) as number });
    expect(r.gaps.macroF1?.gap).toBeCloseTo(0.8, 15);
    expect(classificationSlices(items, { minSupport: 10 }).gaps.accuracy).toBeNull();
  });

  it('works on any metric through sliceGap', () => {
    expect(sliceGap([{ slice: 'x', support: 3, v: 2 }, { slice: 'y', support: 3, v: 5 }], (s) => s.v)?.gap).toBe(3);
  });

  it('rejects no items and a bad minSupport', () => {
    expect(() => classificationSlices([])).toThrow(/at least one item/);
    expect(() => classificationSlices(items, { minSupport: 0 })).toThrow(/minSupport/);
  });
});
