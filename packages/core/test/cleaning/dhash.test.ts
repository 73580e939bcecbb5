import { describe, expect, it } from 'vitest';
import { CleaningError, dHash, groupNearHashes, hammingDistance } from '../../src/cleaning/index.js';

/** Mulberry32: seeded, so the noise is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A w×h grayscale picture: a diagonal gradient with a bright disc, plus ± `noise` per pixel. */
function picture(w: number, h: number, opts: { noise?: number; seed?: number; discX?: number } = {}): Uint8Array {
  const rand = random(opts.seed ?? 1);
  const out = new Uint8Array(w * h);
  const cx = (opts.discX ?? 0.3) * w;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const disc = (x - cx) ** 2 + (y - h / 2) ** 2 < (h / 4) ** 2 ? 120 : 0;
      const base = ((x + y) / (w + h)) * 120 + disc;
      const noisy = base + (rand() * 2 - 1) * (opts.noise ?? 0);
      out[y * w + x] = Math.max(0, Math.min(255, Math.round(noisy)));
    }
  }
  return out;
}

describe('dHash', () => {
  it('sets a bit where a cell is brighter than its right neighbour, most significant first', () => {
    // 9×8 already: row 0 falls left to right (all 8 bits 1), every other row rises (0).
    const gray = new Uint8Array(72);
    for (let x = 0; x < 9; x++) {
      gray[x] = 200 - x * 10;
      for (let y = 1; y < 8; y++) gray[y * 9 + x] = x * 10;
    }
    expect(dHash(gray, 9, 8)).toBe(0xffn << 56n);
  });

  it('hashes a flat image to 0 and scales area-averaged, so a 2× copy hashes the same', () => {
    expect(dHash(new Uint8Array(100).fill(77), 10, 10)).toBe(0n);
    const small = picture(90, 80);
    const big = new Uint8Array(180 * 160);
    for (let y = 0; y < 160; y++) for (let x = 0; x < 180; x++) big[y * 180 + x] = small[(y >> 1) * 90 + (x >> 1)]!;
    expect(dHash(big, 180, 160)).toBe(dHash(small, 90, 80));
  });

  it('moves few bits for a little noise and many for a different picture', () => {
    const clean = dHash(picture(120, 90), 120, 90);
    const noisy = dHash(picture(120, 90, { noise: 12, seed: 7 }), 120, 90);
    const other = dHash(picture(120, 90, { discX: 0.75 }), 120, 90);
    expect(hammingDistance(clean, noisy)).toBeLessThanOrEqual(4);
    expect(hammingDistance(clean, other)).toBeGreaterThan(10);
  });

  it('stretches images smaller than 9×8 over the grid', () => {
    // Two pixels, bright then dark: cells 0–3 bright, cell 4 half, 5–8 dark → bits 3 and 4 of every row.
    expect(dHash([255, 0], 2, 1)).toBe(0x1818_1818_1818_1818n);
    expect(dHash([10], 1, 1)).toBe(0n);
  });

  it('refuses sizes that do not fit the pixels', () => {
    expect(() => dHash(new Uint8Array(10), 4, 4)).toThrow(CleaningError);
    expect(() => dHash(new Uint8Array(10), 0, 4)).toThrow(CleaningError);
  });
});

describe('groupNearHashes', () => {
  it('groups hashes within the distance, transitively, and leaves far ones alone', () => {
    const base = 0x0123_4567_89ab_cdefn;
    const { groups, pairs } = groupNearHashes(
      [
        { id: 'a', hash: base },
        { id: 'b', hash: base ^ 0b111n }, // 3 bits from a
        { id: 'c', hash: base ^ 0b111n ^ (0b11n << 40n) }, // 2 from b, 5 from a
        { id: 'd', hash: ~base }, // 64 from a
        { id: 'e', hash: base ^ (0xffffn << 20n) }, // 16 from a
      ],
      3,
    );
    expect(groups).toEqual([['a', 'b', 'c']]);
    expect(pairs).toEqual([{ a: 'a', b: 'b', distance: 3 }, { a: 'b', b: 'c', distance: 2 }]);
  });

  it('links equal hashes at distance 0 and finds every pair a brute force finds', () => {
    const rand = random(3);
    const items = Array.from({ length: 300 }, (_, i) => {
      const hi = BigInt(Math.floor(rand() * 2 ** 32));
      const lo = BigInt(Math.floor(rand() * 2 ** 32));
      return { id: `t${i}`, hash: (hi << 32n) | lo };
    });
    // Plant near copies: flip up to 4 random bits.
    for (let i = 0; i < 40; i++) {
      let hash = items[i]!.hash;
      const flips = Math.floor(rand() * 5);
      for (let f = 0; f < flips; f++) hash ^= 1n << BigInt(Math.floor(rand() * 64));
      items.push({ id: `copy${i}`, hash });
    }
    const { pairs } = groupNearHashes(items, 4);
    const brute: string[] = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        if (hammingDistance(items[i]!.hash, items[j]!.hash) <= 4) brute.push([items[i]!.id, items[j]!.id].sort().join('|'));
      }
    }
    expect(pairs.map((p) => `${p.a}|${p.b}`).sort()).toEqual(brute.sort());
    expect(groupNearHashes([{ id: 'x', hash: 5n }, { id: 'y', hash: 5n }], 0).groups).toEqual([['x', 'y']]);
  });

  it('refuses duplicate ids and a distance outside 0..64', () => {
    expect(() => groupNearHashes([{ id: 'a', hash: 1n }, { id: 'a', hash: 2n }], 2)).toThrow(CleaningError);
    expect(() => groupNearHashes([], 65)).toThrow(CleaningError);
  });
});
