import { MlError } from './ml-error.js';

/** A seeded source of uniform numbers: the same seed gives the same stream in Node and every browser. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}

/** SplitMix32's step: spreads any 32-bit seed (0, 1, 2…) into well-mixed state. */
function splitMix32(state: number): number {
  let z = (state + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Checks a seed: any safe integer (negative ones and those past 2^32 are folded to 32 bits). */
export function checkSeed(seed: number, field = 'seed'): number {
  if (!Number.isSafeInteger(seed)) throw new MlError(`${field} must be an integer, got ${seed}`);
  // Both 32-bit halves count, so -1, 0 and 2^32 are different seeds.
  return ((seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) >>> 0, 0x9e3779b9)) >>> 0;
}

/**
 * A seeded PRNG (sfc32, seeded through SplitMix32): fast, 128 bits of state, all 32-bit integer
 * arithmetic, so the stream is bit-identical everywhere.
 * @example createRandom(7).next() // the same number on every run
 */
export function createRandom(seed: number): Random {
  let s = checkSeed(seed);
  let a = (s = splitMix32(s));
  let b = (s = splitMix32(s));
  let c = (s = splitMix32(s));
  let d = splitMix32(s);
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs of sfc32 still echo the seed; the reference implementation discards 12.
  for (let i = 0; i < 12; i++) next32();
  return {
    next: () => next32() / 2 ** 32,
    int(n: number) {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new MlError(`int(n) needs an integer 1..2^32, got ${n}`);
      return Math.floor((next32() / 2 ** 32) * n);
    },
  };
}

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
  return items;
}

/** A shuffled copy of `items`. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  return shuffleInPlace([...items], random);
}
