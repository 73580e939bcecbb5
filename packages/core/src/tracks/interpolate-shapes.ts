import { alignOutlines } from './resample-points.js';
import type { Keyframe, TrackPoint, PointsKeyframe, PointsShape, RectangleKeyframe, RectangleShape, TrackShape, TrackKind } from './track-types.js';

/** `a + (b − a)·t`, kept within [a, b] even when float rounding would overshoot by an ulp. */
export function lerp(a: number, b: number, t: number): number {
  const v = a + (b - a) * t;
  return a <= b ? (v < a ? a : v > b ? b : v) : v > a ? a : v < b ? b : v;
}

/** An angle in degrees brought into [0, 360). */
export function normalizeDegrees(degrees: number): number {
  const r = degrees % 360;
  const n = r < 0 ? r + 360 : r;
  // `+ 0` turns −0 into 0; a tiny negative angle plus 360 can round to 360 itself.
  return n >= 360 ? 0 : n + 0;
}

/**
 * Blends two angles along the shorter way round, normalised to [0, 360); a half turn goes
 * counter-clockwise (decreasing angle).
 * @example lerpDegrees(350, 10, 0.5) // 0 — through 0°, not through 180°
 */
export function lerpDegrees(a: number, b: number, t: number): number {
  let d = (b - a) % 360;
  if (d >= 180) d -= 360;
  else if (d < -180) d += 360;
  return normalizeDegrees(a + d * t);
}

/** A fresh copy of a keyframe's shape (without `frame` and `enabled`), rotation in [0, 360). */
export function shapeOfKeyframe(keyframe: Keyframe): TrackShape {
  if ('points' in keyframe) return { points: keyframe.points.map((p): TrackPoint => [p[0], p[1]]) };
  const { x, y, width, height, rotation } = keyframe;
  return { x, y, width, height, rotation: normalizeDegrees(rotation) };
}

/** Blends two boxes: x, y, width and height linearly, rotation the shorter way round. */
export function lerpRectangle(a: RectangleShape, b: RectangleShape, t: number): RectangleShape {
  return {
    x: lerp(a.x, b.x, t),
    y: lerp(a.y, b.y, t),
    width: lerp(a.width, b.width, t),
    height: lerp(a.height, b.height, t),
    rotation: lerpDegrees(a.rotation, b.rotation, t),
  };
}

/** Blends two outlines with the same number of vertices, vertex by vertex. */
export function lerpPoints(a: readonly TrackPoint[], b: readonly TrackPoint[], t: number): TrackPoint[] {
  const out = new Array<TrackPoint>(a.length);
  for (let i = 0; i < a.length; i++) {
    const p = a[i] as TrackPoint;
    const q = b[i] as TrackPoint;
    out[i] = [lerp(p[0], q[0], t), lerp(p[1], q[1], t)];
  }
  return out;
}

/**
 * The shape between keyframes `a` and `b` as a function of `t` in [0, 1) (the fraction of the
 * way from `a.frame` to `b.frame`). Work that does not depend on `t` — matching up outlines with
 * different vertex counts — is done once here, so callers walking many frames build one per
 * keyframe pair.
 */
export function segmentInterpolator(kind: TrackKind, a: Keyframe, b: Keyframe): (t: number) => TrackShape {
  if (kind === 'rectangle') {
    const ra = a as RectangleKeyframe;
    const rb = b as RectangleKeyframe;
    return (t) => lerpRectangle(ra, rb, t);
  }
  const pa = (a as PointsKeyframe).points;
  const pb = (b as PointsKeyframe).points;
  // An outline cannot grow out of nothing: with an empty side the shape holds `a` until `b`.
  if (pa.length === 0 || pb.length === 0) return () => shapeOfKeyframe(a);
  if (pa.length === pb.length) return (t): PointsShape => ({ points: lerpPoints(pa, pb, t) });
  const [from, to] = alignOutlines(pa, pb, kind === 'polygon');
  return (t): PointsShape => ({ points: lerpPoints(from, to, t) });
}
