import { interpolateAt, keyframeIndexAt } from './interpolate-track.js';
import type { Keyframe, KeyframeOf, Track } from './track-types.js';

/** A copy of the track with `keyframe` placed in frame order, replacing any keyframe on its frame. */
export function setKeyframe<T extends Track>(track: T, keyframe: KeyframeOf<T>): T {
  const keyframes: Keyframe[] = [...track.keyframes];
  const i = keyframeIndexAt(keyframes, keyframe.frame);
  if (keyframes[i]?.frame === keyframe.frame) keyframes[i] = keyframe;
  else keyframes.splice(i + 1, 0, keyframe);
  return { ...track, keyframes } as T;
}

/**
 * Holds the shape on `fromFrame` for `n` more frames: returns a copy of the track with a keyframe
 * on `fromFrame + n` equal to the shape on `fromFrame`. `fromFrame` itself becomes a keyframe too
 * when it is not one yet — otherwise the new keyframe would change the blend, and so the shape,
 * on `fromFrame`.
 *
 * New keyframes take the `enabled` flag of the keyframe in force on their frame (the last one at
 * or before it), and a keyframe already on `fromFrame + n` keeps its own, so propagating never
 * changes which stretches of the track are in view — it only adds the frames that now carry a
 * keyframe. Throws a RangeError when `n` is not a whole number ≥ 1 or the object is not in view
 * on `fromFrame`.
 * @example propagate(track, 120, 30) // the box on frame 120 is also the keyframe on frame 150
 */
export function propagate<T extends Track>(track: T, fromFrame: number, n: number): T {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number of frames ≥ 1, got ${n}`);
  const shape = interpolateAt(track, fromFrame);
  if (shape === undefined) {
    throw new RangeError(`track "${track.id}" is not in view on frame ${fromFrame}, so it has no shape to propagate`);
  }
  const target = fromFrame + n;
  const inForce = track.keyframes[keyframeIndexAt(track.keyframes, target)];
  let out = track;
  if (track.keyframes[keyframeIndexAt(track.keyframes, fromFrame)]?.frame !== fromFrame) {
    // In view on a frame that is not a keyframe means the keyframe before it is enabled.
    out = setKeyframe(out, { ...shape, frame: fromFrame, enabled: true } as KeyframeOf<T>);
  }
  const copy = 'points' in shape ? { points: shape.points.map(([x, y]) => [x, y]) } : { ...shape };
  return setKeyframe(out, { ...copy, frame: target, enabled: inForce?.enabled ?? true } as KeyframeOf<T>);
}

/** The shape on `frame` copied to a keyframe on `frame + 1` — `propagate(track, frame, 1)`. */
export function copyToNextFrame<T extends Track>(track: T, frame: number): T {
  return propagate(track, frame, 1);
}
