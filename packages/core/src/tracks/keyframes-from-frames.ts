import { lerpPoints, lerpRectangle, normalizeDegrees } from './interpolate-shapes.js';
import type { FrameShape, Keyframe, PointsShape, RectangleShape, TrackKind, TrackShape } from './track-types.js';

/** How far an interpolated shape may stray from the given one before another keyframe is kept. */
export interface SimplifyOptions {
  /** In percent of the frame, for x, y, width, height and every vertex coordinate; default 0.05. */
  tolerance?: number;
  /** In degrees, for a box's rotation; default 0.5. */
  rotationTolerance?: number;
}

function deviation(kind: TrackKind, a: TrackShape, b: TrackShape, rotationScale: number): number {
  if (kind === 'rectangle') {
    const p = a as RectangleShape;
    const q = b as RectangleShape;
    const turn = Math.abs(normalizeDegrees(p.rotation - q.rotation + 180) - 180);
    return Math.max(Math.abs(p.x - q.x), Math.abs(p.y - q.y), Math.abs(p.width - q.width), Math.abs(p.height - q.height), turn * rotationScale);
  }
  const p = (a as PointsShape).points;
  const q = (b as PointsShape).points;
  // Outlines whose vertex count changes cannot be blended into each other exactly: keep both.
  if (p.length !== q.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(p[i]![0] - q[i]![0]), Math.abs(p[i]![1] - q[i]![1]));
  return worst;
}

function blend(kind: TrackKind, a: TrackShape, b: TrackShape, t: number): TrackShape {
  if (kind === 'rectangle') return lerpRectangle(a as RectangleShape, b as RectangleShape, t);
  return { points: lerpPoints((a as PointsShape).points, (b as PointsShape).points, t) };
}

/** Indices of the frames of one consecutive run to keep as keyframes (Douglas–Peucker in time). */
function keepInRun(kind: TrackKind, run: readonly FrameShape[], tolerance: number, rotationScale: number): number[] {
  const keep = new Set([0, run.length - 1]);
  const stack: [number, number][] = [[0, run.length - 1]];
  while (stack.length > 0) {
    const [s, e] = stack.pop()!;
    if (e - s < 2) continue;
    const a = run[s]!;
    const b = run[e]!;
    let worst = -1;
    let at = -1;
    for (let i = s + 1; i < e; i++) {
      const f = run[i]!;
      const d = deviation(kind, blend(kind, a.shape, b.shape, (f.frame - a.frame) / (b.frame - a.frame)), f.shape, rotationScale);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > tolerance) {
      keep.add(at);
      stack.push([s, at], [at, e]);
    }
  }
  return [...keep].sort((x, y) => x - y);
}

/**
 * Keyframes for an object given on every frame it is seen (MOT rows, a tracker's output): a
 * keyframe where a stretch of frames starts and ends, and in between only where linear
 * interpolation would miss the given shape by more than the tolerance. A frame missing from the
 * list makes a gap: the frame before it becomes a keyframe with `enabled: false` (out of view
 * after it), and so does the last frame given. Frames must be whole numbers; duplicates keep the
 * last. The result reproduces every given frame within the tolerance.
 * @example keyframesFromFrames('rectangle', perFrameBoxes) // 2 keyframes for a box moving steadily
 */
export function keyframesFromFrames(kind: TrackKind, frames: readonly FrameShape[], options: SimplifyOptions = {}): Keyframe[] {
  const tolerance = options.tolerance ?? 0.05;
  const rotationScale = tolerance / (options.rotationTolerance ?? 0.5);
  const byFrame = new Map<number, TrackShape>();
  for (const f of frames) {
    if (!Number.isInteger(f.frame)) throw new RangeError(`frames must be whole numbers, got ${f.frame}`);
    byFrame.set(f.frame, f.shape);
  }
  const sorted = [...byFrame].sort((a, b) => a[0] - b[0]).map(([frame, shape]): FrameShape => ({ frame, shape }));
  const keyframes: Keyframe[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i]!.frame === sorted[i - 1]!.frame + 1) continue;
    const run = sorted.slice(start, i);
    const kept = keepInRun(kind, run, tolerance, rotationScale);
    kept.forEach((j, n) => {
      const f = run[j]!;
      keyframes.push({ ...(f.shape as RectangleShape & PointsShape), frame: f.frame, enabled: n < kept.length - 1 } as Keyframe);
    });
    start = i;
  }
  return keyframes;
}
