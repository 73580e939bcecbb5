import { FormatError } from './format-error.js';

/**
 * COCO run-length encoding of a binary mask of `size` = [height, width]. `counts` alternate runs
 * of 0s and 1s, starting with 0s, over the pixels in column-major order (down the first column,
 * then the next); as numbers ("uncompressed", iscrowd annotations) or as COCO's compressed string.
 */
export interface CocoRle {
  size: [number, number];
  counts: number[] | string;
}

/** Most pixels `decodeRle` will allocate a mask for (a 10,000 × 10,000 image). */
export const MAX_MASK_PIXELS = 100_000_000;

const fail = (reason: string, path: string): never => {
  throw new FormatError('coco', reason, { path });
};

/**
 * Run lengths from COCO's compressed RLE string (pycocotools' `rleFrString`): each run is a
 * little-endian base-32 number in characters from '0' (48), 5 bits per character, with 0x20
 * meaning "more characters follow" and 0x10 in the last one the sign; from the third run on,
 * the number is the difference to the run two places earlier.
 */
export function rleCountsFromString(counts: string, path = 'segmentation.counts'): number[] {
  const out: number[] = [];
  let p = 0;
  while (p < counts.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= counts.length) fail(`compressed RLE ends inside run ${out.length}`, path);
      const c = counts.charCodeAt(p) - 48;
      if (c < 0 || c > 63) fail(`character ${JSON.stringify(counts[p])} at offset ${p} is not part of COCO's compressed RLE alphabet`, path);
      if (k > 10) fail(`run ${out.length} is too long to be a pixel count`, path);
      x += (c & 0x1f) * 32 ** k;
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && (c & 0x10) !== 0) x -= 32 ** k;
    }
    if (out.length > 2) x += out[out.length - 2] ?? 0;
    out.push(x);
  }
  return out;
}

/** COCO's compressed RLE string for run lengths (pycocotools' `rleToString`). */
export function rleCountsToString(counts: readonly number[]): string {
  let out = '';
  counts.forEach((count, i) => {
    let x = i > 2 ? count - (counts[i - 2] ?? 0) : count;
    let more = true;
    while (more) {
      let c = ((x % 32) + 32) % 32;
      x = Math.floor(x / 32);
      more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + 48);
    }
  });
  return out;
}

/**
 * The run lengths of an RLE, checked: whole non-negative numbers that add up to height × width.
 * Throws FormatError naming `path` otherwise.
 */
export function rleCounts(rle: CocoRle, path = 'segmentation'): number[] {
  const [height, width] = rle.size;
  if (!Number.isSafeInteger(height) || !Number.isSafeInteger(width) || height < 0 || width < 0) {
    fail(`RLE size must be two whole numbers [height, width], got [${height}, ${width}]`, `${path}.size`);
  }
  const counts = typeof rle.counts === 'string' ? rleCountsFromString(rle.counts, `${path}.counts`) : rle.counts;
  let total = 0;
  counts.forEach((count, i) => {
    if (!Number.isSafeInteger(count) || count < 0) fail(`run ${i} is ${count}, not a whole number of pixels`, `${path}.counts`);
    total += count;
  });
  if (total !== height * width) fail(`RLE runs cover ${total} pixels, but a ${height}×${width} mask has ${height * width}`, `${path}.counts`);
  return counts;
}

/**
 * The mask of an RLE as a row-major array (`mask[y * width + x]` is 1 inside), for masks up to
 * `maxPixels`.
 * @example decodeRle({ size: [2, 3], counts: [1, 2, 3] }) // Uint8Array [0, 1, 0, 1, 0, 0]
 */
export function decodeRle(rle: CocoRle, maxPixels = MAX_MASK_PIXELS): Uint8Array {
  const counts = rleCounts(rle);
  const [height, width] = rle.size;
  if (height * width > maxPixels) fail(`a ${height}×${width} mask is larger than ${maxPixels} pixels`, 'segmentation.size');
  const mask = new Uint8Array(height * width);
  let i = 0;
  counts.forEach((count, run) => {
    if (run % 2 === 1) for (let k = i; k < i + count; k++) mask[(k % height) * width + Math.floor(k / height)] = 1;
    i += count;
  });
  return mask;
}

/** The uncompressed RLE of a row-major mask (any non-zero value is inside). */
export function encodeRle(mask: ArrayLike<number>, height: number, width: number): CocoRle {
  if (mask.length !== height * width) throw new RangeError(`a ${height}×${width} mask has ${height * width} pixels, got ${mask.length}`);
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const inside = mask[y * width + x] !== 0 ? 1 : 0;
      if (inside !== current) {
        counts.push(run);
        [run, current] = [0, inside];
      }
      run++;
    }
  }
  counts.push(run);
  return { size: [height, width], counts };
}

/** Pixels inside the mask. */
export function rleArea(rle: CocoRle, path = 'segmentation'): number {
  return rleCounts(rle, path).reduce((sum, count, i) => (i % 2 === 1 ? sum + count : sum), 0);
}

/**
 * The bounding box `[x, y, width, height]` in pixels of the pixels inside an RLE mask, as
 * pycocotools' `toBbox`; `[0, 0, 0, 0]` for an empty mask. Works on the runs, without the mask.
 */
export function rleBoundingBox(rle: CocoRle, path = 'segmentation'): [number, number, number, number] {
  const counts = rleCounts(rle, path);
  const height = rle.size[0];
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  let start = 0;
  counts.forEach((count, run) => {
    if (run % 2 === 1 && count > 0) {
      const last = start + count - 1;
      const [x0, x1] = [Math.floor(start / height), Math.floor(last / height)];
      // A run that wraps into the next column covers rows from the bottom and the top of the image.
      const [y0, y1] = x0 === x1 ? [start % height, last % height] : [0, height - 1];
      [minX, maxX, minY, maxY] = [Math.min(minX, x0), Math.max(maxX, x1), Math.min(minY, y0), Math.max(maxY, y1)];
    }
    start += count;
  });
  return Number.isFinite(minX) ? [minX, minY, maxX - minX + 1, maxY - minY + 1] : [0, 0, 0, 0];
}
