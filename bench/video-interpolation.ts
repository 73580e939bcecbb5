// bench/video-interpolation: boxes per second from framesOf over 50 box tracks × 18,000 frames
// (10 min at 30 fps = 900,000 boxes), beside a baseline loop in the same run that walks the same
// keyframes and only copies the keyframe in force into each frame. Also polygon tracks whose
// vertex counts change between keyframes (the resampling path).
// Target: 900,000 boxes well under 10 s.      node --import tsx bench/video-interpolation.ts
import {
  framesOf, type FrameRange, type PointsTrack, type RectangleKeyframe, type RectangleShape, type RectangleTrack, type Track, type TrackPoint,
} from '../packages/core/src/tracks/index.js';

const TRACKS = 50;
const FRAMES = 18_000;
const KEYFRAME_EVERY = 30;
const RUNS = 7;
const TARGET_MS = 10_000;
const range: FrameRange = { from: 0, to: FRAMES - 1 };

// A small deterministic generator, so every run measures the same tracks.
let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

function boxTrack(id: number): RectangleTrack {
  const keyframes: RectangleKeyframe[] = [];
  for (let frame = 0; frame < FRAMES; frame += KEYFRAME_EVERY) {
    keyframes.push({ frame, x: random() * 80, y: random() * 80, width: 5 + random() * 15, height: 5 + random() * 15, rotation: random() * 360, enabled: true });
  }
  return { id: `box-${id}`, kind: 'rectangle', keyframes };
}

function polygonTrack(id: number): PointsTrack {
  const keyframes = [];
  for (let frame = 0; frame < FRAMES; frame += KEYFRAME_EVERY) {
    const count = 6 + Math.floor(random() * 6);
    const points = Array.from({ length: count }, (_, i): TrackPoint => {
      const angle = (2 * Math.PI * i) / count;
      return [50 + 30 * Math.cos(angle) + random(), 50 + 30 * Math.sin(angle) + random()];
    });
    keyframes.push({ frame, points, enabled: true });
  }
  return { id: `polygon-${id}`, kind: 'polygon', keyframes };
}

/** The baseline: the same walk over keyframes, copying the keyframe in force instead of blending. */
function* copyKeyframes(track: RectangleTrack, { from, to }: FrameRange): Generator<{ frame: number; shape: RectangleShape }> {
  const keyframes = track.keyframes;
  let i = 0;
  for (let frame = from; frame <= to; frame++) {
    while (i + 1 < keyframes.length && (keyframes[i + 1] as RectangleKeyframe).frame <= frame) i++;
    const k = keyframes[i] as RectangleKeyframe;
    yield { frame, shape: { x: k.x, y: k.y, width: k.width, height: k.height, rotation: k.rotation } };
  }
}

/** Median time over RUNS passes of `walk` over all tracks; the checksum keeps the work observable. */
function measure<T extends Track>(tracks: T[], walk: (track: T) => Iterable<{ frame: number; shape: unknown }>): { ms: number; shapes: number } {
  const times: number[] = [];
  let shapes = 0;
  let checksum = 0;
  for (let run = 0; run < RUNS; run++) {
    shapes = 0;
    const start = performance.now();
    for (const track of tracks) {
      for (const { frame, shape } of walk(track)) {
        shapes++;
        checksum += frame + ('x' in (shape as object) ? (shape as RectangleShape).x : (shape as { points: unknown[] }).points.length);
      }
    }
    times.push(performance.now() - start);
  }
  if (!Number.isFinite(checksum)) throw new Error('checksum is not finite');
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] as number, shapes };
}

const boxes = Array.from({ length: TRACKS }, (_, i) => boxTrack(i));
const polygons = Array.from({ length: TRACKS }, (_, i) => polygonTrack(i));
const perSecond = (r: { ms: number; shapes: number }) => Math.round(r.shapes / (r.ms / 1000));
const fmt = (n: number) => n.toLocaleString('en-US');

const baseline = measure(boxes, (t) => copyKeyframes(t, range));
const interpolated = measure(boxes, (t) => framesOf(t, range));
const outlines = measure(polygons, (t) => framesOf(t, range));

console.log(`${TRACKS} tracks × ${fmt(FRAMES)} frames, keyframe every ${KEYFRAME_EVERY} frames, median of ${RUNS} runs`);
console.log(`baseline (copy keyframe):    ${fmt(baseline.shapes)} boxes in ${baseline.ms.toFixed(0)} ms = ${fmt(perSecond(baseline))} boxes/s`);
console.log(`framesOf (interpolate):      ${fmt(interpolated.shapes)} boxes in ${interpolated.ms.toFixed(0)} ms = ${fmt(perSecond(interpolated))} boxes/s`);
console.log(`ratio to baseline:           ${(perSecond(interpolated) / perSecond(baseline)).toFixed(2)} (throughput; 1 = as fast as copying)`);
console.log(`framesOf polygons, 6–11 vertices, counts change at every keyframe: ${fmt(outlines.shapes)} in ${outlines.ms.toFixed(0)} ms = ${fmt(perSecond(outlines))} polygons/s`);
const ok = interpolated.shapes === TRACKS * FRAMES && interpolated.ms < TARGET_MS;
console.log(`target ${fmt(TRACKS * FRAMES)} boxes in < ${TARGET_MS / 1000} s: ${ok ? 'met' : 'MISSED'}`);
if (!ok) process.exitCode = 1;
