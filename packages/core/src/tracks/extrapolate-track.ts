import { interpolateAt, keyframeIndexAt } from './interpolate-track.js';
import { normalizeDegrees } from './interpolate-shapes.js';
import type { Keyframe, PointsShape, RectangleShape, Track, TrackPoint } from './track-types.js';

/**
 * A tracker that needs no model: the object keeps the velocity it had between the keyframe before
 * `fromFrame` and `fromFrame` (x, y, size, rotation and every vertex move on in a straight line),
 * or stays put when there is no earlier keyframe. Returns the proposed keyframes for
 * `fromFrame + 1 … fromFrame + n` — one per frame, as a model's tracker would give them — for the
 * editor to show as suggestions. Outlines whose vertex count changed since that keyframe stay put.
 * Throws a RangeError when n is not a whole number ≥ 1 or the track is not in view on `fromFrame`.
 * @example extrapolateTrack(track, 40, 10).map((k) => k.frame) // [41, 42, …, 50]
 */
export function extrapolateTrack(track: Track, fromFrame: number, n: number): Keyframe[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number of frames ≥ 1, got ${n}`);
  const now = interpolateAt(track, fromFrame);
  if (now === undefined) throw new RangeError(`track "${track.id}" is not in view on frame ${fromFrame}`);
  const keyframes: readonly Keyframe[] = track.keyframes;
  let i = keyframeIndexAt(keyframes, fromFrame);
  if (keyframes[i]?.frame === fromFrame) i--;
  const before = keyframes[i];
  const span = before === undefined ? 0 : fromFrame - before.frame;
  const out: Keyframe[] = [];
  for (let step = 1; step <= n; step++) {
    const t = span === 0 ? 0 : step / span;
    const frame = fromFrame + step;
    if ('x' in now) {
      const b = before as RectangleShape | undefined;
      const at = (key: 'x' | 'y' | 'width' | 'height') => now[key] + (b === undefined ? 0 : (now[key] - b[key]) * t);
      const turn = b === undefined ? 0 : ((((now.rotation - b.rotation) % 360) + 540) % 360) - 180;
      out.push({ frame, x: at('x'), y: at('y'), width: Math.max(0, at('width')), height: Math.max(0, at('height')), rotation: normalizeDegrees(now.rotation + turn * t), enabled: true });
    } else {
      const b = before as PointsShape | undefined;
      const same = b !== undefined && b.points.length === now.points.length;
      const points = now.points.map(([x, y], k): TrackPoint => {
        if (!same) return [x, y];
        const [bx, by] = b.points[k]!;
        return [x + (x - bx) * t, y + (y - by) * t];
      });
      out.push({ frame, points, enabled: true });
    }
  }
  return out;
}
