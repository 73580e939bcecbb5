import { framesOf } from './frames-of.js';
import type { FrameRange, RectangleShape, RectangleTrack } from './track-types.js';

/** An axis-aligned box in pixels. */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The axis-aligned bounding box, in pixels, of a box given in percent of a `videoWidth` ×
 * `videoHeight` frame. Rotation turns the box clockwise about its top-left corner in pixel space
 * (Label Studio's convention), so a rotated box's bounds may start left of or above `x, y`.
 * @example boundingBoxInPixels({ x: 10, y: 20, width: 30, height: 40, rotation: 90 }, 1920, 1080)
 *   // ≈ { left: -240, top: 216, width: 432, height: 576 } (up to float rounding)
 */
export function boundingBoxInPixels(box: RectangleShape, videoWidth: number, videoHeight: number): PixelBox {
  const left = (box.x / 100) * videoWidth;
  const top = (box.y / 100) * videoHeight;
  const w = (box.width / 100) * videoWidth;
  const h = (box.height / 100) * videoHeight;
  if (box.rotation % 360 === 0) return { left, top, width: w, height: h };
  const radians = (box.rotation * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  // The other three corners relative to the top-left one, turned by the rotation (y points down).
  const [x1, x2, x3] = [w * cos, -h * sin, w * cos - h * sin];
  const [y1, y2, y3] = [w * sin, h * cos, w * sin + h * cos];
  const minX = Math.min(0, x1, x2, x3);
  const minY = Math.min(0, y1, y2, y3);
  return { left: left + minX, top: top + minY, width: Math.max(0, x1, x2, x3) - minX, height: Math.max(0, y1, y2, y3) - minY };
}

/**
 * A row writer for one file: the option checks and the number format are settled once, so a
 * video of 900,000 boxes pays for them once, not per row. `tail` is what follows the box
 * (`conf,-1,-1,-1` or `1,class,1`).
 */
function rowWriter(options: MotOptions): (frame: number, id: number, box: RectangleShape, tail: string) => string {
  if (!(options.videoWidth > 0 && options.videoHeight > 0)) {
    throw new RangeError(`video size must be positive, got ${options.videoWidth}×${options.videoHeight}`);
  }
  const scale = 10 ** (options.decimals ?? 2);
  // Rounded half away from zero, like toFixed on the decimal value; `+ 0` turns −0 into 0.
  const n = (v: number): string => String((Math.sign(v) * Math.round(Math.abs(v) * scale)) / scale + 0);
  return (frame, id, box, tail) => {
    const motFrame = frame - options.frameBase + 1;
    if (!Number.isInteger(motFrame) || motFrame < 1) {
      throw new RangeError(`frame ${frame} is before the first frame of a ${options.frameBase}-based video`);
    }
    const b = boundingBoxInPixels(box, options.videoWidth, options.videoHeight);
    return `${motFrame},${id},${n(b.left)},${n(b.top)},${n(b.width)},${n(b.height)},${tail}`;
  };
}

/** How track frames and percent boxes map onto a MOT-challenge file. */
export interface MotOptions {
  videoWidth: number;
  videoHeight: number;
  /**
   * The number of the video's first frame in the tracks: 1 for Label Studio tracks (MOT frames
   * are also 1-based, so frames are written as they are), 0 for 0-based tracks (frame f is
   * written as f + 1).
   */
  frameBase: 0 | 1;
  /** The `conf` column; 1 (default) marks a ground-truth box as one to evaluate. */
  confidence?: number;
  /** Decimal places for pixel values; default 2, trailing zeros dropped. */
  decimals?: number;
}

/**
 * One MOT-challenge row, `frame,id,bb_left,bb_top,bb_width,bb_height,conf,-1,-1,-1`, without a
 * line break. Boxes are not clipped to the frame (MOT ground truth keeps boxes that leave it).
 * @example motRow(0, 1, { x: 10, y: 20, width: 30, height: 40, rotation: 0 }, { videoWidth: 1920, videoHeight: 1080, frameBase: 0 })
 *   // '1,1,192,216,576,432,1,-1,-1,-1'
 */
export function motRow(frame: number, id: number, box: RectangleShape, options: MotOptions): string {
  return rowWriter(options)(frame, id, box, `${options.confidence ?? 1},-1,-1,-1`);
}

/**
 * A ground-truth row as CVAT's "MOT 1.1" and the MOT benchmarks write `gt/gt.txt`:
 * `frame,id,bb_left,bb_top,bb_width,bb_height,1,class,1` — the 7th column 1 means "evaluate this
 * box", `class` is the 1-based line of `labels.txt`, visibility is 1.
 * @example motGroundTruthRow(1, 1, box, 2, { videoWidth: 1920, videoHeight: 1080, frameBase: 1 }) // '1,1,192,216,576,432,1,2,1'
 */
export function motGroundTruthRow(frame: number, id: number, box: RectangleShape, classId: number, options: MotOptions): string {
  return rowWriter(options)(frame, id, box, groundTruthTail(classId));
}

function groundTruthTail(classId: number): string {
  if (!Number.isInteger(classId) || classId < 1) throw new RangeError(`class ids are whole numbers ≥ 1, got ${classId}`);
  return `1,${classId},1`;
}

/**
 * MOT rows for every in-view frame of the box tracks within `range` (inclusive), ordered by
 * frame, then by track. MOT ids are integers: the track at index i is written as id i + 1. With
 * `classIds` (one per track), ground-truth rows with classes (see motGroundTruthRow).
 * @example [...motRows(tracks, { from: 1, to: 900 }, options)].join('\n')
 */
export function* motRows(tracks: readonly RectangleTrack[], range: FrameRange, options: MotOptions, classIds?: readonly number[]): Generator<string, void, undefined> {
  const write = rowWriter(options);
  const tails = tracks.map((_, j) => (classIds === undefined ? `${options.confidence ?? 1},-1,-1,-1` : groundTruthTail(classIds[j] ?? 0)));
  const walkers = tracks.map((track) => framesOf(track, range));
  const heads = walkers.map((walker) => walker.next());
  for (let frame = Math.ceil(range.from); frame <= range.to; frame++) {
    for (let j = 0; j < walkers.length; j++) {
      const head = heads[j];
      if (head === undefined || head.done === true || head.value.frame !== frame) continue;
      yield write(frame, j + 1, head.value.shape, tails[j] as string);
      heads[j] = (walkers[j] as (typeof walkers)[number]).next();
    }
  }
}
