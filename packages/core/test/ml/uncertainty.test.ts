import { describe, expect, it } from 'vitest';
import { MlError, entropy, leastConfidence, marginUncertainty, rankByUncertainty, uncertaintyScore } from '../../src/ml/index.js';

describe('uncertainty measures', () => {
  it('computes least confidence, margin and entropy by hand', () => {
    expect(leastConfidence([0.7, 0.2, 0.1])).toBeCloseTo(0.3, 12);
    expect(marginUncertainty([0.2, 0.7, 0.1])).toBeCloseTo(0.5, 12);
    expect(entropy([0.5, 0.5])).toBeCloseTo(Math.LN2, 12);
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 12);
    expect(entropy([1, 0, 0])).toBe(0);
    expect(Object.is(entropy([1, 0]), 0)).toBe(true);
  });

  it('orders three-way predictions differently under each measure', () => {
    // a: sure of one label; b: two labels tied, third out; c: spread over all three.
    const candidates = [
      { id: 'a', probabilities: [0.9, 0.05, 0.05] },
      { id: 'b', probabilities: [0.5, 0.5, 0] },
      { id: 'c', probabilities: [0.45, 0.3, 0.25] },
    ];
    const order = (s: 'least-confidence' | 'margin' | 'entropy') => rankByUncertainty(candidates, s).map((r) => r.id);
    expect(order('least-confidence')).toEqual(['c', 'b', 'a']); // 0.55 > 0.5 > 0.1
    expect(order('margin')).toEqual(['b', 'c', 'a']); // 1 − 0 > 1 − 0.15 > 1 − 0.85
    expect(order('entropy')).toEqual(['c', 'b', 'a']); // 1.07 > 0.69 > 0.39
    expect(rankByUncertainty(candidates, 'margin')[0]).toEqual({ id: 'b', score: 1 });
  });

  it('keeps the input order on ties and cuts to the limit', () => {
    const same = ['x', 'y', 'z'].map((id) => ({ id, probabilities: [0.6, 0.4] }));
    expect(rankByUncertainty(same, 'entropy').map((r) => r.id)).toEqual(['x', 'y', 'z']);
    expect(rankByUncertainty(same, 'entropy', { limit: 2 }).map((r) => r.id)).toEqual(['x', 'y']);
  });

  it('orders at random by seed, independent of the input order', () => {
    const candidates = Array.from({ length: 20 }, (_, i) => ({ id: `task-${i}`, probabilities: [1, 0] }));
    const ids = (list: typeof candidates, seed: number) => rankByUncertainty(list, 'random', { seed }).map((r) => r.id);
    expect(ids(candidates, 1)).toEqual(ids([...candidates].reverse(), 1));
    expect(ids(candidates, 1)).not.toEqual(ids(candidates, 2));
    expect(ids(candidates, 1)).not.toEqual(candidates.map((c) => c.id));
    expect(uncertaintyScore('random', candidates[0]!, 1)).toBeGreaterThanOrEqual(0);
  });

  it('rejects an unknown strategy, empty or negative probabilities and a bad limit', () => {
    expect(() => rankByUncertainty([{ id: 'a', probabilities: [1] }], 'vote' as 'margin')).toThrow(/strategy must be one of/);
    expect(() => entropy([])).toThrow(MlError);
    expect(() => leastConfidence([0.5, -0.1])).toThrow(/≥ 0/);
    expect(() => rankByUncertainty([], 'margin', { limit: -1 })).toThrow(/limit/);
  });
});
