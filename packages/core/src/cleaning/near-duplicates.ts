import { CleaningError } from './cleaning-error.js';
import { checkUniqueIds, sortGroups, type TextItem } from './content-key.js';
import { fmix32 } from './hashes.js';
import { checkNumHashes, DEFAULT_NUM_HASHES, minHashOfShingles } from './minhash.js';
import { DEFAULT_SHINGLE_SIZE, jaccard, normalizeForShingles, shingles } from './shingles.js';

export interface NearDuplicateOptions {
  /** Least exact Jaccard similarity of shingle sets for two texts to count as near-duplicates; defaults to 0.8. */
  threshold?: number;
  /** Shingle length in characters; defaults to 5. */
  k?: number;
  /** MinHash signature length; defaults to 128. */
  numHashes?: number;
  seed?: number;
  /** LSH bands; with `rows`, bands·rows must not exceed numHashes. Chosen by `lshParameters` when absent. */
  bands?: number;
  /** Signature rows per band. */
  rows?: number;
}

/** Two items whose exact Jaccard similarity reached the threshold (`a` < `b`). */
export interface NearDuplicatePair {
  a: string;
  b: string;
  jaccard: number;
}

export interface NearDuplicateResult {
  /** Connected components of the pairs: ids sorted within a group, groups by first id. */
  groups: string[][];
  /** The verified edges behind the groups, sorted by a then b. */
  pairs: NearDuplicatePair[];
}

/** Probability that LSH with b bands of r rows makes a pair of Jaccard similarity s a candidate. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

/**
 * LSH banding for a threshold: the most rows per band r (so the fewest false candidates to
 * verify) with b = ⌊numHashes / r⌋ bands that still make a pair at the threshold a candidate
 * with probability ≥ 0.99. E.g. threshold 0.8 with 128 hashes gives 21 bands of 6 rows.
 */
export function lshParameters(threshold: number, numHashes: number = DEFAULT_NUM_HASHES): { bands: number; rows: number } {
  checkNumHashes(numHashes);
  for (let rows = numHashes; rows > 1; rows--) {
    const bands = Math.floor(numHashes / rows);
    if (candidateProbability(threshold, bands, rows) >= 0.99) return { bands, rows };
  }
  return { bands: numHashes, rows: 1 };
}

function banding(options: NearDuplicateOptions, threshold: number, numHashes: number): { bands: number; rows: number } {
  const { bands, rows } = options;
  if (bands === undefined && rows === undefined) return lshParameters(threshold, numHashes);
  const r = rows ?? Math.floor(numHashes / bands!);
  const b = bands ?? Math.floor(numHashes / r);
  if (!Number.isInteger(b) || !Number.isInteger(r) || b < 1 || r < 1 || b * r > numHashes) {
    throw new CleaningError(`bands × rows must be positive integers with a product ≤ numHashes (${numHashes}), got ${b} × ${r}`);
  }
  return { bands: b, rows: r };
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/**
 * Groups of near-duplicate texts: MinHash signatures, LSH banding for candidate pairs, then the
 * exact Jaccard similarity of the shingle sets must reach `threshold`. Texts equal after
 * normalisation are linked directly (similarity 1) and only one of them enters LSH. Empty or
 * whitespace-only texts are never grouped (find them with `findExactDuplicates`). Throws
 * CleaningError on duplicate ids or bad options. WARNING: a bucket of m similar texts costs m²
 * verifications — at most a few thousand members per cluster stay fast.
 * @example findNearDuplicates([{ id: 'a', text: '物流很快，质量很好' }, { id: 'b', text: '物流很快，质量很好！' }], { k: 3 })
 */
export function findNearDuplicates(items: readonly TextItem[], options: NearDuplicateOptions = {}): NearDuplicateResult {
  checkUniqueIds(items);
  const threshold = options.threshold ?? 0.8;
  if (!(threshold > 0 && threshold <= 1)) throw new CleaningError(`threshold must be in (0, 1], got ${threshold}`);
  const numHashes = checkNumHashes(options.numHashes ?? DEFAULT_NUM_HASHES);
  const { bands, rows } = banding(options, threshold, numHashes);
  const k = options.k ?? DEFAULT_SHINGLE_SIZE;

  const parent = items.map((_, i) => i);
  const pairs: NearDuplicatePair[] = [];
  const link = (i: number, j: number, similarity: number) => {
    parent[find(parent, i)] = find(parent, j);
    const [a, b] = [items[i]!.id, items[j]!.id].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    pairs.push({ a: a!, b: b!, jaccard: similarity });
  };

  const firstByText = new Map<string, number>();
  const reps: { index: number; set: Set<string>; signature: Uint32Array }[] = [];
  items.forEach(({ text }, index) => {
    const normal = normalizeForShingles(text);
    if (normal === '') return;
    const first = firstByText.get(normal);
    if (first !== undefined) return link(first, index, 1);
    firstByText.set(normal, index);
    const set = shingles(normal, k);
    reps.push({ index, set, signature: minHashOfShingles(set, { numHashes, seed: options.seed ?? 0 }) });
  });

  const candidates = new Set<number>();
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<number, number[]>();
    reps.forEach(({ signature }, r) => {
      // Buckets are keyed by a hash of the band; a collision only adds a candidate to verify.
      let key = 0;
      for (let row = band * rows; row < (band + 1) * rows; row++) key = fmix32(key ^ signature[row]!);
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [r]);
      else {
        for (const other of bucket) candidates.add(other * reps.length + r);
        bucket.push(r);
      }
    });
  }
  for (const pair of [...candidates].sort((x, y) => x - y)) {
    const [x, y] = [reps[Math.floor(pair / reps.length)]!, reps[pair % reps.length]!];
    const similarity = jaccard(x.set, y.set);
    if (similarity >= threshold) link(x.index, y.index, similarity);
  }

  const byRoot = new Map<number, string[]>();
  items.forEach(({ id }, i) => {
    const root = find(parent, i);
    const group = byRoot.get(root);
    if (group === undefined) byRoot.set(root, [id]);
    else group.push(id);
  });
  const groups = sortGroups([...byRoot.values()].filter((group) => group.length > 1));
  pairs.sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
  return { groups, pairs };
}
