import { DEFAULT_NUM_HASHES, fmix32, lshParameters, minHashOfShingles } from '@laoshi/core';

/** Buckets bigger than this link each member to the bucket's first and previous member only. */
export const MAX_ALL_PAIRS_BUCKET = 32;

/**
 * MinHash LSH over a stream of texts that keeps only the band keys: `bands` 32-bit numbers per
 * text in one growing typed array (21 bands at the default 0.8 threshold: 84 bytes a text, about
 * 84 MB for a million), never the signatures or the texts. Candidate pairs come out band by band
 * by sorting packed (key, entry) numbers, so no map of buckets is ever held.
 * The caller verifies candidates with the exact Jaccard similarity of the shingle sets.
 */
export class TextLsh {
  readonly bands: number;
  readonly rows: number;
  private keys = new Uint32Array(0);
  private count = 0;

  constructor(
    threshold: number,
    private readonly numHashes = DEFAULT_NUM_HASHES,
    private readonly seed = 0,
  ) {
    ({ bands: this.bands, rows: this.rows } = lshParameters(threshold, numHashes));
  }

  /** Entries added so far. */
  get size(): number {
    return this.count;
  }

  /** Adds a text by its shingle set; returns its entry number (0, 1, …). */
  add(shingleSet: Iterable<string>): number {
    const signature = minHashOfShingles(shingleSet, { numHashes: this.numHashes, seed: this.seed });
    if ((this.count + 1) * this.bands > this.keys.length) {
      const grown = new Uint32Array(Math.max(1024 * this.bands, this.keys.length * 2));
      grown.set(this.keys);
      this.keys = grown;
    }
    const base = this.count * this.bands;
    for (let band = 0; band < this.bands; band++) {
      // The same band key core's findNearDuplicates uses: a collision only adds a candidate.
      let key = 0;
      for (let row = band * this.rows; row < (band + 1) * this.rows; row++) key = fmix32(key ^ signature[row]!);
      this.keys[base + band] = key;
    }
    return this.count++;
  }

  /**
   * Candidate pairs [a, b] (a < b, entry numbers): texts that share a band key in any band, each
   * pair once. WARNING: a bucket of m members gives m(m−1)/2 pairs up to MAX_ALL_PAIRS_BUCKET;
   * past it each member is paired with the bucket's first and previous member, which keeps a
   * bucket of 10,000 copies of one boilerplate at 20,000 pairs and still joins them all.
   */
  candidatePairs(): [number, number][] {
    const n = this.count;
    const seen = new Set<number>();
    const out: [number, number][] = [];
    const add = (x: number, y: number) => {
      const [a, b] = x < y ? [x, y] : [y, x];
      const id = a * n + b;
      if (seen.has(id)) return;
      seen.add(id);
      out.push([a, b]);
    };
    const packed = new BigUint64Array(n);
    for (let band = 0; band < this.bands; band++) {
      for (let e = 0; e < n; e++) packed[e] = (BigInt(this.keys[e * this.bands + band]!) << 32n) | BigInt(e);
      packed.sort();
      let start = 0;
      while (start < n) {
        const key = packed[start]! >> 32n;
        let end = start + 1;
        while (end < n && packed[end]! >> 32n === key) end++;
        const members = end - start;
        if (members > 1) {
          const entry = (i: number) => Number(packed[i]! & 0xffffffffn);
          for (let i = start + 1; i < end; i++) {
            if (members <= MAX_ALL_PAIRS_BUCKET) for (let j = start; j < i; j++) add(entry(j), entry(i));
            else {
              add(entry(start), entry(i));
              if (i - 1 > start) add(entry(i - 1), entry(i));
            }
          }
        }
        start = end;
      }
    }
    return out;
  }
}
