import { CleaningError } from './cleaning-error.js';
import { fmix32, murmurHash3 } from './hashes.js';
import { DEFAULT_SHINGLE_SIZE, shingles } from './shingles.js';

export interface MinHashOptions {
  /** Shingle length in characters; defaults to `DEFAULT_SHINGLE_SIZE` (5). */
  k?: number;
  /** Number of hash functions (signature length); defaults to 128. */
  numHashes?: number;
  /** Seed of the hash family; signatures are comparable only with the same seed, k and numHashes. */
  seed?: number;
}

export const DEFAULT_NUM_HASHES = 128;

/** Checks a hash count: an integer from 1 to 4096. */
export function checkNumHashes(numHashes: number): number {
  if (!Number.isInteger(numHashes) || numHashes < 1 || numHashes > 4096) {
    throw new CleaningError(`numHashes must be an integer 1..4096, got ${numHashes}`);
  }
  return numHashes;
}

/**
 * The per-function salts: a SplitMix-style walk from the seed, mixed by fmix32. Hash function i
 * is x ↦ fmix32(murmur3(shingle, seed) ^ salt_i), a permutation of the 32-bit shingle hashes.
 */
function salts(count: number, seed: number): Uint32Array {
  const out = new Uint32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    out[i] = fmix32(state);
  }
  return out;
}

/**
 * The MinHash signature of a text: for each of `numHashes` seeded 32-bit hash functions, the
 * least hash over the text's k-character shingles. Deterministic across runtimes (integer-only
 * hashing). A text with no shingles (empty or whitespace) gets all 0xffffffff.
 * @example jaccardEstimate(minHashSignature('今天天气很好'), minHashSignature('今天天气很好！'))
 */
export function minHashSignature(text: string, options: MinHashOptions = {}): Uint32Array {
  return minHashOfShingles(shingles(text, options.k ?? DEFAULT_SHINGLE_SIZE), options);
}

/** The MinHash signature of a set of shingles (see `minHashSignature`). */
export function minHashOfShingles(set: Iterable<string>, options: MinHashOptions = {}): Uint32Array {
  const count = checkNumHashes(options.numHashes ?? DEFAULT_NUM_HASHES);
  const seed = options.seed ?? 0;
  const salt = salts(count, seed);
  const signature = new Uint32Array(count).fill(0xffffffff);
  for (const shingle of set) {
    const base = murmurHash3(shingle, seed);
    for (let i = 0; i < count; i++) {
      const h = fmix32(base ^ salt[i]!);
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return signature;
}

/**
 * The share of positions where two signatures agree: an unbiased estimate of the Jaccard
 * similarity of the shingle sets, with standard error about √(J(1−J)/numHashes). Throws
 * CleaningError when the lengths differ or are zero.
 */
export function jaccardEstimate(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) {
    throw new CleaningError(`signatures must have the same non-zero length, got ${a.length} and ${b.length}`);
  }
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same += 1;
  return same / a.length;
}
