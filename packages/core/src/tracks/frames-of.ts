import { segmentInterpolator, shapeOfKeyframe } from './interpolate-shapes.js';
import { keyframeIndexAt } from './interpolate-track.js';
import type { FrameRange, FrameShape, Keyframe, TrackShape, ShapeOf, Track } from './track-types.js';

/**
 * Yields `{ frame, shape }` for every whole frame from `from` to `to` (both inclusive) on which
 * the object is in view, in frame order; each shape equals `interpolateAt(track, frame)` and is a
 * fresh object the caller may keep or change.
 *
 * Walks the keyframes once instead of searching per frame, and matches up each keyframe pair's
 * outlines once for all the frames between them.
 * @example for (const { frame, shape } of framesOf(track, { from: 1, to: 300 })) draw(frame, shape);
 */
export function* framesOf<T extends Track>(track: T, range: FrameRange): Generator<FrameShape<ShapeOf<T>>, void, undefined> {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to)) {
    throw new RangeError(`frame range must be finite, got ${range.from}..${range.to}`);
  }
  const keyframes: readonly Keyframe[] = track.keyframes;
  const first = keyframes[0];
  if (first === undefined) return;
  const to = Math.floor(range.to);
  let frame = Math.max(Math.ceil(range.from), Math.ceil(first.frame));
  let i = keyframeIndexAt(keyframes, frame);
  for (; frame <= to && i < keyframes.length; i++) {
    const k = keyframes[i] as Keyframe;
    const next = keyframes[i + 1];
    if (frame === k.frame) {
      yield { frame, shape: shapeOfKeyframe(k) as ShapeOf<T> };
      frame++;
    }
    const end = next === undefined ? to : Math.min(to, Math.ceil(next.frame) - 1);
    if (k.enabled && frame <= end) {
      if (next === undefined) {
        for (; frame <= end; frame++) yield { frame, shape: shapeOfKeyframe(k) as ShapeOf<T> };
      } else {
        const at: (t: number) => TrackShape = segmentInterpolator(track.kind, k, next);
        const span = next.frame - k.frame;
        for (; frame <= end; frame++) yield { frame, shape: at((frame - k.frame) / span) as ShapeOf<T> };
      }
    }
    if (next !== undefined) frame = Math.max(frame, Math.ceil(next.frame));
  }
}
