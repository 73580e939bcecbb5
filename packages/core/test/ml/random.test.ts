import { describe, expect, it } from 'vitest';
import { MlError, checkSeed, createRandom, shuffled } from '../../src/ml/index.js';

describe('createRandom', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    // Neighbouring seeds, and the halves of a 64-bit-ish seed, all count.
    expect(draw(0)).not.toEqual(draw(-1));
    expect(draw(0)).not.toEqual(draw(2 ** 32));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const random = createRandom(1);
    const buckets = new Array<number>(10).fill(0);
    let [min, max] = [1, 0];
    for (let i = 0; i < 100_000; i++) {
      const x = random.next();
      [min, max] = [Math.min(min, x), Math.max(max, x)];
      buckets[Math.floor(x * 10)]! += 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(400);
  });

  it('draws integers below n and rejects a bad n or seed', () => {
    const random = createRandom(3);
    const seen = new Set(Array.from({ length: 200 }, () => random.int(4)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    expect(() => random.int(0)).toThrow(MlError);
    expect(() => checkSeed(1.5)).toThrow(/seed must be an integer/);
  });

  it('shuffles reproducibly without losing items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = shuffled(items, createRandom(5));
    expect(a).toEqual(shuffled(items, createRandom(5)));
    expect(a).not.toEqual(items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
  });
});
