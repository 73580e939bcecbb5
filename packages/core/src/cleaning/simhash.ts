import { murmurHash3 } from './hashes.js';
import { DEFAULT_SHINGLE_SIZE, shingleCounts } from './shingles.js';

export interface SimHashOptions {
  /** Shingle length in characters; defaults to `DEFAULT_SHINGLE_SIZE` (5). */
  k?: number;
  /** Seed of the feature hash. */
  seed?: number;
}

/**
 * Charikar's 64-bit SimHash of a text: each k-character shingle, weighted by its count, votes
 * on the 64 bits of its hash (two seeded murmur3 halves); a bit is 1 where the votes are
 * positive. Similar texts get fingerprints a small Hamming distance apart (≤ 3 is the classic
 * near-duplicate cut for web pages). An empty text gives 0n.
 * @example hammingDistance(simHash('the cat sat on the mat'), simHash('the cat sat on a mat'))
 */
export function simHash(text: string, options: SimHashOptions = {}): bigint {
  const seed = options.seed ?? 0;
  const votes = new Array<number>(64).fill(0);
  for (const [shingle, weight] of shingleCounts(text, options.k ?? DEFAULT_SHINGLE_SIZE)) {
    const lo = murmurHash3(shingle, seed);
    const hi = murmurHash3(shingle, (seed ^ 0x5bd1e995) >>> 0);
    for (let bit = 0; bit < 32; bit++) {
      votes[bit]! += (lo >>> bit) & 1 ? weight : -weight;
      votes[bit + 32]! += (hi >>> bit) & 1 ? weight : -weight;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (votes[bit]! > 0) lo |= 1 << bit;
    if (votes[bit + 32]! > 0) hi |= 1 << bit;
  }
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function popcount32(value: number): number {
  let v = value >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The number of differing bits in the low 64 bits of two fingerprints (0–64). */
export function hammingDistance(a: bigint, b: bigint): number {
  const x = BigInt.asUintN(64, a ^ b);
  return popcount32(Number(x >> 32n)) + popcount32(Number(x & 0xffffffffn));
}
