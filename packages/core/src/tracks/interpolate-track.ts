import { segmentInterpolator, shapeOfKeyframe } from './interpolate-shapes.js';
import type { Keyframe, ShapeOf, Track } from './track-types.js';

/**
 * The index of the last keyframe at or before `frame`, or −1 when `frame` comes before them all.
 * Binary search: keyframes must be sorted by frame.
 */
export function keyframeIndexAt(keyframes: readonly Keyframe[], frame: number): number {
  let lo = 0;
  let hi = keyframes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((keyframes[mid] as Keyframe).frame <= frame) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The track's shape on `frame`, or `undefined` when the object is not in view there.
 *
 * - On a keyframe: that keyframe's shape (enabled or not — Label Studio shows a disabled
 *   keyframe on its own frame), with rotation normalised to [0, 360).
 * - Between two keyframes: blended from them when the earlier one is enabled (boxes linearly,
 *   rotation the shorter way round; outlines vertex by vertex, see `alignOutlines` for different
 *   vertex counts); `undefined` when the earlier one is disabled (out of view).
 * - Before the first keyframe: `undefined`. After the last: the last shape is held when it is
 *   enabled, as Label Studio does, and `undefined` when it is disabled.
 *
 * @example interpolateAt(track, 10) // { x: 20, y: 10, width: 20, height: 30, rotation: 0 }
 */
export function interpolateAt<T extends Track>(track: T, frame: number): ShapeOf<T> | undefined {
  const keyframes: readonly Keyframe[] = track.keyframes;
  const i = keyframeIndexAt(keyframes, frame);
  const k = keyframes[i];
  if (k === undefined) return undefined;
  if (k.frame === frame) return shapeOfKeyframe(k) as ShapeOf<T>;
  if (!k.enabled) return undefined;
  const next = keyframes[i + 1];
  if (next === undefined) return shapeOfKeyframe(k) as ShapeOf<T>;
  const t = (frame - k.frame) / (next.frame - k.frame);
  return segmentInterpolator(track.kind, k, next)(t) as ShapeOf<T>;
}
