import { CleaningError } from './cleaning-error.js';
import { sortGroups } from './content-key.js';
import { hammingDistance } from './simhash.js';

/** dHash compares each of 9 columns with its right neighbour on 8 rows: 64 bits. */
export const DHASH_WIDTH = 9;
export const DHASH_HEIGHT = 8;

/**
 * The weights with which source pixels [0, from) cover each of `to` equal target cells (area
 * averaging): works for shrinking and for the rare image smaller than 9×8.
 */
function coverage(from: number, to: number): { index: number; weight: number }[][] {
  const cells: { index: number; weight: number }[][] = [];
  const step = from / to;
  for (let cell = 0; cell < to; cell++) {
    const start = cell * step;
    const end = start + step;
    const parts: { index: number; weight: number }[] = [];
    for (let i = Math.floor(start); i < Math.min(from, Math.ceil(end)); i++) {
      const weight = Math.min(end, i + 1) - Math.max(start, i);
      if (weight > 0) parts.push({ index: i, weight });
    }
    cells.push(parts);
  }
  return cells;
}

/**
 * The difference hash (dHash) of a grayscale image given as `width × height` pixel values, row by
 * row (any numeric scale; sharp's `.grayscale().raw()` gives bytes). The image is area-averaged
 * down to 9×8; bit `row·8 + col` (most significant first) is 1 where a cell is brighter than its
 * right neighbour. Small changes (noise, JPEG re-encoding, resizing) move few bits; compare with
 * `hammingDistance` (≤ 5 of 64 is the usual "same picture" cut, ≤ 10 "similar"). A flat image
 * hashes to 0n. Throws CleaningError when the sizes do not fit the pixels.
 * @example dHash(await sharp(file).grayscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer(), 9, 8)
 */
export function dHash(gray: ArrayLike<number>, width: number, height: number): bigint {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new CleaningError(`image size must be positive integers, got ${width}×${height}`);
  }
  if (gray.length < width * height) throw new CleaningError(`a ${width}×${height} image needs ${width * height} pixels, got ${gray.length}`);
  const cols = coverage(width, DHASH_WIDTH);
  const rows = coverage(height, DHASH_HEIGHT);
  const cells = new Float64Array(DHASH_WIDTH * DHASH_HEIGHT);
  for (let r = 0; r < DHASH_HEIGHT; r++) {
    for (let c = 0; c < DHASH_WIDTH; c++) {
      let sum = 0;
      let area = 0;
      for (const y of rows[r]!) {
        for (const x of cols[c]!) {
          const w = y.weight * x.weight;
          sum += gray[y.index * width + x.index]! * w;
          area += w;
        }
      }
      cells[r * DHASH_WIDTH + c] = sum / area;
    }
  }
  let hash = 0n;
  for (let r = 0; r < DHASH_HEIGHT; r++) {
    for (let c = 0; c < DHASH_WIDTH - 1; c++) {
      // A tolerance keeps flat areas (equal up to rounding) from flipping bits at random.
      const brighter = cells[r * DHASH_WIDTH + c]! - cells[r * DHASH_WIDTH + c + 1]! > 1e-9;
      hash = (hash << 1n) | (brighter ? 1n : 0n);
    }
  }
  return hash;
}

/** A perceptual hash with an id, as `groupNearHashes` takes it. */
export interface HashItem {
  id: string;
  hash: bigint;
}

/** Two items whose hashes are at most `maxDistance` bits apart (`a` < `b`). */
export interface NearHashPair {
  a: string;
  b: string;
  distance: number;
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/**
 * Groups of items whose 64-bit hashes are within `maxDistance` bits (connected components of the
 * "close" relation; ids sorted within a group, groups by first id), with the verified pairs.
 * Equal hashes are linked directly; the distinct ones are compared only when they agree exactly
 * on one of `maxDistance + 1` slices of the 64 bits (pigeonhole: two hashes that differ in at most
 * d bits agree on one of d + 1 slices), so the work stays near-linear for small distances.
 * WARNING: memory is one map entry per distinct hash and slice; past ~16 bits the slices get so
 * short that most hashes meet and the work approaches n². Throws CleaningError on duplicate ids
 * or a distance outside 0..64.
 */
export function groupNearHashes(items: readonly HashItem[], maxDistance: number): { groups: string[][]; pairs: NearHashPair[] } {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 64) throw new CleaningError(`maxDistance must be an integer 0..64, got ${maxDistance}`);
  const ids = new Set<string>();
  for (const { id } of items) {
    if (ids.has(id)) throw new CleaningError(`duplicate item id "${id}"`);
    ids.add(id);
  }
  const parent = Int32Array.from(items, (_, i) => i);
  const pairs: NearHashPair[] = [];
  const link = (i: number, j: number, distance: number) => {
    parent[find(parent, i)] = find(parent, j);
    const [a, b] = [items[i]!.id, items[j]!.id].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    pairs.push({ a: a!, b: b!, distance });
  };
  const firstOfHash = new Map<bigint, number>();
  const distinct: number[] = [];
  items.forEach(({ hash }, i) => {
    const key = BigInt.asUintN(64, hash);
    const first = firstOfHash.get(key);
    if (first === undefined) {
      firstOfHash.set(key, i);
      distinct.push(i);
    } else link(first, i, 0);
  });
  if (maxDistance > 0) {
    const slices = maxDistance + 1;
    const seen = new Set<string>();
    for (let s = 0; s < slices; s++) {
      const lo = BigInt(Math.floor((s * 64) / slices));
      const bits = BigInt(Math.floor(((s + 1) * 64) / slices)) - lo;
      const buckets = new Map<bigint, number[]>();
      for (const i of distinct) {
        const key = BigInt.asUintN(Number(bits), BigInt.asUintN(64, items[i]!.hash) >> lo);
        const bucket = buckets.get(key);
        if (bucket === undefined) {
          buckets.set(key, [i]);
          continue;
        }
        for (const j of bucket) {
          const pairKey = `${j},${i}`;
          if (seen.has(pairKey)) continue;
          seen.add(pairKey);
          const distance = hammingDistance(items[i]!.hash, items[j]!.hash);
          if (distance <= maxDistance) link(j, i, distance);
        }
        bucket.push(i);
      }
    }
  }
  const byRoot = new Map<number, string[]>();
  items.forEach(({ id }, i) => {
    const root = find(parent, i);
    const group = byRoot.get(root);
    if (group === undefined) byRoot.set(root, [id]);
    else group.push(id);
  });
  pairs.sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
  return { groups: sortGroups([...byRoot.values()].filter((g) => g.length > 1)), pairs };
}
