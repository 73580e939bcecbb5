import type { SparseVector } from './sparse-vector.js';

/**
 * Sums per feature bucket in a small open-addressing table: a long e-mail adds tens of thousands
 * of n-grams, and a Map costs several times more per add. Buckets are non-negative integers
 * (already hashed, so their low bits are spread and serve as slots).
 */
export class BucketCounts {
  private keys: Int32Array;
  private sums: Float64Array;
  private mask: number;
  size = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Int32Array(capacity).fill(-1);
    this.sums = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  private slot(bucket: number): number {
    let i = bucket & this.mask;
    while (this.keys[i] !== -1 && this.keys[i] !== bucket) i = (i + 1) & this.mask;
    return i;
  }

  add(bucket: number, amount = 1): void {
    let i = this.slot(bucket);
    if (this.keys[i] === -1) {
      if ((this.size + 1) * 2 > this.keys.length) {
        this.grow();
        i = this.slot(bucket);
      }
      this.keys[i] = bucket;
      this.size++;
    }
    this.sums[i] = (this.sums[i] as number) + amount;
  }

  private grow(): void {
    const [keys, sums] = [this.keys, this.sums];
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.sums = new Float64Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    keys.forEach((key, j) => {
      if (key === -1) return;
      const i = this.slot(key);
      this.keys[i] = key;
      this.sums[i] = sums[j] as number;
    });
  }

  /** Calls `visit` for every bucket and its sum, in table order. */
  forEach(visit: (bucket: number, sum: number) => void): void {
    this.keys.forEach((key, i) => {
      if (key !== -1) visit(key, this.sums[i] as number);
    });
  }

  /** The sums as a sparse vector, indices ascending. */
  toSparse(): SparseVector {
    const indices = new Int32Array(this.size);
    let n = 0;
    for (const key of this.keys) if (key !== -1) indices[n++] = key;
    indices.sort();
    const values = Float64Array.from(indices, (key) => this.sums[this.slot(key)] as number);
    return { indices, values };
  }
}
