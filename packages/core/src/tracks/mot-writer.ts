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
  const xs = [w * cos, -h * sin, w * cos - h * sin];
  const ys = [w * sin, h * cos, w * sin + h * cos];
  const minX = Math.min(0, ...xs);
  const minY = Math.min(0, ...ys);
  return { left: left + minX, top: top + minY, width: Math.max(0, ...xs) - minX, height: Math.max(0, ...ys) - minY };
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
  const motFrame = frame - options.frameBase + 1;
  if (!Number.isInteger(motFrame) || motFrame < 1) {
    throw new RangeError(`frame ${frame} is before the first frame of a ${options.frameBase}-based video`);
  }
  if (!(options.videoWidth > 0 && options.videoHeight > 0)) {
    throw new RangeError(`video size must be positive, got ${options.videoWidth}×${options.videoHeight}`);
  }
  const decimals = options.decimals ?? 2;
  const b = boundingBoxInPixels(box, options.videoWidth, options.videoHeight);
  const n = (v: number): string => String(Number(v.toFixed(decimals)) + 0);
  return `${motFrame},${id},${n(b.left)},${n(b.top)},${n(b.width)},${n(b.height)},${options.confidence ?? 1},-1,-1,-1`;
}

/**
 * MOT rows for every in-view frame of the box tracks within `range` (inclusive), ordered by
 * frame, then by track. MOT ids are integers: the track at index i is written as id i + 1.
 * @example [...motRows(tracks, { from: 1, to: 900 }, options)].join('\n')
 */
export function* motRows(tracks: readonly RectangleTrack[], range: FrameRange, options: MotOptions): Generator<string, void, undefined> {
  const walkers = tracks.map((track) => framesOf(track, range));
  const heads = walkers.map((walker) => walker.next());
  for (let frame = Math.ceil(range.from); frame <= range.to; frame++) {
    for (let j = 0; j < walkers.length; j++) {
      const head = heads[j];
      if (head === undefined || head.done === true || head.value.frame !== frame) continue;
      yield motRow(frame, j + 1, head.value.shape, options);
      heads[j] = (walkers[j] as (typeof walkers)[number]).next();
    }
  }
}
